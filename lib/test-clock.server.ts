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
 * Admin API key of a real project. Any other combination stops the app with a message instead of
 * quietly running on a fake clock. Without the file the offset is 0.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";

export const TEST_CLOCK_FLAG = "GRADUAL_TEST_CLOCK";
export const TEST_CLOCK_FILE = "clock.json";

const clockFileSchema = z.object({ offset_ms: z.number().int().min(0) }).strict();
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

type Env = Readonly<Record<string, string | undefined>>;

/** Where the test clock's offset is read from, or null when the clock is real (the flag is unset). Throws on a misuse. */
export function testClockFile(env: Env): string | null {
  const flag = env[TEST_CLOCK_FLAG];
  if (flag === undefined || flag === "") return null;
  if (flag !== "emulator") throw new Error(`${TEST_CLOCK_FLAG} must be unset, or "emulator" in the end-to-end tests; got "${flag}". Unset it.`);
  const endpoint = env.AUTHGEAR_ENDPOINT ?? "";
  let local = false;
  try {
    const url = new URL(endpoint);
    local = url.protocol === "http:" && LOOPBACK.has(url.hostname);
  } catch {
    local = false;
  }
  if (!local || (env.AUTHGEAR_ADMIN_API_KEY ?? "") !== "") {
    throw new Error(
      `${TEST_CLOCK_FLAG}=emulator moves the app's clock for end-to-end tests and works only against the local emulator ` +
        `(AUTHGEAR_ENDPOINT http://localhost:<port>, no AUTHGEAR_ADMIN_API_KEY); AUTHGEAR_ENDPOINT is "${endpoint}". Unset ${TEST_CLOCK_FLAG}.`,
    );
  }
  return resolve(env.EMULATOR_DATA_DIR || ".data/emulator", TEST_CLOCK_FILE);
}

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

/** A clock for `env`: `Date.now` unless the test clock is on (see the file comment). */
export function createServerClock(env: Env): () => number {
  const file = testClockFile(env);
  if (file === null) return Date.now;
  return () => Date.now() + readClockOffset(file);
}

let shared: (() => number) | undefined;

/** Now, in epoch milliseconds, by the app's clock (read from the environment at the first call). */
export function serverNow(): number {
  shared ??= createServerClock(process.env);
  return shared();
}
