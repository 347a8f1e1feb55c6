import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from "jose";
import { userNodeId } from "@/lib/authgear/global-id";
import { CLAIMS, PATHS } from "@/lib/authgear/protocol";
import {
  adminGraphQL,
  alertTexts,
  authorize,
  AuthorizeRedirectError,
  authorizeUrl,
  exchangeCode,
  fixturePath,
  loadFixtureConfig,
  pkcePair,
  refreshTokens,
  signIn,
  SignInPageError,
  startTestEmulator,
  type TestEmulator,
} from "./testing";

const REDIRECT = "http://localhost:3000/auth/callback";
const JWT_CLIENT = { clientId: "test-jwt", redirectUri: REDIRECT };
const OPAQUE_CLIENT = { clientId: "test-opaque", redirectUri: REDIRECT };
const APP_ORIGIN = "http://localhost:3000";

let n = 0;
const freshEmail = () => `user${++n}-${Date.now()}@example.com`;

describe("emulator OAuth / OIDC", () => {
  let emu: TestEmulator;
  let origin: string;

  before(async () => {
    emu = await startTestEmulator({ config: await loadFixtureConfig(fixturePath("basic.yaml")) });
    origin = emu.origin;
  });
  after(() => emu.close());

  const userinfo = (token: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (!headers.has("authorization")) headers.set("authorization", `Bearer ${token}`);
    return fetch(new URL(PATHS.userinfo, origin), { ...init, headers });
  };

  it("serves discovery (200, CORS) with every endpoint on its own origin", async () => {
    const res = await fetch(new URL(PATHS.discovery, origin), { headers: { origin: APP_ORIGIN } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("access-control-allow-origin"), APP_ORIGIN);
    const doc = (await res.json()) as Record<string, unknown>;
    assert.equal(doc.issuer, origin);
    for (const [field, path] of [
      ["authorization_endpoint", PATHS.authorize],
      ["token_endpoint", PATHS.token],
      ["userinfo_endpoint", PATHS.userinfo],
      ["revocation_endpoint", PATHS.revoke],
      ["end_session_endpoint", PATHS.endSession],
      ["jwks_uri", PATHS.jwks],
    ] as const) {
      assert.equal(doc[field], `${origin}${path}`, field);
    }
    assert.deepEqual(doc.code_challenge_methods_supported, ["S256"]);
  });

  it("shows an accessible sign-in page, and the sign-up heading with x_page=signup", async () => {
    const { challenge } = pkcePair();
    const signin = await (await fetch(authorizeUrl(origin, { ...JWT_CLIENT, email: "" }, challenge))).text();
    assert.match(signin, /<h1>Sign in to Gradual<\/h1>/);
    assert.match(signin, /<label for="email">Email<\/label>/);
    assert.match(signin, /<input id="email" name="email" type="email"/);
    assert.match(signin, /<label for="simulated-ip">Simulated IP address/);
    assert.match(signin, /<button[^>]*>Continue<\/button>/);
    assert.match(signin, /<button[^>]*>Cancel<\/button>/);
    assert.doesNotMatch(signin, /<script|<link|src=/, "no scripts or external assets");
    const signup = await (await fetch(authorizeUrl(origin, { ...JWT_CLIENT, email: "", page: "signup" }, challenge))).text();
    assert.match(signup, /<h1>Create your Gradual account<\/h1>/);
  });

  it("shows an error page and never redirects for an unknown client or an unregistered redirect URI", async () => {
    const { challenge } = pkcePair();
    for (const opts of [
      { clientId: "nope", redirectUri: REDIRECT },
      { clientId: "test-jwt", redirectUri: "http://localhost:3000/auth/callback/" },
      { clientId: "test-jwt", redirectUri: "https://evil.example/auth/callback" },
    ]) {
      const res = await fetch(authorizeUrl(origin, { ...opts, email: "" }, challenge), { redirect: "manual" });
      assert.equal(res.status, 400);
      assert.equal(res.headers.get("location"), null);
      const alerts = alertTexts(await res.text());
      assert.equal(alerts.length, 1);
      assert.match(alerts[0]!, opts.clientId === "nope" ? /client_id "nope" is not registered/ : /redirect_uri .* is not one of the redirect URIs/);
    }
  });

  it("redirects with an error when PKCE is missing", async () => {
    const url = new URL(authorizeUrl(origin, { ...JWT_CLIENT, email: "", state: "s1" }, "x"));
    url.searchParams.delete("code_challenge");
    const res = await fetch(url, { redirect: "manual" });
    assert.equal(res.status, 302);
    const back = new URL(res.headers.get("location")!);
    assert.equal(back.searchParams.get("error"), "invalid_request");
    assert.equal(back.searchParams.get("state"), "s1");
  });

  it("Cancel redirects back with error=access_denied, a description and the state", async () => {
    await assert.rejects(authorize(origin, { ...JWT_CLIENT, email: freshEmail(), state: "st-42", action: "cancel" }), (err: unknown) => {
      assert.ok(err instanceof AuthorizeRedirectError);
      assert.equal(err.error, "access_denied");
      assert.ok(err.errorDescription);
      const back = new URL(err.location);
      assert.equal(`${back.origin}${back.pathname}`, REDIRECT);
      assert.equal(back.searchParams.get("state"), "st-42");
      return true;
    });
  });

  it("refuses an invalid email or simulated IP with a clear message in role=alert", async () => {
    await assert.rejects(authorize(origin, { ...JWT_CLIENT, email: "not-an-email" }), (err: unknown) => {
      assert.ok(err instanceof SignInPageError);
      assert.equal(err.status, 400);
      assert.match(err.alerts.join(" "), /valid email address/);
      return true;
    });
    await assert.rejects(authorize(origin, { ...JWT_CLIENT, email: freshEmail(), simulatedIp: "300.1.2.3" }), (err: unknown) => {
      assert.ok(err instanceof SignInPageError);
      assert.match(err.alerts.join(" "), /valid IPv4 or IPv6 address/);
      assert.match(err.html, /aria-invalid="true"/);
      return true;
    });
  });

  it("signs up an unknown email, then signs the same user in again", async () => {
    const email = freshEmail();
    const first = await signIn(origin, { ...JWT_CLIENT, email, state: "abc" });
    const again = await signIn(origin, { ...JWT_CLIENT, email: email.toUpperCase() });
    assert.equal(again.sub, first.sub);
    assert.match(first.sub, /^[0-9a-f-]{36}$/);
  });

  it("refuses a code verifier that does not match the PKCE challenge", async () => {
    const { code } = await authorize(origin, { ...JWT_CLIENT, email: freshEmail() });
    const res = await exchangeCode(origin, { code, verifier: pkcePair().verifier, ...JWT_CLIENT });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get("cache-control"), "no-store");
    assert.deepEqual(await res.json(), { error: "invalid_grant", error_description: "invalid code verifier" });
  });

  it("refuses a redirect_uri different from the one given at authorize", async () => {
    const { code, verifier } = await authorize(origin, { ...JWT_CLIENT, email: freshEmail() });
    const res = await exchangeCode(origin, { code, verifier, clientId: "test-jwt", redirectUri: `${REDIRECT}/` });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { error: string }).error, "invalid_request");
  });

  it("refuses a replayed code and revokes the grant issued from it", async () => {
    const { code, verifier } = await authorize(origin, { ...JWT_CLIENT, email: freshEmail() });
    const first = await exchangeCode(origin, { code, verifier, ...JWT_CLIENT });
    assert.equal(first.status, 200);
    const tokens = (await first.json()) as { access_token: string; refresh_token: string };
    assert.equal((await userinfo(tokens.access_token)).status, 200);

    const replay = await exchangeCode(origin, { code, verifier, ...JWT_CLIENT });
    assert.equal(replay.status, 400);
    assert.equal(((await replay.json()) as { error: string }).error, "invalid_grant");

    const refresh = await refreshTokens(origin, { clientId: "test-jwt", refreshToken: tokens.refresh_token });
    assert.equal(refresh.status, 400);
    assert.equal(((await refresh.json()) as { error: string }).error, "invalid_grant");
    assert.equal((await userinfo(tokens.access_token)).status, 401, "the access token from the first exchange is dead too");
  });

  it("refreshes with the same refresh token (no rotation) and the new access token works", async () => {
    const s = await signIn(origin, { ...JWT_CLIENT, email: freshEmail() });
    assert.match(s.refreshToken, /^[0-9a-f-]{36}\.[A-Za-z0-9_-]+$/, "<grantId>.<secret>");
    for (let i = 0; i < 2; i++) {
      const res = await refreshTokens(origin, { clientId: "test-jwt", refreshToken: s.refreshToken });
      assert.equal(res.status, 200);
      const body = (await res.json()) as Record<string, unknown>;
      assert.equal(body.refresh_token, undefined);
      assert.equal(body.token_type, "Bearer");
      assert.equal(body.expires_in, 600);
      assert.equal(typeof body.id_token, "string");
      const info = await userinfo(body.access_token as string);
      assert.equal(((await info.json()) as { sub: string }).sub, s.sub);
    }
    const wrongClient = await refreshTokens(origin, { clientId: "test-opaque", refreshToken: s.refreshToken });
    assert.equal(wrongClient.status, 400);
    const tampered = await refreshTokens(origin, { clientId: "test-jwt", refreshToken: `${s.refreshToken.split(".")[0]}.forged` });
    assert.equal(tampered.status, 400);
  });

  it("revokes without client authentication (200, empty body); refresh then fails", async () => {
    const s = await signIn(origin, { ...JWT_CLIENT, email: freshEmail() });
    const res = await fetch(new URL(PATHS.revoke, origin), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: APP_ORIGIN },
      body: new URLSearchParams({ token: s.refreshToken }),
    });
    assert.equal(res.status, 200);
    assert.equal(await res.text(), "");
    assert.equal(res.headers.get("access-control-allow-credentials"), "true");
    const refresh = await refreshTokens(origin, { clientId: "test-jwt", refreshToken: s.refreshToken });
    assert.equal(refresh.status, 400);
    assert.equal(((await refresh.json()) as { error: string }).error, "invalid_grant");
    assert.equal((await userinfo(s.accessToken)).status, 401);
    // Unknown tokens are accepted silently too.
    const junk = await fetch(new URL(PATHS.revoke, origin), { method: "POST", body: new URLSearchParams({ token: "junk" }) });
    assert.equal(junk.status, 200);
  });

  it("answers CORS preflights with credentials for allowed origins only", async () => {
    const preflight = (o: string) =>
      fetch(new URL(PATHS.token, origin), {
        method: "OPTIONS",
        headers: { origin: o, "access-control-request-method": "POST", "access-control-request-headers": "content-type,x-custom" },
      });
    const ok = await preflight(APP_ORIGIN);
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get("access-control-allow-origin"), APP_ORIGIN);
    assert.equal(ok.headers.get("access-control-allow-credentials"), "true");
    assert.equal(ok.headers.get("access-control-allow-methods"), "POST");
    assert.equal(ok.headers.get("access-control-allow-headers"), "content-type,x-custom");
    assert.equal(ok.headers.get("access-control-max-age"), "900");
    assert.match(ok.headers.get("vary") ?? "", /Origin/);
    const other = await preflight("http://localhost:4000");
    assert.equal(other.headers.get("access-control-allow-origin"), null);
    assert.equal(other.headers.get("access-control-allow-credentials"), null);
    // The token call itself echoes the origin with credentials.
    const token = await fetch(new URL(PATHS.token, origin), {
      method: "POST",
      headers: { origin: APP_ORIGIN, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "refresh_token", client_id: "test-jwt", refresh_token: "x.y" }),
    });
    assert.equal(token.status, 400);
    assert.equal(token.headers.get("access-control-allow-origin"), APP_ORIGIN);
    assert.equal(token.headers.get("access-control-allow-credentials"), "true");
  });

  it("issues RS256 at+jwt access tokens that verify with the JWKS, and ID tokens for the client", async () => {
    const s = await signIn(origin, { ...JWT_CLIENT, email: freshEmail() });
    const jwks = (await (await fetch(new URL(PATHS.jwks, origin))).json()) as JSONWebKeySet;
    const header = decodeProtectedHeader(s.accessToken);
    assert.deepEqual(header, { alg: "RS256", kid: jwks.keys[0]!.kid, typ: "at+jwt" });
    const { payload } = await jwtVerify(s.accessToken, createLocalJWKSet(jwks), { issuer: origin, audience: origin, typ: "at+jwt" });
    assert.equal(payload.sub, s.sub);
    assert.deepEqual(payload.aud, [origin]);
    assert.equal(payload.client_id, "test-jwt");
    assert.equal(payload.scope, "openid https://authgear.com/scopes/full-access offline_access");
    assert.equal(typeof payload.jti, "string");
    assert.equal(payload.exp! - payload.iat!, 600);
    assert.equal(typeof payload.auth_time, "number");
    assert.equal(payload[CLAIMS.isAnonymous], false);
    assert.equal(payload[CLAIMS.isVerified], true);
    assert.equal(payload[CLAIMS.canReauthenticate], true);
    assert.deepEqual(payload[CLAIMS.roles], []);
    assert.equal(payload.custom_attributes, undefined, "custom attributes are not in the token");

    const id = await jwtVerify(s.idToken, createLocalJWKSet(jwks), { issuer: origin, audience: "test-jwt" });
    assert.deepEqual(id.payload.aud, ["test-jwt"]);
    assert.equal(id.payload.sub, s.sub);
    assert.equal(typeof id.payload.sid, "string");
    assert.equal(id.payload.auth_time, payload.auth_time);
    assert.equal(id.payload[CLAIMS.canReauthenticate], true);
  });

  it("issues opaque access tokens to a client without issue_jwt_access_token; userinfo accepts them", async () => {
    const s = await signIn(origin, { ...OPAQUE_CLIENT, email: freshEmail() });
    assert.ok(!s.accessToken.startsWith("eyJ"), "opaque");
    assert.throws(() => decodeJwt(s.accessToken));
    const res = await userinfo(s.accessToken);
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { sub: string }).sub, s.sub);
  });

  it("userinfo: bearer-readable custom attributes only, unset keys absent, Authgear claims", async () => {
    const email = freshEmail();
    const s = await signIn(origin, { ...JWT_CLIENT, email });
    const write = await adminGraphQL(
      origin,
      emu.dataDir,
      `mutation($id: ID!, $ca: UserCustomAttributes) { updateUser(input: {userID: $id, customAttributes: $ca}) { user { id } } }`,
      { id: userNodeId(s.sub), ca: { company: "Acme", country: "GB", internal_score: 7 } },
    );
    assert.equal(write.body.errors, undefined);
    for (const [method, token] of [
      ["GET", s.accessToken],
      ["POST", (await signIn(origin, { ...OPAQUE_CLIENT, email })).accessToken],
    ] as const) {
      const res = await userinfo(token, { method });
      assert.equal(res.status, 200);
      const body = (await res.json()) as Record<string, unknown>;
      assert.equal(body.sub, s.sub);
      assert.deepEqual(body.custom_attributes, { company: "Acme", country: "GB" }, "internal_score hidden; team_size, industry unset → absent");
      assert.equal(body.email, email);
      assert.equal(body.email_verified, true);
      assert.deepEqual(body.x_web3, {});
      assert.deepEqual(body[CLAIMS.roles], []);
      assert.equal(body[CLAIMS.isVerified], true);
      assert.equal(body[CLAIMS.isAnonymous], false);
      assert.equal(typeof body.updated_at, "number");
    }
  });

  it("userinfo refuses a missing, forged or foreign token with 401 invalid session", async () => {
    const s = await signIn(origin, { ...JWT_CLIENT, email: freshEmail() });
    const [h, p] = s.accessToken.split(".");
    for (const headers of [
      {},
      { authorization: "Bearer " },
      { authorization: "Bearer not-a-token" },
      { authorization: `Bearer ${h}.${p}.AAAA` },
      { authorization: `Basic ${s.accessToken}` },
    ] as Record<string, string>[]) {
      const res = await fetch(new URL(PATHS.userinfo, origin), { headers });
      assert.equal(res.status, 401);
      assert.deepEqual(await res.json(), { error: "invalid_grant", error_description: "invalid session" });
      assert.match(res.headers.get("www-authenticate") ?? "", /^Bearer /);
    }
  });

  it("end_session redirects only to a registered post-logout URI", async () => {
    const ok = await fetch(`${origin}${PATHS.endSession}?post_logout_redirect_uri=${encodeURIComponent("http://localhost:3000/")}`, { redirect: "manual" });
    assert.equal(ok.status, 302);
    assert.equal(ok.headers.get("location"), "http://localhost:3000/");
    const bad = await fetch(`${origin}${PATHS.endSession}?post_logout_redirect_uri=${encodeURIComponent("https://evil.example/")}`, { redirect: "manual" });
    assert.equal(bad.status, 200);
    assert.equal(bad.headers.get("location"), null);
  });

  it("app_session_token exchanges a refresh token and opens the settings redirect once", async () => {
    const s = await signIn(origin, { ...JWT_CLIENT, email: freshEmail() });
    const res = await fetch(new URL(PATHS.appSessionToken, origin), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ refresh_token: s.refreshToken }),
    });
    assert.equal(res.status, 200);
    const { result } = (await res.json()) as { result: { app_session_token: string; expire_at: string } };
    assert.ok(Date.parse(result.expire_at) > Date.now());
    const url = new URL(PATHS.authorize, origin);
    url.search = new URLSearchParams({
      response_type: "none",
      prompt: "none",
      client_id: "test-jwt",
      redirect_uri: `${origin}/settings`,
      login_hint: `https://authgear.com/login_hint?type=app_session_token&app_session_token=${result.app_session_token}`,
    }).toString();
    const first = await fetch(url, { redirect: "manual" });
    assert.equal(first.headers.get("location"), `${origin}/settings`);
    const second = await fetch(url, { redirect: "manual" });
    assert.equal(new URL(second.headers.get("location")!).searchParams.get("error"), "login_required");
  });
});
