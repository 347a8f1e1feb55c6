/**
 * How the two locale cookies (lib/i18n/cookies.ts, ADR 019) are written: by the language menu's
 * Server Action (next/headers, `LOCALE_COOKIE_OPTIONS`) and by the session in the browser
 * (`document.cookie`, `localeCookieString`), with the same attributes, so one replaces the other.
 * Only a shipped locale is ever written; clearing is a write that expires at once.
 *
 * Isomorphic.
 */
import { LOCALE_COOKIE_MAX_AGE_SECONDS } from "@/lib/i18n/cookies";
import { isLocale, type Locale } from "@/lib/i18n/locales";

/** For next/headers `cookies().set(name, value, options)`. Not httpOnly: not a secret, and the browser session writes the Authgear one. */
export const LOCALE_COOKIE_OPTIONS = Object.freeze({
  path: "/",
  sameSite: "lax" as const,
  maxAge: LOCALE_COOKIE_MAX_AGE_SECONDS,
  httpOnly: false,
});

/**
 * A `document.cookie` assignment that sets `name` to `locale` (a year, Path=/, SameSite=Lax), or
 * clears it when `locale` is null. Throws for a value that is not a shipped locale: nothing else
 * is ever written.
 */
export function localeCookieString(name: string, locale: Locale | null): string {
  if (locale === null) return `${name}=; Path=/; Max-Age=0; SameSite=Lax`;
  if (!isLocale(locale)) throw new Error(`Not a shipped locale: ${JSON.stringify(locale)}`);
  return `${name}=${locale}; Path=/; Max-Age=${LOCALE_COOKIE_MAX_AGE_SECONDS}; SameSite=Lax`;
}

/** The value of cookie `name` in a `document.cookie` string, when it is a shipped locale. */
export function localeFromCookies(cookieHeader: string, name: string): Locale | undefined {
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    return isLocale(value) ? value : undefined;
  }
  return undefined;
}
