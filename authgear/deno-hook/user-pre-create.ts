/**
 * Gradual's sign-up enrichment as an Authgear TypeScript (Deno) hook, for teams that prefer it
 * to the app's webhook (POST /api/authgear/hooks). Follows Authgear's guide "Update user profile
 * on sign-up using Hooks": on `user.pre_create`, look the sign-up's IP address up at
 * ipgeolocation.io and fill the new user's empty city, country and timezone custom attributes.
 *
 * Install: Authgear Portal → Advanced → Hooks → Blocking Events → user.pre_create →
 * TypeScript; paste this file; set IPGEOLOCATION_API_KEY below (Deno hooks cannot read
 * environment variables); make sure the attributes named in ATTRIBUTES exist.
 *
 * It never blocks a sign-up: any failure (no key, private IP, timeout, error, odd answer) means
 * `{ is_allowed: true }` without mutations. Mutations replace the whole custom-attributes
 * object, so every existing attribute is sent back unchanged; only empty ones are filled.
 * Without a key, the country still comes from Authgear's own `geo_location_code`.
 *
 * Self-contained on purpose: a Deno hook cannot import the app. The type import below is erased
 * when run, and the whole file is valid TypeScript.
 *
 * What it cannot do that the app's enrichment does (work-email knowledge, person and company
 * lookups, consent, provenance, the device's time zone): authgear/deno-hook/README.md.
 */
import type { EventUserPreCreate, EventUserPreCreateHookResponse } from "https://deno.land/x/authgear_deno_hook@v2.0.0/mod.ts";

// ---------------------------------------------------------------------------------------------
// Edit these
// ---------------------------------------------------------------------------------------------

/** Your ipgeolocation.io API key. Empty: no remote lookup (country from Authgear only). */
const IPGEOLOCATION_API_KEY = "";

/** The custom attribute each value goes to; null leaves that value out. */
const ATTRIBUTES: { city: string | null; country: string | null; timezone: string | null } = {
  city: "city",
  country: "country",
  timezone: "timezone",
};

// ---------------------------------------------------------------------------------------------

/** Authgear gives a blocking hook 5 s; the lookup gets at most this long. */
export const TIMEOUT_MS = 1500;
export const IPGEOLOCATION_ENDPOINT = "https://api.ipgeolocation.io/ipgeo";

/** The codes Authgear's alpha2 type accepts (authgear-server pkg/util/territoryutil/alpha2.go:
 * libphonenumber's regions without AC and TA, so XK but not AQ, BV, GS, HM, PN, TF, UM; the same list as
 * lib/authgear/iso3166.ts, which a test checks). Anything else would make Authgear refuse the
 * mutation, and with it the sign-up. */
export const COUNTRY_CODES = new Set(
  (
    "AD AE AF AG AI AL AM AO AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BW BY BZ CA CC CD " +
    "CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD " +
    "GE GF GG GH GI GL GM GN GP GQ GR GT GU GW GY HK HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI " +
    "KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW " +
    "MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PR PS PT PW PY QA RE RO RS RU RW SA SB SC " +
    "SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG US UY UZ " +
    "VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW"
  ).split(" "),
);

// --- Which addresses are worth a lookup (public unicast only) ---------------------------------

const V4_SPECIAL: ReadonlyArray<readonly [string, number]> = [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.88.99.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15],
  ["198.51.100.0", 24], ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
];

function ipv4ToNumber(ip: string): number | null {
  const parts = ip.split(".");
  if (parts.length !== 4) return null;
  let n = 0;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return null;
    n = n * 256 + Number(part);
  }
  return n;
}

function isPublicIpv4(ip: string): boolean {
  const n = ipv4ToNumber(ip);
  if (n === null) return false;
  return !V4_SPECIAL.some(([base, prefix]) => {
    const size = 2 ** (32 - prefix);
    const start = ipv4ToNumber(base) as number;
    return n >= start && n < start + size;
  });
}

/** The eight 16-bit groups of an IPv6 address, or null. */
function ipv6Groups(ip: string): number[] | null {
  let text = ip.toLowerCase();
  let tail: number[] = [];
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const v4 = ipv4ToNumber(dotted[2] as string);
    if (v4 === null) return null;
    tail = [Math.floor(v4 / 65536), v4 % 65536];
    text = (dotted[1] as string).endsWith("::") ? (dotted[1] as string) : (dotted[1] as string).slice(0, -1);
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const parse = (s: string) => (s === "" ? [] : s.split(":"));
  const head = parse(halves[0] as string);
  const rest = halves.length === 2 ? parse(halves[1] as string) : [];
  if (![...head, ...rest].every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  const known = head.length + rest.length + tail.length;
  if (halves.length === 1 ? known !== 8 : known > 7) return null;
  const zeros = new Array<number>(8 - known).fill(0);
  return [...head.map((g) => parseInt(g, 16)), ...zeros, ...rest.map((g) => parseInt(g, 16)), ...tail];
}

export function isPublicIp(raw: unknown): boolean {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 64) return false;
  if (!raw.includes(":")) return isPublicIpv4(raw);
  const g = ipv6Groups(raw);
  if (!g) return false;
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, h6 = 0, h7 = 0] = g;
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && f === 0xffff) {
    return isPublicIpv4(`${h6 >> 8}.${h6 & 255}.${h7 >> 8}.${h7 & 255}`); // IPv4-mapped
  }
  if ((a & 0xe000) !== 0x2000) return false; // outside 2000::/3, global unicast
  if (a === 0x2001 && b < 0x0200) return false; // 2001::/23 protocol assignments (Teredo, ...)
  if (a === 0x2001 && b === 0x0db8) return false; // documentation
  if (a === 0x2002) return false; // 6to4
  if (a === 0x3fff && b < 0x1000) return false; // documentation (3fff::/20)
  return true;
}

// --- Values ------------------------------------------------------------------------------------

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

function validTimeZone(value: unknown): string | null {
  if (typeof value !== "string" || !/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/.test(value)) return null;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return value;
  } catch {
    return null;
  }
}

function validCountry(value: unknown): string | null {
  return typeof value === "string" && COUNTRY_CODES.has(value.toUpperCase()) ? value.toUpperCase() : null;
}

function validCity(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const city = value.trim();
  return city.length > 0 && city.length <= 200 ? city : null;
}

interface Found {
  city?: string;
  country?: string;
  timezone?: string;
}

async function lookUp(ip: string, options: Required<HookOptions>): Promise<Found> {
  const url = new URL(options.endpoint);
  url.searchParams.set("apiKey", options.apiKey);
  url.searchParams.set("ip", ip);
  const response = await fetch(url, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(options.timeoutMs) });
  if (!response.ok) return {};
  const body: unknown = await response.json();
  if (typeof body !== "object" || body === null) return {};
  const b = body as { city?: unknown; country_code2?: unknown; time_zone?: { name?: unknown } | null };
  const found: Found = {};
  const city = validCity(b.city);
  const country = validCountry(b.country_code2);
  const timezone = validTimeZone(typeof b.time_zone === "object" && b.time_zone !== null ? b.time_zone.name : undefined);
  if (city) found.city = city;
  if (country) found.country = country;
  if (timezone) found.timezone = timezone;
  return found;
}

export interface HookOptions {
  apiKey: string;
  timeoutMs?: number;
  endpoint?: string;
  attributes?: { city: string | null; country: string | null; timezone: string | null };
}

/** The hook's logic, with its settings as arguments (the default export passes the constants). */
export async function enrichNewUser(event: EventUserPreCreate, options: HookOptions): Promise<EventUserPreCreateHookResponse> {
  try {
    const settings: Required<HookOptions> = {
      apiKey: options.apiKey,
      timeoutMs: options.timeoutMs ?? TIMEOUT_MS,
      endpoint: options.endpoint ?? IPGEOLOCATION_ENDPOINT,
      attributes: options.attributes ?? ATTRIBUTES,
    };
    const existing: Record<string, unknown> = { ...(event.payload?.user?.custom_attributes ?? {}) };
    const targets = (Object.entries(settings.attributes) as Array<[keyof Found, string | null]>).filter(
      (entry): entry is [keyof Found, string] => entry[1] !== null && isEmpty(existing[entry[1]]),
    );
    if (targets.length === 0) return { is_allowed: true };

    const context = (event.context ?? {}) as { ip_address?: unknown; geo_location_code?: unknown };
    let found: Found = {};
    if (settings.apiKey && typeof context.ip_address === "string" && isPublicIp(context.ip_address)) {
      try {
        found = await lookUp(context.ip_address, settings);
      } catch {
        found = {}; // timeout, network or body error: carry on without
      }
    }
    if (!found.country) {
      const fromAuthgear = validCountry(context.geo_location_code);
      if (fromAuthgear) found.country = fromAuthgear;
    }

    const filled: Record<string, string> = {};
    for (const [field, attribute] of targets) {
      const value = found[field];
      if (value) filled[attribute] = value;
    }
    if (Object.keys(filled).length === 0) return { is_allowed: true };
    return { is_allowed: true, mutations: { user: { custom_attributes: { ...existing, ...filled } } } };
  } catch {
    return { is_allowed: true };
  }
}

export default async function (event: EventUserPreCreate): Promise<EventUserPreCreateHookResponse> {
  return enrichNewUser(event, { apiKey: IPGEOLOCATION_API_KEY });
}
