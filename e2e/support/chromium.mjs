// Which Chromium the e2e tests drive. Shared by playwright.config.ts and scripts/test-e2e.mjs.
// Order: CHROMIUM_PATH when set, then Debian's /usr/bin/chromium, then Playwright's own download.
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

export const DEBIAN_CHROMIUM = "/usr/bin/chromium";

/** Headless, offline, no first-run or background work: how the e2e tests and the benchmarks launch it. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
export const NO_CHROMIUM_MESSAGE =
  "No Chromium found: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH";

/**
 * @returns {{ ok: true, executablePath: string | undefined } | { ok: false, message: string }}
 *   executablePath undefined = use Playwright's own browser.
 */
export function findChromium(env = process.env) {
  const fromEnv = env.CHROMIUM_PATH?.trim();
  if (fromEnv) {
    return existsSync(fromEnv)
      ? { ok: true, executablePath: fromEnv }
      : { ok: false, message: `CHROMIUM_PATH=${fromEnv} does not exist. ${NO_CHROMIUM_MESSAGE}` };
  }
  if (existsSync(DEBIAN_CHROMIUM)) return { ok: true, executablePath: DEBIAN_CHROMIUM };
  let bundled = "";
  try {
    bundled = chromium.executablePath();
  } catch {
    bundled = "";
  }
  if (bundled && existsSync(bundled)) return { ok: true, executablePath: undefined };
  return { ok: false, message: NO_CHROMIUM_MESSAGE };
}

/** The executable path, or exits the process after ONE line saying what to install. */
export function requireChromium(env = process.env) {
  const found = findChromium(env);
  if (!found.ok) {
    console.error(found.message);
    process.exit(1);
  }
  return found.executablePath;
}
