import "server-only";
/**
 * The locale of the current request, for a Next.js app (server components, Server Actions, and
 * next-intl's request config): lib/i18n/negotiate.ts over the request's cookies and
 * Accept-Language (issue 16, ADR 019). Never throws on what the browser sent.
 */
import { cookies, headers } from "next/headers";
import { AUTHGEAR_LOCALE_COOKIE, CHOSEN_LOCALE_COOKIE } from "./cookies";
import { negotiateLocale, type LocaleSource } from "./negotiate";
import type { Locale } from "./locales";

export async function requestLocale(): Promise<{ locale: Locale; source: LocaleSource }> {
  const [jar, head] = await Promise.all([cookies(), headers()]);
  return negotiateLocale({
    chosen: jar.get(CHOSEN_LOCALE_COOKIE)?.value,
    authgear: jar.get(AUTHGEAR_LOCALE_COOKIE)?.value,
    acceptLanguage: head.get("accept-language") ?? undefined,
  });
}
