import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseSettings } from "@/lib/env.server";

describe("parseSettings", () => {
  it("defaults: every provider, 1 s budget, 800 ms remote timeout, no trusted proxies", () => {
    const env = parseSettings({});
    assert.deepEqual(env.ENRICHMENT_PROVIDERS, ["client", "authgear-context", "ipgeolocation", "geoip"]);
    assert.equal(env.ENRICHMENT_BUDGET_MS, 1000);
    assert.equal(env.IPGEOLOCATION_TIMEOUT_MS, 800);
    assert.equal(env.TRUSTED_PROXY_HOPS, 0);
    assert.equal(env.IPGEOLOCATION_API_KEY, undefined);
    assert.equal(env.DEV_SIMULATED_IP, undefined);
  });

  it("treats empty variables as unset", () => {
    const env = parseSettings({ ENRICHMENT_PROVIDERS: "", TRUSTED_PROXY_HOPS: " ", IPGEOLOCATION_API_KEY: "", DEV_SIMULATED_IP: "" });
    assert.equal(env.ENRICHMENT_PROVIDERS.length, 4);
    assert.equal(env.TRUSTED_PROXY_HOPS, 0);
    assert.equal(env.IPGEOLOCATION_API_KEY, undefined);
  });

  it("reads a provider list in order, and 'none'", () => {
    assert.deepEqual(parseSettings({ ENRICHMENT_PROVIDERS: " geoip , client" }).ENRICHMENT_PROVIDERS, ["geoip", "client"]);
    assert.deepEqual(parseSettings({ ENRICHMENT_PROVIDERS: "none" }).ENRICHMENT_PROVIDERS, []);
  });

  it("reads numbers and addresses", () => {
    const env = parseSettings({ TRUSTED_PROXY_HOPS: "2", ENRICHMENT_BUDGET_MS: "300", DEV_SIMULATED_IP: "81.2.69.142", IPGEOLOCATION_BASE_URL: "http://127.0.0.1:9999" });
    assert.equal(env.TRUSTED_PROXY_HOPS, 2);
    assert.equal(env.ENRICHMENT_BUDGET_MS, 300);
    assert.equal(env.DEV_SIMULATED_IP, "81.2.69.142");
    assert.equal(env.IPGEOLOCATION_BASE_URL, "http://127.0.0.1:9999");
  });

  it("names every bad variable in one error", () => {
    assert.throws(
      () => parseSettings({ ENRICHMENT_PROVIDERS: "geoip,maxmind", TRUSTED_PROXY_HOPS: "-1", DEV_SIMULATED_IP: "localhost", IPGEOLOCATION_BASE_URL: "ftp://x" }),
      (error: Error) =>
        /ENRICHMENT_PROVIDERS/.test(error.message) &&
        /TRUSTED_PROXY_HOPS/.test(error.message) &&
        /DEV_SIMULATED_IP must be an IPv4 or IPv6 address/.test(error.message) &&
        /IPGEOLOCATION_BASE_URL must be an http\(s\) URL/.test(error.message),
    );
  });
});
