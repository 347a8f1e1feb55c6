/**
 * Authgear's `email` and `uri` formats (email-rule.ts, url-rule.ts) as custom-attributes.ts uses
 * them. Servers, the emulator and tests get them statically from here, always loaded; browser builds
 * get format-rules.browser.ts instead (package.json maps `#kit/format-rules` there under
 * the `browser` condition), which loads them as a chunk of their own when an email or URL question's schema
 * is built, so a prompt without one does not carry them. Both files have the same exports.
 */
import type { RuleProblem } from "./custom-attributes";
import { authgearEmailProblem, type EmailProblem } from "./email-rule";
import { authgearUrlProblem, type UrlProblem } from "./url-rule";

/** Why Authgear would refuse a value as an email address / a URL (a `validation` message, and in English), or null when it accepts it. */
export interface FormatRules {
  email: (value: string) => RuleProblem | null;
  url: (value: string) => RuleProblem | null;
}

// The words are here, not in custom-attributes.ts, so browsers download them with the rules (format-rules.browser.ts).
const EMAIL_MESSAGES: Record<EmailProblem, RuleProblem> = {
  not_email: { key: "email", message: "Must be an email address" },
  has_name: { key: "emailWithName", message: "Must be an email address alone, without a name" },
};
const URL_MESSAGES: Record<UrlProblem, RuleProblem> = {
  not_url: { key: "url", message: "Must be a web address" },
  not_absolute: { key: "urlAbsolute", message: "Must be a full web address, e.g. https://example.com" },
  path_not_clean: { key: "urlPath", message: "Must be a web address without “.”, “..” or an empty part (“//”) in its path" },
};

const rules: FormatRules = {
  email: (value) => {
    const problem = authgearEmailProblem(value);
    return problem && EMAIL_MESSAGES[problem];
  },
  url: (value) => {
    const problem = authgearUrlProblem(value);
    return problem && URL_MESSAGES[problem];
  },
};

/** The rules; never null here (in browsers, null until loadFormatRules() has resolved). */
export function formatRules(): FormatRules | null {
  return rules;
}

/** Resolves at once: the rules are bundled statically here. */
export function loadFormatRules(): Promise<void> {
  return Promise.resolve();
}
