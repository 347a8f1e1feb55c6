/** What every emulator handler shares: config, state, secrets, hooks, origin, logger, clock. */
import type { IncomingMessage } from "node:http";
import type { KeyObject } from "node:crypto";
import type { ResolvedConfig } from "./config";
import type { HookDispatcher, Logger } from "./hooks";
import type { EmulatorSecrets } from "./keys";
import type { Store } from "./store";

export interface Runtime {
  config: ResolvedConfig;
  store: Store;
  secrets: EmulatorSecrets;
  /** Public half of the OAuth signing key (verifies our own JWT access tokens). */
  signingPublicKey: KeyObject;
  hooks: HookDispatcher;
  /** The issuer, e.g. http://localhost:3001 (no trailing slash). */
  origin: string;
  logger: Logger;
  now(): Date;
}

/** Authgear's `audit_context` of an event: where the request came from. */
export function auditContext(rt: Runtime, req: IncomingMessage): Record<string, unknown> {
  const out: Record<string, unknown> = { http_url: `${rt.origin}${req.url ?? "/"}` };
  if (typeof req.headers.referer === "string") out.http_referer = req.headers.referer;
  return out;
}
