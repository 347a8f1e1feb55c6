/**
 * Local stand-ins for the person and company enrichment services (FullContact under
 * /fullcontact, People Data Labs under /pdl), as the emulator is for Authgear: one HTTP server,
 * started by the emulator's CLI on its port + 1 (dev 3002, e2e 3102), used by unit tests, e2e and
 * `npm run dev` when a provider is switched on without a real key. Who answers what is scripted in
 * people.ts (docs/decisions/020-enrichment-stand-ins.md has the table).
 *
 *   GET  /_standins/requests  → { total, counts: { "<path>": n }, last: [{ at, method, path, body }] }
 *   POST /_standins/reset     → clears the counts and the pending (202) state
 *
 * The request log keeps bodies and query strings (emails, domains), never headers: keys stay out.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { BodyTooLargeError, readBody, sendJson } from "../http";
import { fullContactStandin } from "./fullcontact";
import { pdlStandin } from "./pdl";
import { scriptOf, type ScriptPrefix } from "./people";

export const STANDIN_DEFAULT_DELAY_MS = 2000;
/** How much a `huge-*` answer sends: 10 MB, far over any client's limit. */
export const HUGE_BODY_BYTES = 10 * 1024 * 1024;
const LAST_REQUESTS = 50;

type Kind = "person" | "company";
interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** What one service's stand-in knows (fullcontact.ts, pdl.ts); the faults are the server's. */
export interface StandinService {
  name: string;
  routes: Record<string, { kind: Kind; methods: readonly string[] }>;
  /** A refusal for missing or bad credentials (`bad-key`), or null. */
  authenticate(headers: IncomingHttpHeaders): Reply | null;
  /** The email (person) or domain (company) asked about, or null when the request gives none. */
  keyOf(kind: Kind, request: { json: unknown; query: URLSearchParams }): string | null;
  badRequest(kind: Kind): Reply;
  notFound(kind: Kind): Reply;
  /** The service's "still processing" answer, or null when it has none (PDL). */
  pending: (() => Reply) | null;
  rateLimited(): Reply;
  unavailable(): Reply;
  /** The 200 body for a key, or null when nobody is known (→ 404). */
  found(kind: Kind, key: string, prefix: ScriptPrefix | null): Record<string, unknown> | null;
}

const SERVICES: Record<string, StandinService> = { fullcontact: fullContactStandin, pdl: pdlStandin };

export interface StandinRequest {
  at: string;
  method: string;
  path: string;
  /** The JSON body (POST) or the query as an object (GET). */
  body: unknown;
}

export interface StandinServerOptions {
  /** How long `slow-*` addresses take, in ms. Default 2000. */
  delayMs?: number;
}

export interface StandinServer {
  listen(port: number, host?: string): Promise<{ port: number; origin: string }>;
  close(): Promise<void>;
  /** Set once listening, e.g. http://localhost:3002. */
  readonly origin: string;
  /** Requests per path (the services' endpoints only) and the last ones. */
  requests(): { total: number; counts: Record<string, number>; last: StandinRequest[] };
  reset(): void;
}

/** The label a script prefix is read from: the email's local part, or the domain's first label. */
function scriptLabel(kind: Kind, key: string): string {
  if (kind === "person") return key.slice(0, Math.max(0, key.lastIndexOf("@")));
  return key.replace(/^www\./i, "").split(".")[0] ?? "";
}

export function createStandinServer(options: StandinServerOptions = {}): StandinServer {
  const delayMs = options.delayMs ?? STANDIN_DEFAULT_DELAY_MS;
  const counts = new Map<string, number>();
  const last: StandinRequest[] = [];
  /** Keys that got their 202 already: the next request answers 200. */
  const pendingSeen = new Set<string>();
  /** Open responses (hang-*, slow-*, huge-*): closed with the server. */
  const open = new Set<ServerResponse>();
  /** Aborted by close(): ends the `slow-*` waits. */
  let closing = new AbortController();
  let server: Server | null = null;
  let origin = "";

  function record(method: string, path: string, body: unknown): void {
    counts.set(path, (counts.get(path) ?? 0) + 1);
    last.push({ at: new Date().toISOString(), method, path, body });
    if (last.length > LAST_REQUESTS) last.shift();
  }

  function send(res: ServerResponse, reply: Reply): void {
    sendJson(res, reply.status, reply.body, reply.headers ?? {});
  }

  function sendHuge(res: ServerResponse): void {
    res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    res.write('{"fullName":"Ana Pereira","bio":"');
    const pump = () => {
      while (sent < HUGE_BODY_BYTES && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) {
          res.once("drain", pump);
          return;
        }
      }
      if (!res.destroyed) res.end('"}');
    };
    pump();
  }

  /** The reply a key scripts, or a fault the caller acts out. */
  async function answer(service: StandinService, kind: Kind, key: string, res: ServerResponse): Promise<Reply | "hang" | "malformed" | "huge" | "gone"> {
    const { prefix } = scriptOf(scriptLabel(kind, key));
    switch (prefix) {
      case "nobody":
        return service.notFound(kind);
      case "invalid":
        return service.badRequest(kind);
      case "rate":
        return service.rateLimited();
      case "flaky":
        return service.unavailable();
      case "hang":
      case "malformed":
      case "huge":
        return prefix;
      case "pending":
        if (service.pending && !pendingSeen.has(key)) {
          pendingSeen.add(key);
          return service.pending();
        }
        break;
      case "slow":
        try {
          await sleep(delayMs, undefined, { signal: closing.signal });
        } catch {
          return "gone"; // the server is closing
        }
        if (res.destroyed) return "gone";
        break;
      default:
        break;
    }
    const body = service.found(kind, key, prefix);
    return body ? { status: 200, body } : service.notFound(kind);
  }

  function act(res: ServerResponse, reply: Awaited<ReturnType<typeof answer>>): void {
    if (reply === "hang" || reply === "gone") return; // kept open until the client gives up or the server closes
    if (reply === "huge") {
      sendHuge(res);
    } else if (reply === "malformed") {
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      res.end('{"fullName": "Ana Pereira", "title": ');
    } else {
      send(res, reply);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://standins.local");
    const method = req.method ?? "GET";
    if (url.pathname === "/_standins/requests" && method === "GET") {
      sendJson(res, 200, api.requests(), { "cache-control": "no-store" });
      return;
    }
    if (url.pathname === "/_standins/reset" && method === "POST") {
      api.reset();
      sendJson(res, 200, { ok: true });
      return;
    }
    const [, serviceName = "", ...rest] = url.pathname.split("/");
    const service = SERVICES[serviceName];
    const route = service?.routes[`/${rest.join("/")}`];
    if (!service || !route) {
      sendJson(res, 404, { status: 404, message: `No stand-in at ${url.pathname}` });
      return;
    }

    let raw: string;
    try {
      raw = await readBody(req);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      sendJson(res, 413, { status: 413, message: "Request body too large" });
      return;
    }
    let json: unknown = undefined;
    if (raw.trim() !== "") {
      try {
        json = JSON.parse(raw) as unknown;
      } catch {
        record(method, url.pathname, raw);
        sendJson(res, 400, { status: 400, message: "The request body is not JSON" });
        return;
      }
    }
    record(method, url.pathname, method === "GET" ? Object.fromEntries(url.searchParams) : json);
    if (!route.methods.includes(method)) {
      sendJson(res, 405, { status: 405, message: `${method} is not allowed here` }, { allow: route.methods.join(", ") });
      return;
    }
    const refused = service.authenticate(req.headers);
    const key = service.keyOf(route.kind, { json, query: url.searchParams });
    act(res, refused ?? (key === null ? service.badRequest(route.kind) : await answer(service, route.kind, key.toLowerCase(), res)));
  }

  const api: StandinServer = {
    get origin() {
      return origin;
    },
    async listen(port, host) {
      if (server) throw new Error("the stand-ins are already listening");
      const srv = createServer((req, res) => {
        open.add(res);
        res.once("close", () => open.delete(res));
        handle(req, res).catch((error: unknown) => {
          if (!res.headersSent) sendJson(res, 500, { status: 500, message: `stand-in error: ${String(error)}` });
          else res.destroy();
        });
      });
      await new Promise<void>((resolve, reject) => {
        srv.once("error", reject);
        srv.listen(port, host, () => {
          srv.off("error", reject);
          resolve();
        });
      });
      server = srv;
      const actual = (srv.address() as AddressInfo).port;
      origin = `http://${host && host !== "0.0.0.0" && host !== "::" ? (host.includes(":") ? `[${host}]` : host) : "localhost"}:${actual}`;
      return { port: actual, origin };
    },
    async close() {
      const srv = server;
      if (!srv) return;
      server = null;
      closing.abort();
      closing = new AbortController();
      for (const res of open) res.destroy();
      srv.closeAllConnections();
      await new Promise<void>((resolve) => srv.close(() => resolve()));
    },
    requests() {
      return { total: [...counts.values()].reduce((a, b) => a + b, 0), counts: Object.fromEntries(counts), last: [...last] };
    },
    reset() {
      counts.clear();
      last.length = 0;
      pendingSeen.clear();
    },
  };
  return api;
}
