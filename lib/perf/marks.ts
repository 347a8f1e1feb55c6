/**
 * The User Timing marks the app sets in the browser (`performance.mark`), once per page load. They
 * cost nothing to leave in production, where a real-user-monitoring script can read them, and the
 * benchmarks read them in Chromium (bench/figures/prompt.ts): the return to /auth/callback is the
 * page's time origin, so a mark's startTime is the time since the user came back from Authgear
 * (the callback goes home by a client-side navigation, in the same document).
 */
export const PERF_MARKS = {
  /** The home page shows the signed-in user. */
  homeSignedIn: "gradual:home-signed-in",
  /** The prompt's code (form, validation) was requested: only signed-in users load it. */
  promptCodeRequested: "gradual:prompt-code-requested",
  /** The prompt's code has arrived. */
  promptCodeLoaded: "gradual:prompt-code-loaded",
  /** The prompt's questions are on screen. */
  promptVisible: "gradual:prompt-visible",
} as const;

export type PerfMark = (typeof PERF_MARKS)[keyof typeof PERF_MARKS];

/** Sets `name` unless this page load already has it; a no-op where the Performance API is missing. */
export function markOnce(name: PerfMark): void {
  if (typeof performance === "undefined" || typeof performance.mark !== "function") return;
  if (performance.getEntriesByName(name, "mark").length > 0) return;
  performance.mark(name);
}
