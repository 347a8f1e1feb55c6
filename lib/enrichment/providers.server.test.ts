import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { EnvError, parseSettings } from "@/lib/env.server";
import { defineEnrichment, isEnrichmentConfig, locationProviders } from "./config";
import { pickFields } from "./fields";
import { buildEnrichmentProviders, createEnrichmentService, phaseBudgetMs } from "./providers.server";
import type { EnrichmentProvider } from "./types";

const quiet = { warn: () => {} };
const location = defineEnrichment((env) => locationProviders(env, { log: quiet }));
const names = (env: Record<string, string>, config = location) => buildEnrichmentProviders(parseSettings(env), config).map((p) => p.name);

const custom = (name: string, extra: Partial<EnrichmentProvider> = {}): EnrichmentProvider => ({
  name,
  fields: pickFields("job_title"),
  timeBudgetMs: 100,
  thirdParty: false,
  lookup: async () => [],
  ...extra,
});

describe("buildEnrichmentProviders", () => {
  it("runs the offline providers by default, and the remote one only with a key", () => {
    assert.deepEqual(names({}), ["client", "authgear-context", "geoip"]);
    assert.deepEqual(names({ IPGEOLOCATION_API_KEY: "abcdef0123456789" }), ["client", "authgear-context", "ipgeolocation", "geoip"]);
  });

  it("follows ENRICHMENT_PROVIDERS: order, a subset, or none", () => {
    assert.deepEqual(names({ ENRICHMENT_PROVIDERS: "geoip,client" }), ["geoip", "client"]);
    assert.deepEqual(names({ ENRICHMENT_PROVIDERS: "none", IPGEOLOCATION_API_KEY: "abcdef0123456789" }), []);
  });

  it("refuses a name the config does not build, listing the ones it does", () => {
    assert.throws(
      () => names({ ENRICHMENT_PROVIDERS: "ipgeolocation" }),
      (error: Error) =>
        error instanceof EnvError &&
        /^ENRICHMENT_PROVIDERS names "ipgeolocation", which the enrichment config does not build with these settings: write some of client, authgear-context, geoip, in priority order, or "none"/.test(error.problems[0] ?? ""),
    );
  });

  it("builds any provider the app's config lists, by its own name, in the config's order", () => {
    const config = defineEnrichment((env) => [custom("crm-lookup"), ...locationProviders(env, { log: quiet })]);
    assert.deepEqual(names({}, config), ["crm-lookup", "client", "authgear-context", "geoip"]);
    assert.deepEqual(names({ ENRICHMENT_PROVIDERS: "client,crm-lookup" }, config), ["client", "crm-lookup"]);
  });

  it("passes the parsed settings to the config's factory", () => {
    let seen: unknown;
    const config = defineEnrichment((env) => ((seen = [env.FULLCONTACT, env.FULLCONTACT_BASE_URL, env.ENRICHMENT_BUDGET_MS]), []));
    buildEnrichmentProviders(parseSettings({ FULLCONTACT: "on", ENRICHMENT_BUDGET_MS: "500" }), config);
    assert.deepEqual(seen, ["on", "http://localhost:3002/fullcontact", 500]);
  });

  it("refuses a config with a malformed or repeated provider, naming it", () => {
    const config = defineEnrichment(() => [custom("twice"), custom("twice"), custom("bad", { fields: { "Job Title": { type: "text" } } })]);
    assert.throws(() => names({}, config), (error: Error) => /"twice" is listed twice/.test(error.message) && /provider "bad": field name "Job Title" must be snake_case/.test(error.message));
  });

  it("gives the remote provider its configured timeout", () => {
    const [remote] = buildEnrichmentProviders(parseSettings({ ENRICHMENT_PROVIDERS: "ipgeolocation", IPGEOLOCATION_API_KEY: "abcdef0123456789", IPGEOLOCATION_TIMEOUT_MS: "300" }), location);
    assert.equal(remote?.name, "ipgeolocation");
    assert.equal(remote?.timeBudgetMs, 350);
  });

  it("defineEnrichment makes a config createGradual recognises, and takes only a function", () => {
    assert.equal(isEnrichmentConfig(location), true);
    assert.equal(isEnrichmentConfig({ build: () => [] }), false);
    assert.throws(() => defineEnrichment([] as never), /takes a function/);
  });
});

describe("createEnrichmentService", () => {
  const found = (name: string, thirdParty = false, delayMs = 0): EnrichmentProvider =>
    custom(name, {
      thirdParty,
      timeBudgetMs: 3000,
      lookup: async () => {
        if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
        return [{ field: "job_title", value: `from ${name}`, confidence: 0.5 }];
      },
    });

  it("selects by opt-out and consent, and logs each provider's problem once per incident", async () => {
    const lines: string[] = [];
    const broken = custom("broken", { lookup: async () => { throw new Error("HTTP 503"); } });
    const service = createEnrichmentService({ providers: [found("local"), found("third", true), broken], budgetMs: 500, consentRequired: true, log: { warn: (m: string) => lines.push(m) }, now: () => 0 });
    const now = new Date();
    const run = (options: Partial<Parameters<typeof service.run>[1]>) => service.run({}, { phase: "login", now, ...options }).then((r) => r.runs.map((x) => x.provider));
    assert.deepEqual(await run({}), ["local", "broken"]);
    assert.deepEqual(await run({ consent: "granted" }), ["local", "third", "broken"]);
    assert.deepEqual(await run({ optOut: true, consent: "granted" }), []);
    assert.equal(lines.length, 1, lines.join("\n"));
    assert.match(lines[0] ?? "", /provider "broken" error: HTTP 503/);
  });

  it("gives sign-up and login ENRICHMENT_BUDGET_MS, later phases each provider's own budget", () => {
    const providers = [found("a"), custom("b", { timeBudgetMs: 4000 })];
    assert.equal(phaseBudgetMs("sign-up", 1000, providers), 1000);
    assert.equal(phaseBudgetMs("login", 1000, providers), 1000);
    assert.equal(phaseBudgetMs("after-sign-up", 1000, providers), 4000);
    assert.equal(phaseBudgetMs("consent", 1000, [custom("c", { timeBudgetMs: 60_000 })]), 10_000);
  });
});
