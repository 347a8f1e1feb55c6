/**
 * Bad input and faults through the prompt's real save path: authenticatedAction with the real
 * verifyAccessToken (against the emulator's JWKS) in front of the profile service, the emulator's
 * Admin API behind it, and a SQLite state store. For every bad request: a clear error and nothing
 * written, neither to Authgear nor to the store. For every fault: a clear error, and the same
 * answers saved by a retry once the fault is gone (nothing lost). See docs/security.md.
 */
import assert from "node:assert/strict";
import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, beforeEach, describe, it } from "node:test";
import SQLite from "better-sqlite3";
import { decodeJwt, decodeProtectedHeader, SignJWT, type JWTPayload } from "jose";
import { sql } from "kysely";
import { SECRET_FILES } from "@/emulator/keys";
import { createEmulator, type Emulator } from "@/emulator/server";
import { DEFAULT_CONFIG_PATH, readAdminKey, signIn, silentLogger, startTestEmulator, type TestEmulator } from "@/emulator/testing";
import { createAdminApiClient, type AdminApiClient } from "@/lib/authgear/admin-api.server";
import { verifyAccessToken } from "@/lib/authgear/verify-access-token.server";
import { openSqliteDatabase, type AppDatabase } from "@/lib/db/database.server";
import { createStore, type Store } from "@/lib/db/store.server";
import { profileCatalog } from "@/profile.config";
import { authenticatedAction } from "../actions/authenticated-action.server";
import { submitRequestSchema, type SubmitRequest } from "./prompt-types";
import { MAX_TEXT_ANSWER_LENGTH } from "../catalog/schemas";
import { createProfileService, type ProfileService } from "./service.server";

const CLIENT_ID = "gradual-web";
const REDIRECT_URI = "http://localhost:3000/auth/callback";
const silent = { warn() {}, error() {} };

let emulator: TestEmulator;
let endpoint: string;
let admin: AdminApiClient;
let signingKey: KeyObject;
let kid: string;
let workDir: string;
let db: AppDatabase;
let store: Store;
let service: ProfileService;

function adminClient(origin: string, k: Awaited<ReturnType<typeof readAdminKey>>, timeoutMs = 1_000): AdminApiClient {
  return createAdminApiClient({ endpoint: origin, key: { privateKeyPem: k.pem, keyId: k.kid, projectId: k.projectId, source: "emulator" }, timeoutMs });
}

/** The work-email provider's word on a work address: the demo catalog asks Company only then (`when.enriched`). */
const workAddress = () => ({ field: "email_type", value: "work", confidence: 0.99, source: "work-email", observedAt: new Date().toISOString() });

function serviceFor(s: Store, a: AdminApiClient): ProfileService {
  return createProfileService({ catalog: profileCatalog, store: s, admin: a, enrich: async () => ({ values: [workAddress()] }), now: Date.now, log: silent });
}

/** submitProfileAnswers as actions.ts builds it, with the real token check bound to this emulator. */
function submitAction(getService: () => ProfileService, origin: () => string) {
  return authenticatedAction(
    submitRequestSchema,
    async (user, input) => {
      const { clientHints: _hints, ...request } = input;
      return getService().submit({ sub: user.sub, authTime: user.authTime ?? 0 }, request);
    },
    { verify: (token) => verifyAccessToken(token, { endpoint: origin(), clientId: CLIENT_ID, timeoutMs: 1_000 }), log: silent },
  );
}

async function setFault(origin: string, body: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${origin}/_emulator/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ target: "admin_api", ...body }) });
  assert.equal(res.status, 200, await res.text());
}

interface Session {
  sub: string;
  accessToken: string;
  loginKey: string;
}

/** A fresh user signed in through the emulator, with this login's prompt open (job_title, company). */
async function session(s: ProfileService = service, origin = endpoint): Promise<Session> {
  const signedIn = await signIn(origin, { email: `robust-${Math.random().toString(36).slice(2, 10)}@example.com`, clientId: CLIENT_ID, redirectUri: REDIRECT_URI });
  const authTime = decodeJwt(signedIn.accessToken).auth_time as number;
  const prompt = await s.prompt({ sub: signedIn.sub, authTime });
  assert.ok(prompt.ok, JSON.stringify(prompt));
  assert.deepEqual(prompt.prompt.questions.map((q) => q.attribute), ["job_title", "company"]);
  return { sub: signedIn.sub, accessToken: signedIn.accessToken, loginKey: prompt.prompt.loginKey };
}

let ids = 0;
const request = (s: Session, answers: Record<string, unknown>, extra: Partial<SubmitRequest> = {}): SubmitRequest => ({
  submissionId: `robust-${++ids}-${Math.random().toString(36).slice(2, 8)}`,
  loginKey: s.loginKey,
  answers: answers as SubmitRequest["answers"],
  ...extra,
});

/** Nothing of this user's was written: no attribute in Authgear, no answer, skip or submission in the store. */
async function assertNothingWritten(s: Session, submissionIds: string[] = []): Promise<void> {
  assert.deepEqual((await admin.getUser(s.sub))!.customAttributes, {});
  const states = await store.questionStates(s.sub);
  assert.deepEqual(states.filter((x) => x.answeredAt || x.skipCount || x.declinedAt), [], JSON.stringify(states));
  for (const id of submissionIds) assert.equal(await store.submissionOutcome(s.sub, id), null);
}

/** A token signed with Authgear's (the emulator's) own key: the claims an attacker would like to choose. */
async function emulatorSigned(sub: string, claims: JWTPayload, header: Record<string, unknown> = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload: JWTPayload = { iss: endpoint, aud: [endpoint], sub, iat: now, exp: now + 600, auth_time: now, client_id: CLIENT_ID, ...claims };
  for (const key of Object.keys(payload)) if (payload[key] === undefined) delete payload[key];
  return new SignJWT(payload).setProtectedHeader({ alg: "RS256", kid, typ: "at+jwt", ...header }).sign(signingKey);
}

before(async () => {
  emulator = await startTestEmulator();
  endpoint = emulator.origin;
  admin = adminClient(endpoint, await readAdminKey(emulator.dataDir));
  signingKey = createPrivateKey(await readFile(join(emulator.dataDir, SECRET_FILES.signingKey), "utf8"));
  const probe = await signIn(endpoint, { email: "probe@example.com", clientId: CLIENT_ID, redirectUri: REDIRECT_URI });
  kid = decodeProtectedHeader(probe.accessToken).kid!;
  workDir = await mkdtemp(join(tmpdir(), "gradual-robust-"));
});

after(async () => {
  await setFault(endpoint, { mode: "off" }).catch(() => undefined);
  await db?.destroy();
  await emulator.close();
  await rm(workDir, { recursive: true, force: true });
});

beforeEach(async () => {
  await db?.destroy();
  db = await openSqliteDatabase(join(workDir, `state-${++ids}.sqlite`));
  store = createStore(db);
  service = serviceFor(store, admin);
});

describe("bad tokens through the save action: 'sign in again', nothing written", () => {
  it("refuses expired, not-yet-valid, foreign, unsigned, algorithm-confused, other-client, forged and garbage tokens", async () => {
    const s = await session();
    const submit = submitAction(() => service, () => endpoint);
    const now = Math.floor(Date.now() / 1000);
    const [header, payload] = s.accessToken.split(".");
    const claims = decodeJwt(s.accessToken);
    const publicPem = createPublicKey(signingKey).export({ type: "spki", format: "pem" }).toString();
    const { generateKeyPairSync } = await import("node:crypto");
    const otherKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    const cases: Record<string, string> = {
      expired: await emulatorSigned(s.sub, { iat: now - 3600, exp: now - 1800 }),
      "not yet valid (nbf)": await emulatorSigned(s.sub, { nbf: now + 600 }),
      "issued in the future (iat)": await emulatorSigned(s.sub, { iat: now + 3600, exp: now + 7200 }),
      "wrong issuer": await emulatorSigned(s.sub, { iss: "https://evil.authgear.cloud" }),
      "wrong audience": await emulatorSigned(s.sub, { aud: ["https://other.authgear.cloud"] }),
      'alg "none"': `${Buffer.from(JSON.stringify({ alg: "none", kid, typ: "at+jwt" })).toString("base64url")}.${payload}.`,
      "HS256 signed with the public key": await new SignJWT(claims).setProtectedHeader({ alg: "HS256", kid, typ: "at+jwt" }).sign(new TextEncoder().encode(publicPem)),
      "a valid token of another client": await emulatorSigned(s.sub, { client_id: "partner-mobile-app" }),
      "forged with another key": await new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid, typ: "at+jwt" }).sign(otherKey),
      "ID token instead of access token": (await signIn(endpoint, { email: "probe@example.com", clientId: CLIENT_ID, redirectUri: REDIRECT_URI })).idToken,
      "payload altered": `${header}.${Buffer.from(JSON.stringify({ ...claims, exp: now + 86_400 })).toString("base64url")}.${s.accessToken.split(".")[2]}`,
      garbage: "eyJ%%%.not.a.token",
      "opaque garbage": "x".repeat(40),
      "too long": `eyJ${"a".repeat(20_000)}`,
      empty: "",
    };
    const tried: string[] = [];
    for (const [name, token] of Object.entries(cases)) {
      const req = request(s, { job_title: "Intruder" }, { skipped: ["company"] });
      tried.push(req.submissionId);
      const result = await submit(token, req);
      assert.equal(result.ok ? "ok" : result.error.code, "unauthenticated", name);
      assert.match(result.ok ? "" : result.error.message, /Sign in again/, name);
    }
    // Not a JSON string at all (a client sending something else as the token).
    for (const token of [null, 42, { token: s.accessToken }]) {
      const result = await submit(token as unknown as string, request(s, { job_title: "Intruder" }));
      assert.equal(result.ok ? "ok" : result.error.code, "unauthenticated");
    }
    await assertNothingWritten(s, tried);
    // The real token, same request: saved (so the refusals above were the token's doing).
    const ok = await submit(s.accessToken, request(s, { job_title: "Welder" }, { skipped: ["company"] }));
    assert.ok(ok.ok, JSON.stringify(ok));
    assert.deepEqual((await admin.getUser(s.sub))!.customAttributes, { job_title: "Welder" });
  });
});

describe("bad answers through the save action: a clear error per field, nothing written", () => {
  it("refuses unknown and not-offered attributes, wrong types, 100 kB strings and prototype keys", async () => {
    const s = await session();
    const submit = submitAction(() => service, () => endpoint);
    const huge = "A".repeat(100 * 1024);
    const cases: { name: string; answers: unknown; code: string; field?: string; message?: RegExp }[] = [
      { name: "unknown attribute", answers: { is_admin: "yes" }, code: "not_offered", message: /"is_admin" was not asked/ },
      { name: "attribute not offered in this prompt", answers: { industry: "software" }, code: "not_offered", message: /"industry" was not asked/ },
      { name: "number for text", answers: { job_title: 42 }, code: "invalid_input", field: "job_title", message: /need a second look/ },
      { name: "empty text", answers: { job_title: "" }, code: "invalid_input", field: "job_title" },
      { name: "boolean", answers: { job_title: true }, code: "invalid_input", field: "answers.job_title" },
      { name: "array", answers: { job_title: ["a", "b"] }, code: "invalid_input", field: "answers.job_title" },
      { name: "object", answers: { job_title: { toString: "x" } }, code: "invalid_input", field: "answers.job_title" },
      { name: "null", answers: { job_title: null }, code: "invalid_input", field: "answers.job_title" },
      { name: "answers not an object", answers: "job_title=x", code: "invalid_input", field: "answers" },
      { name: "100 kB string", answers: { job_title: huge }, code: "invalid_input", field: "job_title", message: /need a second look/ },
      { name: "__proto__ key", answers: JSON.parse('{"__proto__": {"polluted": true}, "job_title": "x"}'), code: "invalid_input", field: "answers" },
      { name: "__proto__ key, text value", answers: JSON.parse('{"__proto__": "x"}'), code: "invalid_input", field: "answers" },
      { name: "key that is no attribute name", answers: { "Job Title": "x" }, code: "invalid_input", field: "answers.Job Title" },
      { name: "constructor key", answers: { constructor: "x", job_title: "x" }, code: "not_offered", message: /"constructor" was not asked/ },
      { name: "prototype key", answers: { prototype: "x" }, code: "not_offered" },
      { name: "toString key", answers: { toString: "x" }, code: "invalid_input", field: "answers.toString" },
    ];
    const tried: string[] = [];
    for (const c of cases) {
      const req = request(s, {}, {});
      (req as { answers: unknown }).answers = c.answers;
      tried.push(req.submissionId);
      const result = await submit(s.accessToken, req);
      assert.equal(result.ok ? "ok" : result.error.code, c.code, c.name);
      if (result.ok) continue;
      if (c.field) assert.ok(result.error.fieldErrors?.[c.field], `${c.name}: ${JSON.stringify(result.error)}`);
      if (c.message) assert.match(result.error.message, c.message, c.name);
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined, "Object.prototype is untouched");
    await assertNothingWritten(s, tried);

    const long = await submit(s.accessToken, request(s, { job_title: huge }));
    assert.equal(long.ok ? "" : long.error.fieldErrors?.job_title, `Must be at most ${MAX_TEXT_ANSWER_LENGTH} characters`);
    assert.deepEqual(long.ok ? {} : long.error.fieldIssues?.job_title, { key: "tooLong", values: { max: MAX_TEXT_ANSWER_LENGTH } });
    // Also outside the prompt: the profile page's save path uses the same schema.
    const page = await service.saveValues(s.sub, { job_title: huge });
    assert.equal(page.ok ? "" : page.error.fieldErrors?.job_title, `Must be at most ${MAX_TEXT_ANSWER_LENGTH} characters`);
    assert.deepEqual(page.ok ? {} : page.error.fieldIssues?.job_title, { key: "tooLong", values: { max: MAX_TEXT_ANSWER_LENGTH } });
    await assertNothingWritten(s);
  });

  it("stores HTML and script as the exact text typed (rendering it inert is the UI's job: e2e/security.spec.ts)", async () => {
    const s = await session();
    const html = `<img src=x onerror=alert(1)><script>alert("x")</script>`;
    const result = await submitAction(() => service, () => endpoint)(s.accessToken, request(s, { job_title: html, company: "A & B <Ltd>" }));
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual((await admin.getUser(s.sub))!.customAttributes, { job_title: html, company: "A & B <Ltd>" });
  });
});

describe("faults while saving: a clear error, then the same answers saved by a retry", () => {
  it("Admin API slow but within the client's budget: saved on the first try", async () => {
    const s = await session();
    await setFault(endpoint, { mode: "slow", delay_ms: 400, count: 2 });
    const started = Date.now();
    const result = await submitAction(() => service, () => endpoint)(s.accessToken, request(s, { job_title: "Patient" }, { skipped: ["company"] }));
    assert.ok(result.ok, JSON.stringify(result));
    assert.ok(Date.now() - started >= 800, "both Admin API calls (read, write) were slowed");
    assert.deepEqual((await admin.getUser(s.sub))!.customAttributes, { job_title: "Patient" });
  });

  it("Admin API slower than the budget: 'nothing was saved, try again'; the retry saves", async () => {
    const s = await session();
    const submit = submitAction(() => service, () => endpoint);
    const req = request(s, { job_title: "Sloth keeper" });
    await setFault(endpoint, { mode: "slow", delay_ms: 1_500, count: 1 });
    const slow = await submit(s.accessToken, req);
    assert.equal(slow.ok ? "ok" : slow.error.code, "authgear_unavailable");
    assert.match(slow.ok ? "" : slow.error.message, /nothing was saved.*still here/);
    await assertNothingWritten(s, [req.submissionId]);
    const retried = await submit(s.accessToken, req);
    assert.ok(retried.ok, JSON.stringify(retried));
    assert.deepEqual((await admin.getUser(s.sub))!.customAttributes, { job_title: "Sloth keeper" });
  });

  it("SQLite read-only: a clear error, the answer is not lost, and the retry completes once writable", async () => {
    const s = await session();
    const submit = submitAction(() => service, () => endpoint);
    const req = request(s, { job_title: "Archivist", company: "Records Ltd" });
    await sql`PRAGMA query_only = ON`.execute(db);
    try {
      const failed = await submit(s.accessToken, req);
      assert.equal(failed.ok ? "ok" : failed.error.code, "storage_unavailable", JSON.stringify(failed));
      assert.match(failed.ok ? "" : failed.error.message, /answers are still here: try again/);
      assert.equal(await store.submissionOutcome(s.sub, req.submissionId), null);
    } finally {
      await sql`PRAGMA query_only = OFF`.execute(db);
    }
    const retried = await submit(s.accessToken, req);
    assert.ok(retried.ok, JSON.stringify(retried));
    assert.deepEqual(retried.outcome.answered, ["job_title", "company"]);
    assert.deepEqual((await admin.getUser(s.sub))!.customAttributes, { job_title: "Archivist", company: "Records Ltd" });
  });

  it("SQLite locked by another process: a clear error after the busy timeout; the retry completes once released", async () => {
    const s = await session();
    const submit = submitAction(() => service, () => endpoint);
    const req = request(s, { job_title: "Locksmith" }, { skipped: ["company"] });
    await sql`PRAGMA busy_timeout = 200`.execute(db);
    const other = new SQLite(await currentPath());
    other.exec("BEGIN EXCLUSIVE");
    try {
      const failed = await submit(s.accessToken, req);
      assert.equal(failed.ok ? "ok" : failed.error.code, "storage_unavailable", JSON.stringify(failed));
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
    const retried = await submit(s.accessToken, req);
    assert.ok(retried.ok, JSON.stringify(retried));
    assert.deepEqual((await admin.getUser(s.sub))!.customAttributes, { job_title: "Locksmith" });
  });
});

/** The file behind the current test's database. */
async function currentPath(): Promise<string> {
  const rows = await sql<{ file: string }>`SELECT file FROM pragma_database_list WHERE name = 'main'`.execute(db);
  return rows.rows[0]!.file;
}

describe("the emulator restarted mid-session", () => {
  it("a save while Authgear is down fails clearly; after the restart (same data dir) the same token and answers save", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "gradual-restart-"));
    const start = (port: number): { emulator: Emulator; listening: Promise<{ port: number; origin: string }> } => {
      const e = createEmulator({ configPath: DEFAULT_CONFIG_PATH, dataDir, logger: silentLogger, appOrigin: null });
      return { emulator: e, listening: e.listen(port, "127.0.0.1") };
    };
    let first = start(0);
    const { port, origin } = await first.listening;
    let current = first.emulator;
    try {
      const a = adminClient(origin, await readAdminKey(dataDir));
      const restartService = serviceFor(store, a);
      const s = await session(restartService, origin);
      // The prompt's own action verified this token before the restart (and fetched Authgear's keys).
      assert.ok((await verifyAccessToken(s.accessToken, { endpoint: origin, clientId: CLIENT_ID })).ok);
      const submit = submitAction(() => restartService, () => origin);
      const req = request(s, { job_title: "Night nurse", company: "St Mary's" });

      await current.close();
      const down = await submit(s.accessToken, req);
      assert.ok(!down.ok);
      // The token was verified with the keys fetched before the restart; Authgear's Admin API is down.
      assert.equal(down.error.code, "authgear_unavailable", JSON.stringify(down));
      assert.match(down.error.message, /nothing was saved.*still here/);

      first = start(port);
      await first.listening;
      current = first.emulator;
      const saved = await submit(s.accessToken, req);
      assert.ok(saved.ok, JSON.stringify(saved));
      assert.deepEqual((await a.getUser(s.sub))!.customAttributes, { job_title: "Night nurse", company: "St Mary's" });
    } finally {
      await current.close().catch(() => undefined);
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
