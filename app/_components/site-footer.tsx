import { getTranslations } from "next-intl/server";

/** A credit the app owes (e.g. for bundled data): its line (a key of the `footer` messages), where it links, and its licence. */
export interface Attribution {
  text: "dbIp";
  href: string;
  /** A licence's name is a name (CC BY 4.0), the same in every language. */
  license?: { name: string; href: string };
}

/**
 * Credit lines the app owes. Add one entry per source (and its line to app/_i18n/messages); the
 * footer shows them on one line. DB-IP City Lite (the offline `geoip` enrichment provider,
 * docs/decisions/005-enrichment.md) is CC BY 4.0: keep this link as long as that provider is in use.
 */
export const ATTRIBUTIONS: readonly Attribution[] = [
  {
    text: "dbIp",
    href: "https://db-ip.com",
    license: { name: "CC BY 4.0", href: "https://creativecommons.org/licenses/by/4.0/" },
  },
];

const link = "underline underline-offset-2 hover:text-slate-900";

export async function SiteFooter() {
  const t = await getTranslations("footer");
  return (
    <footer className="border-t border-slate-200 py-6 text-sm text-slate-600">
      <div className="mx-auto max-w-3xl space-y-1 px-4">
        <p>{t("tagline")}</p>
        {ATTRIBUTIONS.length > 0 ? (
          <p>
            {ATTRIBUTIONS.map((a, i) => (
              <span key={a.href}>
                {i > 0 ? " · " : null}
                <a className={link} href={a.href}>
                  {t(a.text)}
                </a>
                {/* Isolated, so right to left the licence stays after its credit (not inside the credit's Latin run). */}
                {a.license ? (
                  <bdi>
                    {" ("}
                    <a className={link} href={a.license.href} rel="license">
                      {a.license.name}
                    </a>
                    {")"}
                  </bdi>
                ) : null}
              </span>
            ))}
          </p>
        ) : null}
      </div>
    </footer>
  );
}
