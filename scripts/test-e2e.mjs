#!/usr/bin/env node
// `npm run test:e2e`: the Playwright journeys (e2e/) against a production build on :3100 and the
// emulator on :3101, both started by playwright.config.ts. Extra arguments go to `playwright test`.
import { spawnSync } from "node:child_process";
import { requireChromium } from "../e2e/support/chromium.mjs";

requireChromium();
const cli = new URL("../node_modules/@playwright/test/cli.js", import.meta.url).pathname;
const result = spawnSync(process.execPath, [cli, "test", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" },
});
process.exit(result.status ?? 1);
