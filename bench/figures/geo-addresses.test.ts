import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { isIP } from "node:net";
import { publicIp } from "@/lib/enrichment/ip-ranges";
import { fingerprint, publicIpv4s, publicIpv6s } from "./geo-addresses";

describe("bench geo addresses", () => {
  it("are the same list for the same seed and a different one for another seed", () => {
    assert.deepEqual(publicIpv4s(500, 1), publicIpv4s(500, 1));
    assert.notEqual(fingerprint(publicIpv4s(500, 1)), fingerprint(publicIpv4s(500, 2)));
    assert.deepEqual(publicIpv6s(200, 1), publicIpv6s(200, 1));
  });

  it("are public unicast addresses of the right family, in the form publicIp returns", () => {
    for (const ip of publicIpv4s(2000, 7)) {
      assert.equal(isIP(ip), 4, ip);
      assert.equal(publicIp(ip), ip);
    }
    for (const ip of publicIpv6s(2000, 7)) {
      assert.equal(isIP(ip), 6, ip);
      assert.equal(publicIp(ip), ip);
      assert.match(ip, /^2[468ac]0[0-9a-f]:/);
    }
  });

  it("are spread over the address space, not clustered", () => {
    const firstOctets = new Set(publicIpv4s(5000, 3).map((ip) => ip.split(".")[0]));
    assert.ok(firstOctets.size > 150, `only ${firstOctets.size} distinct first octets`);
  });
});
