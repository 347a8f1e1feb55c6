/**
 * What people type into a phone field, read the way they mean it: in the country chosen in the
 * selector, with spaces, dashes, dots, slashes and brackets between the digits, a national trunk
 * "0", or an international number pasted with "+" (or the country's international prefix, e.g.
 * "00"), which wins over the selector and switches it to the number's country. It gives the text
 * to show (formatted as you type), the E.164 to send, and what is wrong in words.
 *
 * The E.164 it produces is exactly what Authgear accepts (lib/authgear/phone-number.ts: E.164,
 * possible and valid by libphonenumber's full metadata). Where this module finds a problem, the
 * value it hands to the form is what the person typed, which Authgear's rule refuses too, so the
 * form's schema (the same one the server runs) never passes a number this module calls wrong.
 * It is stricter than Authgear in one place: a national number that is valid only in another
 * country than the one selected (a US number typed with Canada selected) is refused, since the
 * person meant a number of the selected country.
 *
 * Pure and isomorphic, but heavy (libphonenumber-js/max with its metadata): only the lazily loaded
 * phone control (components/ui/phone-field-control.tsx) imports it.
 */
import {
  AsYouType,
  getCountries,
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type CountryCode,
} from "libphonenumber-js/max";
import type { ValidationIssue } from "./validation-issues";

export type PhoneRegion = CountryCode;

/** Why what was typed is not a phone number we can send, with what the message needs. */
export type PhoneInputProblem =
  /** Letters, or no digits at all (a lone "+"). */
  | { kind: "no_digits" }
  /** A national number, and no country chosen. */
  | { kind: "choose_country" }
  | { kind: "too_short"; region?: PhoneRegion; callingCode?: string }
  | { kind: "too_long"; region?: PhoneRegion; callingCode?: string }
  /** "+999…": no country has that calling code. */
  | { kind: "unknown_calling_code" }
  /** The right length but not a number of that country. */
  | { kind: "not_valid"; region?: PhoneRegion; callingCode?: string }
  /** Typed without "+" in the selected country, but it is a number of another one. */
  | { kind: "other_country"; selected: PhoneRegion; region?: PhoneRegion; callingCode: string };

export interface PhoneReading {
  /** The value for the form: E.164 when the number is good, "" when nothing was typed, else the text as typed. */
  value: string;
  /** The country the selector should show: the selected one, or the country of a pasted international number. */
  region: PhoneRegion | undefined;
  /** The number's E.164 when it is good (then equal to `value`). */
  e164?: string;
  problem: PhoneInputProblem | null;
}

/** Characters people type between digits; anything else (letters, "#", "*", "ext.") is not a number here. */
const SEPARATORS = /[\s\-.()/\u00a0\u2010-\u2015]/g;
const ALLOWED = /^\+?[\d\s\-.()/\u00a0\u2010-\u2015]*$/;
/** More digits than any number with its international prefix and trunk code: not worth parsing. */
export const MAX_PHONE_DIGITS = 20;

const REGIONS = new Set<string>(getCountries());

/** A region libphonenumber knows (the selector's choices), or undefined. */
export function phoneRegion(code: string | null | undefined): PhoneRegion | undefined {
  if (!code) return undefined;
  const upper = code.toUpperCase();
  return REGIONS.has(upper) && isSupportedCountry(upper) ? upper : undefined;
}

/** The regions that share a calling code, e.g. "1" → US, CA, … (the main one first). */
function regionsOfCallingCode(callingCode: string): PhoneRegion[] {
  return getCountries().filter((r) => getCountryCallingCode(r) === callingCode);
}

/** The region a calling code stands for when it names exactly one ("852" → HK; "1" → undefined). */
function onlyRegionOf(callingCode: string): PhoneRegion | undefined {
  const regions = regionsOfCallingCode(callingCode);
  return regions.length === 1 ? regions[0] : undefined;
}

/**
 * Reads `raw` as typed with `selected` chosen in the selector (undefined: none chosen).
 * Never throws, whatever the input.
 */
export function readPhoneInput(raw: string, selected: PhoneRegion | undefined): PhoneReading {
  const text = raw.trim();
  const keep = (problem: PhoneInputProblem, region = selected): PhoneReading => ({ value: text, region, problem });
  if (text === "") return { value: "", region: selected, problem: null };
  if (!ALLOWED.test(text)) return keep({ kind: "no_digits" });
  const international = text.startsWith("+");
  const digits = text.replace(SEPARATORS, "").replace(/^\+/, "");
  if (digits === "") return keep({ kind: "no_digits" });
  if (digits.length > MAX_PHONE_DIGITS) return keep({ kind: "too_long", region: international ? undefined : selected });
  if (!international && !selected) return keep({ kind: "choose_country" });

  const defaultCountry = international ? undefined : selected;
  const parsed = parsePhoneNumberFromString(text, defaultCountry ? { defaultCountry } : undefined);
  if (!parsed) {
    switch (validatePhoneNumberLength(text, defaultCountry)) {
      case "INVALID_COUNTRY":
        return keep({ kind: "unknown_calling_code" });
      case "TOO_SHORT":
        return keep(international ? callingCodeProblem("too_short", text) : { kind: "too_short", region: selected });
      case "TOO_LONG":
        return keep(international ? callingCodeProblem("too_long", text) : { kind: "too_long", region: selected });
      case "NOT_A_NUMBER":
        return keep({ kind: "no_digits" });
      default:
        return keep(international ? callingCodeProblem("not_valid", text) : { kind: "not_valid", region: selected });
    }
  }

  const callingCode = parsed.countryCallingCode;
  // "+…" or the selected country's international prefix ("00 44 …" in Hong Kong): the number says its country.
  const saysItsCountry = international || (selected !== undefined && callingCode !== getCountryCallingCode(selected));
  const numberRegion = parsed.country ?? onlyRegionOf(callingCode);
  // A pasted number switches the selector to its country, unless the selected one shares its numbering plan.
  const keepsSelected = selected !== undefined && getCountryCallingCode(selected) === callingCode && (numberRegion === undefined || (numberRegion !== selected && validIn(parsed.number, selected)));
  const region = saysItsCountry && !keepsSelected ? numberRegion : selected;
  const where = saysItsCountry ? { region: numberRegion, callingCode } : { region: selected, callingCode };

  if (!parsed.isPossible()) {
    const length = validatePhoneNumberLength(text, defaultCountry);
    if (!saysItsCountry && selected) {
      const other = otherCountry(digits, selected);
      if (other) return keep(other);
    }
    const kind = length === "TOO_SHORT" ? "too_short" : length === "TOO_LONG" ? "too_long" : "not_valid";
    return keep({ kind, ...where }, region);
  }
  if (!parsed.isValid()) {
    if (!saysItsCountry && selected) {
      const other = otherCountry(digits, selected);
      if (other) return keep(other);
    }
    return keep({ kind: "not_valid", ...where }, region);
  }
  if (!saysItsCountry && selected && parsed.country && parsed.country !== selected && !validIn(parsed.number, selected)) {
    // Valid, but in another country sharing the calling code (a US number with Canada selected).
    return keep({ kind: "other_country", selected, region: parsed.country, callingCode });
  }
  return { value: parsed.number, e164: parsed.number, region, problem: null };
}

/**
 * Whether a valid number is also a number of `region`, for regions that share a numbering plan
 * (Åland and Finland, Jersey and the United Kingdom): libphonenumber names the first region whose
 * patterns match, which need not be the one the person chose.
 */
function validIn(e164: string, region: PhoneRegion): boolean {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return false;
  parsed.country = region;
  return parsed.isValid();
}

function callingCodeProblem(kind: "too_short" | "too_long" | "not_valid", text: string): PhoneInputProblem {
  // "+852 12": the calling code is known even when the rest is too short to parse.
  const digits = text.replace(/\D/g, "");
  for (const length of [1, 2, 3]) {
    const code = digits.slice(0, length);
    const regions = regionsOfCallingCode(code);
    if (regions.length > 0) return { kind, callingCode: code, region: regions.length === 1 ? regions[0] : undefined };
  }
  return { kind };
}

/** The digits, typed in `selected`, are a good number once read as international ("44 20 7123 4567"). */
function otherCountry(digits: string, selected: PhoneRegion): PhoneInputProblem | null {
  const parsed = parsePhoneNumberFromString(`+${digits}`);
  if (!parsed || !parsed.isValid() || parsed.countryCallingCode === getCountryCallingCode(selected)) return null;
  return { kind: "other_country", selected, region: parsed.country, callingCode: parsed.countryCallingCode };
}

/**
 * The text to show while the person types: formatted for the number's country (or `selected`), or
 * unchanged when it holds anything but digits, separators and a leading "+" (so nothing typed
 * vanishes), when no format fits it, or when it is longer than any number.
 */
export function formatPhoneAsYouType(raw: string, selected: PhoneRegion | undefined): string {
  if (!ALLOWED.test(raw.trim()) || raw.replace(/\D/g, "").length > MAX_PHONE_DIGITS) return raw;
  const text = raw.trim();
  if (text === "") return raw;
  if (!text.startsWith("+") && !selected) return raw;
  const formatted = new AsYouType(text.startsWith("+") ? undefined : selected).input(text);
  // No pattern fits (yet, or at all: "1234 5678" in Hong Kong): keep the spaces the person typed.
  return /[^\d+]/.test(formatted) ? formatted : raw;
}

/**
 * A stored value (E.164, or what a draft kept) as the control shows it: the number's country and
 * its national format; anything else as it is, in `fallback`.
 */
export function phoneFromValue(value: string, fallback: PhoneRegion | undefined): { region: PhoneRegion | undefined; text: string } {
  if (value === "") return { region: fallback, text: "" };
  if (value.startsWith("+")) {
    const parsed = parsePhoneNumberFromString(value);
    if (parsed) {
      const region = parsed.country ?? onlyRegionOf(parsed.countryCallingCode);
      if (region) return { region, text: parsed.formatNational() };
      return { region: undefined, text: parsed.formatInternational() };
    }
  }
  return { region: fallback, text: value };
}

/** The region of a language tag that names one: "en-GB" → GB, "de" → undefined. */
export function regionOfLanguage(tag: string | null | undefined): PhoneRegion | undefined {
  if (!tag) return undefined;
  try {
    return phoneRegion(new Intl.Locale(tag).region);
  } catch {
    return undefined;
  }
}

export interface PhoneRegionOption {
  value: PhoneRegion;
  /** "Hong Kong (+852)" */
  label: string;
}

const optionCache = new Map<string, PhoneRegionOption[]>();

function canonicalTag(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? "en";
  } catch {
    return "en";
  }
}

/** Every region with a calling code, as "Hong Kong (+852)", named and sorted in `locale`. */
export function phoneRegionOptions(locale: string): PhoneRegionOption[] {
  const tag = canonicalTag(locale);
  const cached = optionCache.get(tag);
  if (cached) return cached;
  const names = regionNames(tag);
  const collator = new Intl.Collator([tag, "en"]);
  const options = getCountries()
    .map((code) => ({ code, name: names(code) }))
    .sort((a, b) => collator.compare(a.name, b.name) || a.code.localeCompare(b.code))
    .map(({ code, name }) => ({ value: code, label: `${name} (+${getCountryCallingCode(code)})` }));
  optionCache.set(tag, options);
  return options;
}

/**
 * Region names as people say them: CLDR's short name ("Hong Kong", not "Hong Kong SAR China";
 * "Palestine", "Myanmar"), except where the short name is an abbreviation ("UK", "US"), there the
 * full name ("United Kingdom").
 */
function regionNames(tag: string): (region: PhoneRegion) => string {
  const long = new Intl.DisplayNames([tag, "en"], { type: "region", fallback: "code" });
  const short = new Intl.DisplayNames([tag, "en"], { type: "region", style: "short", fallback: "code" });
  return (region) => {
    const brief = short.of(region) ?? region;
    return /^[\p{Lu}.\s-]+$/u.test(brief) ? (long.of(region) ?? region) : brief;
  };
}

const namers = new Map<string, (region: PhoneRegion) => string>();

/** regionNames(tag), made once per locale. */
function regionNamer(locale: string): (region: PhoneRegion) => string {
  let tag = "en";
  try {
    tag = Intl.getCanonicalLocales(locale)[0] ?? "en";
  } catch {
    // malformed locale: English names
  }
  let namer = namers.get(tag);
  if (!namer) {
    namer = regionNames(tag);
    namers.set(tag, namer);
  }
  return namer;
}

/**
 * The problem as a message of the kit's `validation` namespace, countries named in `locale` (or
 * "+1" style when only the calling code is known); the phone control says it in the user's language.
 */
export function phoneProblemIssue(problem: PhoneInputProblem, locale: string): ValidationIssue {
  const name = regionNamer(locale);
  const place = (region: PhoneRegion | undefined, callingCode: string | undefined): string | undefined =>
    region ? name(region) : callingCode ? `+${callingCode}` : undefined;
  switch (problem.kind) {
    case "no_digits":
      return { key: "phoneNoDigits" };
    case "choose_country":
      return { key: "phoneChooseCountry" };
    case "unknown_calling_code":
      return { key: "phoneUnknownCallingCode" };
    case "too_short": {
      const where = place(problem.region, problem.callingCode);
      return where ? { key: "phoneTooShortFor", values: { place: where } } : { key: "phoneTooShort" };
    }
    case "too_long":
      return { key: "phoneTooLong" };
    case "not_valid": {
      const where = place(problem.region, problem.callingCode);
      return where ? { key: "phoneNotValidFor", values: { place: where } } : { key: "phoneNotValid" };
    }
    case "other_country": {
      const selected = name(problem.selected);
      const other = problem.region && getCountryCallingCode(problem.region) === getCountryCallingCode(problem.selected) ? name(problem.region) : `+${problem.callingCode}`;
      return { key: "phoneOtherCountry", values: { other, selected } };
    }
  }
}
