/**
 * A deterministic corpus of phone numbers across every region libphonenumber-js has an example
 * number for, valid and invalid, each judged by libphonenumber-js with its full ("max") metadata
 * the way Authgear judges a `phone_number` (pkg/util/phone
 * Require_IsPossibleNumber_IsValidNumber_UserInputInE164): parsed without a default region,
 * possible, valid, and the input equal to its E.164 form. The judge here is written against the
 * library directly, not through lib/authgear/phone-number.ts, so the suite compares the two.
 *
 * Per region: the example mobile number (libphonenumber-js/mobile/examples), and mutations of it:
 * one digit changed, the last digit dropped, three digits dropped, one digit added, the calling
 * code of another region, no "+", a trunk 0 after the calling code, and spaces as people type.
 */
import examples from "libphonenumber-js/mobile/examples";
import { getCountries, getCountryCallingCode, getExampleNumber, parsePhoneNumberWithError } from "libphonenumber-js/max";
import { defined } from "@/lib/defined";
import { seededUint32 } from "@/bench/lib/stats";

export interface PhoneCase {
  region: string;
  mutation: string;
  value: string;
  /** Authgear's verdict, by libphonenumber-js max. */
  accepted: boolean;
}

/** Authgear's verdict on `value`, by libphonenumber-js max alone. */
export function libphonenumberVerdict(value: string): boolean {
  if (!/^\+\d+$/.test(value)) return false;
  try {
    const parsed = parsePhoneNumberWithError(value, { extract: false });
    return parsed.isPossible() && parsed.isValid() && parsed.number === value;
  } catch {
    return false;
  }
}

/** bench's seeded generator (mulberry32) in [0, 1), so the corpus is the same on every run. */
function random(seed: number): () => number {
  const next = seededUint32(seed);
  return () => next() / 4294967296;
}

export function phoneCorpus(): PhoneCase[] {
  const next = random(14);
  const digit = () => String(Math.floor(next() * 10));
  const regions = getCountries();
  const cases: PhoneCase[] = [];
  const add = (region: string, mutation: string, value: string) =>
    cases.push({ region, mutation, value, accepted: libphonenumberVerdict(value) });
  regions.forEach((region, i) => {
    const example = getExampleNumber(region, examples);
    if (!example) return;
    const cc = getCountryCallingCode(region);
    const national = example.nationalNumber;
    const e164 = example.number;
    add(region, "example", e164);
    const at = Math.floor(next() * national.length);
    const changed = national.slice(0, at) + String((Number(national[at]) + 1 + Math.floor(next() * 9)) % 10) + national.slice(at + 1);
    add(region, "digit changed", `+${cc}${changed}`);
    add(region, "last digit dropped", e164.slice(0, -1));
    add(region, "three digits dropped", e164.slice(0, -3));
    add(region, "digit added", e164 + digit());
    const other = defined(regions[(i + 1 + Math.floor(next() * (regions.length - 1))) % regions.length], "a region (an index modulo their count)");
    add(region, "another calling code", `+${getCountryCallingCode(other)}${national}`);
    add(region, "no plus", e164.slice(1));
    add(region, "trunk 0", `+${cc}0${national}`);
    add(region, "spaces", example.formatInternational());
  });
  return cases;
}
