/**
 * `defineProfileCatalog()` as browser builds get it: package.json maps `#kit/define-catalog`
 * here under the `browser` condition (ADR 018). It builds the same catalog as
 * define-catalog.ts and leaves out the check: the server imports the same catalog file through the
 * checking version and refuses a bad catalog at its first render or action (and every test), so
 * none reaches a browser unchecked, and the check's zod schemas stay out of the prompt's JavaScript.
 * A bundler that ignores the `browser` condition ships the checking version instead: bigger, same behaviour.
 */
import { normalizeProfileCatalog, type ProfileCatalog, type ProfileCatalogInput, type QuestionInput } from "./catalog";
import type { DefineProfileCatalogOptions } from "./define-catalog";

export function defineProfileCatalog<const Q extends readonly QuestionInput[]>(
  input: ProfileCatalogInput<Q>,
  _options?: DefineProfileCatalogOptions, // checked on the server only
): ProfileCatalog<Q[number]["attribute"]> {
  return normalizeProfileCatalog(input);
}
