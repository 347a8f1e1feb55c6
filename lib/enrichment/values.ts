/**
 * Checks and canonical forms for enriched values: IANA time zones, BCP 47 language tags and
 * ISO 3166-1 alpha-2 countries. Uses the platform's Intl (browser and Node alike).
 */
import { ISO_3166_1_ALPHA_2 } from "@/lib/authgear/iso3166";

/** Zone-name shape: "UTC", "Europe/London", "America/Argentina/Buenos_Aires", "Etc/GMT+1".
 * Keeps out offsets such as "+01:00", which some engines accept but are not IANA names. */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/;

let zoneSpellings: Map<string, string> | undefined;
function knownSpelling(name: string): string | undefined {
  if (!zoneSpellings) {
    const names = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    zoneSpellings = new Map([...names, "UTC"].map((n) => [n.toLowerCase(), n]));
  }
  return zoneSpellings.get(name.toLowerCase());
}

/**
 * The name of an IANA time zone with its usual capitalisation, or null when the platform does
 * not know it. The name itself is kept: ICU would map "Asia/Kolkata" to the older link
 * "Asia/Calcutta", which is valid but not what the user's device or the geo database said.
 */
export function canonicalTimeZone(name: unknown): string | null {
  if (typeof name !== "string" || name.length > 64 || !ZONE_NAME.test(name)) return null;
  const seen = checkedZones.get(name);
  if (seen !== undefined) return seen;
  let result: string | null;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    result = knownSpelling(name) ?? name;
  } catch {
    result = null;
  }
  // Building a DateTimeFormat costs ~100 µs; there are only a few hundred zone names.
  if (checkedZones.size >= 2000) checkedZones.clear();
  checkedZones.set(name, result);
  return result;
}
const checkedZones = new Map<string, string | null>();

/** The canonical form of one BCP 47 tag (e.g. "en-us" -> "en-US"), or null when invalid. */
export function canonicalLanguageTag(tag: unknown): string | null {
  if (typeof tag !== "string" || tag.length === 0 || tag.length > 35) return null;
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    return canonical ?? null;
  } catch {
    return null;
  }
}

/** Valid tags only, canonical, without duplicates, in order, at most `max`. */
export function canonicalLanguages(tags: readonly unknown[], max = 10): string[] {
  const out: string[] = [];
  for (const tag of tags) {
    const canonical = canonicalLanguageTag(tag);
    if (canonical && !out.includes(canonical)) out.push(canonical);
    if (out.length >= max) break;
  }
  return out;
}

/** An officially assigned ISO 3166-1 alpha-2 code (Authgear's alpha2 format), upper case. */
export function canonicalCountry(code: unknown): string | null {
  if (typeof code !== "string") return null;
  const upper = code.trim().toUpperCase();
  return ISO_3166_1_ALPHA_2.has(upper) ? upper : null;
}
