/**
 * The user's email address for enrichment (EnrichmentInput.email), only when Authgear says it is
 * verified: from a hook event's `standard_attributes` or the Admin API's `standardAttributes`, both
 * of which carry Authgear's derived `email_verified`. Anything else (no email, not verified, not a
 * string, absurdly long) is null: a provider never sees an address the user has not proven. Isomorphic.
 */

/** RFC 5321's limit on a forward path. */
const MAX_EMAIL_LENGTH = 254;

export function verifiedEmail(standardAttributes: Readonly<Record<string, unknown>> | null | undefined): string | null {
  if (!standardAttributes || standardAttributes.email_verified !== true) return null;
  const email = standardAttributes.email;
  if (typeof email !== "string") return null;
  const trimmed = email.trim();
  if (trimmed.length < 3 || trimmed.length > MAX_EMAIL_LENGTH || !trimmed.includes("@")) return null;
  return trimmed;
}
