import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { isPublicIp, nonPublicRange, normalizeIp, publicIp } from "./ip-ranges";

describe("normalizeIp", () => {
  it("keeps valid IPv4 as it is and trims whitespace", () => {
    assert.equal(normalizeIp("81.2.69.142"), "81.2.69.142");
    assert.equal(normalizeIp("  8.8.8.8\n"), "8.8.8.8");
  });

  it("writes IPv6 in lower-case compressed form, without brackets or zone ID", () => {
    assert.equal(normalizeIp("2001:4860:4860:0000:0000:0000:0000:8888"), "2001:4860:4860::8888");
    assert.equal(normalizeIp("2A00:1450:4009::1"), "2a00:1450:4009::1");
    assert.equal(normalizeIp("[2a00:1450:4009::1]"), "2a00:1450:4009::1");
    assert.equal(normalizeIp("fe80::1%eth0"), "fe80::1");
  });

  it("turns IPv4-mapped IPv6 into IPv4, in dotted and hex notation", () => {
    assert.equal(normalizeIp("::ffff:81.2.69.142"), "81.2.69.142");
    assert.equal(normalizeIp("::FFFF:7f00:1"), "127.0.0.1");
    assert.equal(normalizeIp("[::ffff:10.0.0.1]"), "10.0.0.1");
  });

  it("refuses everything that is not exactly an address", () => {
    for (const bad of ["", "abc", "999.1.1.1", "1.2.3", "01.2.3.4", "1.2.3.4.", "1.2.3.4:80", "[::1]:443", "::g", "1.2.3.4, 5.6.7.8", "localhost", null, undefined, 1234, "1".repeat(100)]) {
      assert.equal(normalizeIp(bad), null, String(bad));
    }
  });
});

describe("nonPublicRange and isPublicIp", () => {
  const cases: Array<[string, string]> = [
    ["0.0.0.0", "unspecified"],
    ["10.0.0.1", "private"],
    ["172.16.5.4", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "shared-cgnat"],
    ["100.127.255.254", "shared-cgnat"],
    ["127.0.0.1", "loopback"],
    ["169.254.169.254", "link-local"],
    ["192.0.2.10", "documentation"],
    ["198.51.100.7", "documentation"],
    ["203.0.113.99", "documentation"],
    ["198.18.0.1", "benchmarking"],
    ["224.0.0.251", "multicast"],
    ["239.255.255.250", "multicast"],
    ["240.0.0.1", "reserved"],
    ["255.255.255.255", "reserved"],
    ["192.0.0.8", "protocol-assignment"],
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["fc00::1", "unique-local"],
    ["fd12:3456:789a::1", "unique-local"],
    ["fe80::1", "link-local"],
    ["ff02::1", "multicast"],
    ["2001:db8::1", "documentation"],
    ["3fff::1", "documentation"],
    ["2001:0:4136:e378::1", "protocol-assignment"],
    ["2002:c000:0204::1", "translation"],
    ["64:ff9b::808:808", "translation"],
    ["100::1", "reserved"],
    ["fec0::1", "reserved"],
    ["4000::1", "not-global-unicast"],
  ];

  for (const [ip, range] of cases) {
    it(`${ip} is ${range}`, () => {
      assert.equal(nonPublicRange(ip), range);
      assert.equal(isPublicIp(ip), false);
    });
  }

  it("treats the edges of private ranges precisely", () => {
    assert.equal(isPublicIp("172.15.255.255"), true);
    assert.equal(isPublicIp("172.32.0.0"), true);
    assert.equal(isPublicIp("100.63.255.255"), true);
    assert.equal(isPublicIp("100.128.0.0"), true);
    assert.equal(isPublicIp("11.0.0.0"), true);
  });

  it("accepts public unicast addresses of both families", () => {
    for (const ip of ["81.2.69.142", "8.8.8.8", "1.1.1.1", "2a00:1450:4009::1", "2001:4860:4860::8888"]) {
      assert.equal(isPublicIp(ip), true, ip);
      assert.equal(nonPublicRange(ip), null, ip);
    }
  });

  it("judges IPv4-mapped IPv6 by the IPv4 inside", () => {
    assert.equal(isPublicIp("::ffff:192.168.0.1"), false);
    assert.equal(publicIp("::ffff:81.2.69.142"), "81.2.69.142");
  });

  it("says not public, without throwing, for malformed input", () => {
    for (const bad of ["", "abc", "999.1.1.1", null, {}]) {
      assert.equal(isPublicIp(bad), false);
      assert.equal(publicIp(bad), null);
    }
    assert.equal(nonPublicRange("garbage"), "reserved");
  });
});
