/**
 * How Authgear reads and resolves languages, ported from authgear-server and the Go library it
 * uses (golang.org/x/text/language), with JavaScript's Intl (CLDR, through ICU) in place of Go's
 * generated tables:
 *
 * - `parseAcceptLanguage`: Go's `language.ParseAcceptLanguage` as authgear-server's
 *   `intl.ParseAcceptLanguage` calls it (pkg/util/intl): entries split on "," and ";", tags sorted
 *   by q (stable), q <= 0 dropped, "*" read as `mul`, and ANY bad entry (an unknown subtag, a bad
 *   weight) makes the whole header count as no preference at all (Authgear returns nil).
 * - `parseUiLocales`: `intl.ParseUILocales`: the space-separated `ui_locales` read as that header.
 * - `preferredLanguages`: a non-empty `ui_locales` wins, even when nothing in it parses; else the
 *   request's Accept-Language (authenticationflow Session.MakeContext, webapp UIParamMiddleware).
 * - `resolveLanguage`: `intl.Resolve` + event service makeContext: the fallback language first,
 *   then `supported_languages`, matched with Go's `language.Matcher` (`matchLanguage`); the
 *   result is the configured tag, or "" when the match is a fallback the config does not list.
 *
 * Go's matcher (golang.org/x/text/language/match.go) is ported rule by rule: maximized tags (CLDR
 * likely subtags) compared by language, then script, then region, confidence Exact > High > Low
 * > No, the language of an earlier wish pinned once it matched on script, the tie-breakers
 * (same language as written, same region as written, CLDR paradigm locale, same script as
 * written) and, when nothing matches, the first supported tag with the wish's script, else the
 * first. Not ported (ADR 002): CLDR's languageMatch pairs of different languages (gsw→de,
 * nb↔no…), region-group distances (en-GB vs en-US for en-AU), and Go's exact subtag registry.
 */

/** Go's language.Confidence. */
export const Confidence = { No: 0, Low: 1, High: 2, Exact: 3 } as const;
export type Confidence = (typeof Confidence)[keyof typeof Confidence];

/** A tag as Go's Parse leaves it: canonical string and its parts (script/region "" when absent). */
export interface ParsedTag {
  tag: string;
  language: string;
  script: string;
  region: string;
  /** Variants and private use (what Go's equalsRest compares), "" when none. */
  rest: string;
}

const LANGUAGE_NAMES = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" });
const SCRIPT_NAMES = new Intl.DisplayNames(["en"], { type: "script", fallback: "none" });
const REGION_NAMES = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });

function known(names: Intl.DisplayNames, code: string): boolean {
  try {
    return names.of(code) !== undefined;
  } catch {
    return false;
  }
}

/** Private-use ranges Go's registry accepts: languages qaa–qtz, scripts Qaaa–Qabx. */
const PRIVATE_LANGUAGE = /^q[a-t][a-z]$/;
const PRIVATE_SCRIPT = /^Qa(a[a-z]|b[a-x])$/;

/**
 * Go's `language.Parse` (Default canonicalization: deprecated and legacy codes replaced, "_" as
 * a separator, case normalized), or null where Go returns an error: ill-formed, or a
 * well-formed subtag no registry knows (Go: "well-formed but unknown").
 */
export function parseTag(input: string): ParsedTag | null {
  if (input === "" || input.length > 255) return null;
  let tag: string;
  try {
    [tag = ""] = Intl.getCanonicalLocales(input.replaceAll("_", "-"));
  } catch {
    return null;
  }
  if (tag === "") return null;
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(tag);
  } catch {
    return null;
  }
  const language = locale.language || "und"; // ICU reports no language for und
  const script = locale.script ?? "";
  const region = locale.region ?? "";
  if (language !== "und" && !PRIVATE_LANGUAGE.test(language) && !known(LANGUAGE_NAMES, language)) return null;
  if (script !== "" && !PRIVATE_SCRIPT.test(script) && !known(SCRIPT_NAMES, script)) return null;
  if (region !== "" && !known(REGION_NAMES, region)) return null;
  // What follows language, script and region up to the first extension singleton: the variants;
  // with the private-use part (-x-…) they are Go's "rest" of a tag.
  const parts = tag.split("-").slice(1 + (script ? 1 : 0) + (region ? 1 : 0));
  const singleton = parts.findIndex((p) => p.length === 1);
  const variants = (singleton === -1 ? parts : parts.slice(0, singleton)).join("-");
  const privateUse = /(?:^|-)(x-.*)$/.exec(tag)?.[1] ?? "";
  return { tag, language, script, region, rest: [variants, privateUse].filter(Boolean).join("-") };
}

/** Go's `FormatBCP47` (pkg/util/validation): parses, and is already in canonical form. */
export function isCanonicalBcp47(value: string): boolean {
  return parseTag(value)?.tag === value;
}

/** Go's strconv.ParseFloat(s, 32) for what an Accept-Language weight can be; null on error. */
function parseFloat32(text: string): number | null {
  let value: number;
  if (/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text)) value = Number(text);
  else if (/^[+-]?(?:inf|infinity)$/i.test(text)) return text.startsWith("-") ? -Infinity : Infinity;
  else if (/^[+-]?nan$/i.test(text)) return Number.NaN;
  else return null;
  if (Math.abs(value) > 3.4028234663852886e38) return null; // ErrRange for float32
  return value;
}

/** Go's split: the part before the first `c` and the part after, both trimmed. */
function split(s: string, c: string): [string, string] {
  const i = s.indexOf(c);
  return i >= 0 ? [s.slice(0, i).trim(), s.slice(i + 1).trim()] : [s.trim(), ""];
}

/** Go's consume: drops a leading `c` (and spaces after it), "" when `s` does not start with it. */
function consume(s: string, c: string): string {
  return s !== "" && s[0] === c ? s.slice(1).trim() : "";
}

/** Words Go's ParseAcceptLanguage reads as languages although they are not tags. */
const ACCEPT_FALLBACK: Readonly<Record<string, string>> = { english: "en", deutsch: "de", italian: "it", french: "fr", "*": "mul" };

/**
 * Go's `language.ParseAcceptLanguage`, as Authgear's `intl.ParseAcceptLanguage` returns it: the
 * tags' strings by descending q (stable), or [] when any part of the header is bad.
 */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  let s = header ?? "";
  if ((s.match(/-/g)?.length ?? 0) > 1000) return []; // errTagListTooLarge
  const entries: { tag: string; q: number }[] = [];
  while (s !== "") {
    let item: string;
    [item, s] = split(s, ",");
    if (item === "") continue;
    const [entry, weight] = split(item, ";");
    let parsed = parseTag(entry);
    if (!parsed) {
      const fallback = ACCEPT_FALLBACK[entry];
      if (fallback === undefined) return [];
      parsed = parseTag(fallback);
      if (!parsed) return [];
    }
    let q = 1;
    if (weight !== "") {
      const w = parseFloat32(consume(consume(weight, "q"), "="));
      if (w === null) return []; // errInvalidWeight
      if (w <= 0) continue;
      q = w;
    }
    entries.push({ tag: parsed.tag, q });
  }
  // sort.Stable with Less = q[i] > q[j] (a NaN weight compares as neither).
  return entries
    .map((e, i) => ({ ...e, i }))
    .sort((a, b) => (a.q > b.q ? -1 : b.q > a.q ? 1 : a.i - b.i))
    .map((e) => e.tag);
}

/** Authgear's `intl.ParseUILocales`: `ui_locales` (space-separated) read as an Accept-Language. */
export function parseUiLocales(uiLocales: string): string[] {
  return parseAcceptLanguage(uiLocales.replaceAll(" ", ", "));
}

/**
 * The preferred languages of a request as Authgear's auth UI and its events see them: a
 * non-empty `ui_locales` (of the authorization) wins outright, else the Accept-Language header.
 */
export function preferredLanguages(uiLocales: string | null | undefined, acceptLanguage: string | null | undefined): string[] {
  return uiLocales ? parseUiLocales(uiLocales) : parseAcceptLanguage(acceptLanguage);
}

// ---------------------------------------------------------------------------------------------
// Go's language.Matcher
// ---------------------------------------------------------------------------------------------

interface Maximized {
  language: string;
  script: string;
  region: string;
}

function maximize(tag: ParsedTag): Maximized {
  try {
    const max = new Intl.Locale(tag.tag).maximize();
    return { language: max.language || "und", script: max.script ?? "", region: max.region ?? "" };
  } catch {
    return { language: tag.language, script: tag.script, region: tag.region };
  }
}

/**
 * Go's matchScript pairs (CLDR languageMatching) between scripts of one language that readers
 * of one partly understand: a wish in `want` may take a supported tag in `have` with Low
 * confidence. Only Serbian and Chinese are carried here.
 */
const SCRIPT_INTELLIGIBILITY: readonly { lang: string; want: string; have: string }[] = [
  { lang: "sr", want: "Latn", have: "Cyrl" },
  { lang: "sr", want: "Cyrl", have: "Latn" },
  { lang: "zh", want: "Hans", have: "Hant" },
  { lang: "zh", want: "Hant", have: "Hans" },
];

function altScript(language: string, script: string): string {
  return SCRIPT_INTELLIGIBILITY.find((p) => p.lang === language && p.have === script)?.want ?? "";
}

/**
 * CLDR's paradigm locales (en, en-GB, es, es-419, pt-BR, pt-PT; a bare language stands for its
 * likely region, as Go's init fills it in): preferred on a tie.
 */
const PARADIGM_REGIONS: Readonly<Record<string, readonly string[]>> = { en: ["US", "GB"], es: ["ES", "419"], pt: ["BR", "PT"] };

function isParadigmLocale(language: string, region: string): boolean {
  return PARADIGM_REGIONS[language]?.includes(region) ?? false;
}

interface HaveTag {
  tag: ParsedTag;
  index: number;
  conf: Confidence;
  maxScript: string;
  maxRegion: string;
  altScript: string;
}

function equalsRest(a: ParsedTag, b: ParsedTag): boolean {
  return a.script === b.script && a.region === b.region && a.rest === b.rest;
}

class BestMatch {
  have: HaveTag | null = null;
  want: ParsedTag | null = null;
  conf: Confidence = Confidence.No;
  private pinLanguage = false;
  private origLang = false;
  private origReg = false;
  private origScript = false;
  private paradigmReg = false;

  /** Go's bestMatch.update (region-group distances are not carried: every region counts as one group). */
  update(have: HaveTag, tag: ParsedTag, maxScript: string, maxRegion: string, pin: boolean): void {
    let c = have.conf;
    if (c < this.conf) return;
    if (this.pinLanguage && tag.language !== this.want?.language) return;
    if (c === Confidence.Exact && have.maxScript === maxScript) this.pinLanguage = pin;
    if (equalsRest(have.tag, tag)) {
      // same script, region and variants as written: keeps its confidence
    } else if (have.maxScript !== maxScript) {
      if (Confidence.Low < this.conf || have.altScript !== maxScript) return;
      c = Confidence.Low;
    } else if (have.maxRegion !== maxRegion) {
      if (Confidence.High < c) c = Confidence.High;
    }

    let beaten = false;
    if (c !== this.conf) {
      if (c < this.conf) return;
      beaten = true;
    }
    const origLang = have.tag.language === tag.language && tag.language !== "und";
    if (!beaten && this.origLang !== origLang) {
      if (this.origLang) return;
      beaten = true;
    }
    const origReg = have.tag.region === tag.region && tag.region !== "";
    if (!beaten && this.origReg !== origReg) {
      if (this.origReg) return;
      beaten = true;
    }
    const paradigmReg = isParadigmLocale(tag.language, have.maxRegion);
    if (!beaten && this.paradigmReg !== paradigmReg) {
      if (!paradigmReg) return;
      beaten = true;
    }
    const origScript = have.tag.script === tag.script && tag.script !== "";
    if (!beaten && this.origScript !== origScript) {
      if (this.origScript) return;
      beaten = true;
    }
    if (beaten) {
      this.have = have;
      this.want = tag;
      this.conf = c;
      this.origLang = origLang;
      this.origReg = origReg;
      this.origScript = origScript;
      this.paradigmReg = paradigmReg;
    }
  }
}

/**
 * Go's `language.NewMatcher(supported).Match(preferred...)`: the index in `supported` of the best
 * match and its confidence. With nothing matching: the first supported tag whose script is the
 * script of a wish (preferSameScript, Go's default), else index 0, with confidence No.
 * Tags that do not parse are made "und", as Go's `language.Make` does.
 */
export function matchLanguage(preferred: readonly string[], supported: readonly string[]): { index: number; confidence: Confidence } {
  if (supported.length === 0) return { index: -1, confidence: Confidence.No };
  const und: ParsedTag = { tag: "und", language: "und", script: "", region: "", rest: "" };
  const haveTags = supported.map((s) => parseTag(s) ?? und);
  const index = new Map<string, HaveTag[]>();
  const add = (language: string, have: HaveTag) => {
    const list = index.get(language) ?? [];
    if (!list.some((h) => equalsRest(h.tag, have.tag))) list.push(have);
    index.set(language, list);
  };
  const haves = haveTags.map((tag, i): HaveTag => {
    const max = tag.language === "und" && !tag.script && !tag.region ? { language: "und", script: "", region: "" } : maximize(tag);
    return { tag, index: i, conf: Confidence.Exact, maxScript: max.script, maxRegion: max.region, altScript: altScript(max.language, max.script) };
  });
  haves.forEach((h) => add(h.tag.language, h));
  haves.forEach((h) => {
    const maxLanguage = h.tag.language === "und" ? maximize(h.tag).language : h.tag.language;
    if (maxLanguage !== h.tag.language) add(maxLanguage, h);
  });

  const wants = preferred.map((p) => parseTag(p) ?? und);
  const best = new BestMatch();
  wishes: for (const [i, w] of wants.entries()) {
    let h: HaveTag[] | undefined;
    let max: Maximized;
    if (w.language !== "und") {
      h = index.get(w.language);
      if (!h) continue;
      max = maximize(w);
    } else {
      const exact = index.get("und")?.find((have) => equalsRest(have.tag, w));
      if (exact) return { index: exact.index, confidence: Confidence.Exact };
      if (!w.script && !w.region) continue;
      max = maximize(w);
      h = index.get(max.language);
      if (!h) continue;
    }
    const pin = !wants.slice(i + 1).some((t) => t.language === w.language);
    for (const have of h) {
      best.update(have, w, max.script, max.region, pin);
      if (best.conf === Confidence.Exact) break wishes;
    }
  }
  if (best.have && best.conf > Confidence.No) return { index: best.have.index, confidence: best.conf };
  for (const w of wants) {
    const script = w.script || maximize(w).script;
    if (!script) continue;
    const same = haves.find((h) => h.maxScript === script);
    if (same) return { index: same.index, confidence: Confidence.No };
  }
  return { index: 0, confidence: Confidence.No };
}

/** A project's `localization` as Authgear's config has it (defaults applied). */
export interface Localization {
  fallbackLanguage: string;
  supportedLanguages: readonly string[];
}

/**
 * Authgear's `intl.Resolve` as the event service uses it for `context.language`: the fallback
 * first, then the supported languages, matched against the preferred ones; the configured tag
 * that matched, or "" when the match is a fallback that `supported_languages` does not list.
 */
export function resolveLanguage(preferred: readonly string[], localization: Localization): string {
  const { fallbackLanguage, supportedLanguages } = localization;
  const ordered = [fallbackLanguage, ...supportedLanguages.filter((l) => l !== fallbackLanguage)];
  const { index } = matchLanguage(preferred, ordered);
  if (index === -1) return "";
  const matched = ordered[index];
  return matched !== undefined && supportedLanguages.includes(matched) ? matched : "";
}
