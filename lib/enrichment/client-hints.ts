/**
 * The browser's side of the `client` enrichment provider (lib/enrichment/client.ts): what the
 * device reports (time zone, languages). No imports, no zod, no checking: the sign-in callback
 * sends hints before the prompt's code has loaded, and the server checks them (parseClientHints).
 */
export const MAX_CLIENT_LANGUAGES = 10;

export interface ClientHints {
  /** IANA zone name, e.g. "Europe/London" (from the browser: as reported, until the server parses it). */
  timeZone?: string;
  /** BCP 47 tags, most preferred first, at most 10 (from the browser: as reported, until the server parses them). */
  languages?: string[];
}

/** The longest time-zone name and language tag the Server Actions accept (lib/prompt/prompt-types.ts). */
export const MAX_TIME_ZONE_LENGTH = 64;
export const MAX_LANGUAGE_TAG_LENGTH = 35;

/** `Temporal.Now.timeZoneId()` where the browser has Temporal (Chromium 144+, Firefox 139+). */
type WithTemporal = { Temporal?: { Now?: { timeZoneId?: () => string } } };

/**
 * The device's time zone. Temporal answers at once; `Intl.DateTimeFormat()` is the fallback, and
 * the first one a page creates loads ICU's locale data: ~20 ms of main thread in Chromium here,
 * paid on the way to the prompt (the sign-in callback sends the hints before anything else uses Intl).
 */
function deviceTimeZone(): unknown {
  try {
    const fromTemporal = (globalThis as WithTemporal).Temporal?.Now?.timeZoneId?.();
    if (fromTemporal) return fromTemporal;
  } catch {
    // a partial Temporal: fall back to Intl
  }
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined; // no Intl time zone support: leave it out
  }
}

/**
 * In the browser: the device's time zone and the user's language preferences, as reported, cut to
 * what the Server Actions accept. Not checked or canonicalised here: the server does that
 * (parseClientHints) and must anyway, and doing it here cost the browser ~35 ms of ICU data on the
 * way to the prompt (Intl.supportedValuesOf and a DateTimeFormat per zone).
 */
export function collectClientHints(): ClientHints {
  const hints: ClientHints = {};
  const zone = deviceTimeZone();
  if (typeof zone === "string" && zone.length > 0 && zone.length <= MAX_TIME_ZONE_LENGTH) hints.timeZone = zone;
  if (typeof navigator !== "undefined") {
    // The DOM types promise both; some browsers and embedded web views leave them out.
    const { languages: all, language } = navigator as { languages?: readonly string[]; language?: string };
    const reported = all?.length ? all : language ? [language] : [];
    const languages = [...new Set(reported.filter((tag) => typeof tag === "string" && tag.length > 0 && tag.length <= MAX_LANGUAGE_TAG_LENGTH))];
    if (languages.length > 0) hints.languages = languages.slice(0, MAX_CLIENT_LANGUAGES);
  }
  return hints;
}
