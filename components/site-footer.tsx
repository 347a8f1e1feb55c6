/**
 * Credit lines the app owes (e.g. for bundled data). Add one string per source; the footer shows
 * them on one line.
 */
export const ATTRIBUTIONS: readonly string[] = [];

export function SiteFooter() {
  return (
    <footer className="border-t border-slate-200 py-6 text-sm text-slate-600">
      <div className="mx-auto max-w-3xl space-y-1 px-4">
        <p>Gradual · progressive profiling for Authgear · open source (MIT)</p>
        {ATTRIBUTIONS.length > 0 ? <p>{ATTRIBUTIONS.join(" · ")}</p> : null}
      </div>
    </footer>
  );
}
