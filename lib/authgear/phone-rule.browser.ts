/**
 * The phone-number rule as browser builds get it (next.config.mjs maps "@/lib/authgear/phone-rule"
 * here for the browser only; same exports as phone-rule.ts). libphonenumber's metadata is a chunk
 * of its own: `loadPhoneRule()` fetches it, and only a phone question calls that, so a prompt
 * without one never downloads it. Validating a phone number before it resolves is a bug, and throws.
 */
import type { PhoneNumberProblem } from "./phone-number";

export type { PhoneNumberProblem } from "./phone-number";

export interface PhoneRule {
  /** Why Authgear would refuse `value` as a phone number, or null when it accepts it. */
  problem(value: string): PhoneNumberProblem | null;
}

let rule: PhoneRule | null = null;
let loading: Promise<void> | null = null;

export function phoneRule(): PhoneRule {
  if (!rule) throw new Error("The phone-number rule is not loaded: await loadPhoneRule() before validating a phone number");
  return rule;
}

export function loadPhoneRule(): Promise<void> {
  loading ??= import("./phone-number").then(
    (module) => {
      rule = { problem: module.authgearPhoneNumberProblem };
    },
    (error: unknown) => {
      loading = null; // a failed chunk load may be retried
      throw error;
    },
  );
  return loading;
}

export function phoneRuleLoaded(): boolean {
  return rule !== null;
}
