/**
 * Authgear's `email` and `uri` formats (email-rule.ts, url-rule.ts) as custom-attributes.ts uses
 * them. Servers, the emulator and tests get them statically from here, always loaded; browser builds
 * get format-rules.browser.ts instead (next.config.mjs maps "@/lib/authgear/format-rules" there for
 * the browser only), which loads them as a chunk of their own when an email or URL question's schema
 * is built, so a prompt without one does not carry them. Both files have the same exports.
 */
import { authgearEmailProblem, type EmailProblem } from "./email-rule";
import { authgearUrlProblem, type UrlProblem } from "./url-rule";

export interface FormatRules {
  email(value: string): EmailProblem | null;
  url(value: string): UrlProblem | null;
}

const rules: FormatRules = { email: authgearEmailProblem, url: authgearUrlProblem };

/** The rules; never null here (in browsers, null until loadFormatRules() has resolved). */
export function formatRules(): FormatRules | null {
  return rules;
}

/** Resolves at once: the rules are bundled statically here. */
export function loadFormatRules(): Promise<void> {
  return Promise.resolve();
}
