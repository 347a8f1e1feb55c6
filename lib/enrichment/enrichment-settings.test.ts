import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseSettings } from "@/lib/env.server";

describe("parseSettings", () => {
  it("defaults: every provider the config builds, 1 s budget, 800 ms remote timeout, no trusted proxies, no third-party sources", () => {
    const env = parseSettings({});
    assert.equal(env.ENRICHMENT_PROVIDERS, null);
    assert.equal(env.ENRICHMENT_BUDGET_MS, 1000);
    assert.equal(env.IPGEOLOCATION_TIMEOUT_MS, 800);
    assert.equal(env.TRUSTED_PROXY_HOPS, 0);
    assert.equal(env.IPGEOLOCATION_API_KEY, undefined);
    assert.equal(env.DEV_SIMULATED_IP, undefined);
    assert.equal(env.FULLCONTACT, "off");
    assert.equal(env.PEOPLE_DATA_LABS, "off");
    assert.equal(env.FULLCONTACT_API_KEY, undefined);
    assert.equal(env.FULLCONTACT_BASE_URL, "https://api.fullcontact.com");
    assert.equal(env.PEOPLE_DATA_LABS_BASE_URL, "https://api.peopledatalabs.com");
    assert.equal(env.FULLCONTACT_TIMEOUT_MS, 3000);
    assert.equal(env.PEOPLE_DATA_LABS_TIMEOUT_MS, 3000);
    assert.equal(env.ENRICHMENT_STANDINS_URL, "http://localhost:3002");
  });

  it("treats empty variables as unset", () => {
    const env = parseSettings({ ENRICHMENT_PROVIDERS: "", TRUSTED_PROXY_HOPS: " ", IPGEOLOCATION_API_KEY: "", DEV_SIMULATED_IP: "", FULLCONTACT: "", FULLCONTACT_BASE_URL: "" });
    assert.equal(env.ENRICHMENT_PROVIDERS, null);
    assert.equal(env.TRUSTED_PROXY_HOPS, 0);
    assert.equal(env.IPGEOLOCATION_API_KEY, undefined);
    assert.equal(env.FULLCONTACT, "off");
  });

  it("reads a provider list in order, and 'none'", () => {
    assert.deepEqual(parseSettings({ ENRICHMENT_PROVIDERS: " geoip , client,work-email" }).ENRICHMENT_PROVIDERS, ["geoip", "client", "work-email"]);
    assert.deepEqual(parseSettings({ ENRICHMENT_PROVIDERS: "none" }).ENRICHMENT_PROVIDERS, []);
  });

  it("reads numbers and addresses", () => {
    const env = parseSettings({ TRUSTED_PROXY_HOPS: "2", ENRICHMENT_BUDGET_MS: "300", DEV_SIMULATED_IP: "81.2.69.142", IPGEOLOCATION_BASE_URL: "http://127.0.0.1:9999" });
    assert.equal(env.TRUSTED_PROXY_HOPS, 2);
    assert.equal(env.ENRICHMENT_BUDGET_MS, 300);
    assert.equal(env.DEV_SIMULATED_IP, "81.2.69.142");
    assert.equal(env.IPGEOLOCATION_BASE_URL, "http://127.0.0.1:9999");
  });

  it("a third-party source switched on in development without a key talks to the local stand-in", () => {
    const env = parseSettings({ FULLCONTACT: "ON", PEOPLE_DATA_LABS: "on", ENRICHMENT_STANDINS_URL: "http://localhost:3102/" });
    assert.equal(env.FULLCONTACT, "on");
    assert.equal(env.FULLCONTACT_API_KEY, "standin");
    assert.equal(env.FULLCONTACT_BASE_URL, "http://localhost:3102/fullcontact");
    assert.equal(env.PEOPLE_DATA_LABS_API_KEY, "standin");
    assert.equal(env.PEOPLE_DATA_LABS_BASE_URL, "http://localhost:3102/pdl");
  });

  it("a key or a base URL given is used as it is (trailing slash dropped), in any mode", () => {
    const env = parseSettings({ NODE_ENV: "production", FULLCONTACT: "on", FULLCONTACT_API_KEY: "fc_live_0123456789", FULLCONTACT_BASE_URL: "http://localhost:3102/fullcontact/", FULLCONTACT_TIMEOUT_MS: "1500" });
    assert.equal(env.FULLCONTACT_API_KEY, "fc_live_0123456789");
    assert.equal(env.FULLCONTACT_BASE_URL, "http://localhost:3102/fullcontact");
    assert.equal(env.FULLCONTACT_TIMEOUT_MS, 1500);
    const dev = parseSettings({ FULLCONTACT: "on", FULLCONTACT_API_KEY: "fc_live_0123456789" });
    assert.equal(dev.FULLCONTACT_BASE_URL, "https://api.fullcontact.com");
  });

  it("in production a source switched on needs its key", () => {
    assert.throws(
      () => parseSettings({ NODE_ENV: "production", FULLCONTACT: "on", PEOPLE_DATA_LABS: "on" }),
      (error: Error) =>
        /FULLCONTACT_API_KEY is missing while FULLCONTACT=on: set the key from FullContact's dashboard, or FULLCONTACT=off/.test(error.message) &&
        /PEOPLE_DATA_LABS_API_KEY is missing while PEOPLE_DATA_LABS=on/.test(error.message),
    );
    assert.equal(parseSettings({ NODE_ENV: "production", FULLCONTACT: "off" }).FULLCONTACT_API_KEY, undefined);
  });

  it("names every bad variable in one error", () => {
    assert.throws(
      () =>
        parseSettings({
          ENRICHMENT_PROVIDERS: "geoip,Max Mind,geoip",
          TRUSTED_PROXY_HOPS: "-1",
          DEV_SIMULATED_IP: "localhost",
          IPGEOLOCATION_BASE_URL: "ftp://x",
          FULLCONTACT: "yes",
          PEOPLE_DATA_LABS_BASE_URL: "api.peopledatalabs.com",
          PEOPLE_DATA_LABS_TIMEOUT_MS: "60000",
          FULLCONTACT_API_KEY: "has spaces in it",
          ENRICHMENT_STANDINS_URL: "http://localhost:3002/standins",
        }),
      (error: Error) =>
        /ENRICHMENT_PROVIDERS names "Max Mind": a provider's name is lower case letters/.test(error.message) &&
        /ENRICHMENT_PROVIDERS names "geoip" more than once/.test(error.message) &&
        /TRUSTED_PROXY_HOPS/.test(error.message) &&
        /DEV_SIMULATED_IP must be an IPv4 or IPv6 address/.test(error.message) &&
        /IPGEOLOCATION_BASE_URL must be an http\(s\) URL/.test(error.message) &&
        /FULLCONTACT must be "on" .* or "off" \(the default\); got "yes"/.test(error.message) &&
        /PEOPLE_DATA_LABS_BASE_URL must be an http\(s\) URL without a query/.test(error.message) &&
        /PEOPLE_DATA_LABS_TIMEOUT_MS must be a whole number of milliseconds from 10 to 10000/.test(error.message) &&
        /FULLCONTACT_API_KEY must be the API key from FullContact's dashboard/.test(error.message) &&
        /ENRICHMENT_STANDINS_URL "http:\/\/localhost:3002\/standins" must be an origin only/.test(error.message),
    );
  });
});
