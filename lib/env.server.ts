/**
 * The app's environment, parsed once with zod on first use (`env()`), with messages that name the
 * variable and say how to fix it. Defaults run the app against the local emulator with no setup.
 * See .env.example for what each variable means on a real Authgear project. Enrichment settings
 * (TRUSTED_PROXY_HOPS, DEV_SIMULATED_IP, IPGEOLOCATION_*, ENRICHMENT_*) are parsed beside their
 * code, in lib/enrichment/env.server.ts.
 */
import "server-only";
import { z } from "zod";

/** An unset variable and an empty one (`FOO=` copied from .env.example) mean the same: not set. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

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

export const envSchema = z
  .object({
    AUTHGEAR_ENDPOINT: optional(z.string())
      .transform((v) => (v ?? "http://localhost:3001").trim().replace(/\/+$/, ""))
      .superRefine((v, ctx) => {
        const problem = originProblem(v);
        if (problem) {
          ctx.addIssue({
            code: "custom",
            message: `"${v}" ${problem}. Set it to your Authgear project's endpoint, e.g. https://myapp.authgear.cloud, or unset it to use the local emulator (http://localhost:3001).`,
          });
        }
      }),
    AUTHGEAR_CLIENT_ID: optional(z.string().trim().min(1)).transform((v) => v ?? "gradual-web"),
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
      .pipe(
        z.enum(["allow", "reject"], {
          error: (issue) =>
            `must be "allow" (the default: a blocking event with a bad signature is allowed without enrichment, sign-ups go on) or "reject" (401: Authgear then fails that sign-up); got "${String(issue.input)}"`,
        }),
      ),
    EMULATOR_DATA_DIR: optional(z.string()).transform((v) => v ?? ".data/emulator"),
    SQLITE_PATH: optional(z.string()).transform((v) => v ?? ".data/gradual.sqlite"),
  })
  .superRefine((env, ctx) => {
    // The Admin API needs the key, its ID and the project ID together; a half-configured key is a
    // mistake, not a request to fall back to the emulator's key.
    if (env.AUTHGEAR_ADMIN_API_KEY === undefined && env.AUTHGEAR_ADMIN_API_KEY_ID === undefined) return;
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
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  override name = "EnvError";
  constructor(readonly problems: readonly string[]) {
    super(`Invalid environment (see .env.example):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Parses an environment (process.env by default); throws EnvError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  throw new EnvError(
    result.error.issues.map((issue) => {
      const name = issue.path[0];
      return typeof name === "string" ? `${name} ${issue.message}` : issue.message;
    }),
  );
}

let parsed: Env | undefined;

/** The process environment, parsed on first call and then reused. */
export function env(): Env {
  parsed ??= parseEnv(process.env);
  return parsed;
}

/** What the browser may know: the Authgear endpoint and the public OAuth client ID. */
export function publicAuthgearConfig(): { endpoint: string; clientID: string } {
  const { AUTHGEAR_ENDPOINT, AUTHGEAR_CLIENT_ID } = env();
  return { endpoint: AUTHGEAR_ENDPOINT, clientID: AUTHGEAR_CLIENT_ID };
}
