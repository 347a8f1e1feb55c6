/**
 * The phone-number rule as custom-attributes.ts uses it. Servers, the emulator and tests get it
 * statically from here; browser builds get phone-rule.browser.ts instead (package.json maps
 * `#kit/phone-rule` there under the `browser` condition), which loads libphonenumber's metadata
 * only when a phone question is on screen. Both files have the same exports.
 */
import type { RuleProblem } from "./custom-attributes";
import { authgearPhoneNumberProblem, type PhoneNumberProblem } from "./phone-number";

export interface PhoneRule {
  /** Why Authgear would refuse `value` as a phone number (a `validation` message, and in English), or null when it accepts it. */
  problem: (value: string) => RuleProblem | null;
}

// The words are here, not in custom-attributes.ts, so browsers download them with the rule (phone-rule.browser.ts).
const PROBLEMS: Record<PhoneNumberProblem, RuleProblem> = {
  not_e164: { key: "phoneE164", message: "Must be a phone number in international format, e.g. +442071234567" },
  not_possible: { key: "phoneInvalid", message: "That is not a valid phone number" },
  not_valid: { key: "phoneInvalid", message: "That is not a valid phone number" },
};

const rule: PhoneRule = {
  problem: (value) => {
    const problem = authgearPhoneNumberProblem(value);
    return problem && PROBLEMS[problem];
  },
};

export function phoneRule(): PhoneRule {
  return rule;
}

/** Resolves at once: the rule is bundled statically here. */
export function loadPhoneRule(): Promise<void> {
  return Promise.resolve();
}

export function phoneRuleLoaded(): boolean {
  return true;
}
