/**
 * The emulator's state (users, roles, authorization codes, grants, access tokens, the hook
 * sequence) in one JSON file in the data directory, written atomically after every change.
 * Codes, refresh-token secrets and opaque access tokens are stored as SHA-256 hashes only.
 */
import { createHash, randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { readFileIfExists, writeFileAtomic } from "./files";

export const STATE_FILE = "state.json";
export const SEEDED_ADMIN_EMAIL = "admin@example.com";
export const SEEDED_ADMIN_ROLE = "admin";

const jsonObject = z.record(z.string(), z.unknown());

const userSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastLoginAt: z.string().nullable(),
  /** The user's one login ID identity (an email). */
  identity: z.object({ id: z.string(), email: z.string(), createdAt: z.string(), updatedAt: z.string() }),
  emailVerified: z.boolean(),
  /** Standard attributes without the derived ones (email_verified, phone_number_verified, updated_at). */
  standardAttributes: jsonObject,
  /** Unix seconds of the last standard-attribute change: the derived `updated_at`. */
  standardAttributesUpdatedAt: z.number().int(),
  /** Keyed by attribute name; unset attributes are absent. */
  customAttributes: jsonObject,
  roles: z.array(z.string()),
  isDisabled: z.boolean(),
  disableReason: z.string().nullable(),
});
export type UserRecord = z.infer<typeof userSchema>;

const roleSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string().nullable(),
  description: z.string().nullable(),
  createdAt: z.string(),
});
export type RoleRecord = z.infer<typeof roleSchema>;

const codeSchema = z.object({
  clientId: z.string(),
  userId: z.string(),
  redirectUri: z.string(),
  codeChallenge: z.string(),
  scopes: z.array(z.string()),
  sid: z.string(),
  authTime: z.number().int(),
  nonce: z.string().nullable(),
  expiresAt: z.number(),
  /** Set once the code was exchanged; a second exchange revokes this grant. */
  grantId: z.string().nullable(),
});

const grantSchema = z.object({
  id: z.string(),
  userId: z.string(),
  clientId: z.string(),
  secretHash: z.string(),
  scopes: z.array(z.string()),
  sid: z.string(),
  authTime: z.number().int(),
  createdAt: z.string(),
  expiresAt: z.number(),
  revokedAt: z.string().nullable(),
});
export type GrantRecord = z.infer<typeof grantSchema>;

const accessTokenSchema = z.object({
  grantId: z.string(),
  userId: z.string(),
  clientId: z.string(),
  scopes: z.array(z.string()),
  expiresAt: z.number(),
});
export type AccessTokenRecord = z.infer<typeof accessTokenSchema>;

const stateSchema = z.object({
  version: z.literal(1),
  seq: z.number().int().nonnegative(),
  users: z.record(z.string(), userSchema),
  roles: z.record(z.string(), roleSchema),
  /** Keyed by the code's hash. */
  codes: z.record(z.string(), codeSchema),
  grants: z.record(z.string(), grantSchema),
  /** Keyed by the token's hash (which is also a JWT access token's `jti`). */
  accessTokens: z.record(z.string(), accessTokenSchema),
});
export type EmulatorState = z.infer<typeof stateSchema>;

export class EmulatorStateError extends Error {
  override name = "EmulatorStateError";
}

/** base64url(SHA-256(text)): how codes, secrets and tokens are kept at rest. */
export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("base64url");
}

/** Authgear's default email normalisation for login IDs: trimmed, case-folded. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function newUserRecord(email: string, now: Date, roles: string[] = []): UserRecord {
  const iso = now.toISOString();
  const normalized = normalizeEmail(email);
  return {
    id: randomUUID(),
    createdAt: iso,
    updatedAt: iso,
    lastLoginAt: null,
    identity: { id: randomUUID(), email: normalized, createdAt: iso, updatedAt: iso },
    emailVerified: true,
    standardAttributes: { email: normalized },
    standardAttributesUpdatedAt: Math.floor(now.getTime() / 1000),
    customAttributes: {},
    roles,
    isDisabled: false,
    disableReason: null,
  };
}

function seededState(now: Date): EmulatorState {
  const admin = newUserRecord(SEEDED_ADMIN_EMAIL, now, [SEEDED_ADMIN_ROLE]);
  return {
    version: 1,
    seq: 0,
    users: { [admin.id]: admin },
    roles: {
      [SEEDED_ADMIN_ROLE]: { id: randomUUID(), key: SEEDED_ADMIN_ROLE, name: "Admin", description: "Sees the Gradual dashboard", createdAt: now.toISOString() },
    },
    codes: {},
    grants: {},
    accessTokens: {},
  };
}

export class Store {
  private constructor(
    readonly path: string,
    readonly state: EmulatorState,
    /** The emulator's clock: every expiry check uses it, so tests can move time. */
    private readonly clock: () => Date,
  ) {}

  /** Opens `<dataDir>/state.json`, seeding a fresh state (with admin@example.com) when absent or on reset. */
  static open(dataDir: string, opts: { reset?: boolean; clock?: () => Date } = {}): Store {
    const clock = opts.clock ?? (() => new Date());
    const path = join(dataDir, STATE_FILE);
    if (opts.reset) rmSync(path, { force: true });
    const text = readFileIfExists(path);
    if (text === null) {
      const store = new Store(path, seededState(clock()), clock);
      store.save();
      return store;
    }
    let parsed: EmulatorState;
    try {
      parsed = stateSchema.parse(JSON.parse(text));
    } catch (cause) {
      throw new EmulatorStateError(`${path} is not a valid emulator state (${(cause as Error).message}). Delete it or start with --reset.`, {
        cause,
      });
    }
    return new Store(path, parsed, clock);
  }

  /** Drops expired codes, tokens and grants, then writes the file atomically. */
  save(now = this.clock().getTime()): void {
    const s = this.state;
    for (const [k, c] of Object.entries(s.codes)) if (c.expiresAt < now) delete s.codes[k];
    for (const [k, t] of Object.entries(s.accessTokens)) if (t.expiresAt < now) delete s.accessTokens[k];
    for (const [k, g] of Object.entries(s.grants)) if (g.expiresAt < now) delete s.grants[k];
    writeFileAtomic(this.path, `${JSON.stringify(s, null, 2)}\n`);
  }

  /** The next hook event sequence number (monotonic across restarts). */
  nextSeq(): number {
    this.state.seq += 1;
    this.save();
    return this.state.seq;
  }

  getUser(id: string): UserRecord | undefined {
    return this.state.users[id];
  }

  findUserByEmail(email: string): UserRecord | undefined {
    const normalized = normalizeEmail(email);
    return Object.values(this.state.users).find((u) => u.identity.email === normalized);
  }

  findUserByIdentityId(identityId: string): UserRecord | undefined {
    return Object.values(this.state.users).find((u) => u.identity.id === identityId);
  }

  listUsers(): UserRecord[] {
    return Object.values(this.state.users);
  }

  /** Stores users (new or changed) and any roles they reference that do not exist yet. */
  putUsers(users: Iterable<UserRecord>, now = this.clock()): void {
    for (const user of users) {
      this.state.users[user.id] = user;
      for (const key of user.roles) {
        this.state.roles[key] ??= { id: randomUUID(), key, name: null, description: null, createdAt: now.toISOString() };
      }
    }
    this.save();
  }

  getRole(key: string): RoleRecord | undefined {
    return this.state.roles[key];
  }

  findRoleById(id: string): RoleRecord | undefined {
    return Object.values(this.state.roles).find((r) => r.id === id);
  }

  /** Revokes a grant and every access token issued from it. */
  revokeGrant(grantId: string, now = this.clock()): void {
    const grant = this.state.grants[grantId];
    if (!grant) return;
    grant.revokedAt ??= now.toISOString();
    for (const [k, t] of Object.entries(this.state.accessTokens)) if (t.grantId === grantId) delete this.state.accessTokens[k];
    this.save();
  }

  /** The grant if it exists, is not revoked and has not expired. */
  liveGrant(grantId: string, now = this.clock().getTime()): GrantRecord | undefined {
    const grant = this.state.grants[grantId];
    if (!grant || grant.revokedAt !== null || grant.expiresAt < now) return undefined;
    return grant;
  }
}
