/**
 * The locales Gradual ships (issue 16, ADR 019): their tags, their names in their own language,
 * their writing direction, and the fallback chain a catalog text follows. No Intl data beyond
 * what every browser has, no messages: the language menu and `<html dir>` read this in the
 * browser, so it stays small.
 *
 * Isomorphic.
 */

/** Every locale with a full message catalog (lib/i18n/messages/ and app/_i18n/messages/), the default first. */
export const LOCALES = ["en", "de", "ja", "zh-HK", "ar"] as const;
export type Locale = (typeof LOCALES)[number];

/** What a user gets when nothing they or their browser say matches a shipped locale. */
export const DEFAULT_LOCALE: Locale = "en";

/** Each locale named in itself, as the language menu lists it (a reader finds their own language). */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = Object.freeze({
  en: "English",
  de: "Deutsch",
  ja: "日本語",
  "zh-HK": "繁體中文（香港）",
  ar: "العربية",
});

const RIGHT_TO_LEFT: ReadonlySet<string> = new Set(["ar", "he", "fa", "ur", "ps", "sd", "ug", "yi", "dv", "ckb"]);

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The canonical form of a BCP 47 tag ("zh-hk" → "zh-HK"), or undefined when it is not one. Never throws. */
export function canonicalTag(tag: unknown): string | undefined {
  if (typeof tag !== "string" || tag.length === 0 || tag.length > 64) return undefined;
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

/**
 * A tag's canonical form, its language and its script (written, or the likely one: `zh-HK` is
 * Hant, `de` is Latn), or undefined when it is not BCP 47. Never throws.
 */
export function localeParts(tag: unknown): { tag: string; language: string; script: string | undefined } | undefined {
  const canonical = canonicalTag(tag);
  if (!canonical) return undefined;
  try {
    const locale = new Intl.Locale(canonical);
    return { tag: canonical, language: locale.language, script: locale.script ?? locale.maximize().script };
  } catch {
    return undefined;
  }
}

/** The shipped locales, parsed once. */
const SHIPPED = LOCALES.map((locale) => ({ ...(localeParts(locale) as NonNullable<ReturnType<typeof localeParts>>), locale }));

/**
 * The shipped locale nearest to `tag`: the same tag; else the same language in the same script
 * (`zh-TW` → `zh-HK`, `de-CH` → `de`, `ar-EG` → `ar`); else, when `anyScript`, the same language
 * in another script. Undefined for a tag that is not BCP 47 or whose language is not shipped.
 */
export function nearestLocale(tag: unknown, { anyScript = false }: { anyScript?: boolean } = {}): Locale | undefined {
  if (typeof tag !== "string") return undefined;
  const wanted = localeParts(tag);
  if (!wanted) return undefined;
  const exact = SHIPPED.find((s) => s.tag === wanted.tag);
  if (exact) return exact.locale;
  const sameScript = SHIPPED.find((s) => s.language === wanted.language && s.script === wanted.script);
  if (sameScript) return sameScript.locale;
  return anyScript ? SHIPPED.find((s) => s.language === wanted.language)?.locale : undefined;
}

/** "rtl" for a script written right to left (Arabic, Hebrew, …), else "ltr". */
export function localeDirection(locale: string): "ltr" | "rtl" {
  const parts = localeParts(locale);
  if (!parts) return "ltr";
  if (parts.script) return ["Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg"].includes(parts.script) ? "rtl" : "ltr";
  return RIGHT_TO_LEFT.has(parts.language) ? "rtl" : "ltr";
}

/**
 * The tags a text for `locale` is looked up under, most specific first, ending with the default's:
 * the tag itself, its language with its script, its language, then `defaultLocale` the same way.
 * `zh-HK` → `zh-HK`, `zh-Hant`, `zh`, then `en`; `de-CH` → `de-CH`, `de-Latn`, `de`, `en`.
 * A tag that is not BCP 47 contributes nothing: the chain is the default's alone.
 */
export function localeChain(locale: string, defaultLocale: string = DEFAULT_LOCALE): string[] {
  const chain: string[] = [];
  const add = (tag: string) => {
    const parts = localeParts(tag);
    if (!parts) return;
    const { tag: canonical, language, script } = parts;
    for (const candidate of [canonical, script ? `${language}-${script}` : undefined, language]) {
      if (candidate && !chain.includes(candidate)) chain.push(candidate);
    }
  };
  add(locale);
  add(defaultLocale);
  return chain;
}
