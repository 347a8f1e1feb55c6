/**
 * Authgear's wire-level names, shared by the app and the local emulator so the two cannot drift.
 * Source: the Authgear contract (endpoints §1.4, claims §1.5/§2, scopes §1.4).
 * Isomorphic: no Node or browser APIs here.
 */

export const PATHS = {
  discovery: "/.well-known/openid-configuration",
  authorize: "/oauth2/authorize",
  token: "/oauth2/token",
  userinfo: "/oauth2/userinfo",
  revoke: "/oauth2/revoke",
  endSession: "/oauth2/end_session",
  jwks: "/oauth2/jwks",
  appSessionToken: "/oauth2/app_session_token",
  adminGraphQL: "/_api/admin/graphql",
} as const;

export const SCOPES = {
  openid: "openid",
  fullAccess: "https://authgear.com/scopes/full-access",
  offlineAccess: "offline_access",
} as const;

export const CLAIMS = {
  isAnonymous: "https://authgear.com/claims/user/is_anonymous",
  isVerified: "https://authgear.com/claims/user/is_verified",
  canReauthenticate: "https://authgear.com/claims/user/can_reauthenticate",
  recoveryCodeEnabled: "https://authgear.com/claims/user/recovery_code_enabled",
  roles: "https://authgear.com/claims/user/roles",
  authenticators: "https://authgear.com/claims/user/authenticators",
  identities: "https://authgear.com/claims/user/identities",
} as const;

/** JOSE header `typ` of Authgear's JWT access tokens. */
export const ACCESS_TOKEN_TYP = "at+jwt";

/** Request header that carries the hex HMAC-SHA256 of a webhook body. */
export const HOOK_SIGNATURE_HEADER = "x-authgear-body-signature";

/** Blocking hooks: 5 s each, 10 s in total (contract §5.4). */
export const HOOK_TIMEOUTS = { blockingEachMs: 5_000, blockingTotalMs: 10_000, nonBlockingMs: 60_000 } as const;

/** Authgear's access tokens are JWTs when they start like one; opaque otherwise (contract §2). */
export function looksLikeJwt(token: string): boolean {
  return token.startsWith("eyJ");
}
