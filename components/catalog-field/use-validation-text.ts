/**
 * A field's error in the user's language: a ValidationIssue (or a form error message encoding
 * one, lib/catalog/validation-issues.ts) as its `validation` message in the current locale, numbers
 * formatted by the message (`{max, number}`, plurals); any other message (a sentence an app set
 * itself) as it is.
 *
 * Isomorphic (client components and server rendering).
 */
import { decodeValidationIssue, type ValidationIssue } from "@/lib/catalog/validation-issues";
import { useKitTranslations } from "@/lib/i18n/use-kit-translations";

export function useValidationText(): (error: ValidationIssue | string | undefined) => string | undefined {
  const t = useKitTranslations("validation");
  return (error) => {
    const issue = typeof error === "string" ? decodeValidationIssue(error) : error;
    if (!issue) return typeof error === "string" ? error : undefined;
    return t(issue.key, issue.values);
  };
}
