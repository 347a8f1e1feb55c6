/**
 * Which shipped locale a request is answered in (issue 16, ADR 019). Pure: the request's cookies
 * and header come in as strings, so the order is unit-tested, and the server (app/_i18n/request.ts)
 * calls it once per request.
 *
 * The order: the locale the user chose in Gradual's language menu; else the `locale` standard
 * attribute of the signed-in user in Authgear; else the browser's `Accept-Language`; else the
 * default. Each source may name any tag (or garbage): it is matched to the nearest shipped locale,
 * and a source that matches none is passed over, never an error.
 */
import Negotiator from "negotiator";
import { DEFAULT_LOCALE, nearestLocale, type Locale } from "./locales";

export interface LocaleSources {
  /** The language menu's choice (its cookie). */
  chosen?: string | undefined;
  /** The signed-in user's Authgear `locale` standard attribute, as last seen (its cookie). */
  authgear?: string | undefined;
  /** The request's Accept-Language header. */
  acceptLanguage?: string | undefined;
}

export type LocaleSource = "chosen" | "authgear" | "accept-language" | "default";

/** Longer Accept-Language headers are cut here: no browser sends one, and parsing stays cheap. */
export const MAX_ACCEPT_LANGUAGE_LENGTH = 1024;
/** At most this many of its tags are considered, in the browser's order of preference. */
const MAX_ACCEPT_LANGUAGE_TAGS = 20;

/** The tags of an Accept-Language header, most preferred first (q=0 and `*` left out). Never throws. */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  const cut = header.slice(0, MAX_ACCEPT_LANGUAGE_LENGTH);
  let tags: string[];
  try {
    tags = new Negotiator({ headers: { "accept-language": cut } }).languages();
  } catch {
    return [];
  }
  return tags.filter((t) => t !== "*").slice(0, MAX_ACCEPT_LANGUAGE_TAGS);
}

/** The locale to answer in, and which source decided it. */
export function negotiateLocale(sources: LocaleSources): { locale: Locale; source: LocaleSource } {
  for (const source of ["chosen", "authgear"] as const) {
    const locale = nearestLocale(sources[source], { anyScript: true });
    if (locale) return { locale, source };
  }
  const accepted = acceptedLanguages(sources.acceptLanguage);
  // First the browser's languages as they are written, in its order; only then another script of one.
  for (const anyScript of [false, true]) {
    for (const tag of accepted) {
      const locale = nearestLocale(tag, { anyScript });
      if (locale) return { locale, source: "accept-language" };
    }
  }
  return { locale: DEFAULT_LOCALE, source: "default" };
}
