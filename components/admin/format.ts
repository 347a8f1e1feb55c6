/**
 * The dashboard's numbers in the reader's locale (issue 16): counts, shares as percentages with at
 * most one decimal (0.4 → "40%" in English, "40 %" in German, "٤٠٪" in Arabic digits), and instants
 * with date and time in the browser's time zone (the date-range inputs are in it too). The
 * dashboard renders figures only in the browser (it waits for the session), so the zone the server
 * would use never meets the browser's.
 *
 * Isomorphic.
 */

/** What a figure that does not exist (a share of nobody, a time never reached) is written as. */
export const NONE = "—";

export function dashboardFormat(locale: string, timeZone?: string) {
  const count = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const time = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium", ...(timeZone ? { timeZone } : {}) });
  return {
    count: (n: number) => count.format(n),
    share: (x: number | null) => (x === null ? NONE : percent.format(x)),
    time: (ms: number | null) => (ms === null ? NONE : time.format(new Date(ms))),
  };
}

export type DashboardFormat = ReturnType<typeof dashboardFormat>;
