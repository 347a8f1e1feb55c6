/**
 * Authgear's `email` and `uri` formats as browser builds get them (next.config.mjs maps
 * "@/lib/authgear/format-rules" here for the browser only; same exports as format-rules.ts): the
 * ports of Go's parsers are a chunk of their own, which custom-attributes.ts starts loading when it
 * builds the schema of an email or URL question, long before anyone can press Save. Until it has
 * arrived (or if it cannot be fetched) `formatRules()` is null and the form leaves the verdict to the
 * Server Action, which always has the rules: a value Authgear refuses still never reaches it.
 */
import type { FormatRules } from "./format-rules";

export type { FormatRules } from "./format-rules";

let rules: FormatRules | null = null;
let loading: Promise<void> | null = null;

export function formatRules(): FormatRules | null {
  return rules;
}

export function loadFormatRules(): Promise<void> {
  loading ??= Promise.all([import("./email-rule"), import("./url-rule")]).then(
    ([email, url]) => {
      rules = { email: email.authgearEmailProblem, url: url.authgearUrlProblem };
    },
    (error: unknown) => {
      loading = null; // a failed chunk load may be retried
      throw error;
    },
  );
  return loading;
}
