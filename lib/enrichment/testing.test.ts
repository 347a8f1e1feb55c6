import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createAuthgearContextProvider } from "./authgear-context";
import { createClientProvider } from "./client";
import { pickFields } from "./fields";
import { createGeoipProvider } from "./geoip.server";
import { checkEnrichmentProvider, ProviderContractError } from "./testing";
import type { EnrichmentProvider } from "./types";

const now = new Date("2026-03-01T12:00:00.000Z");

/** A well-behaved provider: answers job_title for an email, nothing otherwise, honours its signal. */
const good = (): EnrichmentProvider => ({
  name: "good-source",
  fields: pickFields("job_title", "company_name"),
  timeBudgetMs: 200,
  thirdParty: false,
  async lookup(input, { signal }) {
    signal.throwIfAborted();
    if (!input.email) return [];
    await new Promise((resolve) => setTimeout(resolve, 1));
    signal.throwIfAborted();
    return [{ field: "job_title", value: "Head of Operations", confidence: 0.8, basis: "a test" }];
  },
});

/** The problems the check reports for `provider`, or [] when it passes. */
async function problems(provider: EnrichmentProvider, options: Parameters<typeof checkEnrichmentProvider>[1] = {}): Promise<string[]> {
  try {
    await checkEnrichmentProvider(provider, { now, ...options });
    return [];
  } catch (error) {
    assert.ok(error instanceof ProviderContractError, String(error));
    return [...error.problems];
  }
}

describe("checkEnrichmentProvider", () => {
  it("passes a provider that keeps the contract, and reports what it answered", async () => {
    const report = await checkEnrichmentProvider(good(), { now, inputs: [{ email: "ana@acme-robotics.com" }] });
    assert.equal(report.provider, "good-source");
    assert.equal(report.answers.length, 3);
    assert.deepEqual(report.answers[2]?.values, [
      { field: "job_title", value: "Head of Operations", confidence: 0.8, source: "good-source", observedAt: now.toISOString(), basis: "a test" },
    ]);
  });

  it("fails a provider that answers a field it did not declare", async () => {
    const found = await problems({ ...good(), lookup: async () => [{ field: "linkedin_url", value: "https://www.linkedin.com/in/ana", confidence: 0.8 }] });
    assert.ok(found.length > 0);
    assert.match(found[0] ?? "", /input #1 \(empty\): 1 value\(s\) dropped: "linkedin_url" is not a declared field/);
  });

  it("fails a provider whose value breaks its field's spec", async () => {
    const found = await problems({ ...good(), lookup: async (input) => (input.email ? [{ field: "company_name", value: "<img src=x>", confidence: 0.5 }] : []) }, { inputs: [{ email: "ana@acme-robotics.com" }] });
    assert.deepEqual(found, ["input #3 (email): 1 value(s) dropped: company_name: text with markup (< or >)"]);
    const confidence = await problems({ ...good(), lookup: async () => [{ field: "job_title", value: "CTO", confidence: 80 }] });
    assert.match(confidence.join("\n"), /job_title: confidence must be a number from 0 to 1/);
  });

  it("fails a provider that ignores an aborted signal", async () => {
    const stubborn: EnrichmentProvider = { ...good(), timeBudgetMs: 2000, lookup: () => new Promise((resolve) => setTimeout(() => resolve([]), 300)) };
    const found = await problems(stubborn, { abortGraceMs: 50 });
    assert.ok(found.includes("input #1 (empty): ignores an aborted signal (still working 50 ms after being called with one)"), found.join("\n"));
    assert.ok(found.includes("input #1 (empty): ignores an abort during its lookup (still working 50 ms after it)"), found.join("\n"));
  });

  it("fails a provider that throws on empty input, synchronously or not", async () => {
    const rejects = await problems({ ...good(), lookup: async (input) => [{ field: "job_title", value: input.email!.split("@")[0]!, confidence: 0.1 }] });
    assert.match(rejects[0] ?? "", /^input #1 \(empty\): lookup threw \(TypeError: .*\): a provider must answer \[\] when it has nothing to go on$/);
    const sync = await problems({
      ...good(),
      lookup: () => {
        throw new Error("no email");
      },
    });
    assert.match(sync[0] ?? "", /input #1 \(empty\): lookup threw \(Error: no email\)/);
  });

  it("fails a provider slower than its own budget", async () => {
    const slow: EnrichmentProvider = {
      ...good(),
      timeBudgetMs: 20,
      lookup: (_input, { signal }) =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(() => resolve([]), 200);
          signal.addEventListener(
            "abort",
            () => {
              clearTimeout(timer);
              reject(signal.reason as Error);
            },
            { once: true },
          );
        }),
    };
    assert.ok((await problems(slow)).includes("input #1 (empty): no answer within its time budget of 20 ms"));
  });

  it("fails a malformed declaration before calling anything", async () => {
    let called = false;
    const found = await problems({
      name: "Bad Name",
      fields: { "Job Title": { type: "text" }, size: { type: "number" as never } },
      timeBudgetMs: 0,
      thirdParty: "no" as never,
      lookup: async () => ((called = true), []),
    });
    assert.equal(called, false);
    assert.equal(found.length, 5, found.join("\n"));
  });

  it("fails a cached that throws or answers asynchronously", async () => {
    const throwing = await problems({ ...good(), cached: () => { throw new Error("boom"); } });
    assert.ok(throwing.includes("input #1 (empty): cached threw (Error: boom)"));
    const promise = await problems({ ...good(), cached: () => Promise.resolve([]) as never });
    assert.ok(promise.some((p) => /cached returned a promise/.test(p)));
  });

  it("rejecting on a given input is a failure unless allowErrors", async () => {
    const flaky: EnrichmentProvider = { ...good(), lookup: async (input) => { if (input.email) throw new Error("HTTP 503"); return []; } };
    assert.deepEqual(await problems(flaky, { inputs: [{ email: "flaky-1@acme.com" }] }), ["input #3 (email): lookup threw (Error: HTTP 503)"]);
    const report = await checkEnrichmentProvider(flaky, { now, inputs: [{ email: "flaky-1@acme.com" }], allowErrors: true });
    assert.equal(report.answers[2]?.error, "Error: HTTP 503");
  });

  it("the built-in location providers keep the contract", async () => {
    await checkEnrichmentProvider(createClientProvider(), { now, inputs: [{ clientHints: { timeZone: "Europe/London", languages: ["en-GB"] } }, { clientHints: { timeZone: "Nowhere", languages: ["??"] } }] });
    await checkEnrichmentProvider(createAuthgearContextProvider(), { now, inputs: [{ hookContext: { geo_location_code: "HK", preferred_languages: ["zh-HK"] } }, { hookContext: { geo_location_code: "ZZ" } }] });
    const geoip = createGeoipProvider({ log: { warn: () => {} } });
    await geoip.warm();
    const report = await checkEnrichmentProvider(geoip, { now, inputs: [{ ip: "81.2.69.142" }, { ip: "10.0.0.1" }, { ip: "not an ip" }] });
    assert.ok(report.answers[2]?.values.some((v) => v.field === "country"), "the geo database knows 81.2.69.142");
  });
});
