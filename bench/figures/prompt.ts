/**
 * The prompt as a user meets it (issue 5.1), on a production build against the emulator:
 * - getProfilePrompt and submitProfileAnswers over HTTP, p50/p99, against the bare Admin API
 *   calls they need (a read; a read then a write), and their Admin API round trips;
 * - in Chromium: time from the return to /auth/callback to the prompt on screen, against the
 *   signed-in home in the same page loads; the JavaScript only the prompt needs (gzip), against
 *   everything the page loaded, against the same modules bundled by esbuild (tree-shaken per
 *   statement) and against the floor of its libraries (the smallest react-hook-form + zod form,
 *   bundled the same way); layout shift with the dialog prompt and the inline one.
 * The work runs in bench/prompt/session.ts under the build lock (it builds .next).
 */
import { runLockedSession } from "../lib/build-lock";
import type { Figure, Row } from "../lib/types";
import type { RoundTrips } from "../prompt/actions";
import type { BrowserJourney } from "../prompt/browser";
import { measureJsFloor } from "../prompt/js-floor";
import type { PromptSessionResult } from "../prompt/session";
import { percentile, round1 } from "./load-run";
import { defined } from "@/lib/defined";

/** Median, rounded, of the values that were measured (a journey may lack one). */
const p50 = (values: readonly number[]) => Math.round(percentile(values.filter(Number.isFinite), 50) ?? NaN);
/** When the SDK's userinfo call (the last Authgear call of the sign-in) answered, ms after the callback request. */
const userinfoEnd = (j: BrowserJourney) => {
  const ends = j.timeline.requests.filter((r) => r.url.includes("/oauth2/userinfo")).map((r) => r.endMs);
  return ends.length > 0 ? Math.max(...ends) : NaN;
};
const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
const mean = (values: readonly number[]) => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);
const round3 = (n: number | null) => (n === null ? null : Math.round(n * 1000) / 1000);

function trips(list: readonly RoundTrips[], target: string): Pick<Row, "value" | "note"> {
  const requests = list.map((t) => t.requests);
  const kinds = [...new Set(list.map((t) => `${t.queries} read${t.queries === 1 ? "" : "s"} + ${t.mutations} write${t.mutations === 1 ? "" : "s"}`))];
  return {
    value: round1(mean(requests)),
    note: `target ${target}; over ${list.length} calls: min ${Math.min(...requests)}, max ${Math.max(...requests)} (${kinds.join("; ")}), counted by the emulator (GET /_emulator/stats) once it was quiet before and after each call`,
  };
}

/**
 * The prompt's JavaScript when it asks for a phone number: the phone control and libphonenumber's
 * metadata load only then (components/catalog-field/catalog-field.tsx), so this is the figure above plus what
 * a phone question adds, measured on sign-ins whose prompt asks for the work phone.
 */
/** The size the browser measured for the chunk at `path` (/_next/static/…). */
function chunkOf(browser: PromptSessionResult["browser"], path: string) {
  const file = path.replace(/^\/_next\//, "");
  return defined(browser.chunks[file], `the size of chunk ${file}`);
}

function phoneRow(browser: PromptSessionResult["browser"], promptGzip: number): Row {
  const metric = "JavaScript only the prompt needs, with a phone question (gzip)";
  const journeys = browser.phoneJourneys;
  if (journeys.length === 0) return { metric, value: null, unit: "kB", note: "not measured: no sign-in reached the phone question (see errors)" };
  const sets = [...new Set(journeys.map((j) => [...j.chunks].sort().join(" ")))];
  const chunks = defined(journeys[0], "the first phone journey").chunks.map((p) => chunkOf(browser, p));
  const gzip = chunks.reduce((n, c) => n + c.gzipBytes, 0);
  const raw = chunks.reduce((n, c) => n + c.bytes, 0);
  return {
    metric,
    value: kb(gzip),
    unit: "kB",
    better: "lower",
    baseline: "JavaScript only the prompt needs, without one (gzip)",
    baselineValue: kb(promptGzip),
    note: `a phone question adds ${round1(kb(gzip) - kb(promptGzip))} kB (the phone control and libphonenumber-js with its full metadata, loaded when the question is on screen); ${journeys.length} sign-in(s) whose other questions were answered through the Admin API (the prompt asks for the work phone alone), each in a fresh browser context: the ${chunks.length} chunk(s) fetched from the "prompt code requested" mark until the country selector was filled that a signed-out home page never loads (${kb(raw)} kB before gzip)${sets.length > 1 ? `; WARNING: the chunk set differed between sign-ins (${sets.length} sets)` : ""}`,
  };
}

export const promptFigure: Figure = {
  name: "prompt",
  description: "getProfilePrompt/submitProfileAnswers latency and Admin API round trips; in Chromium: callback → prompt visible, the prompt's JS (gzip), layout shift",
  async run(context) {
    context.log("prompt: waiting for the build lock, then next build, emulator, next start, Chromium…");
    const result = await runLockedSession<PromptSessionResult>("prompt", "bench/prompt/session.ts", ["--logs", context.resultsDir], context, 480_000);
    if (Array.isArray(result)) return result;
    const { actions, browser } = result;
    const rows: Row[] = [];
    const errors = [...actions.errors, ...browser.errors];
    const setup = `${actions.promptMs.length} new users one at a time, Server Actions over HTTP (React Flight) on next start, emulator on loopback; baseline from the bench process on the same users with a pre-signed JWT`;

    for (const p of [50, 99]) {
      rows.push({
        metric: `getProfilePrompt, p${p}`,
        value: round1(percentile(actions.promptMs, p)),
        unit: "ms",
        better: "lower",
        baseline: "one Admin API read",
        baselineValue: round1(percentile(actions.adminReadMs, p)),
        ...(p === 50 ? { note: setup } : {}),
      });
    }
    for (const p of [50, 99]) {
      rows.push({
        metric: `submitProfileAnswers (${round1(actions.questionsOffered / Math.max(1, actions.promptMs.length))} answers), p${p}`,
        value: round1(percentile(actions.saveMs, p)),
        unit: "ms",
        better: "lower",
        baseline: "one Admin API read + one write",
        baselineValue: round1(percentile(actions.adminReadWriteMs, p)),
      });
    }
    rows.push(
      { metric: "Admin API round trips per getProfilePrompt", unit: "round trips", better: "lower", ...trips(actions.promptTrips, "1 read") },
      { metric: "Admin API round trips per submitProfileAnswers", unit: "round trips", better: "lower", ...trips(actions.saveTrips, "1 read + 1 write") },
    );

    const journeys = browser.journeys;
    if (journeys.length === 0) {
      rows.push({ metric: "Chromium: not measured", value: null, unit: "", note: errors.slice(0, 3).join("; ") || undefined });
      return rows;
    }
    const visible = journeys.map((j) => j.promptVisibleMs);
    const home = journeys.map((j) => j.homeSignedInMs);
    const code = journeys.map((j) => j.promptCodeMs);
    rows.push(
      {
        metric: "callback → prompt visible (Chromium), p50",
        value: round1(percentile(visible, 50)),
        unit: "ms",
        better: "lower",
        baseline: "callback → signed-in home shown",
        baselineValue: round1(percentile(home, 50)),
        note: `target under 300 ms; ${journeys.length} sign-ups, each a fresh browser context that opened the home page first; from the callback request's start to the User Timing marks (lib/perf/marks.ts); where the time goes (p50): the callback page is parsed (DOMContentLoaded) at ${p50(journeys.map((j) => j.timeline.domContentLoaded))} ms, Authgear's token and userinfo answers are in at ${p50(journeys.map(userinfoEnd))} ms, the signed-in home shows at ${p50(home)} ms, then getProfilePrompt and rendering the questions take ${p50(journeys.map((j) => j.promptVisibleMs - j.homeSignedInMs))} ms; the prompt's code downloads during the token exchange (${p50(code)} ms)`,
      },
      {
        metric: "callback → prompt visible (Chromium), slowest",
        value: round1(Math.max(...visible)),
        unit: "ms",
        better: "lower",
        baseline: "callback → signed-in home shown",
        baselineValue: round1(Math.max(...home)),
      },
    );

    const chunkSets = [...new Set(journeys.map((j) => [...j.promptChunks].sort().join(" ")))];
    const promptChunks = defined(journeys[0], "the first journey").promptChunks.map((p) => chunkOf(browser, p));
    const promptGzip = promptChunks.reduce((n, c) => n + c.gzipBytes, 0);
    const promptRaw = promptChunks.reduce((n, c) => n + c.bytes, 0);
    rows.push({
      metric: "JavaScript only the prompt needs (gzip)",
      value: kb(promptGzip),
      unit: "kB",
      better: "lower",
      baseline: "all JavaScript the signed-in home loaded (gzip)",
      baselineValue: kb(Math.max(...journeys.map((j) => j.allScriptsGzipBytes))),
      note: `target under 25 kB; ${promptChunks.length} chunk(s) fetched between the "prompt code requested" and "loaded" marks that a signed-out home page never loads (${kb(promptRaw)} kB before gzip), gzipped here from .next/static: not React, the Authgear SDK or the home page${chunkSets.length > 1 ? `; WARNING: the chunk set differed between sign-ups (${chunkSets.length} sets)` : ""}`,
    });
    rows.push(phoneRow(browser, promptGzip));
    const floor = await measureJsFloor(context.root);
    rows.push(
      {
        metric: "JavaScript only the prompt needs (gzip), against the same code tree-shaken per statement",
        value: kb(promptGzip),
        unit: "kB",
        better: "lower",
        baseline: "the prompt's modules, esbuild (gzip)",
        baselineValue: kb(floor.prompt.gzipBytes),
        note: `components/profile-prompt/profile-prompt.tsx, which the session prompt loads (its catalog is a Server Action's answer), and all it imports (component, hook, catalog field, answer schemas, react-hook-form, zod/mini), React, use-intl and Next's runtime left out, as package.json's browser imports leave the catalog's check out and what the prompt imports on demand (the phone control and rule) left out, as Next's build makes it chunks of their own; bundled by esbuild, minified and tree-shaken per statement (${kb(floor.prompt.bytes)} kB before gzip; it also counts the few small modules the home page has loaded already); Next's bundler drops unused exports per module, so it keeps more of zod's core (bench/prompt/js-floor.ts)`,
      },
      {
        metric: "JavaScript only the prompt needs (gzip), against its libraries' floor",
        value: kb(promptGzip),
        unit: "kB",
        better: "lower",
        baseline: "useForm + zodResolver + one zod/mini schema, esbuild (gzip)",
        baselineValue: kb(floor.form.gzipBytes),
        note: `the least any react-hook-form + zod form ships, bundled the same way: react-hook-form ${kb(floor.reactHookForm.gzipBytes)} kB and zod/mini with one object schema ${kb(floor.zodMini.gzipBytes)} kB of it; the 25 kB target leaves ${round1(25 - kb(floor.form.gzipBytes))} kB above that floor for the prompt's component, hook, catalog and answer schemas, which take ${round1(kb(floor.prompt.gzipBytes) - kb(floor.form.gzipBytes))} kB even tree-shaken per statement`,
      },
    );
    rows.push(
      {
        metric: "layout shift on the home page, dialog prompt (CLS, worst sign-up)",
        value: round3(Math.max(...journeys.map((j) => j.layoutShiftHome))),
        unit: "",
        better: "lower",
        note: "target 0; every layout-shift entry without recent input, from the callback page's first paint to 0.5 s after the prompt appeared",
      },
      {
        metric: "layout shift on /examples/inline, inline prompt (CLS, worst)",
        value: round3(Math.max(...journeys.map((j) => j.layoutShiftInline))),
        unit: "",
        better: "lower",
        note: "the embedding example: the inline region enters the page's flow; from the first paint to 0.5 s after it appeared",
      },
    );
    if (errors.length > 0) {
      rows.push({ metric: "errors", value: errors.length, unit: "", better: "lower", note: errors.slice(0, 3).join("; ") });
    }
    return rows;
  },
};
