/**
 * `defineProfileCatalog()` as browser builds get it: next.config.mjs maps
 * "@/lib/catalog/define-catalog" here for the browser only. It builds the same catalog as
 * define-catalog.ts and leaves out the check: the server imports the same catalog file through the
 * checking version and refuses a bad catalog at its first render or action (and every test), so
 * none reaches a browser unchecked, and the check's zod schemas stay out of the prompt's JavaScript.
 * A bundler without the mapping ships the checking version instead: bigger, same behaviour.
 */
import { normalizeProfileCatalog, type ProfileCatalog, type ProfileCatalogInput, type QuestionInput } from "./catalog";

export function defineProfileCatalog<const Q extends readonly QuestionInput[]>(
  input: ProfileCatalogInput<Q>,
): ProfileCatalog<Q[number]["attribute"]> {
  return normalizeProfileCatalog(input);
}
