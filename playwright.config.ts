import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, requireChromium } from "./e2e/support/chromium.mjs";
import { APP_URL, E2E_DATA_DIR, EMULATOR_DATA_DIR, EMULATOR_URL, THIRD_PARTY_APP_URL } from "./e2e/support/urls";

// Prints one line and exits when no Chromium can be found (see e2e/support/chromium.mjs).
const executablePath = requireChromium();

const bin = (name: string) => `node_modules/.bin/${name}`;
/** The enrichment stand-ins (FullContact, People Data Labs): the emulator's port + 1 (docs/decisions/020-enrichment-stand-ins.md). */
const STANDINS_URL = "http://localhost:3102";

/** The e2e app's environment (both servers; the second switches FullContact on). */
const appEnv: Record<string, string> = {
  AUTHGEAR_ENDPOINT: EMULATOR_URL,
  AUTHGEAR_CLIENT_ID: "gradual-web",
  EMULATOR_DATA_DIR,
  SQLITE_PATH: `${E2E_DATA_DIR}/gradual.sqlite`,
  NEXT_TELEMETRY_DISABLED: "1",
  // Empty = unset: a developer's .env for a real Authgear project must not leak into the tests.
  AUTHGEAR_PROJECT_ID: "",
  AUTHGEAR_ADMIN_API_KEY: "",
  AUTHGEAR_ADMIN_API_KEY_ID: "",
  AUTHGEAR_WEBHOOK_SECRET: "",
  IPGEOLOCATION_API_KEY: "",
  // Third-party sources off, as in a fresh deployment: with one on, the demo catalog's consent
  // question joins every new user's first prompt, which the other journeys do not expect. The
  // FullContact stand-in (emulator/standins/, the emulator's port + 1) is wired, and the second
  // server (app-third-party) switches it on (next start is a production server: the key is explicit, the stand-in's).
  FULLCONTACT: "",
  FULLCONTACT_API_KEY: "standin",
  FULLCONTACT_BASE_URL: `${STANDINS_URL}/fullcontact`,
  PEOPLE_DATA_LABS: "",
  PEOPLE_DATA_LABS_API_KEY: "",
  PEOPLE_DATA_LABS_BASE_URL: "",
  ENRICHMENT_PROVIDERS: "",
  // The app's clock follows the emulator's (POST /_emulator/clock, e2e/visits.spec.ts); on only
  // against the local emulator (lib/test-clock.server.ts).
  GRADUAL_TEST_CLOCK: "emulator",
};

export default defineConfig({
  testDir: "e2e",
  // The README's screenshots are taken by `npm run screenshots`, not by every test run.
  testIgnore: process.env.SCREENSHOTS ? [] : ["**/screenshots.spec.ts"],
  // 2 cores, shared by the app, the emulator and the browser: one worker keeps timings honest.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: APP_URL,
    browserName: "chromium",
    headless: true,
    // The browser's language, so Accept-Language and navigator.language are the same on every machine
    // (the app answers in it: ADR 019); the locale journeys set their own with test.use({ locale }).
    locale: "en-US",
    // Playwright's video needs its own ffmpeg download; traces and screenshots work offline.
    video: "off",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: CHROMIUM_ARGS,
    },
  },
  webServer: [
    {
      name: "emulator",
      // --app-origin: the hooks configured for the dev app (:3000) go to the e2e app. Hooks fail
      // closed, as on Authgear: the app is up before any test signs up.
      command: `${bin("tsx")} emulator/main.ts --port 3101 --data-dir ${EMULATOR_DATA_DIR} --reset --app-origin ${APP_URL}`,
      url: `${EMULATOR_URL}/_emulator/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      name: "app",
      // A production build: what users run, and no dev-only StrictMode double effects to hide behind.
      // `next build` writes .next/ while `next dev` keeps its state in .next/dev, so a running dev server is unaffected.
      // The app's state store starts empty, like the emulator (--reset).
      command: `rm -f ${E2E_DATA_DIR}/gradual.sqlite* && ${bin("next")} build && ${bin("next")} start -p 3100`,
      url: APP_URL,
      reuseExistingServer: false,
      timeout: 240_000,
      stdout: "pipe",
      stderr: "pipe",
      env: appEnv,
    },
    {
      name: "app-third-party",
      // The build above (web servers start in turn, each once the one before answers), served again
      // with FullContact on: the consent and work-email journeys (THIRD_PARTY_APP_URL). It shares the
      // emulator and the state store (SQLite in WAL mode, two processes); the emulator's hooks go to
      // the first server, which is what a second instance behind one webhook URL would see.
      command: `${bin("next")} start -p 3104`,
      url: THIRD_PARTY_APP_URL,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      stderr: "pipe",
      env: { ...appEnv, FULLCONTACT: "on" },
    },
  ],
});
