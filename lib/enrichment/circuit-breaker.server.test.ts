import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { CircuitBreaker } from "./circuit-breaker.server";

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe("CircuitBreaker", () => {
  it("stays closed below the threshold, and a success resets the count", () => {
    const c = clock();
    const breaker = new CircuitBreaker({ failureThreshold: 3, coolDownMs: 30_000, now: c.now });
    breaker.failure();
    breaker.failure();
    assert.equal(breaker.state, "closed");
    assert.deepEqual(breaker.acquire(), { ok: true, probe: false });
    breaker.success();
    breaker.failure();
    breaker.failure();
    assert.equal(breaker.state, "closed");
    assert.equal(breaker.failures, 2);
  });

  it("opens after N consecutive failures and refuses requests for the cool-down, saying how long", () => {
    const c = clock();
    const breaker = new CircuitBreaker({ failureThreshold: 3, coolDownMs: 30_000, now: c.now });
    for (let i = 0; i < 3; i++) breaker.failure();
    assert.equal(breaker.state, "open");
    assert.deepEqual(breaker.acquire(), { ok: false, retryInMs: 30_000 });
    c.advance(29_999);
    assert.equal(breaker.acquire().ok, false);
    c.advance(1);
    assert.equal(breaker.state, "half-open");
  });

  it("half-open lets one probe through at a time; its success closes the circuit", () => {
    const c = clock();
    const breaker = new CircuitBreaker({ failureThreshold: 2, coolDownMs: 1000, now: c.now });
    breaker.failure();
    breaker.failure();
    c.advance(1000);
    assert.deepEqual(breaker.acquire(), { ok: true, probe: true });
    assert.equal(breaker.acquire().ok, false, "a second caller waits for the probe");
    breaker.success();
    assert.equal(breaker.state, "closed");
    assert.deepEqual(breaker.acquire(), { ok: true, probe: false });
  });

  it("a failed probe opens it again for twice the cool-down, up to the maximum", () => {
    const c = clock();
    const breaker = new CircuitBreaker({ failureThreshold: 1, coolDownMs: 1000, maxCoolDownMs: 3000, now: c.now });
    breaker.failure();
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const open = breaker.acquire();
      assert.equal(open.ok, false);
      if (!open.ok) waits.push(open.retryInMs);
      c.advance(open.ok ? 0 : open.retryInMs);
      assert.equal(breaker.acquire().ok, true);
      breaker.failure();
    }
    assert.deepEqual(waits, [1000, 2000, 3000, 3000]);
    // After a success the cool-down starts over.
    c.advance(3000);
    breaker.acquire();
    breaker.success();
    breaker.failure();
    assert.deepEqual(breaker.acquire(), { ok: false, retryInMs: 1000 });
  });

  it("a stated delay (rate delay, Retry-After) opens it at once for that long, even below the threshold", () => {
    const c = clock();
    const breaker = new CircuitBreaker({ failureThreshold: 5, coolDownMs: 30_000, now: c.now });
    breaker.failure(5000);
    assert.equal(breaker.state, "open");
    assert.deepEqual(breaker.acquire(), { ok: false, retryInMs: 5000 });
    c.advance(5000);
    assert.equal(breaker.acquire().ok, true);
    breaker.success();
    assert.equal(breaker.state, "closed");
  });

  it("at the threshold, a stated delay longer than the cool-down wins", () => {
    const c = clock();
    const breaker = new CircuitBreaker({ failureThreshold: 2, coolDownMs: 1000, now: c.now });
    breaker.failure();
    breaker.failure(60_000);
    assert.deepEqual(breaker.acquire(), { ok: false, retryInMs: 60_000 });
  });

  it("release() frees a probe that ended without a verdict (the caller gave up)", () => {
    const c = clock();
    const breaker = new CircuitBreaker({ failureThreshold: 1, coolDownMs: 1000, now: c.now });
    breaker.failure();
    c.advance(1000);
    assert.equal(breaker.acquire().ok, true);
    breaker.release();
    assert.equal(breaker.state, "half-open");
    assert.deepEqual(breaker.acquire(), { ok: true, probe: true });
  });

  it("refuses nonsense options", () => {
    assert.throws(() => new CircuitBreaker({ failureThreshold: 0 }), RangeError);
    assert.throws(() => new CircuitBreaker({ coolDownMs: 0 }), RangeError);
    assert.throws(() => new CircuitBreaker({ coolDownMs: 2000, maxCoolDownMs: 1000 }), RangeError);
  });
});
