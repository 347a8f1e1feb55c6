/**
 * The emulator's clock as a test instrument (ADR 002, ADR 007 "a test clock"): real time (or the
 * clock a test injects) plus an offset that `POST /_emulator/clock {"advance_ms": N}` moves forward
 * and `{"reset": true}` sets back to 0. Every expiry, `iat` and `auth_time` the emulator issues
 * follows it. The offset is written to `clock.json` in the data directory, where the app reads it
 * when (and only when) it runs under GRADUAL_TEST_CLOCK=emulator against this emulator
 * (lib/test-clock.server.ts), so the emulator and the app agree on the time; the browser is moved
 * by Playwright's page.clock.
 */
import { rmSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { writeFileAtomic } from "./files";

export const CLOCK_FILE = "clock.json";
/** More than a year at once is no test of a rest or a cooldown, only a mistake. */
export const MAX_ADVANCE_MS = 366 * 86_400_000;

export const clockRequestSchema = z.union([
  z.object({ advance_ms: z.number().int("advance_ms must be whole milliseconds").min(0, "advance_ms must not be negative: the clock only moves forward (reset sets it back)").max(MAX_ADVANCE_MS, "advance_ms must be at most 366 days") }).strict(),
  z.object({ reset: z.literal(true) }).strict(),
]);
export type ClockRequest = z.infer<typeof clockRequestSchema>;

export class TestClock {
  private offsetMs = 0;
  private readonly file: string;

  constructor(
    private readonly base: () => Date,
    dataDir: string,
  ) {
    this.file = resolve(dataDir, CLOCK_FILE);
  }

  readonly now = (): Date => new Date(this.base().getTime() + this.offsetMs);

  /** Back to the base clock; removes clock.json (the app then reads no offset). */
  reset(): void {
    this.offsetMs = 0;
    rmSync(this.file, { force: true });
  }

  apply(request: ClockRequest): { now: string; offset_ms: number } {
    if ("reset" in request) this.reset();
    else {
      this.offsetMs += request.advance_ms;
      writeFileAtomic(this.file, `${JSON.stringify({ offset_ms: this.offsetMs })}\n`, 0o644);
    }
    return this.snapshot();
  }

  snapshot(): { now: string; offset_ms: number } {
    return { now: this.now().toISOString(), offset_ms: this.offsetMs };
  }
}
