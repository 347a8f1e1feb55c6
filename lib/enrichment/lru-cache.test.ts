import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { LruCache } from "./lru-cache";

function clock(start = 0) {
  const c = { t: start, now: () => c.t };
  return c;
}

describe("LruCache", () => {
  it("returns what was stored, until it expires", () => {
    const time = clock();
    const cache = new LruCache<string, number>({ maxEntries: 10, ttlMs: 1000, now: time.now });
    cache.set("a", 1);
    time.t = 999;
    assert.equal(cache.get("a"), 1);
    time.t = 1000;
    assert.equal(cache.get("a"), undefined);
    assert.equal(cache.size, 0, "an expired entry is dropped when read");
  });

  it("evicts the least recently used entry when full", () => {
    const cache = new LruCache<string, number>({ maxEntries: 2, ttlMs: 60_000 });
    cache.set("a", 1);
    cache.set("b", 2);
    assert.equal(cache.get("a"), 1); // a is now the most recently used
    cache.set("c", 3);
    assert.equal(cache.get("b"), undefined);
    assert.equal(cache.get("a"), 1);
    assert.equal(cache.get("c"), 3);
    assert.equal(cache.size, 2);
  });

  it("overwriting renews the entry's lifetime and recency", () => {
    const time = clock();
    const cache = new LruCache<string, string>({ maxEntries: 2, ttlMs: 100, now: time.now });
    cache.set("a", "old");
    cache.set("b", "b");
    time.t = 90;
    cache.set("a", "new");
    cache.set("c", "c"); // evicts b, not the renewed a
    time.t = 150;
    assert.equal(cache.get("a"), "new");
    assert.equal(cache.has("b"), false);
  });

  it("deletes and clears", () => {
    const cache = new LruCache<number, string>({ maxEntries: 5, ttlMs: 1000 });
    cache.set(1, "x");
    cache.set(2, "y");
    assert.equal(cache.delete(1), true);
    assert.equal(cache.has(1), false);
    cache.clear();
    assert.equal(cache.size, 0);
  });

  it("refuses nonsensical sizes", () => {
    assert.throws(() => new LruCache({ maxEntries: 0, ttlMs: 1 }), RangeError);
    assert.throws(() => new LruCache({ maxEntries: 1.5, ttlMs: 1 }), RangeError);
    assert.throws(() => new LruCache({ maxEntries: 1, ttlMs: 0 }), RangeError);
  });
});
