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

/**
 * The shape every value Authgear accepts has: it must equal libphonenumber's E.164 formatting of
 * itself, which is "+", a calling code and at most 17 national digits (libphonenumber's limit, not
 * E.164's 15: some plans have longer numbers). So anything else, including a 5 kB paste, is
 * refused before the parser runs.
 */
const E164_SHAPE = /^\+[0-9]{2,20}$/;

/**
 * Why Authgear would refuse `value` as a `phone_number` custom attribute, or null when it accepts
 * it (pkg/util/phone Require_IsPossibleNumber_IsValidNumber_UserInputInE164: parse without a
 * default region, then possible, then valid, then the input must equal the E.164 formatting).
 * The verdict is Authgear's; the kind only picks the message:
 * - "not_e164": not "+" and digits, or a valid number written another way than its E.164 form
 *   (a trunk 0 after the calling code, "+4402071234567");
 * - "not_possible": no such calling code, or too short or too long for its plan ("+852999");
 * - "not_valid": the right length, but no number of the plan looks like it ("+85212345678").
 */
export function authgearPhoneNumberProblem(value: string): PhoneNumberProblem | null {
  if (!E164_SHAPE.test(value)) return "not_e164";
  let parsed;
  try {
    parsed = parsePhoneNumberWithError(value, { extract: false });
  } catch {
    return "not_possible"; // no such calling code, or no national number
  }
  if (!parsed.isPossible()) return "not_possible";
  if (!parsed.isValid()) return "not_valid";
  if (parsed.number !== value) return "not_e164";
  return null;
}
