/**
 * The environment's defaults and its one "blank means unset" rule, isomorphic so that the proxy
 * (proxy.ts, lib/security/csp.ts), which must not load the server's environment module, reads
 * AUTHGEAR_ENDPOINT exactly as lib/env.server.ts does. Everything else about the environment is
 * in lib/env.server.ts.
 */

/** With nothing set, the app runs against the local emulator (`npm run dev`) and a SQLite file. */
export const ENV_DEFAULTS = {
  AUTHGEAR_ENDPOINT: "http://localhost:3001",
  AUTHGEAR_CLIENT_ID: "gradual-web",
  EMULATOR_DATA_DIR: ".data/emulator",
  SQLITE_PATH: ".data/gradual.sqlite",
} as const;

/** An unset variable and an empty one (`FOO=` copied from .env.example, or only spaces) mean the same: not set. */
export function unsetWhenBlank<T>(value: T): T | undefined {
  return typeof value === "string" && value.trim() === "" ? undefined : value;
}
