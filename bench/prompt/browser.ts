/**
 * The prompt in Chromium, on `next start`: new users sign up from the home page through the
 * emulator's page and come back to /auth/callback, which signs in and shows home in place (the
 * address becomes "/": one document); the dialog prompt appears. Read from the page's Performance API:
 * - the app's marks (lib/perf/marks.ts) against the moment the callback's request started:
 *   when the signed-in home showed (the baseline) and when the questions were on screen;
 * - the scripts fetched between "prompt code requested" and "prompt code loaded" (the callback page
 *   starts the download during the token exchange) that a signed-out home page never loads: the
 *   chunks only the prompt needs (not React, the Authgear SDK or the home page), gzipped from the build;
 * - layout shifts (a PerformanceObserver installed before any page script), on the home page with
 *   the dialog prompt and on /examples/inline with the inline one;
 * - with a phone question: users whose other questions are answered (through the Admin API) sign
 *   in again in a fresh context (a cold cache); once the phone control is ready, every script fetched
 *   since "prompt code requested" that a signed-out home never loads: the prompt's chunks plus what
 *   the phone control and libphonenumber's metadata add.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type Page } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "../../e2e/support/chromium.mjs";
import { adminGraphQL } from "@/emulator/testing";
import { userNodeId } from "@/lib/authgear/global-id";
import { PERF_MARKS } from "@/lib/perf/marks";
import { profileCatalog } from "@/profile.config";
import { defined } from "@/lib/defined";
import { sampleAnswer } from "./answers";

/** Collects layout shifts from the first paint on (runs before the page's own scripts). */
const LAYOUT_SHIFT_OBSERVER = `
  window.__layoutShift = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__layoutShift += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
`;

export interface ChunkSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface BrowserJourney {
  /** ms from the callback's request start to the mark. */
  homeSignedInMs: number;
  promptVisibleMs: number;
  promptCodeMs: number;
  promptChunks: string[];
  /** gzip bytes of every script the document loaded (the callback page, home, SDK, React, prompt). */
  allScriptsGzipBytes: number;
  layoutShiftHome: number;
  layoutShiftInline: number;
  /** Every mark and request of the callback document, in ms from the callback request's start. */
  timeline: { marks: Record<string, number>; responseEnd: number; domContentLoaded: number; requests: RequestTiming[] };
}

/** A sign-in whose prompt asks for a phone number. */
export interface PhoneJourney {
  /** Scripts fetched from "prompt code requested" until the phone control was ready, that a signed-out home never loads. */
  chunks: string[];
}

export interface BrowserMeasurement {
  journeys: BrowserJourney[];
  phoneJourneys: PhoneJourney[];
  chunks: Record<string, ChunkSize>;
  errors: string[];
}

/** One request of the page, for where-the-time-goes breakdowns in the raw results. */
export interface RequestTiming {
  url: string;
  type: string;
  startMs: number;
  endMs: number;
}

interface PageTimings {
  callbackRequestStart: number;
  navigation: { responseEnd: number; domContentLoaded: number };
  requests: RequestTiming[];
  marks: Record<string, number>;
  scripts: Array<{ url: string; startTime: number }>;
  layoutShift: number;
}

async function readTimings(page: Page): Promise<PageTimings> {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    const resources = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
    return {
      callbackRequestStart: nav ? nav.requestStart : 0,
      navigation: { responseEnd: nav ? nav.responseEnd : 0, domContentLoaded: nav ? nav.domContentLoadedEventEnd : 0 },
      requests: resources.map((r) => ({ url: r.name, type: r.initiatorType, startMs: r.startTime, endMs: r.responseEnd })),
      marks: Object.fromEntries(
        performance
          .getEntriesByType("mark")
          .filter((m) => m.name.startsWith("gradual:"))
          .map((m) => [m.name, m.startTime]),
      ),
      scripts: (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
        .filter((r) => r.initiatorType === "script" || /\.js(\?|$)/.test(r.name))
        .map((r) => ({ url: r.name, startTime: r.startTime })),
      layoutShift: (window as unknown as { __layoutShift: number }).__layoutShift,
    };
  });
}

async function chunkSize(distDir: string, url: string, cache: Record<string, ChunkSize>): Promise<ChunkSize> {
  const path = new URL(url).pathname;
  const file = /^\/_next\/(static\/.+\.js)$/.exec(path)?.[1];
  if (file === undefined) throw new Error(`not a build chunk: ${url}`);
  if (!cache[file]) {
    const bytes = await readFile(join(distDir, file));
    cache[file] = { file, bytes: bytes.length, gzipBytes: gzipSync(bytes).length };
  }
  return cache[file];
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The scripts a signed-out visitor's home page loads (it never needs the prompt). */
async function signedOutScripts(browser: Browser, appUrl: string): Promise<Set<string>> {
  const context = await browser.newContext({ baseURL: appUrl });
  try {
    const page = await context.newPage();
    await page.goto("/");
    await page.getByRole("button", { name: "Sign up" }).waitFor({ state: "visible" });
    await settle(500);
    return new Set((await readTimings(page)).scripts.map((s) => s.url));
  } finally {
    await context.close();
  }
}

/** From the home page through the emulator's sign-in page and back home, as `email`. */
async function throughEmulator(page: Page, button: "Sign up" | "Sign in", email: string, appUrl: string, emulatorUrl: string): Promise<void> {
  await page.goto("/");
  await page.getByRole("button", { name: button }).click();
  await page.waitForURL(`${emulatorUrl}/**`);
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL(`${appUrl}/`);
}

async function journey(
  browser: Browser,
  appUrl: string,
  emulatorUrl: string,
  distDir: string,
  email: string,
  chunks: Record<string, ChunkSize>,
  signedOut: Set<string>,
): Promise<BrowserJourney> {
  const context = await browser.newContext({ baseURL: appUrl });
  try {
    await context.addInitScript(LAYOUT_SHIFT_OBSERVER);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
    await throughEmulator(page, "Sign up", email, appUrl, emulatorUrl);
    // Wait for the mark by reading it ten times a second: waiting by role would query the page's
    // accessibility tree on every frame, work on the main thread that would be part of what is measured.
    await page
      .waitForFunction((name) => performance.getEntriesByName(name, "mark").length > 0, PERF_MARKS.promptVisible, { polling: 100, timeout: 15_000 })
      .catch(async (error: unknown) => {
        const text = await page.locator("body").innerText().catch(() => "(unreadable)");
        const markers = await page.locator("[data-profile-prompt]").evaluateAll((els) => els.map((el) => el.getAttribute("data-profile-prompt"))).catch(() => []);
        throw new Error(`no prompt within 15 s at ${page.url()}: ${String(error).split("\n")[0]}; prompt markers: ${markers.join(", ") || "none"}; page text: ${text.replace(/\s+/g, " ").slice(0, 400)}; console: ${problems.join(" | ") || "none"}`);
      });
    await page.getByRole("dialog", { name: "Complete your profile" }).waitFor({ state: "visible", timeout: 1_000 });
    await settle(500); // late shifts (fonts, images) would show up here
    const home = await readTimings(page);
    const mark = (name: string) => {
      const t = home.marks[name];
      if (t === undefined) throw new Error(`the page has no ${name} mark (marks: ${Object.keys(home.marks).join(", ") || "none"})`);
      return t;
    };
    const requested = mark(PERF_MARKS.promptCodeRequested);
    const loaded = mark(PERF_MARKS.promptCodeLoaded);
    const promptChunks = home.scripts.filter((s) => s.startTime >= requested && s.startTime <= loaded && !signedOut.has(s.url)).map((s) => s.url);
    let allScriptsGzipBytes = 0;
    for (const s of home.scripts) allScriptsGzipBytes += (await chunkSize(distDir, s.url, chunks)).gzipBytes;
    for (const url of promptChunks) await chunkSize(distDir, url, chunks);

    // The same login's prompt, inline, on the embedding example (a new document: the session is restored).
    await page.goto("/examples/inline");
    await page.getByRole("region", { name: "Help us tailor your workspace" }).waitFor({ state: "visible", timeout: 15_000 });
    await settle(500);
    const inline = await readTimings(page);

    return {
      homeSignedInMs: mark(PERF_MARKS.homeSignedIn) - home.callbackRequestStart,
      promptVisibleMs: mark(PERF_MARKS.promptVisible) - home.callbackRequestStart,
      promptCodeMs: loaded - requested,
      promptChunks: promptChunks.map((u) => new URL(u).pathname),
      allScriptsGzipBytes,
      layoutShiftHome: home.layoutShift,
      layoutShiftInline: inline.layoutShift,
      timeline: {
        marks: Object.fromEntries(Object.entries(home.marks).map(([name, t]) => [name, t - home.callbackRequestStart])),
        responseEnd: home.navigation.responseEnd - home.callbackRequestStart,
        domContentLoaded: home.navigation.domContentLoaded - home.callbackRequestStart,
        requests: home.requests.map((r) => ({
          url: r.url.replace(appUrl, "").replace(emulatorUrl, "(emulator)"),
          type: r.type,
          startMs: Math.round(r.startMs - home.callbackRequestStart),
          endMs: Math.round(r.endMs - home.callbackRequestStart),
        })),
      },
    };
  } finally {
    await context.close();
  }
}

const WRITE = "mutation($id: ID!, $ca: UserCustomAttributes) { updateUser(input: {userID: $id, customAttributes: $ca}) { user { id } } }";

/**
 * Every question but the phone ones, answered: the next prompt asks for a phone number and nothing
 * else, so what it loads beyond the prompt's chunks is the phone's alone (another question could
 * bring its own lazy rule, an e-mail address say).
 */
function answersButPhone(): Record<string, unknown> {
  if (!profileCatalog.questions.some((q) => q.type === "phone_number")) throw new Error("the catalog has no phone question");
  const answers: Record<string, unknown> = {};
  for (const q of profileCatalog.questions) if (q.type !== "phone_number") answers[q.attribute] = sampleAnswer(profileCatalog, q.attribute);
  return answers;
}

async function phoneJourney(
  browser: Browser,
  options: { appUrl: string; emulatorUrl: string; emulatorDataDir: string; distDir: string },
  email: string,
  chunks: Record<string, ChunkSize>,
  signedOut: Set<string>,
): Promise<PhoneJourney> {
  const { appUrl, emulatorUrl } = options;
  // Sign up (the first prompt asks other questions), then answer those through the Admin API.
  const first = await browser.newContext({ baseURL: appUrl });
  let sub: string;
  try {
    const page = await first.newPage();
    await throughEmulator(page, "Sign up", email, appUrl, emulatorUrl);
    await page.getByRole("dialog", { name: "Complete your profile" }).waitFor({ state: "visible", timeout: 15_000 });
    const idToken = await page.evaluate(() => window.localStorage.getItem("authgear_default_idToken"));
    if (!idToken) throw new Error("no ID token after the sign-up");
    sub = (JSON.parse(Buffer.from(defined(idToken.split(".")[1], "the ID token's payload"), "base64url").toString("utf8")) as { sub: string }).sub;
  } finally {
    await first.close();
  }
  const write = await adminGraphQL(emulatorUrl, options.emulatorDataDir, WRITE, { id: userNodeId(sub), ca: answersButPhone() });
  if (write.body.errors?.length) throw new Error(`Admin API: ${write.body.errors.map((e) => e.message).join("; ")}`);

  // A new login in a fresh context (nothing cached): the prompt asks for the phone.
  const context = await browser.newContext({ baseURL: appUrl });
  try {
    const page = await context.newPage();
    await throughEmulator(page, "Sign in", email, appUrl, emulatorUrl);
    // The control is ready once its selector lists the countries (the stand-in has one option).
    await page.waitForFunction(() => ((document.querySelector<HTMLSelectElement>('select[aria-label="Country code"]'))?.options.length ?? 0) > 1, undefined, {
      polling: 100,
      timeout: 15_000,
    });
    await settle(300);
    const timings = await readTimings(page);
    const requested = timings.marks[PERF_MARKS.promptCodeRequested];
    if (requested === undefined) throw new Error("the page has no prompt-code-requested mark");
    const urls = timings.scripts.filter((s) => s.startTime >= requested && !signedOut.has(s.url)).map((s) => s.url);
    for (const url of urls) await chunkSize(options.distDir, url, chunks);
    return { chunks: urls.map((u) => new URL(u).pathname) };
  } finally {
    await context.close();
  }
}

export async function measureBrowser(options: {
  appUrl: string;
  emulatorUrl: string;
  emulatorDataDir: string;
  distDir: string;
  users: number;
  warmup: number;
  phoneUsers: number;
}): Promise<BrowserMeasurement> {
  const found = findChromium();
  if (!found.ok) throw new Error(found.message);
  const browser = await chromium.launch({ executablePath: found.executablePath, headless: true, args: CHROMIUM_ARGS });
  const out: BrowserMeasurement = { journeys: [], phoneJourneys: [], chunks: {}, errors: [] };
  const run = Date.now().toString(36);
  try {
    const signedOut = await signedOutScripts(browser, options.appUrl);
    for (let n = 0; n < options.warmup + options.users; n++) {
      try {
        const result = await journey(browser, options.appUrl, options.emulatorUrl, options.distDir, `browser-${run}-${n}@example.com`, out.chunks, signedOut);
        if (n >= options.warmup) out.journeys.push(result);
      } catch (error) {
        out.errors.push(`journey ${n}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
      }
    }
    for (let n = 0; n < options.phoneUsers; n++) {
      try {
        out.phoneJourneys.push(await phoneJourney(browser, options, `browser-phone-${run}-${n}@example.com`, out.chunks, signedOut));
      } catch (error) {
        out.errors.push(`phone journey ${n}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
      }
    }
  } finally {
    await browser.close();
  }
  return out;
}
