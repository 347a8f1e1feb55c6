import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createAuthgearContextProvider } from "./authgear-context";

const now = new Date("2026-03-01T12:00:00.000Z");
const signal = new AbortController().signal;
const provider = createAuthgearContextProvider();

describe("authgear-context provider", () => {
  it("reads the country and preferred languages of a hook event's context", async () => {
    const values = await provider.lookup({ hookContext: { geo_location_code: "HK", preferred_languages: ["zh-hant-hk", "en"] } }, { signal, now, phase: "login" });
    assert.deepEqual(values, [
      { field: "country", value: "HK", confidence: 0.8, source: "authgear-context", observedAt: now.toISOString() },
      { field: "languages", value: ["zh-Hant-HK", "en"], confidence: 0.85, source: "authgear-context", observedAt: now.toISOString() },
    ]);
  });

  it("ignores an unknown (null) or invalid country and bad language tags", async () => {
    assert.deepEqual(await provider.lookup({ hookContext: { geo_location_code: null, preferred_languages: [] } }, { signal, now, phase: "login" }), []);
    assert.deepEqual(await provider.lookup({ hookContext: { geo_location_code: "ZZ", preferred_languages: ["en_US"] } }, { signal, now, phase: "login" }), []);
    assert.deepEqual(await provider.lookup({ hookContext: { geo_location_code: "gb" } }, { signal, now, phase: "login" }), [
      { field: "country", value: "GB", confidence: 0.8, source: "authgear-context", observedAt: now.toISOString() },
    ]);
  });

  it("contributes nothing without a hook context", async () => {
    assert.deepEqual(await provider.lookup({ ip: "81.2.69.142" }, { signal, now, phase: "login" }), []);
  });
});
