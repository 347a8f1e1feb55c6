/**
 * A circuit breaker for one remote service: after `failureThreshold` consecutive failures (429,
 * 5xx, timeouts, unreachable) it opens and no request goes out for a cool-down; then one probe is
 * let through (half-open): its success closes the circuit, its failure opens it again for twice the
 * cool-down (up to `maxCoolDownMs`). A failure that states how long to wait (FullContact's
 * `X-FullContact-RateDelay`, `Retry-After`) opens it at once for at least that long: the service
 * said so. Per process, in memory; the clock is injectable.
 */
import "server-only";

export type CircuitState = "closed" | "open" | "half-open";

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. Default 3. */
  failureThreshold?: number;
  /** How long it stays open the first time, in ms. Default 30 s. */
  coolDownMs?: number;
  /** The longest cool-down after failed probes, in ms. Default 10 min. */
  maxCoolDownMs?: number;
  /** Clock in milliseconds. */
  now?: () => number;
}

export type Permit = { ok: true; probe: boolean } | { ok: false; retryInMs: number };

export class CircuitBreaker {
  readonly #threshold: number;
  readonly #baseCoolDown: number;
  readonly #maxCoolDown: number;
  readonly #now: () => number;
  #failures = 0;
  #openUntil = 0;
  #coolDown: number;
  /** Opened at least once since the last success: the next failure after a probe doubles the cool-down. */
  #tripped = false;
  #probeInFlight = false;

  constructor(options: CircuitBreakerOptions = {}) {
    this.#threshold = options.failureThreshold ?? 3;
    this.#baseCoolDown = options.coolDownMs ?? 30_000;
    this.#maxCoolDown = options.maxCoolDownMs ?? 10 * 60_000;
    if (!Number.isInteger(this.#threshold) || this.#threshold < 1) throw new RangeError("failureThreshold must be a positive integer");
    if (!(this.#baseCoolDown > 0) || !(this.#maxCoolDown >= this.#baseCoolDown)) throw new RangeError("coolDownMs must be positive and at most maxCoolDownMs");
    this.#coolDown = this.#baseCoolDown;
    this.#now = options.now ?? Date.now;
  }

  get state(): CircuitState {
    if (this.#openUntil === 0) return "closed";
    return this.#now() < this.#openUntil ? "open" : "half-open";
  }

  /** Consecutive failures so far (reset by a success). */
  get failures(): number {
    return this.#failures;
  }

  /** May a request go out now? Half-open lets one probe through at a time. */
  acquire(): Permit {
    const state = this.state;
    if (state === "closed") return { ok: true, probe: false };
    if (state === "open") return { ok: false, retryInMs: this.#openUntil - this.#now() };
    if (this.#probeInFlight) return { ok: false, retryInMs: 0 };
    this.#probeInFlight = true;
    return { ok: true, probe: true };
  }

  /** The service answered (any status that is not a failure: 200, 202, 404, 403, 422…). */
  success(): void {
    this.#failures = 0;
    this.#openUntil = 0;
    this.#coolDown = this.#baseCoolDown;
    this.#tripped = false;
    this.#probeInFlight = false;
  }

  /** A 429, a 5xx, a timeout or no connection; `delayMs` when the service said how long to wait. */
  failure(delayMs?: number): void {
    const wasProbe = this.#probeInFlight;
    this.#probeInFlight = false;
    this.#failures += 1;
    const stated = delayMs !== undefined && delayMs > 0 ? delayMs : 0;
    if (wasProbe && this.#tripped) {
      this.#coolDown = Math.min(this.#maxCoolDown, this.#coolDown * 2);
      this.#open(Math.max(this.#coolDown, stated));
    } else if (this.#failures >= this.#threshold) {
      this.#open(Math.max(this.#coolDown, stated));
    } else if (stated > 0) {
      this.#open(stated);
    }
  }

  /** The request ended without a verdict on the service (the caller gave up): frees the probe. */
  release(): void {
    this.#probeInFlight = false;
  }

  #open(forMs: number): void {
    this.#tripped = true;
    this.#openUntil = Math.max(this.#openUntil, this.#now() + forMs);
  }
}
