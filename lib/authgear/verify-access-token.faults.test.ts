/**
 * verifyAccessToken against a JWKS server the test can stop and restart (fault: Authgear's JWKS
 * unreachable), and the client check (a valid token of another app of the same project).
 * The token cases signed by the emulator are in verify-access-token.test.ts.
 */
import assert from "node:assert/strict";
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, describe, it } from "node:test";
import { exportJWK, SignJWT, type JWK } from "jose";
import { PATHS } from "./protocol";
import { verifyAccessToken, type AccessTokenVerification } from "./verify-access-token.server";

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  jwk: JWK;
}

async function signingKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" } };
}

/** A JWKS endpoint publishing `published`, which can be stopped and started again on the same port. */
class JwksServer {
  published: SigningKey[] = [];
  fetches = 0;
  private server: Server | null = null;
  port = 0;

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      if (req.url !== PATHS.jwks) return void res.writeHead(404).end();
      this.fetches += 1;
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: this.published.map((k) => k.jwk) }));
    });
    await new Promise<void>((ok) => server.listen(this.port, "127.0.0.1", ok));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((ok) => server.close(() => ok()));
  }
}

const servers: JwksServer[] = [];
after(async () => {
  for (const s of servers) await s.stop();
});

async function jwksServer(...keys: SigningKey[]): Promise<JwksServer> {
  const server = new JwksServer();
  server.published = keys;
  await server.start();
  servers.push(server);
  return server;
}

function token(key: SigningKey, issuer: string, claims: Record<string, unknown> = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ client_id: "gradual-web", auth_time: now, ...claims })
    .setProtectedHeader({ alg: "RS256", kid: key.kid, typ: "at+jwt" })
    .setIssuer(issuer)
    .setAudience([issuer])
    .setSubject("user-1")
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(key.privateKey);
}

function assertRejected(result: AccessTokenVerification, code: string, message?: RegExp): void {
  assert.equal(result.ok, false, `expected ${code}, got ${JSON.stringify(result)}`);
  if (result.ok) return;
  assert.equal(result.code, code, result.message);
  if (message) assert.match(result.message, message);
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

describe("verifyAccessToken when Authgear's JWKS becomes unreachable", () => {
  it("keeps accepting tokens signed with keys fetched earlier, even past the cache's freshness; a new key fails clearly; recovers when the JWKS is back", async () => {
    const a = await signingKey("key-a");
    const b = await signingKey("key-b");
    const server = await jwksServer(a);
    const options = { endpoint: server.origin, clientId: "gradual-web", jwksCacheMaxAgeMs: 200, timeoutMs: 1_000 };
    const tokenA = await token(a, server.origin);

    assert.ok((await verifyAccessToken(tokenA, options)).ok);
    assert.equal(server.fetches, 1);

    await server.stop();
    await sleep(300); // the cache is stale: jose tries to refetch, and cannot
    const cached = await verifyAccessToken(tokenA, options);
    assert.ok(cached.ok, `a cached key keeps working: ${JSON.stringify(cached)}`);
    assert.equal(cached.sub, "user-1");

    // Authgear rotated its key meanwhile: a token signed with the new one cannot be checked.
    server.published = [a, b];
    const tokenB = await token(b, server.origin);
    assertRejected(await verifyAccessToken(tokenB, options), "jwks_unreachable", /kid "key-b".*cannot be fetched from http:\/\/127\.0\.0\.1:\d+\/oauth2\/jwks/);
    // …and a forged token is still refused, not waved through because the keys are unreachable.
    const forged = await token({ ...(await signingKey("key-a")), kid: "key-a" }, server.origin);
    assertRejected(await verifyAccessToken(forged, options), "bad_signature");

    await server.start();
    await sleep(300);
    assert.ok((await verifyAccessToken(tokenB, options)).ok, "the new key is fetched once the JWKS answers again");
    assert.ok((await verifyAccessToken(tokenA, options)).ok);
  });

  it("says the keys could not be fetched when none ever were", async () => {
    const a = await signingKey("key-a");
    const server = await jwksServer(a);
    await server.stop();
    assertRejected(
      await verifyAccessToken(await token(a, server.origin), { endpoint: server.origin, clientId: "gradual-web", timeoutMs: 500 }),
      "jwks_unreachable",
      /no keys were fetched yet/,
    );
  });
});

describe("verifyAccessToken: the token must be this app's", () => {
  it("refuses a valid token of another client of the same project, and one without client_id", async () => {
    const key = await signingKey("key-c");
    const server = await jwksServer(key);
    const options = { endpoint: server.origin, clientId: "gradual-web" };
    assert.ok((await verifyAccessToken(await token(key, server.origin), options)).ok);
    assertRejected(
      await verifyAccessToken(await token(key, server.origin, { client_id: "partner-mobile-app" }), options),
      "wrong_client",
      /issued to "partner-mobile-app", not to this app's client "gradual-web"/,
    );
    assertRejected(await verifyAccessToken(await token(key, server.origin, { client_id: undefined }), options), "wrong_client", /no client/);
    // clientId: null accepts any client of the project (a backend shared by several apps).
    assert.ok((await verifyAccessToken(await token(key, server.origin, { client_id: "partner-mobile-app" }), { ...options, clientId: null })).ok);
  });
});
