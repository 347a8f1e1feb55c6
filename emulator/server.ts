/**
 * `createEmulator()`: the local Authgear as an in-process HTTP server (node:http). Tests start it
 * on port 0; the CLI (main.ts) on 3001. The issuer/origin is `http://localhost:<port>` unless an
 * `origin` is given.
 */
import { createPublicKey } from "node:crypto";
import { mkdirSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { PATHS } from "@/lib/authgear/protocol";
import { defined } from "@/lib/defined";
import { z, type ZodType } from "zod";
import { AdminApi } from "./admin-graphql";
import { loadConfigFile, resolveConfig, retargetAppHooks, withoutAttributes, type ResolvedConfig } from "./config";
import { faultRequestSchema, Faults } from "./faults";
import { consoleLogger, HookDispatcher, type Logger } from "./hooks";
import { applyCors, BodyTooLargeError, readBody, sendJson, sendText } from "./http";
import { ensureSecrets, removeSecrets, type EmulatorSecrets } from "./keys";
import { OAuthEndpoints } from "./oauth";
import type { Runtime } from "./runtime";
import { Store } from "./store";
import { clockRequestSchema, TestClock } from "./test-clock";

export interface EmulatorOptions {
  /** Path of an authgear.yaml. One of configPath / config is required. */
  configPath?: string;
  /** An authgear.yaml document already parsed (validated here) or a resolved config. */
  config?: unknown;
  /** Where secrets and state live (created if missing). */
  dataDir: string;
  /** The public origin; default `http://localhost:<port>` once listening. */
  origin?: string;
  /** Delete the state and secrets first (fresh users, keys, webhook secret). */
  reset?: boolean;
  logger?: Logger;
  /** Clock for tests; default `new Date()`. `POST /_emulator/clock` moves it forward (test-clock.ts). */
  now?: () => Date;
  /**
   * Where the app's own hook handlers (URLs on http://localhost:3000 in the config) go: an origin
   * (e.g. the e2e app, http://localhost:3100), or null to drop them. Default: as configured.
   */
  appOrigin?: string | null;
  /**
   * Local development only: a blocking hook that cannot be reached or does not answer in time
   * counts as "allowed, no mutations" (logged) instead of failing the operation as Authgear does.
   */
  hooksFailOpen?: boolean;
}

export interface EmulatorFiles {
  dataDir: string;
  adminKeyPem: string;
  adminKeyJson: string;
  webhookSecret: string;
}

/**
 * `POST /_emulator/attributes` {"unconfigured": ["company"]} (a test instrument, not Authgear):
 * the named custom attributes behave as if the project did not define them (writes drop them,
 * reads do not show them) until set again; `[]` restores the config.
 */
const attributeSwitchSchema = z.strictObject({ unconfigured: z.array(z.string().min(1).max(64)).max(50) });

export interface Emulator {
  /** Starts listening (port 0 = any free port); secrets and state are loaded here. */
  listen(port: number, host?: string): Promise<{ port: number; origin: string }>;
  /** Stops the server, drops open connections and aborts hook deliveries still in flight. */
  close(): Promise<void>;
  /** Resolves when every non-blocking hook delivery started so far has finished. */
  settled(): Promise<void>;
  readonly config: ResolvedConfig;
  /** Set once listening. */
  readonly origin: string;
  readonly files: EmulatorFiles;
}

function isResolved(config: unknown): config is ResolvedConfig {
  return typeof config === "object" && config !== null && "raw" in config && "clients" in config && config.clients instanceof Map;
}

/**
 * One `/_emulator/*` test instrument: GET answers `read()`, POST parses a JSON body with `schema` and
 * answers `write(request)`; anything else is 405, a body that is not JSON or not of the schema 400.
 */
async function testInstrument<T>(
  req: IncomingMessage,
  res: ServerResponse,
  instrument: {
    read: () => unknown;
    schema: ZodType<T>;
    write: (request: T) => unknown;
    problem?: (issues: readonly { path: PropertyKey[]; message: string }[]) => string;
  },
): Promise<void> {
  if (req.method === "GET") {
    sendJson(res, 200, instrument.read());
    return;
  }
  if (req.method !== "POST") {
    sendText(res, 405, "use GET or POST", { allow: "GET, POST" });
    return;
  }
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req));
  } catch {
    sendJson(res, 400, { error: "the body must be JSON" });
    return;
  }
  const parsed = instrument.schema.safeParse(body);
  if (!parsed.success) {
    const describe = instrument.problem ?? ((issues) => issues.map((i) => `${i.path.map(String).join(".") || "(root)"}: ${i.message}`).join("; "));
    sendJson(res, 400, { error: describe(parsed.error.issues) });
    return;
  }
  sendJson(res, 200, instrument.write(parsed.data));
}

export function createEmulator(options: EmulatorOptions): Emulator {
  const configured = isResolved(options.config)
    ? options.config
    : options.config !== undefined
      ? resolveConfig(options.config)
      : options.configPath
        ? loadConfigFile(options.configPath)
        : (() => {
            throw new Error("createEmulator needs configPath or config");
          })();
  const config = options.appOrigin === undefined ? configured : retargetAppHooks(configured, options.appOrigin);
  const logger = options.logger ?? consoleLogger;
  const dataDir = resolve(options.dataDir);
  const clock = new TestClock(options.now ?? (() => new Date()), dataDir);
  const now = clock.now;
  const files: EmulatorFiles = {
    dataDir,
    adminKeyPem: resolve(dataDir, "admin-api-key.pem"),
    adminKeyJson: resolve(dataDir, "admin-api-key.json"),
    webhookSecret: resolve(dataDir, "webhook-secret"),
  };
  for (const skipped of config.hooks.skipped) {
    logger.info(`ignoring ${skipped}: Deno hooks (authgeardeno://) run only on Authgear; use an http(s) webhook locally`);
  }

  let shutdown = new AbortController();
  const faults = new Faults();
  let server: Server | undefined;
  let runtime: Runtime | undefined;
  let oauth: OAuthEndpoints | undefined;
  let admin: AdminApi | undefined;
  let origin = "";
  let resetPending = options.reset ?? false;
  /** Custom attributes hidden from the config by the `/_emulator/attributes` test instrument. */
  let unconfigured: string[] = [];

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", origin);
    if (url.pathname === "/favicon.ico") {
      // Browsers ask for it on the sign-in page; a 404 would show up as a console error in e2e runs.
      res.writeHead(204, { "cache-control": "max-age=86400" });
      res.end();
      return;
    }
    if (url.pathname === "/_emulator/health") {
      sendJson(res, 200, { ok: true, origin, project_id: config.projectId });
      return;
    }
    if (url.pathname === "/_emulator/stats") {
      if (req.method !== "GET") {
        sendText(res, 405, "use GET", { allow: "GET" });
        return;
      }
      sendJson(res, 200, { admin_api: defined(admin, "the Admin API (set up by start())").stats() });
      return;
    }
    if (url.pathname === "/_emulator/faults") {
      await testInstrument(req, res, { read: () => faults.snapshot(), schema: faultRequestSchema, write: (request) => faults.set(request) });
      return;
    }
    if (url.pathname === "/_emulator/attributes") {
      await testInstrument(req, res, {
        read: () => ({ unconfigured }),
        schema: attributeSwitchSchema,
        write: (request) => {
          unconfigured = [...new Set(request.unconfigured)];
          if (runtime) runtime.config = withoutAttributes(config, unconfigured);
          logger.info(unconfigured.length ? `custom attributes now unconfigured (test instrument): ${unconfigured.join(", ")}` : "every configured custom attribute is back");
          return { unconfigured };
        },
      });
      return;
    }
    if (url.pathname === "/_emulator/clock") {
      await testInstrument(req, res, {
        read: () => clock.snapshot(),
        schema: clockRequestSchema,
        write: (request) => clock.apply(request),
        problem: (issues) => `expected {"advance_ms": N} or {"reset": true}: ${issues.map((i) => i.message).join("; ")}`,
      });
      return;
    }
    if (url.pathname === PATHS.adminGraphQL) return defined(admin, "the Admin API (set up by start())").handle(req, res);
    if (await defined(oauth, "the OAuth endpoints (set up by start())").handle(req, res, url)) return;
    if (req.method === "OPTIONS" && applyCors(req, res, config.allowedOrigins)) return;
    sendJson(res, 404, { error: "not_found", error_description: `${url.pathname} is not emulated` });
  }

  const emulator: Emulator = {
    config,
    files,
    get origin() {
      return origin;
    },
    async listen(port, host) {
      if (server) throw new Error("the emulator is already listening");
      mkdirSync(dataDir, { recursive: true });
      shutdown = new AbortController();
      const srv = createServer((req, res) => {
        route(req, res).catch((err: unknown) => {
          if (err instanceof BodyTooLargeError) {
            if (!res.headersSent) sendText(res, 413, err.message);
            return;
          }
          logger.error(`${req.method} ${req.url}: ${(err as Error).stack ?? String(err)}`);
          if (!res.headersSent) sendJson(res, 500, { error: "server_error", error_description: "emulator error; see its log" });
          else res.destroy();
        });
      });
      await new Promise<void>((ok, fail) => {
        srv.once("error", fail);
        srv.listen(port, host, () => {
          srv.off("error", fail);
          ok();
        });
      });
      const actualPort = (srv.address() as AddressInfo).port;
      origin = (options.origin ?? `http://localhost:${actualPort}`).replace(/\/+$/, "");
      try {
        const reset = resetPending;
        resetPending = false;
        if (reset) removeSecrets(dataDir);
        // Every start begins on the base clock: an offset left by an earlier run is dropped.
        clock.reset();
        const secrets: EmulatorSecrets = await ensureSecrets(dataDir, { projectId: config.projectId, endpoint: origin });
        const store = Store.open(dataDir, { reset, clock: now });
        runtime = {
          config: withoutAttributes(config, unconfigured),
          store,
          secrets,
          signingPublicKey: createPublicKey(secrets.signingKey),
          hooks: new HookDispatcher(config, secrets.webhookSecret, () => store.nextSeq(), logger, now, { failOpen: options.hooksFailOpen ?? false }),
          origin,
          logger,
          now,
        };
        oauth = new OAuthEndpoints(runtime);
        admin = new AdminApi(runtime, faults, shutdown.signal);
      } catch (err) {
        await new Promise<void>((ok) => srv.close(() => ok()));
        throw err;
      }
      server = srv;
      return { port: actualPort, origin };
    },
    async close() {
      shutdown.abort();
      runtime?.hooks.close();
      const srv = server;
      server = undefined;
      if (!srv) return;
      await new Promise<void>((ok) => {
        srv.close(() => ok());
        srv.closeAllConnections();
      });
    },
    async settled() {
      await runtime?.hooks.settled();
    },
  };
  return emulator;
}
