/**
 * `@gradual/kit/catalog` (isomorphic): define the app's question catalog, and turn it into the
 * Authgear configuration its project needs (`npm run authgear:config`).
 *
 * `defineProfileCatalog` is imported with the specifier the bundler maps to its browser variant
 * (the package's `imports` field, `#kit/define-catalog`): the browser gets the catalog without its define-time check.
 */
export { defineProfileCatalog } from "#kit/define-catalog";
export type { DefineProfileCatalogOptions } from "@/lib/catalog/define-catalog";
export {
  ProfileCatalogError,
  confirmSentence,
  localize,
  localizeCatalog,
  type CatalogAttribute,
  type LocalizedText,
  type ProfileCatalog,
  type ProfileCatalogInput,
  type Question,
  type QuestionCondition,
  type QuestionEnrichment,
  type QuestionInput,
  type QuestionOption,
  type ThirdPartyConsent,
} from "@/lib/catalog/catalog";
export type { AccessControl } from "@/lib/authgear/custom-attributes";
export { decodeValidationIssue, type ValidationIssue, type ValidationKey } from "@/lib/catalog/validation-issues";
export { ENRICHMENT_MODES, type AttributeValue, type EnrichmentField, type EnrichmentMode } from "@/lib/domain";
export { customAttributesConfig, customAttributesYaml, diffCustomAttributes } from "@/lib/catalog/authgear-config";

// The locales the kit ships (issue 16, ADR 019), for an app's own language menu, `<html dir>` and messages.
export { DEFAULT_LOCALE, LOCALES, LOCALE_NAMES, isLocale, localeChain, localeDirection, nearestLocale, type Locale } from "@/lib/i18n/locales";
export { mergeMessages, messageKeys, type MessageTree } from "@/lib/i18n/message-tree";
