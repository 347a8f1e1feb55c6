import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";
import { APP_URL, EMULATOR_DATA_DIR, EMULATOR_URL } from "./e2e/urls";

/** Debian's Chromium, or CHROMIUM_PATH (Playwright's own download is never fetched here). */
const executablePath = process.env.CHROMIUM_PATH?.trim() || "/usr/bin/chromium";
if (!existsSync(executablePath)) throw new Error(`No Chromium at ${executablePath}: install Debian's chromium or set CHROMIUM_PATH`);

export default defineConfig({
  testDir: "e2e",
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: APP_URL,
    browserName: "chromium",
    headless: true,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      // Headless, offline, no first-run or background work (as Gradual's own e2e/support/chromium.mjs).
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: [
    {
      name: "emulator",
      command: "node e2e/emulator.mjs",
      url: `${EMULATOR_URL}/_emulator/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "pipe",
      env: { EMULATOR_DATA_DIR, PORT: "3201" },
    },
    {
      name: "app",
      // `npm run test:example` (Gradual's scripts/test-example.ts) has built it; the state store starts empty.
      command: "rm -f .data/example.sqlite* && node_modules/.bin/next start -p 3200",
      url: APP_URL,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      env: {
        AUTHGEAR_ENDPOINT: EMULATOR_URL,
        AUTHGEAR_CLIENT_ID: "example-web",
        EMULATOR_DATA_DIR,
        SQLITE_PATH: ".data/example.sqlite",
        NEXT_TELEMETRY_DISABLED: "1",
        // Empty = unset: a real project's settings in the environment must not leak into the journey.
        AUTHGEAR_PROJECT_ID: "",
        AUTHGEAR_ADMIN_API_KEY: "",
        AUTHGEAR_ADMIN_API_KEY_ID: "",
        AUTHGEAR_WEBHOOK_SECRET: "",
        IPGEOLOCATION_API_KEY: "",
        DATABASE_URL: "",
      },
    },
  ],
});
