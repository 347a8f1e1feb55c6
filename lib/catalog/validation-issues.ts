/**
 * What is wrong with an answer, as a message of the kit's `validation` namespace (issue 16): a key
 * and the values its message needs (`{ key: "atMost", values: { max: 80 } }`), so the user reads it
 * in their language, numbers formatted in their locale, in the browser and after a refusal by the
 * server alike. The schemas' own English `message` stays as it was, for logs, the emulator and
 * `fieldErrors`.
 *
 * How a schema says which message it means: every check of the answer schemas (custom-attributes.ts,
 * schemas.ts, form.ts, the phone and format rules) that is not a plain type check is a custom check
 * carrying `params: { validation: { key, values } }` (`validationParams`); a type check
 * (`string()`, `number()`) is named by the question's type (`TYPE_ISSUES`).
 * `validationIssue(issue, type)` reads either. A form keeps only a string per field
 * (react-hook-form's error message), so the form schema puts the issue there encoded
 * (`encodeValidationIssue`), and CatalogField decodes and words it.
 *
 * Isomorphic, and tiny: it is in the prompt's JavaScript.
 */
import type { CustomAttributeType } from "@/lib/authgear/custom-attributes";
import type { KitKey } from "@/lib/i18n/use-kit-translations";

/** A message of the `validation` namespace (lib/i18n/messages/<locale>.json). */
export type ValidationKey = KitKey<"validation">;

export interface ValidationIssue {
  readonly key: ValidationKey;
  /** The message's arguments: numbers stay numbers, so `{max, number}` and plurals format them in the locale. */
  readonly values?: Readonly<Record<string, string | number>>;
}

/** The `params` of a custom zod check that means `key` (with its message's `values`). */
export function validationParams(key: ValidationKey, values?: ValidationIssue["values"]): { validation: ValidationIssue } {
  return { validation: values ? { key, values } : { key } };
}

/** The message of a type check (a value of the wrong JSON type), by the question's type. */
export const TYPE_ISSUES: Readonly<Record<CustomAttributeType, ValidationIssue>> = {
  string: { key: "text" },
  number: { key: "number" },
  integer: { key: "wholeNumber" },
  enum: { key: "option" },
  phone_number: { key: "phone" },
  email: { key: "email" },
  url: { key: "url" },
  alpha2: { key: "country" },
};

function isValidationIssue(value: unknown): value is ValidationIssue {
  if (typeof value !== "object" || value === null) return false;
  const { key, values } = value as { key?: unknown; values?: unknown };
  if (typeof key !== "string") return false;
  if (values === undefined) return true;
  return typeof values === "object" && values !== null && Object.values(values).every((v) => typeof v === "string" || typeof v === "number");
}

/**
 * The message for a zod issue of an answer schema of a `type` question: the key its check carries,
 * else, for a type check, the type's; else `invalid` ("Please check this answer.").
 */
export function validationIssue(issue: { readonly code: string; readonly params?: unknown }, type: CustomAttributeType): ValidationIssue {
  const carried = (issue.params as { validation?: unknown } | undefined)?.validation;
  if (isValidationIssue(carried)) return carried;
  if (issue.code === "invalid_type") return TYPE_ISSUES[type];
  return { key: "invalid" };
}

/** Marks a form error message that is an encoded ValidationIssue (anything else is shown as it is). */
const ENCODED = "gradual.validation:";

/** `issue` as a form error message (react-hook-form keeps a string per field). */
export function encodeValidationIssue(issue: ValidationIssue): string {
  return ENCODED + JSON.stringify(issue);
}

/** The issue a form error message encodes, or undefined for a message of another kind (a plain sentence). */
export function decodeValidationIssue(message: string | undefined): ValidationIssue | undefined {
  if (!message?.startsWith(ENCODED)) return undefined;
  try {
    const parsed: unknown = JSON.parse(message.slice(ENCODED.length));
    return isValidationIssue(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
