/**
 * One HTTP helper for the remote enrichment providers (FullContact, People Data Labs): a strict
 * timeout joined with the runner's signal, a hard limit on the body it reads (a 10 MB answer is
 * refused after the first megabyte, never buffered whole), JSON parsed with a specific error, and
 * errors that never carry the request's URL, headers or body (they hold the API key and the email).
 *
 * Statuses are the caller's to judge (202 and 404 are answers, not failures): `remoteJson` returns
 * every response it could read. It throws a `RemoteProviderError` for what is not an answer
 * (timeout, network, too large, not JSON), and the caller's own abort reason when the runner's
 * signal fired first.
 */
import "server-only";
import { CircuitBreaker, type CircuitBreakerOptions } from "./circuit-breaker.server";
import { LruCache } from "./lru-cache";
import { classifyEmailAddress } from "./work-email";
import type { EnrichmentField, EnrichmentFieldSpec, EnrichmentInput, EnrichmentProvider, Observation } from "./types";

/** The most a remote answer may weigh. FullContact's and PDL's biggest records are ~50 kB. */
export const REMOTE_MAX_BODY_BYTES = 1024 * 1024;

export type RemoteProblemKind =
  /** The service did not answer within the provider's timeout. */
  | "timeout"
  /** No connection, reset, DNS: the request did not complete. */
  | "network"
  /** The body is over the size limit. */
  | "too-large"
  /** The body is not JSON (or not the JSON the provider expects). */
  | "not-json"
  | "unexpected-body"
  /** A status the provider does not take as an answer. */
  | "http"
  /** The circuit breaker is open: no request was made. */
  | "circuit-open";

export class RemoteProviderError extends Error {
  override readonly name = "RemoteProviderError";
  constructor(
    readonly kind: RemoteProblemKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface RemoteRequest {
  /** Names the service in errors, e.g. "FullContact person.enrich". Never the URL. */
  service: string;
  url: URL;
  method: "GET" | "POST";
  headers: Record<string, string>;
  /** JSON-encoded for a POST. */
  json?: unknown;
  timeoutMs: number;
  /** The runner's signal (the provider's budget, the overall budget, a cancelled request). */
  signal: AbortSignal;
  maxBodyBytes?: number;
  fetch?: typeof fetch;
}

export interface RemoteResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body; undefined when the body was empty. */
  body: unknown;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError");
}

async function readLimited(response: Response, limit: number, service: string): Promise<string> {
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => {});
    throw new RemoteProviderError("too-large", `${service} answered a body of ${declared} bytes, over the ${limit}-byte limit`, response.status);
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new RemoteProviderError("too-large", `${service} answered a body over the ${limit}-byte limit`, response.status);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/**
 * Sends the request and reads the JSON answer, whatever its status. Throws RemoteProviderError
 * (timeout, network, too-large, not-json), or the runner signal's reason when that fired first.
 */
export async function remoteJson(request: RemoteRequest): Promise<RemoteResponse> {
  const { service, signal } = request;
  signal.throwIfAborted();
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const combined = AbortSignal.any([signal, timeout]);
  const limit = request.maxBodyBytes ?? REMOTE_MAX_BODY_BYTES;
  const headers: Record<string, string> = { accept: "application/json", ...request.headers };
  if (request.json !== undefined) headers["content-type"] = "application/json";
  const timedOut = () => new RemoteProviderError("timeout", `${service} did not answer within ${request.timeoutMs} ms`);

  let response: Response;
  try {
    response = await (request.fetch ?? fetch)(request.url, {
      method: request.method,
      headers,
      ...(request.json !== undefined ? { body: JSON.stringify(request.json) } : {}),
      signal: combined,
      redirect: "error",
    });
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    if (timeout.aborted || isAbort(error)) throw timedOut();
    // undici's "fetch failed" carries the URL in its cause: keep only the cause's code.
    const code = (error as { cause?: { code?: unknown } }).cause?.code;
    throw new RemoteProviderError("network", `${service} could not be reached${typeof code === "string" ? ` (${code})` : ""}`);
  }

  let text: string;
  try {
    text = await readLimited(response, limit, service);
  } catch (error) {
    if (error instanceof RemoteProviderError) throw error;
    if (signal.aborted) throw signal.reason;
    if (timeout.aborted || isAbort(error)) throw timedOut();
    throw new RemoteProviderError("network", `${service}'s answer broke off`, response.status);
  }
  if (text.trim() === "") return { status: response.status, headers: response.headers, body: undefined };
  try {
    return { status: response.status, headers: response.headers, body: JSON.parse(text) as unknown };
  } catch {
    throw new RemoteProviderError("not-json", `${service} answered HTTP ${response.status} with a body that is not JSON`, response.status);
  }
}

/**
 * How long a service asked us to wait, in milliseconds: FullContact's `X-FullContact-RateDelay`
 * (seconds, may be fractional) or the standard `Retry-After` (seconds or an HTTP date). Undefined
 * when neither is there or readable. Capped at a day.
 */
export function requestedDelayMs(headers: Headers, now: number): number | undefined {
  const cap = 24 * 60 * 60 * 1000;
  const seconds = (text: string | null): number | undefined => {
    if (text === null || !/^\s*\d+(\.\d+)?\s*$/.test(text)) return undefined;
    return Math.min(cap, Math.round(Number(text) * 1000));
  };
  const rateDelay = seconds(headers.get("x-fullcontact-ratedelay"));
  if (rateDelay !== undefined) return rateDelay;
  const retryAfter = headers.get("retry-after");
  const asSeconds = seconds(retryAfter);
  if (asSeconds !== undefined) return asSeconds;
  if (retryAfter) {
    const at = Date.parse(retryAfter);
    if (Number.isFinite(at)) return Math.min(cap, Math.max(0, at - now));
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The shared shape of a remote provider: cache, breaker, status handling. FullContact and PDL
// (fullcontact.server.ts, people-data-labs.server.ts) only say how to ask and how to read.

/** What a 200 answer (or another status a provider reads itself) means. */
export type RemoteAnswer =
  | { kind: "found"; observations: readonly Observation[] }
  /** The service knows nobody/nothing for this key: remembered like a found answer. */
  | { kind: "not-found" }
  /** Accepted, still being looked up (FullContact's 202): nothing now, not cached, asked again at a later run. */
  | { kind: "pending" };

type Cached = { kind: "found"; observations: readonly Observation[] } | { kind: "not-found" };

export interface RemoteProviderDefinition {
  name: string;
  description: string;
  fields: Readonly<Record<EnrichmentField, EnrichmentFieldSpec>>;
  /** Names the endpoint in errors and in `basis`, e.g. "FullContact person.enrich". */
  service: string;
  timeoutMs: number;
  /** The lookup key (a lower-cased email or domain), or null when the input gives none: no request. */
  keyOf(input: EnrichmentInput): string | null;
  /** The request for a key. Its headers carry the API key: never logged, never in an error. */
  request(key: string): { url: URL; method: "GET" | "POST"; headers: Record<string, string>; json?: unknown };
  /** Reads a 200 answer (throws RemoteProviderError "unexpected-body" for a body it cannot read). */
  read(body: unknown, observedAt: string): RemoteAnswer;
  /** Words for a refused request (4xx other than 404 and 429), e.g. 403 → "refused the API key or the quota is spent". */
  refusal(status: number): string;
  /** In-memory LRU; both found and not-found answers live `ttlMs` (default 24 h). */
  cache?: { maxEntries?: number; ttlMs?: number };
  breaker?: Omit<CircuitBreakerOptions, "now">;
  /** Clock in milliseconds, for the cache and the breaker. */
  now?: () => number;
  fetch?: typeof fetch;
}

export interface RemoteProvider extends EnrichmentProvider {
  readonly remote: true;
  readonly thirdParty: true;
  /** For tests and /admin: the circuit's state now. */
  readonly circuit: CircuitBreaker;
}

const DAY_MS = 24 * 60 * 60 * 1000;

type RemoteTuning = Pick<RemoteProviderDefinition, "cache" | "breaker" | "now" | "fetch">;

/** The tuning a provider's factory passes through to createRemoteProvider (cache, breaker, clock, fetch): only the parts given. */
export function remoteTuning(options: RemoteTuning): RemoteTuning {
  return {
    ...(options.cache ? { cache: options.cache } : {}),
    ...(options.breaker ? { breaker: options.breaker } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
}

export function createRemoteProvider(definition: RemoteProviderDefinition): RemoteProvider {
  const clock = definition.now ?? Date.now;
  const cache = new LruCache<string, Cached>({
    maxEntries: definition.cache?.maxEntries ?? 5000,
    ttlMs: definition.cache?.ttlMs ?? DAY_MS,
    now: clock,
  });
  const circuit = new CircuitBreaker({ ...definition.breaker, now: clock });
  const fromCache = (entry: Cached): readonly Observation[] => (entry.kind === "found" ? entry.observations : []);
  /** One request per key at a time: concurrent runs for the same user (user.created, a login) share it. */
  const inFlight = new Map<string, Promise<readonly Observation[]>>();

  /**
   * One request to the service, bounded by its own timeout only: a run whose budget ends first stops
   * waiting (untilAborted), but the answer still arrives, is cached, and the next run has it, so a
   * service slower than the prompt's budget (and under its timeout) answers at the next login.
   */
  async function ask(key: string, now: Date): Promise<readonly Observation[]> {
    const permit = circuit.acquire();
    if (!permit.ok) {
      throw new RemoteProviderError(
        "circuit-open",
        `${definition.service} is not asked for ${Math.ceil(permit.retryInMs / 1000)} s after ${circuit.failures} failed request(s) in a row`,
      );
    }
    let response: RemoteResponse;
    try {
      response = await remoteJson({
        ...definition.request(key),
        service: definition.service,
        timeoutMs: definition.timeoutMs,
        signal: new AbortController().signal,
        fetch: definition.fetch,
      });
    } catch (error) {
      if (error instanceof RemoteProviderError && (error.kind === "timeout" || error.kind === "network")) circuit.failure();
      else if (error instanceof RemoteProviderError) circuit.success();
      else circuit.release();
      throw error;
    }
    const { status } = response;
    if (status === 429 || status >= 500) {
      const delay = requestedDelayMs(response.headers, clock());
      circuit.failure(delay);
      const wait = delay !== undefined ? ` (asked to wait ${delay} ms)` : "";
      throw new RemoteProviderError("http", `${definition.service} answered HTTP ${status}${status === 429 ? ": rate limited" : ""}${wait}`, status);
    }
    circuit.success();
    if (status === 202) return [];
    if (status === 404) {
      cache.set(key, { kind: "not-found" });
      return [];
    }
    if (status !== 200) {
      throw new RemoteProviderError("http", `${definition.service} answered HTTP ${status}: ${definition.refusal(status)}`, status);
    }
    const answer = definition.read(response.body, now.toISOString());
    if (answer.kind === "pending") return [];
    cache.set(key, answer);
    return fromCache(answer);
  }

  return {
    name: definition.name,
    description: definition.description,
    fields: definition.fields,
    timeBudgetMs: definition.timeoutMs + 50,
    thirdParty: true,
    remote: true,
    circuit,
    cached(input) {
      const key = definition.keyOf(input);
      if (key === null) return undefined;
      const entry = cache.get(key);
      return entry && fromCache(entry);
    },
    async lookup(input, { signal, now }) {
      const key = definition.keyOf(input);
      if (key === null) return [];
      const hit = cache.get(key);
      if (hit) return fromCache(hit);
      signal.throwIfAborted();
      let shared = inFlight.get(key);
      if (!shared) {
        const asking = ask(key, now).finally(() => inFlight.delete(key));
        // Whoever asked may have given up (the runner's budget): the outcome is still heard here.
        asking.catch(() => {});
        inFlight.set(key, asking);
        shared = asking;
      }
      return untilAborted(shared, signal);
    },
  };
}

/** The promise's outcome, or the signal's reason as soon as it fires (the promise goes on). */
async function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  let onAbort = () => {};
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(signal.reason as Error);
    signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([promise, aborted]);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

/** The text of a JSON value when it is a non-empty string; a number or array is kept as it is for the runner to judge. */
export function textOrRaw(value: unknown): string | number | undefined {
  if (typeof value === "string") {
    const trimmed = value.trim();
    return trimmed === "" ? undefined : trimmed;
  }
  if (typeof value === "number") return value;
  return undefined;
}

/**
 * A web address with a scheme: services (PDL) give `linkedin.com/in/x` or `www.acme.com`, which
 * Authgear's `url` type refuses; `https://` is put in front of a value without one. The runner
 * then checks the result with Authgear's rule (a value that is still not a URL is dropped there).
 */
export function withScheme(value: unknown): string | number | undefined {
  const text = textOrRaw(value);
  if (typeof text !== "string") return text;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return text;
  return `https://${text.replace(/^\/+/, "")}`;
}

/** A company website from a bare domain: `acme.com` → `https://acme.com`. */
export function websiteOfDomain(domain: unknown): string | undefined {
  if (typeof domain !== "string" || !/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(domain.trim())) return undefined;
  return `https://${domain.trim().toLowerCase()}`;
}

/**
 * An employee count from a number or a range: "51-200" → its midpoint rounded (126), "10001+" →
 * its lower bound (10001), "1-10" → 6, a whole number as it is. Anything else is kept as it is
 * (for the runner to refuse as "not an integer").
 */
export function employeeCount(value: unknown): string | number | undefined {
  if (typeof value === "number") return value;
  if (typeof value !== "string") return undefined;
  const text = value.trim().replace(/,/g, "");
  if (text === "") return undefined;
  const range = /^(\d+)\s*[-–]\s*(\d+)$/.exec(text);
  if (range) {
    const low = Number(range[1]);
    const high = Number(range[2]);
    if (high >= low) return Math.round((low + high) / 2);
  }
  const open = /^(\d+)\s*\+$/.exec(text);
  if (open) return Number(open[1]);
  if (/^\d+$/.test(text)) return Number(text);
  return value;
}

/** A year as a number: 2014 or "2014" → 2014; anything else kept as it is (for the runner to refuse). */
export function yearOf(value: unknown): string | number | undefined {
  if (typeof value === "string" && /^\s*\d{4}\s*$/.test(value)) return Number(value);
  return textOrRaw(value);
}

/** Builds observations from candidates, skipping absent ones (undefined). */
export function observations(
  candidates: ReadonlyArray<readonly [field: string, value: string | number | undefined]>,
  confidence: number,
  observedAt: string,
  basis: string,
): Observation[] {
  const out: Observation[] = [];
  for (const [field, value] of candidates) {
    if (value === undefined) continue;
    out.push({ field, value, confidence, observedAt, basis });
  }
  return out;
}

/** The lookup key of a person provider: the verified email, trimmed and lower-cased; null without a usable one. */
export function emailKey(input: EnrichmentInput): string | null {
  const email = input.email?.trim().toLowerCase();
  if (!email || email.length > 254) return null;
  const at = email.lastIndexOf("@");
  if (at < 1 || at === email.length - 1 || /\s/.test(email)) return null;
  return email;
}

/**
 * The lookup key of a company provider: the registrable domain (Public Suffix List, ASCII form) of
 * a WORK address, as the work-email provider tells them (lib/enrichment/work-email.ts); null for a
 * free or disposable address, or none: a company service is never asked about gmail.com, and
 * `ana@mail.acme.co.uk` asks about `acme.co.uk`.
 */
export function workDomainKey(input: EnrichmentInput): string | null {
  const email = emailKey(input);
  if (email === null) return null;
  const classified = classifyEmailAddress(email);
  return classified?.type === "work" ? classified.domain : null;
}

