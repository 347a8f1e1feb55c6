/**
 * Authgear's `phone` format, exactly (authgear-server pkg/util/validation/formats.go FormatPhone →
 * pkg/util/phone Require_IsPossibleNumber_IsValidNumber_UserInputInE164): the input is exactly
 * E.164, and libphonenumber finds the number possible and valid. Authgear uses Google's
 * libphonenumber through nyaruka/phonenumbers; this uses libphonenumber-js with its full ("max")
 * metadata, the one that judges validity by the same per-type patterns.
 * Heavy (the metadata is ~150 kB): browsers load it only when a phone question is on screen,
 * through phone-rule.browser.ts.
 */
import { parsePhoneNumberWithError } from "libphonenumber-js/max";

export type PhoneNumberProblem = "not_e164" | "not_possible" | "not_valid";

/** E.164 as Authgear checks it first: a plus sign, a non-zero digit, 15 digits at most. */
export const E164_PATTERN = /^\+[1-9]\d{1,14}$/;

/** Why Authgear would refuse `value` as a `phone_number` custom attribute, or null when it accepts it. */
export function authgearPhoneNumberProblem(value: string): PhoneNumberProblem | null {
  if (!E164_PATTERN.test(value)) return "not_e164";
  let parsed;
  try {
    parsed = parsePhoneNumberWithError(value);
  } catch {
    return "not_possible";
  }
  if (parsed.number !== value) return "not_e164";
  if (!parsed.isPossible()) return "not_possible";
  if (!parsed.isValid()) return "not_valid";
  return null;
}
