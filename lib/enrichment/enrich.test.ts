import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { enrich, MAX_OBSERVATIONS } from "./enrich";
import { pickFields, type SharedField } from "./fields";
import { enrichedAttributeValue, pickBest, type EnrichedValue, type EnrichmentProvider } from "./types";

const now = new Date("2026-03-01T12:00:00.000Z");
const at = now.toISOString();

function fixed(name: string, values: EnrichedValue[], fields: SharedField[] = ["city", "country", "timezone", "languages"]): EnrichmentProvider {
  return { name, fields: pickFields(...fields), timeBudgetMs: 500, thirdParty: false, lookup: async () => values };
}

/** A provider that never answers until its signal aborts; records whether it saw the abort. */
function hanging(name: string, timeBudgetMs: number, seen: { aborted: boolean }): EnrichmentProvider {
  return {
    name,
    fields: pickFields("city"),
    thirdParty: false,
    timeBudgetMs,
    lookup: (_input, { signal }) =>
      new Promise((_resolve, reject) => {
        signal.addEventListener("abort", () => {
          seen.aborted = true;
          reject(signal.reason as Error); // an abort reason is a DOMException (AbortError or TimeoutError)
        });
      }),
  };
}

describe("enrich", () => {
  it("keeps the highest-confidence value per field across providers", async () => {
    const a = fixed("a", [
      { field: "city", value: "London", confidence: 0.5, source: "a", observedAt: at },
      { field: "country", value: "GB", confidence: 0.9, source: "a", observedAt: at },
    ]);
    const b = fixed("b", [
      { field: "city", value: "Croydon", confidence: 0.7, source: "b", observedAt: at },
      { field: "country", value: "IE", confidence: 0.6, source: "b", observedAt: at },
    ]);
    const result = await enrich([a, b], {}, { budgetMs: 500, now, phase: "login" });
    assert.equal(result.best.city?.value, "Croydon");
    assert.equal(result.best.city?.source, "b");
    assert.equal(result.best.country?.value, "GB");
    assert.equal(result.values.length, 4);
    assert.deepEqual(result.problems, []);
  });

  it("breaks confidence ties by provider order", async () => {
    const first = fixed("first", [{ field: "timezone", value: "Europe/London", confidence: 0.8, source: "first", observedAt: at }]);
    const second = fixed("second", [{ field: "timezone", value: "Europe/Dublin", confidence: 0.8, source: "second", observedAt: at }]);
    assert.equal((await enrich([first, second], {}, { budgetMs: 500, now, phase: "login" })).best.timezone?.value, "Europe/London");
    assert.equal((await enrich([second, first], {}, { budgetMs: 500, now, phase: "login" })).best.timezone?.value, "Europe/Dublin");
  });

  it("passes input, now and a live signal to each provider", async () => {
    let seen: unknown;
    const spy: EnrichmentProvider = {
      name: "spy",
      fields: pickFields("country"),
    thirdParty: false,
      timeBudgetMs: 100,
      lookup: async (input, context) => {
        seen = { ip: input.ip, now: context.now.toISOString(), aborted: context.signal.aborted };
        return [];
      },
    };
    await enrich([spy], { ip: "81.2.69.142" }, { budgetMs: 100, now, phase: "login" });
    assert.deepEqual(seen, { ip: "81.2.69.142", now: at, aborted: false });
  });

  it("fails open when a provider throws, synchronously or not", async () => {
    const rejects: EnrichmentProvider = { name: "rejects", fields: pickFields("city"), timeBudgetMs: 100, thirdParty: false, lookup: async () => { throw new Error("boom"); } };
    const throwsSync: EnrichmentProvider = {
      name: "throws-sync",
      fields: pickFields("city"),
    thirdParty: false,
      timeBudgetMs: 100,
      lookup: () => { throw new TypeError("bad input"); },
    };
    const good = fixed("good", [{ field: "city", value: "Paris", confidence: 0.5, source: "good", observedAt: at }]);
    const result = await enrich([rejects, throwsSync, good], {}, { budgetMs: 200, now, phase: "login" });
    assert.equal(result.best.city?.value, "Paris");
    assert.deepEqual(result.problems, [
      { provider: "rejects", kind: "error", message: "boom" },
      { provider: "throws-sync", kind: "error", message: "bad input" },
    ]);
  });

  it("stops waiting for a provider after its own budget and aborts its signal", async () => {
    const seen = { aborted: false };
    const good = fixed("good", [{ field: "country", value: "FR", confidence: 0.9, source: "good", observedAt: at }]);
    const started = Date.now();
    const result = await enrich([hanging("slow", 40, seen), good], {}, { budgetMs: 2000, now, phase: "login" });
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 1000, `took ${elapsed} ms`);
    assert.equal(seen.aborted, true);
    assert.equal(result.best.country?.value, "FR");
    assert.deepEqual(result.problems, [{ provider: "slow", kind: "timeout", message: "no answer within 40 ms" }]);
  });

  it("applies the overall budget when it is shorter than a provider's own", async () => {
    const seen = { aborted: false };
    const started = Date.now();
    const result = await enrich([hanging("slow", 10_000, seen)], {}, { budgetMs: 50, now, phase: "login" });
    assert.ok(Date.now() - started < 1000);
    assert.equal(seen.aborted, true);
    assert.equal(result.problems[0]?.kind, "timeout");
    assert.deepEqual(result.values, []);
  });

  it("ignores a provider that ignores its signal, without waiting for it", async () => {
    const stubborn: EnrichmentProvider = {
      name: "stubborn",
      fields: pickFields("city"),
    thirdParty: false,
      timeBudgetMs: 30,
      lookup: () => new Promise((resolve) => setTimeout(() => resolve([{ field: "city", value: "Late", confidence: 1, observedAt: at }]), 2000).unref()),
    };
    const started = Date.now();
    const result = await enrich([stubborn], {}, { budgetMs: 1000, now, phase: "login" });
    assert.ok(Date.now() - started < 1000);
    assert.equal(result.best.city, undefined);
    assert.equal(result.problems[0]?.kind, "timeout");
  });

  it("reports cancellation by the caller's signal", async () => {
    const seen = { aborted: false };
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const result = await enrich([hanging("slow", 5000, seen)], {}, { budgetMs: 5000, now, phase: "login", signal: controller.signal });
    assert.equal(seen.aborted, true);
    assert.deepEqual(result.problems, [{ provider: "slow", kind: "cancelled", message: "the run was cancelled" }]);
  });

  it("drops malformed values and values of undeclared fields, and says so", async () => {
    const sloppy: EnrichmentProvider = {
      name: "sloppy",
      fields: pickFields("country"),
    thirdParty: false,
      timeBudgetMs: 100,
      lookup: async () =>
        [
          { field: "country", value: "Great Britain", confidence: 0.9, source: "sloppy", observedAt: at }, // not a code
          { field: "country", value: "GB", confidence: 1.5, source: "sloppy", observedAt: at }, // confidence > 1
          { field: "city", value: "London", confidence: 0.5, source: "sloppy", observedAt: at }, // not declared
          { field: "country", value: "DE", confidence: 0.9, source: "someone-else", observedAt: at },
        ],
    };
    const result = await enrich([sloppy], {}, { budgetMs: 100, now, phase: "login" });
    assert.deepEqual(result.values, [{ field: "country", value: "DE", confidence: 0.9, source: "sloppy", observedAt: at, prefill: true }]);
    assert.deepEqual(result.problems, [
      {
        provider: "sloppy",
        kind: "invalid",
        message: '3 value(s) dropped: country: "Great Britain" is not an ISO 3166-1 alpha-2 country code; country: confidence must be a number from 0 to 1; "city" is not a declared field',
      },
    ]);
    assert.deepEqual(result.runs.map((r) => [r.provider, r.outcome]), [["sloppy", "found"]]);
  });

  it("reports a provider that does not return a list", async () => {
    const odd = { name: "odd", fields: ["city"], timeBudgetMs: 100, lookup: async () => ({ city: "x" }) } as unknown as EnrichmentProvider;
    const result = await enrich([odd], {}, { budgetMs: 100, now, phase: "login" });
    assert.deepEqual(result.problems, [{ provider: "odd", kind: "invalid", message: "lookup did not return a list" }]);
  });

  it("returns nothing, quickly, with no providers", async () => {
    const result = await enrich([], {}, { budgetMs: 100, now, phase: "login" });
    assert.deepEqual(result.best, {});
    assert.deepEqual(result.problems, []);
  });
});

describe("pickBest and enrichedAttributeValue", () => {
  it("keeps the first of equally confident values", () => {
    const best = pickBest([
      { field: "city", value: "A", confidence: 0.5, source: "x", observedAt: at },
      { field: "city", value: "B", confidence: 0.5, source: "y", observedAt: at },
    ]);
    assert.equal(best.city?.value, "A");
  });

  it("turns a language list into its first tag and leaves strings alone", () => {
    assert.equal(enrichedAttributeValue({ field: "languages", value: ["fr-CA", "en"], confidence: 1, source: "x", observedAt: at }), "fr-CA");
    assert.equal(enrichedAttributeValue({ field: "country", value: "CA", confidence: 1, source: "x", observedAt: at }), "CA");
  });
});

describe("enrich: declared specs, runs and phases", () => {
  const provider = (over: Partial<EnrichmentProvider> & Pick<EnrichmentProvider, "name">): EnrichmentProvider => ({
    fields: pickFields("company_name", "company_website", "company_size"),
    timeBudgetMs: 200,
    thirdParty: false,
    lookup: async () => [],
    ...over,
  });

  it("keeps values in their canonical form, named after the provider, with the run's time, basis and the field's prefill", async () => {
    const p = provider({
      name: "acme",
      fields: { ...pickFields("company_name", "country"), shoe_size: { type: "integer", minimum: 1, maximum: 60 } },
      lookup: async () => [
        { field: "company_name", value: "  Acme Robotics ", confidence: 0.4, basis: "a guess from the domain" },
        { field: "country", value: "gb", confidence: 0.8, observedAt: "2026-02-01T10:00:00+01:00" },
        { field: "shoe_size", value: 44, confidence: 0.5 },
      ],
    });
    const result = await enrich([p], {}, { budgetMs: 200, now, phase: "login" });
    assert.deepEqual(result.values, [
      { field: "company_name", value: "Acme Robotics", confidence: 0.4, source: "acme", observedAt: at, basis: "a guess from the domain" },
      { field: "country", value: "GB", confidence: 0.8, source: "acme", observedAt: "2026-02-01T09:00:00.000Z", prefill: true },
      { field: "shoe_size", value: 44, confidence: 0.5, source: "acme", observedAt: at },
    ]);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.runs.map((r) => [r.provider, r.outcome]), [["acme", "found"]]);
  });

  it("drops what a spec refuses (markup, a URL Authgear refuses, a fraction, out of range), one problem per provider naming field and why", async () => {
    const p = provider({
      name: "sloppy",
      lookup: async () => [
        { field: "company_name", value: "<b>Acme</b>", confidence: 0.8 },
        { field: "company_website", value: "acme.com", confidence: 0.8 },
        { field: "company_website", value: "https://acme.com/a/../b", confidence: 0.8 },
        { field: "company_size", value: 12.5, confidence: 0.8 },
        { field: "company_size", value: 0, confidence: 0.8 },
      ],
    });
    const result = await enrich([p], {}, { budgetMs: 200, now, phase: "login" });
    assert.deepEqual(result.values, []);
    assert.equal(result.problems.length, 1);
    assert.equal(result.problems[0]?.kind, "invalid");
    assert.match(result.problems[0]?.message ?? "", /^5 value\(s\) dropped: company_name: text with markup \(< or >\); company_website: a URL must start with https:\/\/ or http:\/\/; company_website: a URL Authgear refuses \(path_not_clean\); …$/);
    assert.deepEqual(result.runs.map((r) => r.outcome), ["invalid"]);
  });

  it("says how each provider's run ended: found, nothing, timeout, error, invalid", async () => {
    const providers = [
      provider({ name: "finds", lookup: async () => [{ field: "company_name", value: "Acme", confidence: 0.5 }] }),
      provider({ name: "empty" }),
      provider({ name: "hangs", timeBudgetMs: 20, lookup: () => new Promise(() => {}) }),
      provider({ name: "throws", lookup: async () => { throw new Error("HTTP 503"); } }),
      provider({ name: "odd", lookup: async () => "nope" as never }),
    ];
    const result = await enrich(providers, {}, { budgetMs: 500, now, phase: "after-sign-up" });
    assert.deepEqual(result.runs.map((r) => [r.provider, r.outcome]), [
      ["finds", "found"],
      ["empty", "nothing"],
      ["hangs", "timeout"],
      ["throws", "error"],
      ["odd", "invalid"],
    ]);
    assert.ok(result.runs.every((r) => r.elapsedMs >= 0 && r.elapsedMs < 500));
  });

  it("caps one answer at MAX_OBSERVATIONS", async () => {
    const flood = provider({ name: "flood", lookup: async () => Array.from({ length: MAX_OBSERVATIONS + 5 }, () => ({ field: "company_name", value: "Acme", confidence: 0.5 })) });
    const result = await enrich([flood], {}, { budgetMs: 500, now, phase: "login" });
    assert.equal(result.values.length, MAX_OBSERVATIONS);
    assert.match(result.problems[0]?.message ?? "", /5 observation\(s\) beyond the first 100/);
  });

  it("in sign-up asks a remote provider only for its cached answer: a hit answers, a miss runs nothing", async () => {
    let lookups = 0;
    const remote = (name: string, hit: boolean) =>
      provider({
        name,
        remote: true,
        lookup: async () => {
          lookups += 1;
          return [{ field: "company_name", value: "Fresh", confidence: 0.8 }];
        },
        cached: () => (hit ? [{ field: "company_name", value: "Cached Co", confidence: 0.8 }] : undefined),
      });
    const noCache = provider({ name: "no-cache", remote: true, lookup: async () => ((lookups += 1), []) });
    const signUp = await enrich([remote("hit", true), remote("miss", false), noCache], {}, { budgetMs: 500, now, phase: "sign-up" });
    assert.equal(lookups, 0);
    assert.deepEqual(signUp.values.map((v) => [v.source, v.value]), [["hit", "Cached Co"]]);
    assert.deepEqual(signUp.runs.map((r) => [r.provider, r.outcome]), [["hit", "cached"]]);

    const login = await enrich([remote("hit", true), remote("miss", false)], {}, { budgetMs: 500, now, phase: "login" });
    assert.equal(lookups, 1, "a miss looks up outside sign-up; a hit never does");
    assert.deepEqual(login.runs.map((r) => [r.provider, r.outcome]), [["hit", "cached"], ["miss", "found"]]);
  });

  it("passes the phase to lookup and cached, and survives a cached that throws", async () => {
    const phases: string[] = [];
    const p = provider({
      name: "spy",
      lookup: async (_input, context) => (phases.push(`lookup:${context.phase}`), []),
      cached: (_input, context) => {
        phases.push(`cached:${context.phase}`);
        throw new Error("cache broken");
      },
    });
    const result = await enrich([p], {}, { budgetMs: 100, now, phase: "consent" });
    assert.deepEqual(phases, ["cached:consent"]);
    assert.deepEqual(result.runs.map((r) => r.outcome), ["error"]);
    assert.deepEqual(result.problems, [{ provider: "spy", kind: "error", message: "cached: cache broken" }]);
  });
});
