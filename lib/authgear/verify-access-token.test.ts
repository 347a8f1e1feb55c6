import assert from "node:assert/strict";
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { decodeProtectedHeader, SignJWT, type JWTPayload } from "jose";
import { SECRET_FILES } from "@/emulator/keys";
import { signIn, startTestEmulator, type TestEmulator } from "@/emulator/testing";
import { PATHS } from "./protocol";
import { bearerToken, verifyAccessToken, type AccessTokenVerification } from "./verify-access-token.server";

const JWT_CLIENT = "gradual-web";
const OPAQUE_CLIENT = "gradual-web-opaque";
const REDIRECT_URI = "http://localhost:3000/auth/callback";
const HOUR_MS = 3_600_000;

let testEmulator: TestEmulator;
let endpoint: string;
/** The emulator's clock runs `clockOffsetMs` away from ours: tokens issued "in the past" or "in the future". */
let clockOffsetMs = 0;
let emulatorKey: KeyObject;
let kid: string;
const servers: Server[] = [];

const newEmail = (label: string) => `${label}-${Math.random().toString(36).slice(2, 10)}@example.com`;
const signInWith = (clientId: string, email = newEmail(clientId)) =>
  signIn(endpoint, { email, clientId, redirectUri: REDIRECT_URI });

function assertRejected(result: AccessTokenVerification, code: string, message?: RegExp): void {
  assert.equal(result.ok, false, `expected ${code}, got ${JSON.stringify(result)}`);
  if (result.ok) return;
  assert.equal(result.code, code, result.message);
  if (message) assert.match(result.message, message);
}

/** A token signed by the emulator's own key with chosen header/claims (what a misconfigured or other Authgear could send). */
async function signedByEmulator(claims: JWTPayload, header: Record<string, unknown> = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload: JWTPayload = {
    iss: endpoint,
    aud: [endpoint],
    sub: "00000000-0000-4000-8000-000000000000",
    iat: now,
    exp: now + 600,
    client_id: JWT_CLIENT,
    ...claims,
  };
  for (const key of Object.keys(payload)) if (payload[key] === undefined) delete payload[key];
  return new SignJWT(payload).setProtectedHeader({ alg: "RS256", kid, typ: "at+jwt", ...header }).sign(emulatorKey);
}

/** A port where nothing listens. */
async function closedOrigin(): Promise<string> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((ok) => server.close(() => ok()));
  return `http://127.0.0.1:${port}`;
}

/** A server that accepts connections and never answers. */
async function hangingOrigin(): Promise<string> {
  const server = createServer(() => {});
  servers.push(server);
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

before(async () => {
  testEmulator = await startTestEmulator({ now: () => new Date(Date.now() + clockOffsetMs) });
  endpoint = testEmulator.origin;
  emulatorKey = createPrivateKey(await readFile(join(testEmulator.dataDir, SECRET_FILES.signingKey), "utf8"));
  const { accessToken } = await signInWith(JWT_CLIENT);
  kid = decodeProtectedHeader(accessToken).kid!;
});

after(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise<void>((ok) => server.close(() => ok()));
  }
  await testEmulator.close();
});

describe("verifyAccessToken with JWT access tokens (Issue JWT as access token ON)", () => {
  it("accepts a fresh token and returns the user's sub, auth time and roles", async () => {
    const session = await signInWith(JWT_CLIENT);
    const result = await verifyAccessToken(session.accessToken, { endpoint });
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.ok(result.ok);
    assert.equal(result.sub, session.sub);
    assert.equal(result.kind, "jwt");
    assert.deepEqual(result.roles, []);
    assert.equal(typeof result.authTime, "number");
    assert.ok(Math.abs(result.authTime! - Date.now() / 1000) < 60);
  });

  it("returns the roles Authgear put in the token (seeded admin)", async () => {
    const admin = await signInWith(JWT_CLIENT, "admin@example.com");
    const result = await verifyAccessToken(admin.accessToken, { endpoint });
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.roles, ["admin"]);
  });

  it("refuses an expired token", async () => {
    // Signed with Authgear's (the emulator's) own key, issued 2 h ago with the default 30 min lifetime.
    const now = Math.floor(Date.now() / 1000);
    const expired = await signedByEmulator({ iat: now - 7200, exp: now - 7200 + 1800, auth_time: now - 7200 });
    assertRejected(await verifyAccessToken(expired, { endpoint }), "expired", /expired/);
    // Just past the 5 s tolerance is still expired.
    const barely = await signedByEmulator({ iat: now - 1800, exp: now - 6 });
    assertRejected(await verifyAccessToken(barely, { endpoint }), "expired");
  });

  it("refuses a token issued in the future (iat) and one not valid before a future nbf", async () => {
    clockOffsetMs = HOUR_MS;
    const early = await signInWith(JWT_CLIENT).finally(() => (clockOffsetMs = 0));
    assertRejected(await verifyAccessToken(early.accessToken, { endpoint }), "not_yet_valid", /"iat"/);

    const nbf = await signedByEmulator({ nbf: Math.floor(Date.now() / 1000) + 600 });
    assertRejected(await verifyAccessToken(nbf, { endpoint }), "not_yet_valid", /"nbf"/);
  });

  it("accepts a clock skew within the tolerance", async () => {
    clockOffsetMs = 3_000;
    const skewed = await signInWith(JWT_CLIENT).finally(() => (clockOffsetMs = 0));
    assert.ok((await verifyAccessToken(skewed.accessToken, { endpoint })).ok);
  });

  it("refuses a forged token: same kid and claims, signed by another key", async () => {
    const real = await signInWith(JWT_CLIENT);
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const [, payload] = real.accessToken.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString("utf8")) as JWTPayload;
    const forged = await new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid, typ: "at+jwt" }).sign(privateKey);
    assertRejected(await verifyAccessToken(forged, { endpoint }), "bad_signature", /forged/);
  });

  it("refuses a token whose payload was altered after signing", async () => {
    const real = await signInWith(JWT_CLIENT);
    const [header, payload, signature] = real.accessToken.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString("utf8")) as JWTPayload;
    const altered = Buffer.from(JSON.stringify({ ...claims, sub: "someone-else" })).toString("base64url");
    assertRejected(await verifyAccessToken(`${header}.${altered}.${signature}`, { endpoint }), "bad_signature");
  });

  it("refuses a token signed with a key Authgear does not publish (unknown kid)", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: "RS256", kid: "not-authgears-kid", typ: "at+jwt" })
      .setIssuer(endpoint)
      .setAudience([endpoint])
      .setSubject("x")
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(privateKey);
    assertRejected(await verifyAccessToken(token, { endpoint }), "unknown_key", /kid/);
  });

  it("refuses a token from another issuer", async () => {
    const token = await signedByEmulator({ iss: "https://other.authgear.cloud" });
    assertRejected(await verifyAccessToken(token, { endpoint }), "wrong_issuer", new RegExp(`not issued by ${endpoint}`));
  });

  it("refuses a token meant for another audience", async () => {
    const token = await signedByEmulator({ aud: ["https://other.authgear.cloud"] });
    assertRejected(await verifyAccessToken(token, { endpoint }), "wrong_audience");
  });

  it('refuses an unsigned token (alg "none")', async () => {
    const real = await signInWith(JWT_CLIENT);
    const [, payload] = real.accessToken.split(".");
    const header = Buffer.from(JSON.stringify({ alg: "none", kid, typ: "at+jwt" })).toString("base64url");
    assertRejected(await verifyAccessToken(`${header}.${payload}.`, { endpoint }), "unsupported_alg", /RS256/);
  });

  it("refuses HS256 'signed' with Authgear's public key (algorithm confusion)", async () => {
    const real = await signInWith(JWT_CLIENT);
    const [, payload] = real.accessToken.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString("utf8")) as JWTPayload;
    const publicPem = createPublicKey(emulatorKey).export({ type: "spki", format: "pem" }).toString();
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256", kid, typ: "at+jwt" })
      .sign(new TextEncoder().encode(publicPem));
    assertRejected(await verifyAccessToken(token, { endpoint }), "unsupported_alg");
  });

  it("refuses an ID token sent as an access token (typ JWT, not at+jwt)", async () => {
    const session = await signInWith(JWT_CLIENT);
    assertRejected(await verifyAccessToken(session.idToken, { endpoint }), "wrong_typ", /at\+jwt/);
    const noTyp = await signedByEmulator({}, { typ: undefined });
    assertRejected(await verifyAccessToken(noTyp, { endpoint }), "wrong_typ");
  });

  it("refuses missing and malformed tokens without a network call", async () => {
    assertRejected(await verifyAccessToken("", { endpoint }), "missing");
    assertRejected(await verifyAccessToken(undefined, { endpoint }), "missing");
    assertRejected(await verifyAccessToken("eyJnot-a-jwt", { endpoint }), "malformed");
    assertRejected(await verifyAccessToken("eyJhbGciOiJSUzI1NiJ9.e30", { endpoint }), "malformed");
    assertRejected(await verifyAccessToken("two words", { endpoint }), "malformed");
  });

  it("requires a sub", async () => {
    const token = await signedByEmulator({ sub: undefined });
    assertRejected(await verifyAccessToken(token, { endpoint }), "missing_claim", /"sub"/);
  });

  it("says so when the JWKS cannot be fetched", async () => {
    const session = await signInWith(JWT_CLIENT);
    const unreachable = await closedOrigin();
    assertRejected(await verifyAccessToken(session.accessToken, { endpoint: unreachable }), "jwks_unreachable", /oauth2\/jwks/);
  });

  it("keeps accepting a JWT after sign-out until it expires (no offline revocation; ADR 003)", async () => {
    const session = await signInWith(JWT_CLIENT);
    const revoke = await fetch(`${endpoint}${PATHS.revoke}`, { method: "POST", body: new URLSearchParams({ token: session.refreshToken }) });
    assert.equal(revoke.status, 200);
    const result = await verifyAccessToken(session.accessToken, { endpoint });
    assert.ok(result.ok);
    // …while Authgear itself no longer accepts it at userinfo.
    const userinfo = await fetch(`${endpoint}${PATHS.userinfo}`, { headers: { authorization: `Bearer ${session.accessToken}` } });
    assert.equal(userinfo.status, 401);
  });
});

describe("verifyAccessToken with opaque access tokens (Authgear's default)", () => {
  it("accepts a fresh token via userinfo and returns the user's sub and roles", async () => {
    const session = await signInWith(OPAQUE_CLIENT);
    assert.ok(!session.accessToken.startsWith("eyJ"), "the opaque client issues opaque tokens");
    const result = await verifyAccessToken(session.accessToken, { endpoint });
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.sub, session.sub);
    assert.equal(result.kind, "opaque");
    assert.deepEqual(result.roles, []);

    const admin = await signInWith(OPAQUE_CLIENT, "admin@example.com");
    const adminResult = await verifyAccessToken(admin.accessToken, { endpoint });
    assert.ok(adminResult.ok);
    assert.deepEqual(adminResult.roles, ["admin"]);
  });

  it("refuses a token Authgear does not know", async () => {
    assertRejected(await verifyAccessToken("not-a-real-token", { endpoint }), "invalid", /not valid/);
  });

  it("refuses a token after its refresh token was revoked (sign-out ends the grant)", async () => {
    const session = await signInWith(OPAQUE_CLIENT);
    assert.ok((await verifyAccessToken(session.accessToken, { endpoint })).ok);
    const revoke = await fetch(`${endpoint}${PATHS.revoke}`, { method: "POST", body: new URLSearchParams({ token: session.refreshToken }) });
    assert.equal(revoke.status, 200);
    assertRejected(await verifyAccessToken(session.accessToken, { endpoint }), "invalid");
  });

  it("refuses an expired token", async () => {
    const session = await signInWith(OPAQUE_CLIENT);
    assert.ok((await verifyAccessToken(session.accessToken, { endpoint })).ok);
    // Two hours later for Authgear: the 30 min token is past its lifetime.
    clockOffsetMs = 2 * HOUR_MS;
    try {
      assertRejected(await verifyAccessToken(session.accessToken, { endpoint }), "invalid");
    } finally {
      clockOffsetMs = 0;
    }
  });

  it("says so when userinfo is unreachable or does not answer in time", async () => {
    assertRejected(await verifyAccessToken("opaque-token", { endpoint: await closedOrigin() }), "userinfo_unreachable", /oauth2\/userinfo/);
    const started = Date.now();
    assertRejected(
      await verifyAccessToken("opaque-token", { endpoint: await hangingOrigin(), timeoutMs: 300 }),
      "userinfo_unreachable",
      /no answer within 300 ms/,
    );
    assert.ok(Date.now() - started < 3_000, "the timeout is honoured");
  });
});

describe("bearerToken", () => {
  it("reads the token of an Authorization: Bearer header", () => {
    assert.equal(bearerToken("Bearer abc.def"), "abc.def");
    assert.equal(bearerToken("bearer   abc "), "abc");
    assert.equal(bearerToken("Basic abc"), null);
    assert.equal(bearerToken("Bearer a b"), null);
    assert.equal(bearerToken(null), null);
  });
});
