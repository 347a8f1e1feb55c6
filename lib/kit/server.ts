import "server-only";
/**
 * `@gradual/kit/server`: the kit's server side for an app. One call, in a server module of the app:
 *
 *   // app/gradual.server.ts
 *   export const gradual = createGradual({ catalog: profileCatalog, enrichment });
 *
 * (`enrichment` from the app's enrichment.config.ts, `defineEnrichment` of `@gradual/kit/enrichment`;
 * without it the location providers run.)
 * then the app re-exports `gradual.actions` from its own "use server" file and serves
 * `gradual.webhook` at POST /api/authgear/hooks. Every option is optional but the catalog: what is
 * unset is read from the environment (AUTHGEAR_*, DATABASE_URL / SQLITE_PATH, ENRICHMENT_*, ...,
 * see .env.example) through the kit's one environment module, with the same checks and messages;
 * an option given is checked by the same rules, as if it were its variable.
 *
 * Calling `createGradual` more than once (the app's modules are duplicated across Next.js's bundle
 * chunks) builds nothing twice: the composition root (lib/server/services.server.ts) remembers
 * the database, the store and its per-user locks, the clients and the services per process and target.
 */
import type { ProfileCatalog } from "@/lib/catalog/catalog";
import { isEnrichmentConfig, type EnrichmentConfig } from "@/lib/enrichment/config";
import type { EnvSource } from "@/lib/env.server";
import { createActions, type GradualActions } from "@/lib/server/actions.server";
import { createServices } from "@/lib/server/services.server";
import { createWebhookRoute } from "@/lib/webhook/route.server";

export interface GradualOptions<A extends string = string> {
  /** The questions (`defineProfileCatalog` from `@gradual/kit/catalog`). */
  catalog: ProfileCatalog<A>;
  /** Authgear; each unset field is its variable's value (default: the local emulator). */
  authgear?: {
    /** AUTHGEAR_ENDPOINT: the project's origin, e.g. https://myapp.authgear.cloud. */
    endpoint?: string;
    /** AUTHGEAR_CLIENT_ID: the public OAuth client the browser signs in with. */
    clientId?: string;
    /** AUTHGEAR_PROJECT_ID, AUTHGEAR_ADMIN_API_KEY (the PEM), AUTHGEAR_ADMIN_API_KEY_ID: all three, or none (the emulator's key). */
    projectId?: string;
    adminApiKey?: string;
    adminApiKeyId?: string;
    /** AUTHGEAR_WEBHOOK_SECRET: the hooks' signing secret. */
    webhookSecret?: string;
    /** AUTHGEAR_WEBHOOK_BAD_SIGNATURE: what a request that does not verify gets (ADR 015). */
    webhookBadSignature?: "allow" | "reject";
    /** EMULATOR_DATA_DIR: where the local emulator writes its key and secret. */
    emulatorDataDir?: string;
  };
  /** The state store: DATABASE_URL (postgres://… or sqlite:<path>), else SQLite at SQLITE_PATH. */
  store?: { databaseUrl?: string; sqlitePath?: string };
  /**
   * The app's enrichment providers: `defineEnrichment((env) => [...])` from `@gradual/kit/enrichment`,
   * usually exported by enrichment.config.ts. Default: the location providers (`locationProviders(env)`).
   */
  enrichment?: EnrichmentConfig;
  /** Enrichment settings: ENRICHMENT_PROVIDERS (names the config builds, in priority order; [] turns it off), ENRICHMENT_BUDGET_MS, GEOIP_DB_DIR, IPGEOLOCATION_API_KEY, TRUSTED_PROXY_HOPS. */
  enrichmentSettings?: {
    providers?: readonly string[];
    budgetMs?: number;
    geoipDir?: string;
    ipgeolocationApiKey?: string;
    trustedProxyHops?: number;
  };
  /** The clock (epoch ms); default the real one (or the e2e test clock, GRADUAL_TEST_CLOCK). */
  now?: () => number;
}

export interface Gradual {
  /**
   * The Server Actions, as plain async functions `(accessToken, input) => Promise<ActionResult<…>>`:
   * re-export them from the app's own "use server" file.
   */
  actions: GradualActions;
  /** The webhook's route handler: `export const POST = gradual.webhook` (runtime "nodejs", dynamic "force-dynamic"). */
  webhook: (request: Request) => Promise<Response>;
  /** What the browser may know (the Authgear endpoint and the public client ID), for `AuthgearProvider`'s `config`. */
  publicAuthgearConfig: () => { endpoint: string; clientID: string };
}

/** The options as the variables they stand for (an option given wins over its variable). */
function asVariables(options: GradualOptions): Record<string, string> {
  const vars: Record<string, string | number | undefined> = {
    AUTHGEAR_ENDPOINT: options.authgear?.endpoint,
    AUTHGEAR_CLIENT_ID: options.authgear?.clientId,
    AUTHGEAR_PROJECT_ID: options.authgear?.projectId,
    AUTHGEAR_ADMIN_API_KEY: options.authgear?.adminApiKey,
    AUTHGEAR_ADMIN_API_KEY_ID: options.authgear?.adminApiKeyId,
    AUTHGEAR_WEBHOOK_SECRET: options.authgear?.webhookSecret,
    AUTHGEAR_WEBHOOK_BAD_SIGNATURE: options.authgear?.webhookBadSignature,
    EMULATOR_DATA_DIR: options.authgear?.emulatorDataDir,
    DATABASE_URL: options.store?.databaseUrl,
    SQLITE_PATH: options.store?.sqlitePath,
    ENRICHMENT_PROVIDERS: options.enrichmentSettings?.providers === undefined ? undefined : options.enrichmentSettings.providers.length === 0 ? "none" : options.enrichmentSettings.providers.join(","),
    ENRICHMENT_BUDGET_MS: options.enrichmentSettings?.budgetMs,
    GEOIP_DB_DIR: options.enrichmentSettings?.geoipDir,
    IPGEOLOCATION_API_KEY: options.enrichmentSettings?.ipgeolocationApiKey,
    TRUSTED_PROXY_HOPS: options.enrichmentSettings?.trustedProxyHops,
  };
  return Object.fromEntries(Object.entries(vars).flatMap(([name, value]) => (value === undefined ? [] : [[name, String(value)]])));
}

export function createGradual<A extends string>(options: GradualOptions<A>): Gradual {
  const overrides = asVariables(options);
  // process.env is read when the settings are first needed (a request), not now: a build needs none.
  const source: EnvSource = Object.keys(overrides).length === 0 ? process.env : new Proxy(overrides, { get: (o, name: string) => o[name] ?? process.env[name] });
  if (options.enrichment !== undefined && !isEnrichmentConfig(options.enrichment)) {
    throw new TypeError("createGradual: `enrichment` must be what defineEnrichment((env) => [...providers]) returns (@gradual/kit/enrichment)");
  }
  const services = createServices(options.catalog, source, options.now, options.enrichment);
  return {
    actions: createActions(services),
    webhook: createWebhookRoute(services.hookDeps),
    publicAuthgearConfig: services.publicAuthgearConfig,
  };
}

export type { GradualActions } from "@/lib/server/actions.server";
export { ACTION_ERROR_CODES, type ActionError, type ActionErrorCode, type ActionResult } from "@/lib/actions/result";
export type { ProfilePromptView, PromptQuestion, SubmitOutcome, PromptRequest, SubmitRequest, DismissRequest } from "@/lib/prompt/prompt-types";
export type { AccountView, AccountAttribute } from "@/lib/account/account";
export type { EnrichmentConfig } from "@/lib/enrichment/config";

// Locales and messages (issue 16, ADR 019): the request's locale, the kit's messages in it, a loader for the app's own.
export { requestLocale } from "@/lib/i18n/request.server";
export { negotiateLocale, type LocaleSource, type LocaleSources } from "@/lib/i18n/negotiate";
export { compileMessages, createMessageLoader, loadKitMessages, type MessageCatalogs, type MessageLoader } from "@/lib/i18n/messages.server";
