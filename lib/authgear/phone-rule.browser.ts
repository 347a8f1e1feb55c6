/**
 * The phone-number rule as browser builds get it (package.json maps `#kit/phone-rule`
 * here under the `browser` condition; same exports as phone-rule.ts). libphonenumber's metadata is a chunk
 * of its own (phone-rule.ts with it): `loadPhoneRule()` fetches it, and only a phone question calls
 * that, so a prompt without one never downloads it. Validating a phone number before it resolves is
 * a bug, and throws.
 */
import { lazily } from "./format-rules.browser";
import type { PhoneRule } from "./phone-rule";

export type { PhoneRule } from "./phone-rule";

const rule = lazily(() => import("./phone-rule").then((module) => module.phoneRule()));

export function phoneRule(): PhoneRule {
  const loaded = rule.get();
  if (!loaded) throw new Error("The phone rule is not loaded: await loadPhoneRule() first");
  return loaded;
}

export const loadPhoneRule: () => Promise<void> = rule.load;

export function phoneRuleLoaded(): boolean {
  return rule.get() !== null;
}
