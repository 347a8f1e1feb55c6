import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { clientIp, clientIpFromHeaders } from "./client-ip.server";

describe("clientIp without trusted proxies (0 hops)", () => {
  it("uses the socket address and ignores X-Forwarded-For entirely", () => {
    assert.equal(clientIp({ trustedProxyHops: 0, socketAddress: "81.2.69.142", forwardedFor: "8.8.8.8" }), "81.2.69.142");
  });

  it("returns null rather than trusting a header when no socket address is known", () => {
    assert.equal(clientIp({ trustedProxyHops: 0, socketAddress: null, forwardedFor: "8.8.8.8" }), null);
    assert.equal(clientIpFromHeaders(new Headers({ "x-forwarded-for": "8.8.8.8" }), { trustedProxyHops: 0 }), null);
  });

  it("normalises IPv4-mapped socket addresses", () => {
    assert.equal(clientIp({ trustedProxyHops: 0, socketAddress: "::ffff:81.2.69.142" }), "81.2.69.142");
    assert.equal(clientIp({ trustedProxyHops: 0, socketAddress: "::FFFF:7F00:1" }), "127.0.0.1");
  });

  it("returns null for a malformed socket address", () => {
    assert.equal(clientIp({ trustedProxyHops: 0, socketAddress: "not-an-ip" }), null);
  });
});

describe("clientIp behind trusted proxies", () => {
  it("one hop: the rightmost entry, whatever the client put to its left", () => {
    assert.equal(clientIp({ trustedProxyHops: 1, socketAddress: "10.0.0.2", forwardedFor: "81.2.69.142" }), "81.2.69.142");
    // A client sending "X-Forwarded-For: 1.1.1.1" gets "1.1.1.1, <its real address>" from the proxy.
    assert.equal(clientIp({ trustedProxyHops: 1, socketAddress: "10.0.0.2", forwardedFor: "1.1.1.1, 81.2.69.142" }), "81.2.69.142");
  });

  it("two hops: the second entry from the right", () => {
    assert.equal(clientIp({ trustedProxyHops: 2, forwardedFor: "6.6.6.6, 81.2.69.142, 10.0.0.7" }), "81.2.69.142");
  });

  it("reads several X-Forwarded-For headers joined by commas and odd spacing", () => {
    const headers = new Headers();
    headers.append("x-forwarded-for", "6.6.6.6");
    headers.append("x-forwarded-for", " 81.2.69.142 ,10.0.0.7");
    assert.equal(clientIpFromHeaders(headers, { trustedProxyHops: 2 }), "81.2.69.142");
  });

  it("returns null when there are fewer entries than trusted hops", () => {
    assert.equal(clientIp({ trustedProxyHops: 2, forwardedFor: "81.2.69.142" }), null);
    assert.equal(clientIp({ trustedProxyHops: 1, forwardedFor: "" }), null);
    assert.equal(clientIp({ trustedProxyHops: 1, forwardedFor: null }), null);
    assert.equal(clientIpFromHeaders(new Headers(), { trustedProxyHops: 1 }), null);
  });

  it("strips ports and brackets, and normalises IPv6", () => {
    assert.equal(clientIp({ trustedProxyHops: 1, forwardedFor: "81.2.69.142:51234" }), "81.2.69.142");
    assert.equal(clientIp({ trustedProxyHops: 1, forwardedFor: "[2A00:1450:4009::1]:443" }), "2a00:1450:4009::1");
    assert.equal(clientIp({ trustedProxyHops: 1, forwardedFor: "2a00:1450:4009:0:0:0:0:1" }), "2a00:1450:4009::1");
    assert.equal(clientIp({ trustedProxyHops: 1, forwardedFor: "::ffff:81.2.69.142" }), "81.2.69.142");
  });

  it("returns null for a malformed entry at the trusted position, without looking further left", () => {
    for (const header of ["8.8.8.8, unknown", "8.8.8.8, 999.1.1.1", "8.8.8.8, abc", "8.8.8.8, 1.2.3.4.5", "8.8.8.8, _hidden"]) {
      assert.equal(clientIp({ trustedProxyHops: 1, forwardedFor: header }), null, header);
    }
  });

  it("treats a nonsensical hop count as 0", () => {
    assert.equal(clientIp({ trustedProxyHops: -1, forwardedFor: "8.8.8.8" }), null);
    assert.equal(clientIp({ trustedProxyHops: 1.5, forwardedFor: "8.8.8.8" }), null);
  });
});

describe("DEV_SIMULATED_IP", () => {
  it("stands in for the client's address outside production", () => {
    assert.equal(clientIp({ trustedProxyHops: 0, socketAddress: "127.0.0.1", devSimulatedIp: "81.2.69.142", nodeEnv: "development" }), "81.2.69.142");
    assert.equal(clientIp({ trustedProxyHops: 1, forwardedFor: "8.8.8.8", devSimulatedIp: "81.2.69.142" }), "81.2.69.142");
  });

  it("is ignored in production", () => {
    assert.equal(clientIp({ trustedProxyHops: 0, socketAddress: "127.0.0.1", devSimulatedIp: "81.2.69.142", nodeEnv: "production" }), "127.0.0.1");
    assert.equal(clientIpFromHeaders(new Headers(), { trustedProxyHops: 0, devSimulatedIp: "81.2.69.142", nodeEnv: "production" }), null);
  });

  it("is ignored when it is not an address", () => {
    assert.equal(clientIp({ trustedProxyHops: 0, socketAddress: "81.2.69.142", devSimulatedIp: "here", nodeEnv: "development" }), "81.2.69.142");
  });
});
