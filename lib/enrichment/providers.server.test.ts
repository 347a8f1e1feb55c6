import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseSettings } from "@/lib/env.server";
import { buildEnrichmentProviders } from "./providers.server";

const quiet = { warn: () => {} };
const names = (env: Record<string, string>) => buildEnrichmentProviders(parseSettings(env), quiet).map((p) => p.name);

describe("buildEnrichmentProviders", () => {
  it("runs the offline providers by default, and the remote one only with a key", () => {
    assert.deepEqual(names({}), ["client", "authgear-context", "geoip"]);
    assert.deepEqual(names({ IPGEOLOCATION_API_KEY: "abcdef0123456789" }), ["client", "authgear-context", "ipgeolocation", "geoip"]);
  });

  it("follows ENRICHMENT_PROVIDERS: order, a subset, or none", () => {
    assert.deepEqual(names({ ENRICHMENT_PROVIDERS: "geoip,client" }), ["geoip", "client"]);
    assert.deepEqual(names({ ENRICHMENT_PROVIDERS: "ipgeolocation" }), []);
    assert.deepEqual(names({ ENRICHMENT_PROVIDERS: "none", IPGEOLOCATION_API_KEY: "abcdef0123456789" }), []);
  });

  it("gives the remote provider its configured timeout", () => {
    const [remote] = buildEnrichmentProviders(parseSettings({ ENRICHMENT_PROVIDERS: "ipgeolocation", IPGEOLOCATION_API_KEY: "abcdef0123456789", IPGEOLOCATION_TIMEOUT_MS: "300" }), quiet);
    assert.equal(remote?.name, "ipgeolocation");
    assert.equal(remote?.timeBudgetMs, 350);
  });
});
