import "server-only";
/**
 * The app's clock: `Date.now`, except in the end-to-end tests that move time (ADR 007, "A test
 * clock"). There, the emulator's `POST /_emulator/clock` writes its offset to `clock.json` in its
 * data directory and the app adds the same offset, so tokens, rests and cooldowns agree across the
 * emulator, the app and the browser (moved by Playwright's page.clock).
 *
 * It can never run in production by accident: it is on only when GRADUAL_TEST_CLOCK is exactly
 * "emulator" (playwright.config.ts sets it, nothing else does), and then the app must be configured
 * against a local emulator: AUTHGEAR_ENDPOINT on localhost / 127.0.0.1 / [::1] over http and no
 * Admin API key of a real project (checked with the rest of the environment, lib/env.server.ts).
 * Any other combination stops the app with a message instead of quietly running on a fake clock.
 * Without the file the offset is 0.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";

export const TEST_CLOCK_FLAG = "GRADUAL_TEST_CLOCK";
export const TEST_CLOCK_FILE = "clock.json";

const clockFileSchema = z.object({ offset_ms: z.number().int().min(0) }).strict();
/** The offset in `file` (0 when there is none). Throws when the file is not what the emulator writes. */
export function readClockOffset(file: string): number {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw error;
  }
  const parsed = clockFileSchema.safeParse((() => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  })());
  if (!parsed.success) throw new Error(`${file} is not the emulator's test clock ({"offset_ms": N}): ${text.slice(0, 100)}`);
  return parsed.data.offset_ms;
}

/** A clock over the test clock's file (lib/env.server.ts's `clockFile`): `Date.now` when there is none. */
export function createServerClock(file: string | null): () => number {
  if (file === null) return Date.now;
  return () => Date.now() + readClockOffset(file);
}
