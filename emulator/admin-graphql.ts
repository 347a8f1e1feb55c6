/**
 * Authgear's Admin API (`POST /_api/admin/graphql`, contract §3) on graphql-js, with the schema
 * in admin-schema.graphql (a verbatim subset of Authgear's). Requests are authenticated with the
 * app's RS256 JWT; a request's writes are staged and committed only when it has no GraphQL error
 * (Authgear runs each request in one transaction).
 */
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  buildSchema,
  getOperationAST,
  graphql,
  GraphQLError,
  Kind,
  parse,
  type GraphQLScalarType,
  type GraphQLSchema,
  type ValueNode,
} from "graphql";
import { jwtVerify, type JWTPayload } from "jose";
import { z } from "zod";
import { encodeGlobalId, decodeGlobalId, subFromUserNodeId, userNodeId } from "@/lib/authgear/global-id";
import { HOOK_EVENT_TYPES } from "@/lib/authgear/hook-events";
import { FAULT_HANG_CAP_MS, type Faults } from "./faults";
import { HookError, type EventOrigin } from "./hooks";
import { parseAcceptLanguage } from "./languages";
import { mediaType, readBody, sendJson, sendText, socketIp } from "./http";
import { auditContext, type Runtime } from "./runtime";
import { normalizeEmail, type RoleRecord, type UserRecord } from "./store";
import { configuredOnly, hookUser, replaceAttributes, standardAttributesWithDerived } from "./users";

/** Clock skew Authgear accepts on the Admin API JWT's exp and iat. */
export const ADMIN_JWT_SKEW_SECONDS = 300;

const SDL = readFileSync(new URL("./admin-schema.graphql", import.meta.url), "utf8");

// ---------------------------------------------------------------------------------------------
// Schema
// ---------------------------------------------------------------------------------------------

/**
 * Authgear's JSON scalars (pkg/util/graphqlutil/json.go): variables pass through unchanged; a
 * literal must be a STRING holding JSON. Any other literal (e.g. an inline object `{a: 1}`) is
 * null, i.e. "not provided", so an update written that way is silently skipped, as on Authgear.
 */
function jsonScalarLiteral(ast: ValueNode): unknown {
  if (ast.kind !== Kind.STRING) return null;
  try {
    return JSON.parse(ast.value) as unknown;
  } catch {
    return null;
  }
}

function buildAdminSchema(): GraphQLSchema {
  const schema = buildSchema(SDL);
  for (const name of ["UserCustomAttributes", "UserStandardAttributes", "Web3Claims", "IdentityClaims"]) {
    (schema.getType(name) as GraphQLScalarType).parseLiteral = jsonScalarLiteral;
  }
  return schema;
}

function apiError(message: string, errorName: string, reason: string, info?: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { errorName, reason, ...(info ? { info } : {}) } });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------
// Views (what the default field resolvers read; __typename picks the Node implementation)
// ---------------------------------------------------------------------------------------------

interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

function cursorFor(id: string): string {
  return Buffer.from(`cursor:${id}`).toString("base64url");
}

/** Relay cursor pagination over an ordered list; a cursor names an item, so inserts do not shift pages. */
function connection<T extends { id: string }>(items: T[], args: ConnectionArgs) {
  const positionOf = (cursor: string) => {
    const i = items.findIndex((item) => cursorFor(item.id) === cursor);
    if (i < 0) throw apiError(`invalid cursor: ${cursor}`, "Invalid", "Invalid");
    return i;
  };
  if ((args.first ?? 0) < 0 || (args.last ?? 0) < 0) throw apiError("first and last must not be negative", "Invalid", "Invalid");
  let start = 0;
  let end = items.length;
  if (args.after) start = positionOf(args.after) + 1;
  if (args.before) end = Math.min(end, positionOf(args.before));
  if (end < start) end = start;
  if (args.first !== null && args.first !== undefined) end = Math.min(end, start + args.first);
  if (args.last !== null && args.last !== undefined) start = Math.max(start, end - args.last);
  const slice = items.slice(start, end);
  const edges = slice.map((node) => ({ cursor: cursorFor(node.id), node }));
  return {
    edges,
    totalCount: items.length,
    pageInfo: {
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
      hasPreviousPage: start > 0,
      hasNextPage: end < items.length,
    },
  };
}

function roleView(role: RoleRecord) {
  return {
    __typename: "Role",
    id: encodeGlobalId("Role", role.id),
    key: role.key,
    name: role.name,
    description: role.description,
    createdAt: role.createdAt,
    updatedAt: role.createdAt,
  };
}

function identityView(user: UserRecord) {
  const claims: Record<string, unknown> = {
    email: user.identity.email,
    "https://authgear.com/claims/login_id/key": "email",
    "https://authgear.com/claims/login_id/type": "email",
    "https://authgear.com/claims/login_id/value": user.identity.email,
    "https://authgear.com/claims/login_id/original_value": user.identity.email,
  };
  return {
    __typename: "Identity",
    id: encodeGlobalId("Identity", user.identity.id),
    type: "LOGIN_ID",
    createdAt: user.identity.createdAt,
    updatedAt: user.identity.updatedAt,
    claims: ({ names }: { names?: string[] | null }) =>
      names ? Object.fromEntries(Object.entries(claims).filter(([k]) => names.includes(k))) : claims,
  };
}

// ---------------------------------------------------------------------------------------------
// The handler
// ---------------------------------------------------------------------------------------------

interface RequestContext {
  /** Users written by this request, committed only if the whole request succeeds. */
  staged: Map<string, UserRecord>;
  afterCommit: Array<() => void>;
  origin: EventOrigin;
}

const graphqlBodySchema = z.object({
  query: z.string().min(1),
  variables: z.record(z.string(), z.unknown()).nullish(),
  operationName: z.string().nullish(),
});

const STANDARD_LOOKUP_ATTRIBUTES = ["email", "phone_number", "preferred_username"];

/**
 * What the Admin API has been asked since the emulator started (`GET /_emulator/stats`): every
 * request that reached it (round trips, including refused and faulted ones), and of the executed
 * ones, how many were queries (reads) and mutations (writes). Benchmarks count an app call's
 * round trips from the difference before and after it. Not part of Authgear.
 */
export interface AdminApiStats {
  requests: number;
  queries: number;
  mutations: number;
}

/** The kind of operation a GraphQL request runs, or null when it does not parse to one. */
function operationKind(source: string, operationName: string | undefined): "query" | "mutation" | "subscription" | null {
  try {
    return getOperationAST(parse(source), operationName)?.operation ?? null;
  } catch {
    return null;
  }
}

export class AdminApi {
  private readonly schema = buildAdminSchema();
  private readonly counts: AdminApiStats = { requests: 0, queries: 0, mutations: 0 };

  /** A copy of the counters (see AdminApiStats). */
  stats(): AdminApiStats {
    return { ...this.counts };
  }

  constructor(
    private readonly rt: Runtime,
    private readonly faults: Faults,
    private readonly shutdown: AbortSignal,
  ) {}

  /** Verifies `Authorization: Bearer <JWT>` as Authgear does; null when refused. */
  async verify(req: IncomingMessage): Promise<JWTPayload | null> {
    const token = /^Bearer (.*)$/.exec(req.headers.authorization ?? "")?.[1];
    if (token === undefined) return null;
    const { adminPublicKey, adminKid } = this.rt.secrets;
    try {
      const { payload } = await jwtVerify(
        token,
        (header) => {
          if (header.kid !== adminKid) throw new Error(`unknown kid ${String(header.kid)}`);
          return adminPublicKey;
        },
        {
          algorithms: ["RS256"],
          audience: this.rt.config.projectId,
          clockTolerance: ADMIN_JWT_SKEW_SECONDS,
          requiredClaims: ["exp", "iat"],
          currentDate: this.rt.now(),
        },
      );
      // jose checks exp (with the tolerance) but not an iat in the future; Authgear does.
      const nowSec = Math.floor(this.rt.now().getTime() / 1000);
      if (typeof payload.iat !== "number" || payload.iat > nowSec + ADMIN_JWT_SKEW_SECONDS) return null;
      return payload;
    } catch {
      return null;
    }
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.counts.requests++;
    const fault = this.faults.take();
    if (fault?.mode === "error") {
      sendJson(res, 500, { errors: [{ message: "emulated Admin API failure (fault switch)", extensions: { errorName: "InternalError", reason: "UnexpectedError" } }] });
      return;
    }
    if (fault?.mode === "timeout") {
      // Never answer: wait until the client gives up (or 60 s, or shutdown), then drop the connection.
      await this.wait(FAULT_HANG_CAP_MS, res);
      if (!res.writableEnded) res.destroy();
      return;
    }
    if (fault?.mode === "slow") {
      await this.wait(fault.delayMs, res);
      if (res.destroyed) return;
    }

    const jwt = await this.verify(req);
    if (!jwt) {
      sendText(res, 403, "Forbidden");
      return;
    }
    if (req.method !== "POST") {
      sendText(res, 405, "The emulator's Admin API accepts POST only (GraphiQL is not emulated).", { allow: "POST" });
      return;
    }

    let request: z.infer<typeof graphqlBodySchema>;
    const type = mediaType(req);
    const text = await readBody(req);
    try {
      if (type === "application/graphql") request = { query: text };
      else if (type === "application/json") request = graphqlBodySchema.parse(JSON.parse(text));
      else throw new Error("Content-Type must be application/json or application/graphql");
    } catch (err) {
      sendJson(res, 400, { errors: [{ message: `invalid GraphQL request: ${(err as Error).message}` }] });
      return;
    }

    const ctx: RequestContext = {
      staged: new Map(),
      afterCommit: [],
      origin: {
        triggeredBy: "admin_api",
        userId: null,
        auditContext: { ...auditContext(this.rt, req), ...(isPlainObject(jwt.audit_context) ? jwt.audit_context : {}) },
        preferredLanguages: parseAcceptLanguage(req.headers["accept-language"]),
        ipAddress: socketIp(req),
        ...(req.headers["user-agent"] ? { userAgent: req.headers["user-agent"] } : {}),
      },
    };
    const kind = operationKind(request.query, request.operationName ?? undefined);
    if (kind === "query") this.counts.queries++;
    else if (kind === "mutation") this.counts.mutations++;
    const result = await graphql({
      schema: this.schema,
      source: request.query,
      rootValue: this.rootValue(),
      contextValue: ctx,
      variableValues: request.variables ?? undefined,
      operationName: request.operationName ?? undefined,
    });
    if (!result.errors?.length && ctx.staged.size > 0) {
      this.rt.store.putUsers(ctx.staged.values(), this.rt.now());
      for (const fire of ctx.afterCommit) fire();
    }
    sendJson(res, 200, result);
  }

  /** Resolves after `ms`, or earlier when the client disconnects or the emulator shuts down. */
  private wait(ms: number, res: ServerResponse): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        res.off("close", done);
        this.shutdown.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      res.on("close", done);
      this.shutdown.addEventListener("abort", done);
    });
  }

  // -------------------------------------------------------------------------------------------
  // Resolvers
  // -------------------------------------------------------------------------------------------

  private user(ctx: RequestContext, id: string): UserRecord | undefined {
    return ctx.staged.get(id) ?? this.rt.store.getUser(id);
  }

  private allUsers(ctx: RequestContext): UserRecord[] {
    return this.rt.store.listUsers().map((u) => ctx.staged.get(u.id) ?? u);
  }

  private userView(user: UserRecord) {
    const store = this.rt.store;
    const roles = (args: ConnectionArgs) =>
      connection(
        user.roles.map((key) => store.getRole(key)).filter((r): r is RoleRecord => r !== undefined).map(roleView),
        args,
      );
    return {
      __typename: "User",
      id: userNodeId(user.id),
      createdAt: user.createdAt,
      updatedAt: user.updatedAt,
      lastLoginAt: user.lastLoginAt,
      // Authgear reads configured attributes only (fromStorageForm): a stored key the config no
      // longer defines is not shown.
      customAttributes: configuredOnly(user.customAttributes, this.rt.config.attributes),
      standardAttributes: standardAttributesWithDerived(user),
      isAnonymous: false,
      isAnonymized: false,
      isDeactivated: false,
      isDisabled: user.isDisabled,
      disableReason: user.disableReason,
      endUserAccountID: user.identity.email,
      web3: {},
      verifiedClaims: user.emailVerified ? [{ name: "email", value: user.identity.email }] : [],
      loginIDs: [identityView(user)],
      roles,
      effectiveRoles: roles,
    };
  }

  private nodeById(ctx: RequestContext, id: string) {
    const decoded = decodeGlobalId(id);
    if (!decoded) return null;
    if (decoded.typeName === "User") {
      const sub = subFromUserNodeId(id);
      const user = sub ? this.user(ctx, sub) : undefined;
      return user ? this.userView(user) : null;
    }
    if (decoded.typeName === "Role") {
      const role = this.rt.store.findRoleById(decoded.id);
      return role ? roleView(role) : null;
    }
    if (decoded.typeName === "Identity") {
      const user = this.rt.store.findUserByIdentityId(decoded.id);
      return user ? identityView(this.user(ctx, user.id) ?? user) : null;
    }
    return null;
  }

  private rootValue() {
    return {
      node: ({ id }: { id: string }, ctx: RequestContext) => this.nodeById(ctx, id),
      nodes: ({ ids }: { ids: string[] }, ctx: RequestContext) => ids.map((id) => this.nodeById(ctx, id)),
      getUserByLoginID: ({ loginIDKey, loginIDValue }: { loginIDKey: string; loginIDValue: string }, ctx: RequestContext) => {
        if (loginIDKey !== "email") return null;
        const user = this.rt.store.findUserByEmail(loginIDValue);
        return user ? this.userView(this.user(ctx, user.id) ?? user) : null;
      },
      getUsersByStandardAttribute: (
        { attributeName, attributeValue }: { attributeName: string; attributeValue: string },
        ctx: RequestContext,
      ) => {
        if (!STANDARD_LOOKUP_ATTRIBUTES.includes(attributeName)) {
          throw apiError("attributeName must be email, phone_number or preferred_username", "Invalid", "Invalid");
        }
        const wanted = attributeName === "email" ? normalizeEmail(attributeValue) : attributeValue;
        return this.allUsers(ctx)
          .filter((u) => {
            const v = u.standardAttributes[attributeName];
            return typeof v === "string" && (attributeName === "email" ? normalizeEmail(v) : v) === wanted;
          })
          .map((u) => this.userView(u));
      },
      users: (
        args: ConnectionArgs & {
          searchKeyword?: string | null;
          sortBy?: "CREATED_AT" | "LAST_LOGIN_AT" | null;
          sortDirection?: "ASC" | "DESC" | null;
          roleKeys?: string[] | null;
          groupKeys?: string[] | null;
        },
        ctx: RequestContext,
      ) => {
        let users = this.allUsers(ctx);
        const keyword = args.searchKeyword?.trim().toLowerCase();
        if (keyword) users = users.filter((u) => u.identity.email.includes(keyword) || u.id === keyword);
        const roleKeys = args.roleKeys;
        if (roleKeys?.length) users = users.filter((u) => u.roles.some((r) => roleKeys.includes(r)));
        if (args.groupKeys?.length) users = []; // the emulator has no groups
        const key = (u: UserRecord) => (args.sortBy === "LAST_LOGIN_AT" ? (u.lastLoginAt ?? "") : u.createdAt);
        const dir = args.sortDirection === "ASC" ? 1 : -1;
        users.sort((a, b) => (key(a) < key(b) ? -dir : key(a) > key(b) ? dir : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        return connection(users.map((u) => this.userView(u)), args);
      },
      updateUser: (args: { input: { userID: string; customAttributes?: unknown; standardAttributes?: unknown } }, ctx: RequestContext) =>
        this.updateUser(args.input, ctx),
    };
  }

  /**
   * Whole-object replacement (contract §3.4): a non-null object replaces that set (attributes it
   * omits are deleted), null/absent leaves it unchanged. Validated before anything is staged; then
   * blocking user.profile.pre_update (its mutations applied and validated once), then, after the
   * request commits, non-blocking user.profile.updated.
   */
  private async updateUser(input: { userID: string; customAttributes?: unknown; standardAttributes?: unknown }, ctx: RequestContext) {
    const sub = subFromUserNodeId(input.userID);
    if (!sub) throw apiError("invalid user ID", "Invalid", "Invalid");
    const user = this.user(ctx, sub);
    if (!user) throw apiError("user not found", "NotFound", "UserNotFound");
    const custom = isPlainObject(input.customAttributes) ? input.customAttributes : undefined;
    const standard = isPlainObject(input.standardAttributes) ? input.standardAttributes : undefined;
    if (!custom && !standard) return { user: this.userView(user) };

    const now = this.rt.now();
    const attributes = this.rt.config.attributes;
    const first = replaceAttributes(user, { customAttributes: custom, standardAttributes: standard }, attributes, now);
    if (!first.ok) throw replacementError(first);
    const origin: EventOrigin = { ...ctx.origin, userId: user.id };

    let final = first.user;
    let mutations;
    try {
      mutations = await this.rt.hooks.runBlocking(HOOK_EVENT_TYPES.userProfilePreUpdate, { user: hookUser(first.user) }, origin);
    } catch (err) {
      if (err instanceof HookError) throw apiError(err.message, err.errorName, err.reason, err.info);
      throw err;
    }
    if (mutations) {
      const mutated = replaceAttributes(
        first.user,
        { customAttributes: mutations.custom_attributes, standardAttributes: mutations.standard_attributes, roles: mutations.roles },
        attributes,
        now,
      );
      if (!mutated.ok) throw replacementError(mutated);
      final = mutated.user;
    }
    ctx.staged.set(final.id, final);
    ctx.afterCommit.push(() => this.rt.hooks.dispatchNonBlocking(HOOK_EVENT_TYPES.userProfileUpdated, { user: hookUser(final) }, origin));
    return { user: this.userView(final) };
  }
}

function replacementError(result: Exclude<ReturnType<typeof replaceAttributes>, { ok: true }>): GraphQLError {
  if (result.problem === "unowned") return apiError(result.message, "Invalid", "Invalid");
  return apiError("invalid value", "Invalid", "ValidationFailed", { causes: result.causes });
}
