/**
 * Authgear's `email` and `uri` formats as browser builds get them (package.json maps
 * `#kit/format-rules` here under the `browser` condition; same exports as format-rules.ts): the
 * ports of Go's parsers are a chunk of their own (format-rules.ts with both), which
 * custom-attributes.ts starts loading when it builds the schema of an email or URL question, long
 * before anyone can press Save. Until it has arrived (or if it cannot be fetched) `formatRules()` is
 * null and the form leaves the verdict to the Server Action, which always has the rules: a value
 * Authgear refuses still never reaches it.
 */
import type { FormatRules } from "./format-rules";

export type { FormatRules } from "./format-rules";

/**
 * A value from a chunk of its own, fetched once on the first `load()`: `get()` is null until it has
 * arrived, and a failed fetch may be retried. The one lazy loader of the browser's rules (this
 * module's and phone-rule.browser.ts's).
 */
export function lazily<T>(fetch: () => Promise<T>): { get: () => T | null; load: () => Promise<void> } {
  let value: T | null = null;
  let loading: Promise<void> | null = null;
  return {
    get: () => value,
    load: () =>
      (loading ??= fetch().then(
        (fetched) => {
          value = fetched;
        },
        (error: unknown) => {
          loading = null; // a failed chunk load may be retried
          throw error;
        },
      )),
  };
}

const rules = lazily(() =>
  import("./format-rules").then((module) => {
    const loaded = module.formatRules();
    if (!loaded) throw new Error("format-rules.ts has no rules");
    return loaded;
  }),
);

export const formatRules: () => FormatRules | null = rules.get;
export const loadFormatRules: () => Promise<void> = rules.load;
