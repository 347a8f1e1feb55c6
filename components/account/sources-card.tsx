"use client";
/**
 * /profile's "Sources" card: which enrichment providers ran for the user (what each is, when it
 * last ran, what it found, in the user's words, an outside service marked as such), and, when the
 * catalog asks for consent before third-party sources run, the user's decision with its time and
 * a Withdraw (or Allow) button. Words from the kit's messages (`profile.sources*`,
 * `profile.consent*`), the fields' names from the catalog's questions (sources.ts).
 */
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { ProfileCatalog } from "@/lib/catalog/catalog";
import { useKitTranslations, type KitKey } from "@/lib/i18n/use-kit-translations";
import { consentState, fieldWords, foundWords, type AccountEnrichment, type AccountSource } from "./sources";

const OUTCOMES = new Set(["found", "nothing", "timeout", "error", "invalid", "cached"]);

export interface SourcesCardProps {
  enrichment: AccountEnrichment;
  catalog: ProfileCatalog;
  locale: string;
  /** Enrichment is off for the user: no source runs, whatever the consent says. */
  optOut: boolean;
  /** Formats a moment in the page's locale. */
  formatTime: (ms: number) => string;
  /** The consent action is running (its button shows it), or another action is (it waits). */
  busy: "consent" | "other" | null;
  /** Allows (true) or withdraws (false) the third-party sources. */
  onConsent: (granted: boolean) => void;
}

export function SourcesCard({ enrichment, catalog, locale, optOut, formatTime, busy, onConsent }: SourcesCardProps) {
  const t = useKitTranslations("profile");
  const headingId = useId();
  const consentId = useId();
  const vocabulary = (field: string) => {
    const key = `sourcesField.${field}` as KitKey<"profile">;
    return t.has(key) ? t(key) : undefined;
  };
  const words = (field: string) => fieldWords(field, catalog, locale, vocabulary);
  const list = (items: string[]) => new Intl.ListFormat(locale, { type: "conjunction" }).format(items);
  // In the app's provider order, as the account view lists them.
  const { sources } = enrichment;
  const consent = consentState(enrichment.consent);

  // A kit provider in the page's language (`sourcesProvider.*`), else the provider's own description, else its name.
  const describe = (source: AccountSource) => {
    const key = `sourcesProvider.${source.provider}` as KitKey<"profile">;
    return t.has(key) ? t(key) : source.description?.trim() || source.provider;
  };
  const what = (source: AccountSource) => {
    const found = foundWords(source, words);
    if (found.length > 0) return t("sourcesFound", { fields: list(found) });
    return OUTCOMES.has(source.outcome) ? t(`sourcesOutcome.${source.outcome}` as KitKey<"profile">) : source.outcome;
  };

  return (
    <Card>
      <section aria-labelledby={headingId} className="space-y-4">
        <div className="space-y-1">
          <h2 id={headingId} className="text-lg font-semibold text-slate-900">
            {t("sourcesHeading")}
          </h2>
          <p className="text-sm text-slate-600">{t("sourcesIntro")}</p>
        </div>
        {sources.length === 0 ? (
          <p className="text-sm text-slate-700">{t("sourcesNone")}</p>
        ) : (
          <ul aria-labelledby={headingId} className="divide-y divide-slate-200">
            {sources.map((source) => {
              const ranAt = Date.parse(source.ranAt);
              return (
                <li key={source.provider} className="space-y-1 py-3 first:pt-0 last:pb-0" data-testid={`enrichment-source-${source.provider}`}>
                  <p className="flex flex-wrap items-center gap-2">
                    <span className="font-medium text-slate-900">{describe(source)}</span>
                    {source.thirdParty ? <span className="rounded-full border border-amber-300 bg-amber-50 px-2 text-xs font-medium text-amber-900">{t("sourcesThirdParty")}</span> : null}
                  </p>
                  <p className="text-sm text-slate-700">{what(source)}</p>
                  {Number.isNaN(ranAt) ? null : (
                    <p className="text-xs text-slate-600">
                      {t("sourcesRanAt", { when: formatTime(ranAt) })}
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {enrichment.consent.required ? (
          <div role="group" aria-labelledby={consentId} className="space-y-2 rounded-lg border border-slate-200 p-4">
            <h3 id={consentId} className="text-base font-semibold text-slate-900">
              {t("consentHeading")}
            </h3>
            <p className="text-sm text-slate-700" data-testid="consent-state">
              {consent.state === "undecided"
                ? t("consentUndecided")
                : consent.at === null
                  ? t(consent.state === "granted" ? "consentGranted" : "consentRefused")
                  : t(consent.state === "granted" ? "consentGrantedAt" : "consentRefusedAt", { when: formatTime(consent.at) })}
            </p>
            {optOut ? <p className="text-sm text-slate-600">{t("consentOptOutNote")}</p> : null}
            <Button variant="secondary" busy={busy === "consent"} disabled={busy !== null} onClick={() => onConsent(consent.offer.granted)}>
              {consent.offer.granted ? t("consentAllow") : t("consentWithdraw")}
            </Button>
          </div>
        ) : null}
      </section>
    </Card>
  );
}
