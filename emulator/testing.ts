/**
 * Test helpers around the emulator, for its own tests and the app's: start one in-process on a
 * temporary data directory, sign in over HTTP exactly as a browser does (authorize page → form
 * POST → code → token), call the Admin API with the emulator's key, and record hook deliveries.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { decodeJwt, importPKCS8, SignJWT } from "jose";
import { z } from "zod";
import { PATHS, SCOPES } from "@/lib/authgear/protocol";
import { parseConfigYaml, type ResolvedConfig } from "./config";
import type { Logger } from "./hooks";
import { SECRET_FILES } from "./keys";
import { createEmulator, type Emulator, type EmulatorOptions } from "./server";

/** The repository's emulator/authgear.yaml. */
export const DEFAULT_CONFIG_PATH = fileURLToPath(new URL("./authgear.yaml", import.meta.url));

/** The web SDK's scope for sessionType "refresh_token". */
export const SDK_SCOPE = `${SCOPES.openid} ${SCOPES.fullAccess} ${SCOPES.offlineAccess}`;

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

// ---------------------------------------------------------------------------------------------
// Emulator lifecycle
// ---------------------------------------------------------------------------------------------

export interface TestEmulator {
  emulator: Emulator;
  origin: string;
  dataDir: string;
  /** Closes the emulator and deletes its temporary data directory (unless `keepDataDir`). */
  close(): Promise<void>;
}

/**
 * Starts an emulator on a free port with a fresh temporary data directory (or `dataDir`).
 * Defaults: the repository's authgear.yaml without the app's hooks (`appOrigin: null`), a silent logger.
 */
export async function startTestEmulator(
  opts: Partial<Pick<EmulatorOptions, "config" | "configPath" | "dataDir" | "logger" | "now" | "reset" | "appOrigin" | "hooksFailOpen">> & {
    keepDataDir?: boolean;
  } = {},
): Promise<TestEmulator> {
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), "gradual-emulator-")));
  const emulator = createEmulator({
    ...(opts.config !== undefined ? { config: opts.config } : { configPath: opts.configPath ?? DEFAULT_CONFIG_PATH }),
    dataDir,
    logger: opts.logger ?? silentLogger,
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.reset ? { reset: true } : {}),
    // The repository's config sends hooks to the dev app on :3000; tests never call it.
    appOrigin: opts.appOrigin ?? null,
    ...(opts.hooksFailOpen ? { hooksFailOpen: true } : {}),
  });
  const { origin } = await emulator.listen(0);
  const keep = opts.keepDataDir ?? opts.dataDir !== undefined;
  return {
    emulator,
    origin,
    dataDir,
    async close() {
      await emulator.close();
      if (!keep) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The `/_emulator/attributes` test instrument: the named custom attributes behave as if the
 * project did not define them (Authgear then drops them on write) until called again; `[]` restores.
 */
export async function setUnconfiguredAttributes(origin: string, unconfigured: string[]): Promise<void> {
  const res = await fetch(new URL("/_emulator/attributes", origin), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ unconfigured }),
  });
  if (res.status !== 200) throw new Error(`/_emulator/attributes answered ${res.status}: ${await res.text()}`);
}

// ---------------------------------------------------------------------------------------------
// Sign-in over HTTP
// ---------------------------------------------------------------------------------------------

export interface SignInOptions {
  email: string;
  clientId: string;
  redirectUri: string;
  /** Fills the page's "Simulated IP address" field (the hook context's ip_address). */
  simulatedIp?: string;
  /** x_page: "signup" shows the sign-up heading. */
  page?: "login" | "signup";
  /** Default: the SDK's scope (openid, full-access, offline_access). */
  scope?: string;
  state?: string;
  uiLocales?: string[];
  /** Extra headers on the page requests (e.g. accept-language, user-agent). */
  headers?: Record<string, string>;
}

export interface SignInResult {
  accessToken: string;
  /** Absent only when offline_access was not requested. */
  refreshToken: string;
  idToken: string;
  /** The user's ID (`sub` of the ID token). */
  sub: string;
  expiresIn: number;
  scope: string;
  /** The raw token response. */
  tokenResponse: Record<string, unknown>;
}

/** The sign-in page answered with a page instead of a redirect (validation error, hook denial…). */
export class SignInPageError extends Error {
  override name = "SignInPageError";
  constructor(
    readonly status: number,
    /** Texts of the page's role="alert" elements. */
    readonly alerts: string[],
    readonly html: string,
  ) {
    super(`sign-in page answered ${status}: ${alerts.join(" | ") || "(no alert)"}`);
  }
}

/** An OAuth error redirect back to the app (e.g. error=access_denied). */
export class AuthorizeRedirectError extends Error {
  override name = "AuthorizeRedirectError";
  constructor(
    readonly error: string,
    readonly errorDescription: string | null,
    readonly location: string,
  ) {
    super(`authorize redirected with error=${error}: ${errorDescription ?? ""}`);
  }
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

/** Texts of role="alert" elements in an HTML page, tags stripped. */
export function alertTexts(html: string): string[] {
  return [...html.matchAll(/<(div|p)[^>]*role="alert"[^>]*>([\s\S]*?)<\/\1>/g)].map((m) =>
    (m[2] ?? "")
      .replace(/<[^>]+>/g, " ")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&")
      .replace(/\s+/g, " ")
      .trim(),
  );
}

export function authorizeUrl(origin: string, opts: SignInOptions, challenge: string): string {
  const url = new URL(PATHS.authorize, origin);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("code_challenge_method", "S256");
  url.searchParams.set("code_challenge", challenge);
  url.searchParams.set("scope", opts.scope ?? SDK_SCOPE);
  url.searchParams.set("client_id", opts.clientId);
  url.searchParams.set("redirect_uri", opts.redirectUri);
  if (opts.state) url.searchParams.set("state", opts.state);
  if (opts.uiLocales?.length) url.searchParams.set("ui_locales", opts.uiLocales.join(" "));
  if (opts.page) url.searchParams.set("x_page", opts.page);
  url.searchParams.set("x_suppress_idp_session_cookie", "true");
  url.searchParams.set("x_sso_enabled", "false");
  return url.toString();
}

/**
 * Opens the authorize page, submits the form (Continue) and returns the code from the redirect.
 * Throws SignInPageError when the page answers with a page, AuthorizeRedirectError on an error redirect.
 */
export async function authorize(
  origin: string,
  opts: SignInOptions & { action?: "continue" | "cancel" },
): Promise<{ code: string; state: string | null; verifier: string; location: string }> {
  const { verifier, challenge } = pkcePair();
  const page = await fetch(authorizeUrl(origin, opts, challenge), { redirect: "manual", headers: opts.headers });
  const html = await page.text();
  const tx = /name="tx" value="([^"]+)"/.exec(html)?.[1];
  if (page.status !== 200 || !tx) throw new SignInPageError(page.status, alertTexts(html), html);
  const form = new URLSearchParams({ tx, email: opts.email, simulated_ip: opts.simulatedIp ?? "", action: opts.action ?? "continue" });
  const submitted = await fetch(new URL(PATHS.authorize, origin), {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", ...opts.headers },
    body: form,
  });
  const location = submitted.headers.get("location");
  if (submitted.status !== 302 || !location) {
    const body = await submitted.text();
    throw new SignInPageError(submitted.status, alertTexts(body), body);
  }
  const back = new URL(location);
  const error = back.searchParams.get("error");
  if (error) throw new AuthorizeRedirectError(error, back.searchParams.get("error_description"), location);
  const code = back.searchParams.get("code");
  if (!code) throw new Error(`authorize redirected without a code: ${location}`);
  return { code, state: back.searchParams.get("state"), verifier, location };
}

/** POSTs the authorization_code grant exactly as the web SDK does. */
export function exchangeCode(
  origin: string,
  params: { code: string; verifier: string; clientId: string; redirectUri: string; headers?: Record<string, string> },
): Promise<Response> {
  return fetch(new URL(PATHS.token, origin), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...params.headers },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: params.clientId,
      code: params.code,
      redirect_uri: params.redirectUri,
      code_verifier: params.verifier,
    }),
  });
}

/** POSTs the refresh_token grant exactly as the web SDK does. */
export function refreshTokens(origin: string, params: { clientId: string; refreshToken: string }): Promise<Response> {
  return fetch(new URL(PATHS.token, origin), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "refresh_token", client_id: params.clientId, refresh_token: params.refreshToken }),
  });
}

const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.literal("Bearer"),
  expires_in: z.number().int().positive(),
  refresh_token: z.string().optional(),
  id_token: z.string().min(1),
  scope: z.string(),
});

/** The whole browser sign-in: authorize page, form, code, token exchange. A new email signs up. */
export async function signIn(origin: string, opts: SignInOptions): Promise<SignInResult> {
  const { code, verifier } = await authorize(origin, opts);
  const res = await exchangeCode(origin, { code, verifier, clientId: opts.clientId, redirectUri: opts.redirectUri });
  const body: unknown = await res.json();
  if (res.status !== 200) throw new Error(`token exchange failed (${res.status}): ${JSON.stringify(body)}`);
  const tokens = tokenResponseSchema.parse(body);
  const sub = decodeJwt(tokens.id_token).sub;
  if (!sub) throw new Error("the ID token has no sub");
  return {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token ?? "",
    idToken: tokens.id_token,
    sub,
    expiresIn: tokens.expires_in,
    scope: tokens.scope,
    tokenResponse: tokens,
  };
}

// ---------------------------------------------------------------------------------------------
// Admin API
// ---------------------------------------------------------------------------------------------

/** The Admin API key the emulator wrote for the app (data dir files). */
export async function readAdminKey(dataDir: string): Promise<{ pem: string; kid: string; projectId: string; endpoint: string }> {
  const [pem, info] = await Promise.all([
    readFile(join(dataDir, SECRET_FILES.adminKeyPem), "utf8"),
    readFile(join(dataDir, SECRET_FILES.adminKeyJson), "utf8"),
  ]);
  const parsed = z.object({ kid: z.string(), project_id: z.string(), endpoint: z.string() }).parse(JSON.parse(info));
  return { pem, kid: parsed.kid, projectId: parsed.project_id, endpoint: parsed.endpoint };
}

/** An Admin API JWT as the app signs it: RS256, kid, aud = project ID, iat now, exp in 5 min. */
export async function signAdminJwt(
  dataDir: string,
  overrides: { kid?: string | null; aud?: string | string[]; iat?: number; exp?: number; pem?: string } = {},
): Promise<string> {
  const key = await readAdminKey(dataDir);
  const privateKey = await importPKCS8(overrides.pem ?? key.pem, "RS256");
  const now = Math.floor(Date.now() / 1000);
  const header = overrides.kid === null ? { alg: "RS256", typ: "JWT" } : { alg: "RS256", typ: "JWT", kid: overrides.kid ?? key.kid };
  return new SignJWT({})
    .setProtectedHeader(header)
    .setAudience(overrides.aud ?? key.projectId)
    .setIssuedAt(overrides.iat ?? now)
    .setExpirationTime(overrides.exp ?? now + 300)
    .sign(privateKey);
}

/** A GraphQL response body, as the tests read it. */
type GraphQLBody = { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };

/** POSTs a GraphQL request to the emulator's Admin API with a valid JWT (or `jwt`). */
export async function adminGraphQL(
  origin: string,
  dataDir: string,
  query: string,
  variables?: Record<string, unknown>,
  opts: { jwt?: string; signal?: AbortSignal; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: GraphQLBody }> {
  const jwt = opts.jwt ?? (await signAdminJwt(dataDir));
  const res = await fetch(new URL(PATHS.adminGraphQL, origin), {
    method: "POST",
    headers: { ...opts.headers, "content-type": "application/json", authorization: `Bearer ${jwt}` },
    body: JSON.stringify({ query, ...(variables ? { variables } : {}) }),
    signal: opts.signal,
  });
  const text = await res.text();
  return { status: res.status, body: res.headers.get("content-type")?.startsWith("application/json") ? (JSON.parse(text) as GraphQLBody) : { errors: [{ message: text }] } };
}

// ---------------------------------------------------------------------------------------------
// A tiny webhook receiver
// ---------------------------------------------------------------------------------------------

export interface HookRequest {
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as signed. */
  rawBody: string;
  body: unknown;
}

export type HookReply = { status?: number; body?: unknown; rawBody?: string; delayMs?: number };

export interface HookServer {
  origin: string;
  requests: HookRequest[];
  /** Decides the reply per request; default 200 {"is_allowed":true}. */
  reply: (request: HookRequest) => HookReply | Promise<HookReply>;
  /** Resolves when a request matching `predicate` has arrived (polls; `timeoutMs` default 3000). */
  waitFor(predicate: (r: HookRequest) => boolean, timeoutMs?: number): Promise<HookRequest>;
  close(): Promise<void>;
}

export async function startHookServer(): Promise<HookServer> {
  const hooks: HookServer = {
    origin: "",
    requests: [],
    reply: () => ({ body: { is_allowed: true } }),
    async waitFor(predicate, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = hooks.requests.find(predicate);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no matching hook request within ${timeoutMs} ms (got ${hooks.requests.map((r) => r.path).join(", ")})`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: async () => {},
  };
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const rawBody = Buffer.concat(chunks).toString("utf8");
      let body: unknown = null;
      try {
        body = JSON.parse(rawBody);
      } catch {
        body = null;
      }
      const request: HookRequest = { path: req.url ?? "/", headers: req.headers, rawBody, body };
      hooks.requests.push(request);
      // A reply function that throws is a bug in the test: left unhandled, it fails the test run.
      void Promise.resolve(hooks.reply(request)).then((reply) => {
        const send = () => {
          if (res.destroyed) return;
          const text = reply.rawBody ?? JSON.stringify(reply.body ?? { is_allowed: true });
          res.writeHead(reply.status ?? 200, { "content-type": "application/json" });
          res.end(text);
        };
        if (reply.delayMs) {
          const t = setTimeout(() => {
            timers.delete(t);
            send();
          }, reply.delayMs);
          timers.add(t);
        } else send();
      });
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  hooks.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  hooks.close = () =>
    new Promise<void>((ok) => {
      for (const t of timers) clearTimeout(t);
      server.close(() => ok());
      server.closeAllConnections();
    });
  return hooks;
}

// ---------------------------------------------------------------------------------------------
// Fixture configs
// ---------------------------------------------------------------------------------------------

/**
 * Reads an authgear.yaml fixture, replacing `${NAME}` placeholders (e.g. `${HOOK_ORIGIN}`) with
 * `vars`, and validates it. Pass the result as `config` to startTestEmulator / createEmulator.
 */
export async function loadFixtureConfig(path: string, vars: Record<string, string> = {}): Promise<ResolvedConfig> {
  const text = (await readFile(path, "utf8")).replace(/\$\{([A-Z_]+)\}/g, (whole, name: string) => vars[name] ?? whole);
  return parseConfigYaml(text, path);
}

/** Path of a file in emulator/test-fixtures. */
export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`./test-fixtures/${name}`, import.meta.url));
}
