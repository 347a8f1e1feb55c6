/**
 * Authgear's OAuth 2.0 / OIDC endpoints as the web SDK uses them (contract §1.4, §2, §7):
 * discovery, authorize (with the emulator's sign-in page), token (authorization_code + PKCE S256,
 * refresh_token, id-token), userinfo, jwks, revoke, end_session and app_session_token.
 */
import { randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { isIP } from "node:net";
import { jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import type { OAuthClientConfig } from "@/lib/authgear/config";
import { HOOK_EVENT_TYPES } from "@/lib/authgear/hook-events";
import { looksLikeJwt, PATHS, SCOPES, ACCESS_TOKEN_TYP, CLAIMS } from "@/lib/authgear/protocol";
import { HookError, type EventOrigin } from "./hooks";
import { applyCors, mediaType, readBody, readForm, redirect, sendHtml, sendJson, socketIp } from "./http";
import { preferredLanguages, resolveLanguage } from "./languages";
import { errorPage, infoPage, loginPage, type LoginPageInput } from "./login-page";
import { format, PAGE_MESSAGES, pageLocale, type PageLocale } from "./login-messages";
import { auditContext, type Runtime } from "./runtime";
import { newUserRecord, sha256, type AccessTokenRecord, type GrantRecord, type UserRecord } from "./store";
import { hookIdentity, hookSession, hookUser, replaceAttributes, userinfoBody, userTokenClaims } from "./users";

/** Authorization codes live 5 minutes (Authgear's CodeGrantValidDuration). */
export const CODE_LIFETIME_MS = 5 * 60_000;
/** A sign-in page left open this long must be restarted from the app. */
const TRANSACTION_LIFETIME_MS = 60 * 60_000;
const APP_SESSION_TOKEN_LIFETIME_MS = 5 * 60_000;
const ID_TOKEN_GRANT = "urn:authgear:params:oauth:grant-type:id-token";

interface Transaction {
  id: string;
  clientId: string;
  redirectUri: string;
  state: string | null;
  xState: string | null;
  codeChallenge: string;
  scopes: string[];
  nonce: string | null;
  /** The authorization's `ui_locales` as sent ("" when absent): Authgear keeps it for the whole flow. */
  uiLocales: string;
  /** The page language resolved at the authorize request, kept through the form's POSTs. */
  locale: PageLocale;
  mode: "signin" | "signup";
  createdAt: number;
}

function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function withParams(base: string, params: Record<string, string | null | undefined>): string {
  const url = new URL(base);
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}

/** 400 {error, error_description} with no-store, as Authgear's token endpoint answers. */
function tokenError(res: ServerResponse, error: string, description: string, status = 400): void {
  sendJson(res, status, { error, error_description: description }, { "cache-control": "no-store", pragma: "no-cache" });
}

const emailSchema = z.email();
const challengeSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export class OAuthEndpoints {
  private readonly transactions = new Map<string, Transaction>();
  private readonly appSessionTokens = new Map<string, { grantId: string; expiresAt: number }>();

  constructor(private readonly rt: Runtime) {}

  /**
   * The language of a page, as Authgear's AuthUI picks it: `ui_locales` if non-empty, else the
   * request's Accept-Language, resolved against `localization` (the fallback when nothing else).
   */
  private pageLocale(req: IncomingMessage, uiLocales: string | null): PageLocale {
    const { localization } = this.rt.config;
    const language = resolveLanguage(preferredLanguages(uiLocales, req.headers["accept-language"]), localization);
    return pageLocale(language || localization.fallbackLanguage);
  }

  /** Handles the request when it is one of ours; returns false otherwise. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const method = req.method ?? "GET";
    switch (url.pathname) {
      case PATHS.discovery:
        if (applyCors(req, res, this.rt.config.allowedOrigins)) return true;
        sendJson(res, 200, this.discovery());
        return true;
      case PATHS.jwks:
        if (applyCors(req, res, this.rt.config.allowedOrigins)) return true;
        sendJson(res, 200, { keys: [this.rt.secrets.signingPublicJwk] });
        return true;
      case PATHS.authorize:
        if (method === "POST") await this.authorizeSubmit(req, res);
        else this.authorize(req, res, url);
        return true;
      case PATHS.token:
        if (applyCors(req, res, this.rt.config.allowedOrigins)) return true;
        await this.token(req, res);
        return true;
      case PATHS.userinfo:
        if (applyCors(req, res, this.rt.config.allowedOrigins)) return true;
        await this.userinfo(req, res);
        return true;
      case PATHS.revoke:
        if (applyCors(req, res, this.rt.config.allowedOrigins)) return true;
        await this.revoke(req, res);
        return true;
      case PATHS.endSession:
        await this.endSession(req, res, url);
        return true;
      case PATHS.appSessionToken:
        if (applyCors(req, res, this.rt.config.allowedOrigins)) return true;
        await this.appSessionToken(req, res);
        return true;
      case "/settings": {
        const locale = this.pageLocale(req, url.searchParams.get("ui_locales"));
        const m = PAGE_MESSAGES[locale];
        sendHtml(res, 200, infoPage(locale, m.settingsTitle, m.settingsMessage));
        return true;
      }
      default:
        return false;
    }
  }

  private discovery(): Record<string, unknown> {
    const o = this.rt.origin;
    return {
      issuer: o,
      authorization_endpoint: `${o}${PATHS.authorize}`,
      token_endpoint: `${o}${PATHS.token}`,
      userinfo_endpoint: `${o}${PATHS.userinfo}`,
      revocation_endpoint: `${o}${PATHS.revoke}`,
      end_session_endpoint: `${o}${PATHS.endSession}`,
      jwks_uri: `${o}${PATHS.jwks}`,
      scopes_supported: [SCOPES.openid, SCOPES.offlineAccess, SCOPES.fullAccess],
      response_types_supported: ["code", "urn:authgear:params:oauth:response-type:settings-action", "none"],
      response_modes_supported: ["query"],
      grant_types_supported: ["authorization_code", "refresh_token", ID_TOKEN_GRANT],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      code_challenge_methods_supported: ["S256"],
      token_endpoint_auth_methods_supported: ["none"],
      claims_supported: [
        "sub", "iss", "aud", "exp", "iat", "auth_time", "sid", "email", "email_verified",
        CLAIMS.isAnonymous, CLAIMS.isVerified, CLAIMS.canReauthenticate, CLAIMS.roles,
      ],
    };
  }

  // -------------------------------------------------------------------------------------------
  // authorize
  // -------------------------------------------------------------------------------------------

  /** The registered client and an acceptable redirect URI, or an error page (never a redirect). */
  private checkClient(
    res: ServerResponse,
    locale: PageLocale,
    clientId: string | null,
    redirectUri: string | null,
  ): { client: OAuthClientConfig; redirectUri: string } | null {
    const m = PAGE_MESSAGES[locale];
    const client = clientId ? this.rt.config.clients.get(clientId) : undefined;
    if (!client) {
      sendHtml(res, 400, errorPage(locale, m.unknownClientTitle, format(m.unknownClientMessage, { clientId: clientId ?? "" }), 400));
      return null;
    }
    const sameOrigin = (() => {
      try {
        return redirectUri !== null && new URL(redirectUri).origin === this.rt.origin;
      } catch {
        return false;
      }
    })();
    if (!redirectUri || !(client.redirect_uris.includes(redirectUri) || sameOrigin)) {
      sendHtml(
        res,
        400,
        errorPage(locale, m.invalidRedirectTitle, format(m.invalidRedirectMessage, { redirectUri: redirectUri ?? "", clientId: client.client_id }), 400),
      );
      return null;
    }
    return { client, redirectUri };
  }

  private authorize(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const q = url.searchParams;
    const uiLocales = q.get("ui_locales") ?? "";
    const locale = this.pageLocale(req, uiLocales);
    const checked = this.checkClient(res, locale, q.get("client_id"), q.get("redirect_uri"));
    if (!checked) return;
    const { client, redirectUri } = checked;
    const state = q.get("state");
    const fail = (error: string, description: string) =>
      redirect(res, withParams(redirectUri, { error, error_description: description, state }));

    const responseType = q.get("response_type");
    if (responseType === "none") return this.appSessionLogin(res, q, redirectUri, state);
    if (responseType !== "code") return fail("unsupported_response_type", `response_type "${responseType ?? ""}" is not supported`);
    const scopes = [...new Set((q.get("scope") ?? "").split(" ").filter(Boolean))];
    if (!scopes.includes(SCOPES.openid)) return fail("invalid_scope", "the openid scope is required");
    const codeChallenge = challengeSchema.safeParse(q.get("code_challenge"));
    if (q.get("code_challenge_method") !== "S256" || !codeChallenge.success) {
      return fail("invalid_request", "PKCE is required: code_challenge (base64url SHA-256) with code_challenge_method=S256");
    }
    const prompt = (q.get("prompt") ?? "").split(" ");
    if (prompt.includes("none")) return fail("login_required", "the emulator keeps no sign-in session; prompt=none cannot succeed");

    const now = this.rt.now().getTime();
    for (const [id, t] of this.transactions) if (now - t.createdAt > TRANSACTION_LIFETIME_MS) this.transactions.delete(id);
    const tx: Transaction = {
      id: randomToken(18),
      clientId: client.client_id,
      redirectUri,
      state,
      xState: q.get("x_state"),
      codeChallenge: codeChallenge.data,
      scopes,
      nonce: q.get("nonce"),
      uiLocales,
      locale,
      mode: q.get("x_page") === "signup" ? "signup" : "signin",
      createdAt: now,
    };
    this.transactions.set(tx.id, tx);
    sendHtml(res, 200, loginPage({ locale, mode: tx.mode, transactionId: tx.id, clientName: client.name ?? client.client_id }));
  }

  private async authorizeSubmit(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = await readForm(req);
    const tx = this.transactions.get(form.get("tx") ?? "");
    if (!tx || this.rt.now().getTime() - tx.createdAt > TRANSACTION_LIFETIME_MS) {
      const locale = this.pageLocale(req, null);
      const m = PAGE_MESSAGES[locale];
      sendHtml(res, 400, errorPage(locale, m.expiredTitle, m.expiredMessage, 400));
      return;
    }
    const { locale } = tx;
    const m = PAGE_MESSAGES[locale];
    const client = this.rt.config.clients.get(tx.clientId);
    if (!client) {
      sendHtml(res, 400, errorPage(locale, m.unknownClientTitle, format(m.unknownClientMessage, { clientId: tx.clientId }), 400));
      return;
    }
    if (form.get("action") === "cancel") {
      this.transactions.delete(tx.id);
      redirect(res, withParams(tx.redirectUri, { error: "access_denied", error_description: "The user cancelled the sign-in.", state: tx.state }));
      return;
    }

    const email = (form.get("email") ?? "").trim();
    const simulatedIp = (form.get("simulated_ip") ?? "").trim();
    const page: LoginPageInput = { locale, mode: tx.mode, transactionId: tx.id, clientName: client.name ?? client.client_id, email, simulatedIp };
    if (!emailSchema.safeParse(email).success) page.emailError = email === "" ? "emailRequired" : "emailInvalid";
    if (simulatedIp !== "" && isIP(simulatedIp) === 0) page.ipError = "ipInvalid";
    if (page.emailError || page.ipError) {
      sendHtml(res, 400, loginPage(page));
      return;
    }

    const ipAddress = simulatedIp || socketIp(req);
    const origin: EventOrigin = {
      triggeredBy: "user",
      userId: null,
      auditContext: auditContext(this.rt, req),
      // Authgear's flow session: the authorization's ui_locales when set, else this request's header.
      preferredLanguages: preferredLanguages(tx.uiLocales, req.headers["accept-language"]),
      ipAddress,
      ...(req.headers["user-agent"] ? { userAgent: req.headers["user-agent"] } : {}),
      clientId: tx.clientId,
      oauth: { ...(tx.state ? { state: tx.state } : {}), ...(tx.xState ? { x_state: tx.xState } : {}) },
    };

    let user = this.rt.store.findUserByEmail(email);
    if (!user) {
      const created = await this.signUp(email, origin, locale);
      if (!created.ok) {
        sendHtml(res, created.status, loginPage({ ...page, alert: created.alert }));
        return;
      }
      user = created.user;
    }
    if (user.isDisabled) {
      sendHtml(res, 403, loginPage({ ...page, alert: { title: m.accountDisabledTitle, message: user.disableReason ?? m.accountDisabledMessage } }));
      return;
    }

    // Sign in: last login, an IdP session, user.authenticated, then a code.
    const now = this.rt.now();
    const signedIn: UserRecord = { ...user, lastLoginAt: now.toISOString() };
    this.rt.store.putUsers([signedIn], now);
    const sid = randomUUID();
    this.rt.hooks.dispatchNonBlocking(
      HOOK_EVENT_TYPES.userAuthenticated,
      {
        user: hookUser(signedIn),
        session: hookSession({ sid, createdAt: now.toISOString(), ip: ipAddress, clientId: tx.clientId, userAgent: origin.userAgent ?? "" }),
      },
      { ...origin, userId: signedIn.id },
    );
    const code = randomToken();
    this.rt.store.state.codes[sha256(code)] = {
      clientId: tx.clientId,
      userId: signedIn.id,
      redirectUri: tx.redirectUri,
      codeChallenge: tx.codeChallenge,
      scopes: tx.scopes,
      sid,
      authTime: Math.floor(now.getTime() / 1000),
      nonce: tx.nonce,
      expiresAt: now.getTime() + CODE_LIFETIME_MS,
      grantId: null,
    };
    this.rt.store.save();
    this.transactions.delete(tx.id);
    redirect(res, withParams(tx.redirectUri, { code, state: tx.state }));
  }

  /** user.pre_create (blocking, may mutate or deny) → store → user.created (non-blocking). */
  private async signUp(
    email: string,
    origin: EventOrigin,
    locale: PageLocale,
  ): Promise<{ ok: true; user: UserRecord } | { ok: false; status: number; alert: { title: string; message: string } }> {
    const m = PAGE_MESSAGES[locale];
    const now = this.rt.now();
    let user = newUserRecord(email, now);
    const eventOrigin = { ...origin, userId: user.id };
    try {
      const mutations = await this.rt.hooks.runBlocking(
        HOOK_EVENT_TYPES.userPreCreate,
        { user: hookUser(user), identities: [hookIdentity(user)] },
        eventOrigin,
      );
      if (mutations) {
        const result = replaceAttributes(
          user,
          { customAttributes: mutations.custom_attributes, standardAttributes: mutations.standard_attributes, roles: mutations.roles },
          this.rt.config.attributes,
          now,
        );
        if (!result.ok) {
          const detail =
            result.problem === "unowned" ? result.message : result.causes.map((c) => `${c.location || "/"}: ${c.kind}`).join(", ");
          this.rt.logger.warn(`user.pre_create mutations refused (ValidationFailed): ${detail}`);
          return { ok: false, status: 500, alert: { title: m.signupFailedTitle, message: format(m.hookInvalidMutations, { detail }) } };
        }
        user = { ...result.user, updatedAt: user.createdAt };
      }
    } catch (err) {
      if (!(err instanceof HookError)) throw err;
      if (err.reason === "HookDisallowed") {
        const r = err.reasons[0] ?? { title: "", reason: "" };
        return { ok: false, status: 403, alert: { title: r.title || m.signupDeniedTitle, message: r.reason || m.signupDeniedMessage } };
      }
      const why =
        err.reason === "HookDeliveryTimeout" ? m.hookTimeout : err.reason === "HookInvalidResponse" ? m.hookInvalidResponse : m.hookUnreachable;
      return { ok: false, status: 500, alert: { title: m.signupFailedTitle, message: format(why, { reason: err.reason }) } };
    }
    this.rt.store.putUsers([user], now);
    this.rt.hooks.dispatchNonBlocking(HOOK_EVENT_TYPES.userCreated, { user: hookUser(user), identities: [hookIdentity(user)] }, eventOrigin);
    return { ok: true, user };
  }

  /** response_type=none with an app session token in login_hint: the SDK's way into settings pages. */
  private appSessionLogin(res: ServerResponse, q: URLSearchParams, redirectUri: string, state: string | null): void {
    let token: string | null = null;
    try {
      const hint = new URL(q.get("login_hint") ?? "");
      if (hint.searchParams.get("type") === "app_session_token") token = hint.searchParams.get("app_session_token");
    } catch {
      token = null;
    }
    const entry = token ? this.appSessionTokens.get(sha256(token)) : undefined;
    if (token) this.appSessionTokens.delete(sha256(token));
    if (!entry || entry.expiresAt < this.rt.now().getTime() || !this.rt.store.liveGrant(entry.grantId)) {
      redirect(res, withParams(redirectUri, { error: "login_required", error_description: "invalid app session token", state }));
      return;
    }
    redirect(res, withParams(redirectUri, { state }));
  }

  // -------------------------------------------------------------------------------------------
  // token
  // -------------------------------------------------------------------------------------------

  private async token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== "POST") {
      tokenError(res, "invalid_request", "the token endpoint accepts POST only", 405);
      return;
    }
    if (mediaType(req) !== "application/x-www-form-urlencoded") {
      tokenError(res, "invalid_request", "the body must be application/x-www-form-urlencoded");
      return;
    }
    const form = await readForm(req);
    const client = this.rt.config.clients.get(form.get("client_id") ?? "");
    if (!client) {
      tokenError(res, "invalid_client", "invalid client ID");
      return;
    }
    const grantType = form.get("grant_type");
    if (grantType === "authorization_code") return this.codeGrant(res, form, client);
    if (grantType === "refresh_token") return this.refreshGrant(res, form, client);
    if (grantType === ID_TOKEN_GRANT) return this.idTokenGrant(req, res, client);
    tokenError(res, "unsupported_grant_type", `grant_type "${grantType ?? ""}" is not supported`);
  }

  private async codeGrant(res: ServerResponse, form: URLSearchParams, client: OAuthClientConfig): Promise<void> {
    const { store } = this.rt;
    const now = this.rt.now();
    const code = store.state.codes[sha256(form.get("code") ?? "")];
    if (!code || code.expiresAt < now.getTime()) {
      tokenError(res, "invalid_grant", "invalid authorization code");
      return;
    }
    if (code.grantId !== null) {
      // Replay: the code was already exchanged. Revoke what it produced (RFC 6749 §4.1.2).
      this.rt.logger.warn(`authorization code replayed; revoking grant ${code.grantId}`);
      store.revokeGrant(code.grantId, now);
      tokenError(res, "invalid_grant", "invalid authorization code");
      return;
    }
    if (code.clientId !== client.client_id) {
      tokenError(res, "invalid_grant", "client ID mismatch");
      return;
    }
    if (form.get("redirect_uri") !== code.redirectUri) {
      tokenError(res, "invalid_request", "invalid redirect URI");
      return;
    }
    const verifier = form.get("code_verifier") ?? "";
    if (!verifier || !safeEqual(sha256(verifier), code.codeChallenge)) {
      tokenError(res, "invalid_grant", "invalid code verifier");
      return;
    }
    const user = store.getUser(code.userId);
    if (!user || user.isDisabled) {
      tokenError(res, "invalid_grant", "invalid authorization code");
      return;
    }

    const secret = randomToken();
    const grant: GrantRecord = {
      id: randomUUID(),
      userId: user.id,
      clientId: client.client_id,
      secretHash: sha256(secret),
      scopes: code.scopes,
      sid: code.sid,
      authTime: code.authTime,
      createdAt: now.toISOString(),
      expiresAt: now.getTime() + client.refresh_token_lifetime_seconds * 1000,
      revokedAt: null,
    };
    store.state.grants[grant.id] = grant;
    code.grantId = grant.id;
    const tokens = await this.issueTokens(grant, user, client, code.nonce);
    const refresh = grant.scopes.includes(SCOPES.offlineAccess) ? { refresh_token: `${grant.id}.${secret}` } : {};
    store.save();
    sendJson(res, 200, { ...tokens, ...refresh }, { "cache-control": "no-store", pragma: "no-cache" });
  }

  /** The live grant a `<grantId>.<secret>` refresh token names, or null. */
  private grantFromRefreshToken(token: string): GrantRecord | null {
    const dot = token.indexOf(".");
    if (dot <= 0) return null;
    const grant = this.rt.store.liveGrant(token.slice(0, dot));
    if (!grant || !safeEqual(sha256(token.slice(dot + 1)), grant.secretHash)) return null;
    return grant;
  }

  private async refreshGrant(res: ServerResponse, form: URLSearchParams, client: OAuthClientConfig): Promise<void> {
    const grant = this.grantFromRefreshToken(form.get("refresh_token") ?? "");
    if (!grant || grant.clientId !== client.client_id) {
      tokenError(res, "invalid_grant", "invalid refresh token");
      return;
    }
    const user = this.rt.store.getUser(grant.userId);
    if (!user || user.isDisabled) {
      tokenError(res, "invalid_grant", "invalid refresh token");
      return;
    }
    const tokens = await this.issueTokens(grant, user, client, null);
    this.rt.store.save();
    // No rotation: Authgear keeps the refresh token and does not send a new one.
    sendJson(res, 200, tokens, { "cache-control": "no-store", pragma: "no-cache" });
  }

  private async idTokenGrant(req: IncomingMessage, res: ServerResponse, client: OAuthClientConfig): Promise<void> {
    const session = await this.bearerSession(req);
    if (!session || session.record.clientId !== client.client_id) {
      tokenError(res, "invalid_grant", "invalid session");
      return;
    }
    const idToken = await this.idToken(session.grant, session.user, client, null, Math.floor(this.rt.now().getTime() / 1000));
    sendJson(res, 200, { token_type: "Bearer", id_token: idToken }, { "cache-control": "no-store", pragma: "no-cache" });
  }

  private async issueTokens(grant: GrantRecord, user: UserRecord, client: OAuthClientConfig, nonce: string | null) {
    const nowSec = Math.floor(this.rt.now().getTime() / 1000);
    const lifetime = client.access_token_lifetime_seconds;
    const opaque = randomToken();
    const hash = sha256(opaque);
    const record: AccessTokenRecord = {
      grantId: grant.id,
      userId: user.id,
      clientId: client.client_id,
      scopes: grant.scopes,
      expiresAt: (nowSec + lifetime) * 1000,
    };
    this.rt.store.state.accessTokens[hash] = record;
    const accessToken = client.issue_jwt_access_token
      ? await new SignJWT({ client_id: client.client_id, scope: grant.scopes.join(" "), auth_time: grant.authTime, ...userTokenClaims(user) })
          .setProtectedHeader({ alg: "RS256", kid: this.rt.secrets.signingKid, typ: ACCESS_TOKEN_TYP })
          .setIssuer(this.rt.origin)
          .setAudience([this.rt.origin])
          .setSubject(user.id)
          .setJti(hash)
          .setIssuedAt(nowSec)
          .setExpirationTime(nowSec + lifetime)
          .sign(this.rt.secrets.signingKey)
      : opaque;
    return {
      access_token: accessToken,
      token_type: "Bearer",
      expires_in: lifetime,
      scope: grant.scopes.join(" "),
      ...(grant.scopes.includes(SCOPES.openid) ? { id_token: await this.idToken(grant, user, client, nonce, nowSec) } : {}),
    };
  }

  private idToken(grant: GrantRecord, user: UserRecord, client: OAuthClientConfig, nonce: string | null, nowSec: number): Promise<string> {
    return new SignJWT({ auth_time: grant.authTime, sid: grant.sid, ...(nonce ? { nonce } : {}), ...userTokenClaims(user) })
      .setProtectedHeader({ alg: "RS256", kid: this.rt.secrets.signingKid, typ: "JWT" })
      .setIssuer(this.rt.origin)
      .setAudience([client.client_id])
      .setSubject(user.id)
      .setIssuedAt(nowSec)
      .setExpirationTime(nowSec + client.access_token_lifetime_seconds)
      .sign(this.rt.secrets.signingKey);
  }

  // -------------------------------------------------------------------------------------------
  // userinfo, revoke, end_session, app_session_token
  // -------------------------------------------------------------------------------------------

  /** Resolves an access token (JWT or opaque) to its live record and user, or null. */
  async resolveAccessToken(token: string): Promise<{ record: AccessTokenRecord; user: UserRecord; grant: GrantRecord; hash: string } | null> {
    let hash: string;
    if (looksLikeJwt(token)) {
      try {
        const { payload } = await jwtVerify(token, this.rt.signingPublicKey, {
          algorithms: ["RS256"],
          issuer: this.rt.origin,
          audience: this.rt.origin,
          typ: ACCESS_TOKEN_TYP,
        });
        if (typeof payload.jti !== "string") return null;
        hash = payload.jti;
      } catch {
        return null;
      }
    } else {
      hash = sha256(token);
    }
    const record = this.rt.store.state.accessTokens[hash];
    if (!record || record.expiresAt <= this.rt.now().getTime()) return null;
    const grant = this.rt.store.liveGrant(record.grantId);
    if (!grant) return null;
    const user = this.rt.store.getUser(record.userId);
    if (!user || user.isDisabled) return null;
    return { record, user, grant, hash };
  }

  private async bearerSession(req: IncomingMessage) {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "")?.[1];
    return token ? this.resolveAccessToken(token) : null;
  }

  private async userinfo(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== "GET" && req.method !== "POST") {
      sendJson(res, 405, { error: "invalid_request", error_description: "use GET or POST" });
      return;
    }
    if (req.method === "POST") await readBody(req);
    const session = await this.bearerSession(req);
    if (!session) {
      sendJson(
        res,
        401,
        { error: "invalid_grant", error_description: "invalid session" },
        { "www-authenticate": `Bearer realm="${this.rt.origin}", error="invalid_grant", error_description="invalid session"`, "cache-control": "no-store" },
      );
      return;
    }
    sendJson(res, 200, userinfoBody(session.user, this.rt.config.attributes), { "cache-control": "no-store" });
  }

  /** RFC 7009 without client authentication, as Authgear: always 200 with an empty body. */
  private async revoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const token = req.method === "POST" ? ((await readForm(req)).get("token") ?? "") : "";
    const grant = this.grantFromRefreshToken(token);
    if (grant) this.rt.store.revokeGrant(grant.id, this.rt.now());
    else if (token) {
      const access = await this.resolveAccessToken(token);
      if (access) {
        delete this.rt.store.state.accessTokens[access.hash];
        this.rt.store.save();
      }
    }
    res.writeHead(200, { "content-length": 0, "cache-control": "no-store" });
    res.end();
  }

  private async endSession(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const params = req.method === "POST" ? await readForm(req) : url.searchParams;
    const target = params.get("post_logout_redirect_uri");
    const clientId = params.get("client_id");
    const clients = clientId ? [this.rt.config.clients.get(clientId)].filter((c) => c !== undefined) : [...this.rt.config.clients.values()];
    if (target && clients.some((c) => c.post_logout_redirect_uris.includes(target))) {
      redirect(res, withParams(target, { state: params.get("state") }));
      return;
    }
    const locale = this.pageLocale(req, params.get("ui_locales"));
    const m = PAGE_MESSAGES[locale];
    sendHtml(res, 200, infoPage(locale, m.signedOutTitle, target ? format(m.signedOutUnregistered, { target }) : m.signedOutMessage));
  }

  private async appSessionToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const fail = (status: number, reason: string, message: string) =>
      sendJson(res, status, { error: { name: status === 400 ? "Invalid" : "Unauthorized", reason, message, code: status } });
    if (req.method !== "POST") {
      fail(400, "Invalid", "use POST");
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      fail(400, "Invalid", "the body must be JSON");
      return;
    }
    const parsed = z.object({ refresh_token: z.string().min(1) }).safeParse(body);
    const grant = parsed.success ? this.grantFromRefreshToken(parsed.data.refresh_token) : null;
    if (!grant) {
      fail(401, "InvalidCredentials", "invalid refresh token");
      return;
    }
    const token = randomToken();
    const expiresAt = this.rt.now().getTime() + APP_SESSION_TOKEN_LIFETIME_MS;
    this.appSessionTokens.set(sha256(token), { grantId: grant.id, expiresAt });
    sendJson(res, 200, { result: { app_session_token: token, expire_at: new Date(expiresAt).toISOString() } });
  }
}
