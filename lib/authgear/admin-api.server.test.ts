import assert from "node:assert/strict";
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { readAdminKey, signIn, startTestEmulator, type TestEmulator } from "@/emulator/testing";
import { AdminApiError, createAdminApiClient, type AdminApiClient, type AdminApiClientOptions } from "./admin-api.server";
import type { AdminApiKey } from "./admin-key.server";
import { userNodeId } from "./global-id";

let testEmulator: TestEmulator;
let endpoint: string;
let key: AdminApiKey;
let admin: AdminApiClient;

const REDIRECT_URI = "http://localhost:3000/auth/callback";
const newEmail = (label: string) => `${label}-${Math.random().toString(36).slice(2, 10)}@example.com`;

async function newUser(label = "user"): Promise<{ sub: string; email: string }> {
  const email = newEmail(label);
  const session = await signIn(endpoint, { email, clientId: "gradual-web", redirectUri: REDIRECT_URI });
  return { sub: session.sub, email };
}

async function setFault(body: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${endpoint}/_emulator/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ target: "admin_api", ...body }),
  });
  assert.equal(res.status, 200, await res.text());
}

async function rejection(promise: Promise<unknown>): Promise<AdminApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AdminApiError, `expected AdminApiError, got ${String(error)}`);
    return error;
  }
  assert.fail("expected the call to fail");
}

const client = (overrides: Partial<AdminApiClientOptions> = {}) => createAdminApiClient({ endpoint, key, ...overrides });

before(async () => {
  testEmulator = await startTestEmulator();
  endpoint = testEmulator.origin;
  const k = await readAdminKey(testEmulator.dataDir);
  key = { privateKeyPem: k.pem, keyId: k.kid, projectId: k.projectId, source: "emulator" };
  admin = client();
});

after(async () => {
  await setFault({ mode: "off" }).catch(() => undefined);
  await testEmulator.close();
});

describe("Admin API client: reads", () => {
  it("reads a user by sub: node ID, sub, attributes", async () => {
    const { sub, email } = await newUser("read");
    const user = await admin.getUser(sub);
    assert.ok(user);
    assert.equal(user.id, userNodeId(sub));
    assert.equal(user.sub, sub);
    assert.equal(user.standardAttributes.email, email);
    assert.deepEqual(user.customAttributes, {});
    assert.equal(user.roles, undefined, "roles only when asked for");
  });

  it("returns null for a user that does not exist", async () => {
    assert.equal(await admin.getUser(randomUUID()), null);
  });

  it("reads role keys when asked", async () => {
    const seeded = await admin.getUserByEmail("admin@example.com", { roles: true });
    assert.ok(seeded);
    assert.deepEqual(seeded.roles, ["admin"]);
    const { sub } = await newUser("roles");
    assert.deepEqual((await admin.getUser(sub, { roles: true }))?.roles, []);
  });

  it("finds a user by email, or null", async () => {
    const { sub, email } = await newUser("byemail");
    assert.equal((await admin.getUserByEmail(email))?.sub, sub);
    assert.equal(await admin.getUserByEmail(newEmail("nobody")), null);
  });
});

describe("Admin API client: updateCustomAttributes replaces the whole object", () => {
  it("writes the given attributes and deletes the ones left out", async () => {
    const { sub } = await newUser("update");
    const first = await admin.updateCustomAttributes(sub, { company: "Acme", team_size: 12, industry: "software" });
    assert.deepEqual(first.customAttributes, { company: "Acme", team_size: 12, industry: "software" });
    assert.equal(first.sub, sub);

    const second = await admin.updateCustomAttributes(sub, { job_title: "Engineer", company: "Acme" });
    assert.deepEqual(second.customAttributes, { job_title: "Engineer", company: "Acme" });
    assert.deepEqual((await admin.getUser(sub))?.customAttributes, { job_title: "Engineer", company: "Acme" });

    await admin.updateCustomAttributes(sub, {});
    assert.deepEqual((await admin.getUser(sub))?.customAttributes, {});
  });

  it("maps Authgear's ValidationFailed to an AdminApiError naming each bad attribute", async () => {
    const { sub } = await newUser("invalid");
    await admin.updateCustomAttributes(sub, { company: "Acme" });
    const error = await rejection(admin.updateCustomAttributes(sub, { company: "Acme", team_size: 0, country: "XX" }));
    assert.equal(error.kind, "graphql");
    assert.equal(error.errorName, "Invalid");
    assert.equal(error.reason, "ValidationFailed");
    assert.match(error.message, /ValidationFailed/);
    assert.match(error.message, /\/team_size: minimum/);
    assert.match(error.message, /\/country: format/);
    assert.ok(Array.isArray(error.info?.causes));
    // Nothing was written.
    assert.deepEqual((await admin.getUser(sub))?.customAttributes, { company: "Acme" });
  });

  it("refuses an update for a user that does not exist", async () => {
    const error = await rejection(admin.updateCustomAttributes(randomUUID(), { company: "Acme" }));
    assert.equal(error.kind, "graphql");
    assert.ok(error.errorName.length > 0);
  });
});

describe("Admin API client: updateStandardAttributes replaces the whole standard object", () => {
  it("writes the given standard attributes, leaves the custom ones alone, and leaves out what Authgear derives", async () => {
    const { sub, email } = await newUser("standard");
    await admin.updateCustomAttributes(sub, { company: "Acme" });
    const read = await admin.getUser(sub);
    assert.ok(read);
    assert.equal(read.standardAttributes.email_verified, true, "a read carries the derived attributes");
    // Written back as read (derived attributes included) with a locale: Authgear's own rule is that they are not the caller's.
    const written = await admin.updateStandardAttributes(sub, { ...read.standardAttributes, locale: "ja" });
    assert.equal(written.standardAttributes.locale, "ja");
    assert.equal(written.standardAttributes.email, email, "the email is kept");
    assert.deepEqual(written.customAttributes, { company: "Acme" }, "custom attributes are untouched");
    const again = await admin.getUser(sub);
    assert.equal(again?.standardAttributes.locale, "ja");
    assert.deepEqual(again?.customAttributes, { company: "Acme" });
  });

  it("maps a locale that is not BCP 47 to Authgear's ValidationFailed and writes nothing", async () => {
    const { sub } = await newUser("standard-invalid");
    const read = await admin.getUser(sub);
    const error = await rejection(admin.updateStandardAttributes(sub, { ...read!.standardAttributes, locale: "../../etc/passwd" }));
    assert.equal(error.reason, "ValidationFailed");
    assert.match(error.message, /\/locale: format/);
    assert.equal((await admin.getUser(sub))?.standardAttributes.locale, undefined);
  });
});

describe("Admin API client: its token follows its clock", () => {
  it("signs a new token when the clock is set back before the cached token's iat (else Authgear refuses it)", async () => {
    // The emulator moved 22 h on, as in the e2e: a client on the same clock works; then both go back.
    const moved = 22 * 3_600_000;
    let offset = moved;
    const set = async (body: unknown) => assert.equal((await fetch(`${endpoint}/_emulator/clock`, { method: "POST", body: JSON.stringify(body) })).status, 200);
    await set({ advance_ms: moved });
    try {
      const onClock = client({ now: () => Date.now() + offset });
      const { sub } = await newUser("clock");
      assert.equal((await onClock.getUser(sub))?.sub, sub);
      await set({ reset: true });
      offset = 0;
      assert.equal((await onClock.getUser(sub))?.sub, sub, "a token from 22 h ahead is not reused");
    } finally {
      await set({ reset: true });
    }
  });
});

describe("Admin API client: transport failures", () => {
  it("maps 403 Forbidden (a key Authgear does not know) and tells the caller", async () => {
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    let forbidden = 0;
    const wrongKey = client({ key: { ...key, privateKeyPem: other }, onForbidden: () => (forbidden += 1) });
    const error = await rejection(wrongKey.getUser(randomUUID()));
    assert.equal(error.kind, "forbidden");
    assert.equal(error.status, 403);
    assert.equal(error.errorName, "Forbidden");
    assert.match(error.message, /refused the key \(403 Forbidden\).*AUTHGEAR_ADMIN_API_KEY/);
    assert.equal(forbidden, 1);

    const wrongProject = await rejection(client({ key: { ...key, projectId: "another-project" } }).getUser(randomUUID()));
    assert.equal(wrongProject.status, 403);
    assert.match(wrongProject.message, /project "another-project"/);
  });

  it("refuses a key that is not a PEM private key before any request", async () => {
    const error = await rejection(client({ key: { ...key, privateKeyPem: "not a key" } }).getUser(randomUUID()));
    assert.equal(error.kind, "invalid_key");
    assert.match(error.message, /PKCS#8/);
  });

  it("maps an Admin API that does not answer in time to a timeout", async () => {
    const { sub } = await newUser("timeout");
    await setFault({ mode: "timeout", count: 1 });
    const started = Date.now();
    const error = await rejection(client({ timeoutMs: 300 }).getUser(sub));
    assert.equal(error.kind, "timeout");
    assert.equal(error.status, 0);
    assert.match(error.message, /did not answer getUser within 300 ms/);
    assert.ok(Date.now() - started < 3_000);
    // The fault was for one request: the next one works.
    assert.equal((await admin.getUser(sub))?.sub, sub);
  });

  it("maps a 5xx answer to a server error", async () => {
    await setFault({ mode: "error", count: 1 });
    const error = await rejection(admin.getUser(randomUUID()));
    assert.equal(error.kind, "server");
    assert.equal(error.status, 500);
    assert.match(error.message, /HTTP 500/);
  });

  it("maps an unreachable Admin API to a network error", async () => {
    const server = createServer();
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((ok) => server.close(() => ok()));
    const error = await rejection(client({ endpoint: `http://127.0.0.1:${port}` }).getUser(randomUUID()));
    assert.equal(error.kind, "network");
    assert.match(error.message, /unreachable/);
  });
});
