import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { enrich } from "./enrich";
import { enrichedAttributeValue, pickBest, type EnrichedValue, type EnrichmentProvider } from "./types";
import type { EnrichmentField } from "@/lib/domain";

const now = new Date("2026-03-01T12:00:00.000Z");
const at = now.toISOString();

function fixed(name: string, values: EnrichedValue[], fields: EnrichmentField[] = ["city", "country", "timezone", "languages"]): EnrichmentProvider {
  return { name, fields, timeBudgetMs: 500, lookup: async () => values };
}

/** A provider that never answers until its signal aborts; records whether it saw the abort. */
function hanging(name: string, timeBudgetMs: number, seen: { aborted: boolean }): EnrichmentProvider {
  return {
    name,
    fields: ["city"],
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
    const result = await enrich([a, b], {}, { budgetMs: 500, now });
    assert.equal(result.best.city?.value, "Croydon");
    assert.equal(result.best.city?.source, "b");
    assert.equal(result.best.country?.value, "GB");
    assert.equal(result.values.length, 4);
    assert.deepEqual(result.problems, []);
  });

  it("breaks confidence ties by provider order", async () => {
    const first = fixed("first", [{ field: "timezone", value: "Europe/London", confidence: 0.8, source: "first", observedAt: at }]);
    const second = fixed("second", [{ field: "timezone", value: "Europe/Dublin", confidence: 0.8, source: "second", observedAt: at }]);
    assert.equal((await enrich([first, second], {}, { budgetMs: 500, now })).best.timezone?.value, "Europe/London");
    assert.equal((await enrich([second, first], {}, { budgetMs: 500, now })).best.timezone?.value, "Europe/Dublin");
  });

  it("passes input, now and a live signal to each provider", async () => {
    let seen: unknown;
    const spy: EnrichmentProvider = {
      name: "spy",
      fields: ["country"],
      timeBudgetMs: 100,
      lookup: async (input, context) => {
        seen = { ip: input.ip, now: context.now.toISOString(), aborted: context.signal.aborted };
        return [];
      },
    };
    await enrich([spy], { ip: "81.2.69.142" }, { budgetMs: 100, now });
    assert.deepEqual(seen, { ip: "81.2.69.142", now: at, aborted: false });
  });

  it("fails open when a provider throws, synchronously or not", async () => {
    const rejects: EnrichmentProvider = { name: "rejects", fields: ["city"], timeBudgetMs: 100, lookup: async () => { throw new Error("boom"); } };
    const throwsSync: EnrichmentProvider = {
      name: "throws-sync",
      fields: ["city"],
      timeBudgetMs: 100,
      lookup: () => { throw new TypeError("bad input"); },
    };
    const good = fixed("good", [{ field: "city", value: "Paris", confidence: 0.5, source: "good", observedAt: at }]);
    const result = await enrich([rejects, throwsSync, good], {}, { budgetMs: 200, now });
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
    const result = await enrich([hanging("slow", 40, seen), good], {}, { budgetMs: 2000, now });
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 1000, `took ${elapsed} ms`);
    assert.equal(seen.aborted, true);
    assert.equal(result.best.country?.value, "FR");
    assert.deepEqual(result.problems, [{ provider: "slow", kind: "timeout", message: "no answer within 40 ms" }]);
  });

  it("applies the overall budget when it is shorter than a provider's own", async () => {
    const seen = { aborted: false };
    const started = Date.now();
    const result = await enrich([hanging("slow", 10_000, seen)], {}, { budgetMs: 50, now });
    assert.ok(Date.now() - started < 1000);
    assert.equal(seen.aborted, true);
    assert.equal(result.problems[0]?.kind, "timeout");
    assert.deepEqual(result.values, []);
  });

  it("ignores a provider that ignores its signal, without waiting for it", async () => {
    const stubborn: EnrichmentProvider = {
      name: "stubborn",
      fields: ["city"],
      timeBudgetMs: 30,
      lookup: () => new Promise((resolve) => setTimeout(() => resolve([{ field: "city", value: "Late", confidence: 1, source: "stubborn", observedAt: at }]), 2000).unref()),
    };
    const started = Date.now();
    const result = await enrich([stubborn], {}, { budgetMs: 1000, now });
    assert.ok(Date.now() - started < 1000);
    assert.equal(result.best.city, undefined);
    assert.equal(result.problems[0]?.kind, "timeout");
  });

  it("reports cancellation by the caller's signal", async () => {
    const seen = { aborted: false };
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const result = await enrich([hanging("slow", 5000, seen)], {}, { budgetMs: 5000, now, signal: controller.signal });
    assert.equal(seen.aborted, true);
    assert.deepEqual(result.problems, [{ provider: "slow", kind: "cancelled", message: "the run was cancelled" }]);
  });

  it("drops malformed values and values of undeclared fields, and says so", async () => {
    const sloppy: EnrichmentProvider = {
      name: "sloppy",
      fields: ["country"],
      timeBudgetMs: 100,
      lookup: async () =>
        [
          { field: "country", value: "gb", confidence: 0.9, source: "sloppy", observedAt: at }, // lowercase: invalid
          { field: "country", value: "GB", confidence: 1.5, source: "sloppy", observedAt: at }, // confidence > 1
          { field: "city", value: "London", confidence: 0.5, source: "sloppy", observedAt: at }, // not declared
          { field: "country", value: "DE", confidence: 0.9, source: "someone-else", observedAt: at },
        ] as EnrichedValue[],
    };
    const result = await enrich([sloppy], {}, { budgetMs: 100, now });
    assert.deepEqual(result.values, [{ field: "country", value: "DE", confidence: 0.9, source: "sloppy", observedAt: at }]);
    assert.deepEqual(result.problems, [{ provider: "sloppy", kind: "invalid", message: "3 malformed value(s) ignored" }]);
  });

  it("reports a provider that does not return a list", async () => {
    const odd = { name: "odd", fields: ["city"], timeBudgetMs: 100, lookup: async () => ({ city: "x" }) } as unknown as EnrichmentProvider;
    const result = await enrich([odd], {}, { budgetMs: 100, now });
    assert.deepEqual(result.problems, [{ provider: "odd", kind: "invalid", message: "lookup did not return a list" }]);
  });

  it("returns nothing, quickly, with no providers", async () => {
    const result = await enrich([], {}, { budgetMs: 100, now });
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
