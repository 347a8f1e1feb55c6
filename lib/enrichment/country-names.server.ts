/**
 * English country names → ISO 3166-1 alpha-2, for services that answer a country by name (People
 * Data Labs gives `location_country: "united states"`, lower case). The table is built from the
 * platform's `Intl.DisplayNames("en", { type: "region" })` over exactly the codes Authgear accepts
 * (lib/authgear/iso3166.ts), so a name can only map onto a code an `alpha2` attribute takes, plus
 * the spellings PDL's canonical list (docs.peopledatalabs.com "Location Countries", v28) and older
 * PDL data use where CLDR's English name differs. Names are compared folded: case, accents,
 * "&"/"and", "St."/"Saint" and the kind of apostrophe do not matter.
 */
import "server-only";
import { ISO_3166_1_ALPHA_2 } from "@/lib/authgear/iso3166";

/** Spellings CLDR does not produce, each checked by the unit test to map onto an accepted code. */
export const COUNTRY_NAME_ALIASES: Readonly<Record<string, string>> = {
  "democratic republic of the congo": "CD",
  "dr congo": "CD",
  "republic of the congo": "CG",
  congo: "CG",
  "hong kong": "HK",
  macau: "MO",
  macao: "MO",
  myanmar: "MM",
  burma: "MM",
  palestine: "PS",
  turkey: "TR",
  "the gambia": "GM",
  "ivory coast": "CI",
  swaziland: "SZ",
  macedonia: "MK",
  "czech republic": "CZ",
  "east timor": "TL",
  "cabo verde": "CV",
  "federated states of micronesia": "FM",
  "us virgin islands": "VI",
  "united states virgin islands": "VI",
  "saint vincent and the grenadines": "VC",
  "saint helena, ascension and tristan da cunha": "SH",
  "vatican": "VA",
  "holy see": "VA",
  "russian federation": "RU",
  "the bahamas": "BS",
  "the netherlands": "NL",
  usa: "US",
  "united states of america": "US",
  uk: "GB",
  "great britain": "GB",
};

/** The folded form names are compared in. */
export function foldCountryName(name: string): string {
  return name
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .normalize("NFKD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/\bst\.\s*/g, "saint ")
    .replace(/\s+/g, " ")
    .trim();
}

let table: Map<string, string> | undefined;

function buildTable(): Map<string, string> {
  const names = new Intl.DisplayNames("en", { type: "region", fallback: "none" });
  const map = new Map<string, string>();
  for (const code of ISO_3166_1_ALPHA_2) {
    const name = names.of(code);
    if (name) map.set(foldCountryName(name), code);
  }
  for (const [alias, code] of Object.entries(COUNTRY_NAME_ALIASES)) {
    if (ISO_3166_1_ALPHA_2.has(code)) map.set(foldCountryName(alias), code);
  }
  return map;
}

/** The alpha-2 code of an English country name, or null when it names no country Authgear accepts. */
export function countryCodeFromName(name: unknown): string | null {
  if (typeof name !== "string" || name.length === 0 || name.length > 80) return null;
  table ??= buildTable();
  return table.get(foldCountryName(name)) ?? null;
}
