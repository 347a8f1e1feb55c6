/**
 * A small typed client of Authgear's Admin API (GraphQL, contract §3): read a user, find a user by
 * email, replace a user's custom attributes, replace a user's standard attributes. Authenticates with a short-lived RS256 JWT signed by
 * the Admin API private key (aud = project ID, 5 min lifetime, reused until ~60 s before expiry).
 * JSON scalars always travel as GraphQL variables: Authgear drops inline object literals silently.
 */
import "server-only";
import { importPKCS8, SignJWT, type CryptoKey } from "jose";
import { z } from "zod";
import type { AdminApiKey } from "./admin-key.server";
import { subFromUserNodeId, userNodeId } from "./global-id";
import { PATHS } from "./protocol";

export type CustomAttributes = Record<string, unknown>;
export type StandardAttributes = Record<string, unknown>;

export interface AdminUser {
  /** The Admin API node ID (base64url of `User:<sub>`). */
  id: string;
  sub: string;
  customAttributes: CustomAttributes;
  standardAttributes: StandardAttributes;
  /** Role keys; present only when asked for with `{ roles: true }`. */
  roles?: string[];
}

export type AdminApiErrorKind = "invalid_key" | "forbidden" | "server" | "timeout" | "network" | "graphql" | "bad_response";

/**
 * Every failure of an Admin API call. For GraphQL errors `errorName`, `reason` and `info` are
 * Authgear's (`extensions`); for transport failures they describe the transport (`kind`).
 */
export class AdminApiError extends Error {
  override name = "AdminApiError";
  readonly kind: AdminApiErrorKind;
  readonly errorName: string;
  readonly reason: string;
  readonly info: Record<string, unknown> | undefined;
  /** HTTP status, or 0 when no response arrived (timeout, network). */
  readonly status: number;
  constructor(
    message: string,
    fields: { kind: AdminApiErrorKind; errorName: string; reason: string; status: number; info?: Record<string, unknown> },
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.kind = fields.kind;
    this.errorName = fields.errorName;
    this.reason = fields.reason;
    this.status = fields.status;
    this.info = fields.info;
  }
}

/** Authgear answered, but not with what the Admin API schema promises. */
function badResponse(message: string, reason: string, status = 200, cause?: unknown): AdminApiError {
  return new AdminApiError(message, { kind: "bad_response", errorName: "BadResponse", reason, status }, cause === undefined ? undefined : { cause });
}

export interface AdminApiClientOptions {
  /** The Authgear origin, e.g. https://myapp.authgear.cloud. */
  endpoint: string;
  /** The key, or a function giving it (called before each request; cache inside it). */
  key: AdminApiKey | (() => Promise<AdminApiKey>);
  /** Per-request timeout; default 5000 ms. */
  timeoutMs?: number;
  /** Called when Authgear answers 403, e.g. to drop a cached key that may have been replaced. */
  onForbidden?: () => void;
  /** The clock the Admin API token's iat/exp come from (epoch ms); default Date.now. */
  now?: () => number;
}

export interface AdminApiClient {
  getUser(sub: string, options?: { roles?: boolean }): Promise<AdminUser | null>;
  getUserByEmail(email: string, options?: { roles?: boolean }): Promise<AdminUser | null>;
  /** Replaces ALL custom attributes with `customAttributes` (attributes left out are deleted). */
  updateCustomAttributes(sub: string, customAttributes: CustomAttributes): Promise<AdminUser>;
  /**
   * Replaces ALL standard attributes with `standardAttributes` (attributes left out are deleted;
   * custom attributes are untouched). Authgear's derived attributes (email_verified,
   * phone_number_verified, updated_at) are not the caller's to set: they are left out of the write.
   */
  updateStandardAttributes(sub: string, standardAttributes: StandardAttributes): Promise<AdminUser>;
}

/** Standard attributes Authgear derives itself; a read returns them, a write leaves them out. */
export const DERIVED_STANDARD_ATTRIBUTES: readonly string[] = ["email_verified", "phone_number_verified", "updated_at"];

/** `attributes` without Authgear's derived ones, ready to be written back whole. */
export function writableStandardAttributes(attributes: StandardAttributes): StandardAttributes {
  return Object.fromEntries(Object.entries(attributes).filter(([name]) => !DERIVED_STANDARD_ATTRIBUTES.includes(name)));
}

export const ADMIN_API_DEFAULT_TIMEOUT_MS = 5_000;
const TOKEN_LIFETIME_S = 300;
const TOKEN_RENEW_BEFORE_S = 60;

const USER_FIELDS = "id customAttributes standardAttributes";
const ROLE_FIELDS = "roles { edges { node { key } } }";
const userSelection = (roles: boolean) => (roles ? `${USER_FIELDS} ${ROLE_FIELDS}` : USER_FIELDS);

const QUERIES = {
  getUser: (roles: boolean) =>
    `query GradualGetUser($id: ID!) { node(id: $id) { ... on User { ${userSelection(roles)} } } }`,
  getUserByEmail: (roles: boolean) =>
    `query GradualGetUserByEmail($attributeName: String!, $email: String!) { getUsersByStandardAttribute(attributeName: $attributeName, attributeValue: $email) { ${userSelection(roles)} } }`,
  updateCustomAttributes: `mutation GradualUpdateCustomAttributes($id: ID!, $customAttributes: UserCustomAttributes!) { updateUser(input: { userID: $id, customAttributes: $customAttributes }) { user { ${USER_FIELDS} } } }`,
  updateStandardAttributes: `mutation GradualUpdateStandardAttributes($id: ID!, $standardAttributes: UserStandardAttributes!) { updateUser(input: { userID: $id, standardAttributes: $standardAttributes }) { user { ${USER_FIELDS} } } }`,
} as const;

const jsonObject = z.record(z.string(), z.unknown());

const userSchema = z.object({
  id: z.string(),
  customAttributes: jsonObject.nullish().transform((v) => v ?? {}),
  standardAttributes: jsonObject.nullish().transform((v) => v ?? {}),
  roles: z
    .object({ edges: z.array(z.object({ node: z.object({ key: z.string() }) })).nullish() })
    .nullish(),
});

const graphQLResponseSchema = z.object({
  data: z.record(z.string(), z.unknown()).nullish(),
  errors: z
    .array(
      z.object({
        message: z.string(),
        path: z.array(z.union([z.string(), z.number()])).optional(),
        extensions: z
          .object({ errorName: z.string().optional(), reason: z.string().optional(), info: jsonObject.optional() })
          .loose()
          .optional(),
      }),
    )
    .optional(),
});

const validationCauseSchema = z.object({
  location: z.string().optional(),
  kind: z.string().optional(),
  details: z.unknown().optional(),
});

function describeValidationCauses(info: Record<string, unknown> | undefined): string {
  const causes = z.array(validationCauseSchema).safeParse(info?.causes);
  if (!causes.success || causes.data.length === 0) return "";
  return causes.data
    .map((c) => `${c.location || "/"}: ${c.kind ?? "invalid"}${c.details === undefined ? "" : ` ${JSON.stringify(c.details)}`}`)
    .join("; ");
}

function toAdminUser(raw: z.infer<typeof userSchema>, withRoles: boolean): AdminUser {
  const sub = subFromUserNodeId(raw.id);
  if (sub === null) {
    throw badResponse(`Authgear returned a user whose ID "${raw.id}" is not a User node ID`, "InvalidUserID");
  }
  const user: AdminUser = { id: raw.id, sub, customAttributes: raw.customAttributes, standardAttributes: raw.standardAttributes };
  if (withRoles) user.roles = (raw.roles?.edges ?? []).map((e) => e.node.key);
  return user;
}

export function createAdminApiClient(options: AdminApiClientOptions): AdminApiClient {
  const url = `${options.endpoint.replace(/\/+$/, "")}${PATHS.adminGraphQL}`;
  const timeoutMs = options.timeoutMs ?? ADMIN_API_DEFAULT_TIMEOUT_MS;
  const getKey = typeof options.key === "function" ? options.key : async () => options.key as AdminApiKey;

  let importedFor: { pem: string; key: Promise<CryptoKey> } | undefined;
  let signed: { key: AdminApiKey; token: string; issuedAt: number; renewAt: number } | undefined;

  async function bearerToken(): Promise<string> {
    const key = await getKey();
    const now = Math.floor((options.now ?? Date.now)() / 1000);
    // Reused only while the clock is between its iat and its renewal: a clock set back (NTP, the e2e test clock) signs anew.
    if (signed && signed.key === key && signed.issuedAt <= now && now < signed.renewAt) return signed.token;
    if (importedFor?.pem !== key.privateKeyPem) {
      importedFor = { pem: key.privateKeyPem, key: importPKCS8(key.privateKeyPem, "RS256") };
    }
    let privateKey: CryptoKey;
    try {
      privateKey = await importedFor.key;
    } catch (cause) {
      importedFor = undefined;
      throw new AdminApiError(`The Admin API key (kid ${key.keyId}) is not a PKCS#8 RSA private key in PEM: ${(cause as Error).message}`, {
        kind: "invalid_key",
        errorName: "InvalidKey",
        reason: "InvalidKey",
        status: 0,
      }, { cause });
    }
    const exp = now + TOKEN_LIFETIME_S;
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: "RS256", kid: key.keyId, typ: "JWT" })
      .setAudience(key.projectId)
      .setIssuedAt(now)
      .setExpirationTime(exp)
      .sign(privateKey);
    signed = { key, token, issuedAt: now, renewAt: exp - TOKEN_RENEW_BEFORE_S };
    return token;
  }

  async function request(operation: string, query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> {
    const token = await bearerToken();
    let response: Response;
    try {
      response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (cause) {
      const name = (cause as Error).name;
      if (name === "TimeoutError" || name === "AbortError") {
        throw new AdminApiError(`Authgear Admin API did not answer ${operation} within ${timeoutMs} ms (${url})`, {
          kind: "timeout",
          errorName: "Timeout",
          reason: "Timeout",
          status: 0,
        }, { cause });
      }
      throw new AdminApiError(`Authgear Admin API is unreachable at ${url}: ${(cause as Error).message}`, {
        kind: "network",
        errorName: "NetworkError",
        reason: "Unreachable",
        status: 0,
      }, { cause });
    }

    if (response.status === 403) {
      options.onForbidden?.();
      const key = await getKey().catch(() => undefined);
      throw new AdminApiError(
        `Authgear Admin API refused the key (403 Forbidden)${key ? ` kid "${key.keyId}" for project "${key.projectId}"` : ""}: ` +
          "check AUTHGEAR_ADMIN_API_KEY, AUTHGEAR_ADMIN_API_KEY_ID and AUTHGEAR_PROJECT_ID (or restart the emulator if its key was reset).",
        { kind: "forbidden", errorName: "Forbidden", reason: "Forbidden", status: 403 },
      );
    }
    if (response.status >= 500) {
      throw new AdminApiError(`Authgear Admin API failed with HTTP ${response.status} during ${operation}`, {
        kind: "server",
        errorName: "ServerError",
        reason: `HTTP${response.status}`,
        status: response.status,
      });
    }

    let body: z.infer<typeof graphQLResponseSchema>;
    try {
      body = graphQLResponseSchema.parse(await response.json());
    } catch (cause) {
      throw badResponse(
        `Authgear Admin API answered ${operation} with HTTP ${response.status} and a body that is not a GraphQL response`,
        "NotGraphQL",
        response.status,
        cause,
      );
    }

    const first = body.errors?.[0];
    if (first) {
      const ext = first.extensions ?? {};
      const errorName = ext.errorName ?? "GraphQLError";
      const reason = ext.reason ?? "GraphQLError";
      const causes = reason === "ValidationFailed" ? describeValidationCauses(ext.info) : "";
      throw new AdminApiError(
        reason === "ValidationFailed"
          ? `Authgear refused the values in ${operation} (ValidationFailed): ${causes || first.message}`
          : `Authgear Admin API ${operation} failed: ${first.message} (${errorName}/${reason})`,
        { kind: "graphql", errorName, reason, status: response.status, info: ext.info },
      );
    }
    if (!response.ok || !body.data) {
      throw badResponse(`Authgear Admin API answered ${operation} with HTTP ${response.status} and no data`, `HTTP${response.status}`, response.status);
    }
    return body.data;
  }

  function parseUser(value: unknown, operation: string, withRoles: boolean): AdminUser {
    const parsed = userSchema.safeParse(value);
    if (!parsed.success) {
      throw badResponse(`Authgear Admin API returned an unexpected user shape for ${operation}: ${parsed.error.message}`, "UnexpectedShape");
    }
    return toAdminUser(parsed.data, withRoles);
  }

  return {
    async getUser(sub, { roles = false } = {}) {
      const data = await request("getUser", QUERIES.getUser(roles), { id: userNodeId(sub) });
      const node = data.node;
      // node(id) is null for an unknown user; a non-User node would come back as an empty object.
      if (node === null || node === undefined || (typeof node === "object" && !("id" in node))) return null;
      return parseUser(node, "getUser", roles);
    },

    async getUserByEmail(email, { roles = false } = {}) {
      const data = await request("getUserByEmail", QUERIES.getUserByEmail(roles), { attributeName: "email", email });
      const users = z.array(z.unknown()).safeParse(data.getUsersByStandardAttribute);
      if (!users.success) {
        throw badResponse("Authgear Admin API returned no user list for getUserByEmail", "UnexpectedShape");
      }
      return users.data.length === 0 ? null : parseUser(users.data[0], "getUserByEmail", roles);
    },

    async updateCustomAttributes(sub, customAttributes) {
      const data = await request("updateCustomAttributes", QUERIES.updateCustomAttributes, {
        id: userNodeId(sub),
        customAttributes,
      });
      const payload = z.object({ user: z.unknown() }).safeParse(data.updateUser);
      if (!payload.success) {
        throw badResponse("Authgear Admin API returned no user for updateCustomAttributes", "UnexpectedShape");
      }
      return parseUser(payload.data.user, "updateCustomAttributes", false);
    },

    async updateStandardAttributes(sub, standardAttributes) {
      const data = await request("updateStandardAttributes", QUERIES.updateStandardAttributes, {
        id: userNodeId(sub),
        standardAttributes: writableStandardAttributes(standardAttributes),
      });
      const payload = z.object({ user: z.unknown() }).safeParse(data.updateUser);
      if (!payload.success) {
        throw badResponse("Authgear Admin API returned no user for updateStandardAttributes", "UnexpectedShape");
      }
      return parseUser(payload.data.user, "updateStandardAttributes", false);
    },
  };
}
