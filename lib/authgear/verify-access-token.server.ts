/**
 * Server-side identity: who sent this Authgear access token? (contract §2)
 *  - JWT access tokens ("Issue JWT as access token"): verified offline with jose against the
 *    project's JWKS: RS256 only, `typ: at+jwt`, iss = aud = the Authgear origin, exp/nbf/iat, and
 *    `client_id` = this app's OAuth client (AUTHGEAR_CLIENT_ID).
 *    A JWT stays valid until it expires even after sign-out (no revocation check offline).
 *  - Opaque access tokens: one userinfo call; Authgear answers 401 for unknown, expired or revoked.
 * Never throws for a bad token: returns `{ ok: false, code, message }` with a specific code.
 */
import "server-only";
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from "jose";
import { z } from "zod";
import { ENV_DEFAULTS } from "@/lib/env-defaults";
import { ACCESS_TOKEN_TYP, CLAIMS, PATHS, looksLikeJwt } from "./protocol";

export type VerifiedAccessToken = {
  ok: true;
  sub: string;
  /** Unix seconds of the user's authentication, when the token says (JWT `auth_time`). */
  authTime?: number;
  roles: string[];
  kind: "jwt" | "opaque";
};

export type AccessTokenErrorCode =
  | "missing"
  | "malformed"
  | "expired"
  | "not_yet_valid"
  | "bad_signature"
  | "unknown_key"
  | "unsupported_alg"
  | "wrong_typ"
  | "wrong_issuer"
  | "wrong_audience"
  | "wrong_client"
  | "missing_claim"
  | "jwks_unreachable"
  | "invalid"
  | "userinfo_unreachable"
  | "userinfo_failed";

export type RejectedAccessToken = { ok: false; code: AccessTokenErrorCode; message: string };
export type AccessTokenVerification = VerifiedAccessToken | RejectedAccessToken;

export interface VerifyOptions {
  /** The Authgear origin (the composition root passes AUTHGEAR_ENDPOINT). */
  endpoint: string;
  /**
   * The OAuth client the token must have been issued to (JWT `client_id`); default the kit's
   * default client (AUTHGEAR_CLIENT_ID's default); null accepts any client of the project. Authgear's access tokens all carry
   * `aud` = the project's origin, so without this another app of the same project (a mobile app,
   * a third-party client) could call this app's actions with its own users' tokens. Opaque tokens
   * cannot be checked (userinfo does not say which client they belong to).
   */
  clientId?: string | null;
  /** Timeout of the userinfo call (opaque tokens) and of the JWKS fetch; default 5000 ms. */
  timeoutMs?: number;
  /** Allowed clock skew for exp/nbf/iat; default 5 s. */
  clockToleranceSeconds?: number;
  /** How long fetched signing keys count as fresh; default JWKS_CACHE_MAX_AGE_MS (tests shorten it). */
  jwksCacheMaxAgeMs?: number;
  /** The clock exp/nbf/iat are checked against (epoch ms); default Date.now (the composition root passes the app's, lib/test-clock.server.ts). */
  now?: () => number;
}

export const VERIFY_DEFAULT_TIMEOUT_MS = 5_000;
const DEFAULT_CLOCK_TOLERANCE_S = 5;

const reject = (code: AccessTokenErrorCode, message: string): RejectedAccessToken => ({ ok: false, code, message });

/** Raised inside the key lookup when the JWKS itself cannot be fetched. */
class JwksUnreachable extends Error {}

const jwksByUrl = new Map<string, JWTVerifyGetKey>();

/** How long fetched keys count as fresh before jose refetches them (jose's default, 10 min). */
export const JWKS_CACHE_MAX_AGE_MS = 600_000;
/** An unknown `kid` refetches the keys at most this often. */
export const JWKS_COOLDOWN_MS = 5_000;

/**
 * One remote JWKS per URL, cached for the process (jose refetches on an unknown `kid` and when the
 * cache is older than `cacheMaxAgeMs`). When Authgear's JWKS cannot be fetched, the keys fetched
 * earlier keep verifying tokens signed with them, however old the cache (public keys; a rotation
 * is published by Authgear long before the old key's last tokens expire); a token signed with a key
 * never seen fails with `jwks_unreachable`, saying why.
 */
function jwksFor(endpoint: string, timeoutMs: number, cacheMaxAgeMs: number): JWTVerifyGetKey {
  const url = `${endpoint}${PATHS.jwks}`;
  const cacheKey = `${url} ${cacheMaxAgeMs}`;
  let getKey = jwksByUrl.get(cacheKey);
  if (!getKey) {
    const remote = createRemoteJWKSet(new URL(url), { timeoutDuration: timeoutMs, cooldownDuration: JWKS_COOLDOWN_MS, cacheMaxAge: cacheMaxAgeMs });
    getKey = async (header, token) => {
      try {
        return await remote(header, token);
      } catch (cause) {
        if (cause instanceof errors.JWKSNoMatchingKey || cause instanceof errors.JWKSMultipleMatchingKeys) throw cause;
        if (cause instanceof errors.JOSEAlgNotAllowed || cause instanceof errors.JOSENotSupported) throw cause;
        const known = remote.jwks();
        if (known) {
          try {
            return await createLocalJWKSet(known)(header, token);
          } catch (inner) {
            if (!(inner instanceof errors.JWKSNoMatchingKey)) throw inner;
          }
        }
        const why = known ? `the token's key (kid ${JSON.stringify(header.kid ?? null)}) is not among the keys fetched earlier, and` : "no keys were fetched yet, and";
        throw new JwksUnreachable(`${why} the signing keys cannot be fetched from ${url}: ${(cause as Error).message}`, { cause });
      }
    };
    jwksByUrl.set(cacheKey, getKey);
  }
  return getKey;
}

function mapJwtError(cause: unknown, issuer: string): RejectedAccessToken {
  if (cause instanceof JwksUnreachable) return reject("jwks_unreachable", `Cannot check the token: ${cause.message}`);
  if (cause instanceof errors.JWTExpired) return reject("expired", "The access token has expired");
  if (cause instanceof errors.JWTClaimValidationFailed) {
    switch (cause.claim) {
      case "nbf":
      case "iat":
        return reject("not_yet_valid", `The access token is not valid yet (its "${cause.claim}" is in the future)`);
      case "iss":
        return reject("wrong_issuer", `The access token was not issued by ${issuer}`);
      case "aud":
        return reject("wrong_audience", `The access token is not meant for ${issuer} (wrong "aud")`);
      case "typ":
        return reject("wrong_typ", `The token's "typ" header is not "${ACCESS_TOKEN_TYP}": it is not an Authgear access token`);
      default:
        return reject("missing_claim", `The access token's "${cause.claim}" claim is missing or invalid: ${cause.reason}`);
    }
  }
  if (cause instanceof errors.JOSEAlgNotAllowed || cause instanceof errors.JOSENotSupported) {
    return reject("unsupported_alg", "The access token is not signed with RS256");
  }
  if (cause instanceof errors.JWSSignatureVerificationFailed) {
    return reject("bad_signature", "The access token's signature does not match Authgear's key (forged or altered)");
  }
  if (cause instanceof errors.JWKSNoMatchingKey || cause instanceof errors.JWKSMultipleMatchingKeys) {
    return reject("unknown_key", "The access token is signed with a key Authgear does not publish (unknown kid)");
  }
  if (cause instanceof errors.JWSInvalid || cause instanceof errors.JWTInvalid || cause instanceof errors.JWKInvalid) {
    return reject("malformed", `The access token is not a well-formed JWT: ${(cause as Error).message}`);
  }
  return reject("malformed", `The access token could not be read: ${(cause as Error).message}`);
}

const rolesSchema = z.array(z.string()).catch([]);

async function verifyJwt(
  token: string,
  endpoint: string,
  clientId: string | null,
  timeoutMs: number,
  tolerance: number,
  cacheMaxAgeMs: number,
  now: number,
): Promise<AccessTokenVerification> {
  try {
    const { payload } = await jwtVerify(token, jwksFor(endpoint, timeoutMs, cacheMaxAgeMs), {
      currentDate: new Date(now),
      algorithms: ["RS256"],
      typ: ACCESS_TOKEN_TYP,
      issuer: endpoint,
      audience: endpoint,
      requiredClaims: ["sub", "exp", "iat"],
      clockTolerance: tolerance,
    });
    // jose checks `iat` only together with maxTokenAge; a token from the future is refused here.
    if (typeof payload.iat !== "number" || payload.iat > now / 1000 + tolerance) {
      return reject("not_yet_valid", 'The access token is not valid yet (its "iat" is in the future)');
    }
    if (typeof payload.sub !== "string" || payload.sub === "") return reject("missing_claim", 'The access token has no "sub"');
    if (clientId !== null && payload.client_id !== clientId) {
      const other = typeof payload.client_id === "string" ? `"${payload.client_id.slice(0, 100)}"` : "no client";
      return reject("wrong_client", `The access token was issued to ${other}, not to this app's client "${clientId}"`);
    }
    const authTime = typeof payload.auth_time === "number" ? payload.auth_time : undefined;
    return {
      ok: true,
      sub: payload.sub,
      ...(authTime === undefined ? {} : { authTime }),
      roles: rolesSchema.parse(payload[CLAIMS.roles] ?? []),
      kind: "jwt",
    };
  } catch (cause) {
    return mapJwtError(cause, endpoint);
  }
}

const userinfoSchema = z.looseObject({ sub: z.string().min(1) });

async function verifyOpaque(token: string, endpoint: string, timeoutMs: number): Promise<AccessTokenVerification> {
  const url = `${endpoint}${PATHS.userinfo}`;
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (cause) {
    const name = (cause as Error).name;
    const why = name === "TimeoutError" || name === "AbortError" ? `no answer within ${timeoutMs} ms` : (cause as Error).message;
    return reject("userinfo_unreachable", `Cannot check the token at ${url}: ${why}`);
  }
  if (response.status === 401) {
    await response.body?.cancel();
    return reject("invalid", "The access token is not valid (unknown, expired or revoked)");
  }
  if (!response.ok) {
    await response.body?.cancel();
    return reject("userinfo_failed", `Authgear's userinfo answered HTTP ${response.status}`);
  }
  const parsed = userinfoSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) return reject("userinfo_failed", "Authgear's userinfo answered without a sub");
  return { ok: true, sub: parsed.data.sub, roles: rolesSchema.parse(parsed.data[CLAIMS.roles] ?? []), kind: "opaque" };
}

/** Verifies an Authgear access token (JWT or opaque) and says whose it is. */
export async function verifyAccessToken(token: string | null | undefined, options: VerifyOptions): Promise<AccessTokenVerification> {
  const endpoint = options.endpoint.replace(/\/+$/, "");
  const clientId = options.clientId === undefined ? ENV_DEFAULTS.AUTHGEAR_CLIENT_ID : options.clientId;
  const timeoutMs = options.timeoutMs ?? VERIFY_DEFAULT_TIMEOUT_MS;
  const value = token?.trim() ?? "";
  if (value === "") return reject("missing", "No access token was sent");
  if (/\s/.test(value) || value.length > 16_384) return reject("malformed", "The access token contains spaces or is too long");
  if (looksLikeJwt(value)) {
    return verifyJwt(
      value,
      endpoint,
      clientId,
      timeoutMs,
      options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_S,
      options.jwksCacheMaxAgeMs ?? JWKS_CACHE_MAX_AGE_MS,
      (options.now ?? Date.now)(),
    );
  }
  return verifyOpaque(value, endpoint, timeoutMs);
}

/** `Authorization: Bearer <token>` → the token, or null. */
export function bearerToken(authorization: string | null | undefined): string | null {
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1] ?? null;
}
