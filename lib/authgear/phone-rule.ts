/**
 * The phone-number rule as custom-attributes.ts uses it. Servers, the emulator and tests get it
 * statically from here; browser builds get phone-rule.browser.ts instead (next.config.mjs maps
 * "@/lib/authgear/phone-rule" there for the browser only), which loads libphonenumber's metadata
 * only when a phone question is on screen. Both files have the same exports.
 */
import { authgearPhoneNumberProblem, type PhoneNumberProblem } from "./phone-number";

export type { PhoneNumberProblem } from "./phone-number";

export interface PhoneRule {
  /** Why Authgear would refuse `value` as a phone number, or null when it accepts it. */
  problem(value: string): PhoneNumberProblem | null;
}

const rule: PhoneRule = { problem: authgearPhoneNumberProblem };

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
