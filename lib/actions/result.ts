import type { ValidationIssue } from "@/lib/catalog/validation-issues";

/**
 * What every Server Action returns (isomorphic: the client components read it): a typed result,
 * never a thrown error for an expected failure. Every error code the kit's actions can return is
 * listed here, once; `authenticatedAction` and `adminAction` (this folder) produce the first ones,
 * the services the rest.
 */

export const ACTION_ERROR_CODES = [
  /** The access token is missing, expired or not ours: sign in again. */
  "unauthenticated",
  /** Signed in, but without the role the action needs (e.g. /admin's actions need `admin`). */
  "forbidden",
  /** The input does not match the schema; `fieldErrors` says where. */
  "invalid_input",
  /** An attribute that this login's prompt did not offer. */
  "not_offered",
  /** Authgear did not answer in time or failed: nothing was saved, try again. */
  "authgear_unavailable",
  /** Authgear refused the request (configuration problem on our side). */
  "authgear_refused",
  /**
   * Authgear dropped an answer on write: its project does not define that custom attribute (it
   * says nothing; the app notices). Nothing was recorded as answered; `fieldErrors` names the
   * fields; the same answers save once the team configures the attribute.
   */
  "attribute_not_configured",
  /** The token has no `auth_time` (opaque access tokens): the prompt cannot tell logins apart. */
  "unsupported_token",
  /** The app's state store failed (read-only, locked, unreachable): nothing was recorded here, try again. */
  "storage_unavailable",
  /** Anything else: logged on the server. */
  "internal",
] as const;
export type ActionErrorCode = (typeof ACTION_ERROR_CODES)[number];

export interface ActionError {
  code: ActionErrorCode;
  /** A sentence a person understands. */
  message: string;
  /** Per attribute, for `invalid_input`: what is wrong, in English (for logs and apps without the kit's messages). */
  fieldErrors?: Record<string, string>;
  /**
   * Per attribute, for `invalid_input` of an answer: the same problem as a message of the kit's
   * `validation` namespace with its values, which the prompt shows in the user's language.
   */
  fieldIssues?: Record<string, ValidationIssue>;
}

export type ActionResult<T> = ({ ok: true } & T) | { ok: false; error: ActionError };

export function failure(
  code: ActionErrorCode,
  message: string,
  fieldErrors?: Record<string, string>,
  fieldIssues?: Record<string, ValidationIssue>,
): { ok: false; error: ActionError } {
  const error: ActionError = { code, message };
  if (fieldErrors) error.fieldErrors = fieldErrors;
  if (fieldIssues) error.fieldIssues = fieldIssues;
  return { ok: false, error };
}

