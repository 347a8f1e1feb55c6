import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Provenance } from "@/lib/domain";
import { PendingProvenance } from "./pending-provenance";

const record: Provenance = { source: "geoip", confidence: 0.5, at: "2026-11-29T03:00:00.000Z", confirmed: false, value: "London" };

describe("PendingProvenance", () => {
  it("gives the records back once, then forgets them", () => {
    const pending = new PendingProvenance();
    pending.put("u1", { city: record });
    assert.deepEqual(pending.take("u1"), { city: record });
    assert.equal(pending.take("u1"), undefined);
    assert.equal(pending.take("unknown"), undefined);
  });

  it("drops records older than the TTL", () => {
    let now = 1_000;
    const pending = new PendingProvenance({ ttlMs: 100, now: () => now });
    pending.put("u1", { city: record });
    now = 1_101;
    assert.equal(pending.take("u1"), undefined);
  });

  it("holds at most maxEntries, dropping the oldest (and expired ones) first", () => {
    let now = 0;
    const pending = new PendingProvenance({ maxEntries: 2, ttlMs: 1_000, now: () => now });
    pending.put("a", { city: record });
    pending.put("b", { city: record });
    pending.put("c", { city: record });
    assert.equal(pending.size, 2);
    assert.equal(pending.take("a"), undefined);
    assert.ok(pending.take("b"));
    now = 5_000;
    pending.put("d", { city: record });
    assert.equal(pending.size, 1, "the expired entry for c went when d arrived");
  });
});
