import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fromStored, toStored } from "./provenance";

describe("provenance conversions", () => {
  it("round-trips a record with and without a value", () => {
    const merged = {
      city: { source: "geoip", confidence: 0.6, at: "2026-01-02T03:04:05.000Z", confirmed: false, value: "London" },
      job_title: { source: "user", confidence: 1, at: "2026-01-02T03:04:06.000Z", confirmed: true },
    };
    const stored = toStored(merged);
    assert.deepEqual(stored, [
      { attribute: "city", source: "geoip", confidence: 0.6, observedAt: Date.parse("2026-01-02T03:04:05Z"), confirmed: false, value: "London" },
      { attribute: "job_title", source: "user", confidence: 1, observedAt: Date.parse("2026-01-02T03:04:06Z"), confirmed: true },
    ]);
    assert.deepEqual(fromStored(stored), merged);
  });
});
