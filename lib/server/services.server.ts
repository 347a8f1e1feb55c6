import "server-only";
/**
 * THE composition root: the one place that builds the kit's server side from its settings. Each
 * piece is remembered (./remember.server.ts) under a name that says what it was built from, so it
 * is built once per process and target however many times `createGradual` (lib/kit/server.ts)
 * runs and however many bundle chunks Next.js made: one database and one store (with its per-user
 * save locks) per database target, one Admin API client per endpoint, key and bundle chunk, one set of
 * enrichment providers per enrichment settings; and, per catalog over those, one profile service,
 * one account service, one set of webhook dependencies, one set of admin queries.
 *
 * Settings are read on first use (never at import: a build or a test that never calls the server
 * needs no environment), through the one environment module (lib/env.server.ts).
 */
import { resolve } from "node:path";
import { cachedLoad } from "@/lib/cached-load";
import { createAccountService, type AccountService } from "@/lib/account/account-service.server";
import { createAdminQueries, type AdminQueries } from "@/lib/admin/queries.server";
import { createConfigProblemReporter, type ConfigProblemReporter } from "@/lib/admin/config-problems";
import { createAdminApiClient, type AdminApiClient } from "@/lib/authgear/admin-api.server";
import { loadAdminApiKey, type AdminApiKey } from "@/lib/authgear/admin-key.server";
import { verifyAccessToken, type AccessTokenVerification } from "@/lib/authgear/verify-access-token.server";
import type { ProfileCatalog } from "@/lib/catalog/catalog";
import { openDatabase, type AppDatabase, type DatabaseTarget } from "@/lib/db/database.server";
import { createStore, type Store } from "@/lib/db/store.server";
import { clientIpFromHeaders } from "@/lib/enrichment/client-ip.server";
import { defaultEnrichment, type EnrichmentConfig } from "@/lib/enrichment/config";
import { catalogRequiresConsent } from "@/lib/enrichment/select";
import { buildEnrichmentProviders, createEnrichmentService, type EnrichmentService } from "@/lib/enrichment/providers.server";
import { enrichmentSettingsOf, parseSettings, type EnrichmentSettings, type EnvSource, type Settings } from "@/lib/env.server";
import { createServerClock } from "@/lib/test-clock.server";
import { createProfileService, type ProfileService } from "@/lib/prompt/service.server";
import type { HookDeps } from "@/lib/webhook/handler.server";
import { PendingProvenance } from "@/lib/webhook/pending-provenance";
import { ReplayGuard } from "@/lib/webhook/replay-guard";
import { createWebhookSecretSource, loadWebhookSecret } from "@/lib/webhook/webhook-secret.server";
import { objectId, remember } from "./remember.server";

/** A name for a database target: the same file or URL, the same name. */
function targetName(target: DatabaseTarget): string {
  return target.engine === "sqlite" ? `sqlite:${target.path === ":memory:" ? ":memory:" : resolve(target.path)}` : target.url;
}

/** The database `target` names, opened and migrated once per process. */
export function databaseFor(target: DatabaseTarget): Promise<AppDatabase> {
  return remember(`database ${targetName(target)}`, () => openDatabase(target));
}

/** The one store over `target`'s database (and so the one set of per-user save locks). */
export function storeFor(target: DatabaseTarget): Promise<Store> {
  return remember(`store ${targetName(target)}`, async () => createStore(await databaseFor(target)));
}

export type Clock = () => number;

/**
 * This copy of the module. In development the services built from the kit's code (not the
 * database, the store and the clients, which hold connections and locks) are remembered per copy:
 * after a hot reload the new code builds its own, instead of the registry handing back closures of
 * the old code. In production they are the process's (one per target, whatever chunk asks).
 */
const THIS_COPY = objectId({});

/** The kit's server side for one catalog over one environment (see the file comment). */
export function createServices<A extends string>(catalog: ProfileCatalog<A>, source: EnvSource, clock?: Clock, enrichmentConfig: EnrichmentConfig = defaultEnrichment) {
  let parsed: Settings | undefined;
  /** The settings, parsed on first use; throws EnvError listing every problem. */
  const settings = (): Settings => (parsed ??= parseSettings(source));

  /** The real clock, or the e2e test clock when GRADUAL_TEST_CLOCK says so: one per clock file. */
  const serverClockName = () => `clock ${settings().clockFile ?? "real"}`;
  const serverClock = () => remember(serverClockName(), () => createServerClock(settings().clockFile));
  const now: Clock = clock ?? (() => serverClock()());

  const authgearName = () => {
    const e = settings();
    return JSON.stringify([e.AUTHGEAR_ENDPOINT, e.AUTHGEAR_ADMIN_API_KEY, e.AUTHGEAR_ADMIN_API_KEY_ID, e.AUTHGEAR_PROJECT_ID, e.EMULATOR_DATA_DIR]);
  };
  const clockName = () => (clock ? `clock#${objectId(clock)}` : serverClockName());
  const catalogName = () => `catalog#${objectId(catalog)}${settings().NODE_ENV === "development" ? ` copy#${THIS_COPY}` : ""}`;
  const storeName = () => targetName(settings().store);
  const enrichmentSettings = (): EnrichmentSettings => enrichmentSettingsOf(settings());
  // In production one set of providers per settings, whichever bundle chunk asks (an app has one
  // enrichment config; each chunk has its own copy of its object), so the remote providers' caches
  // and circuit breakers are the process's. Elsewhere (tests, development) the config object names it too.
  const enrichmentName = () => {
    const e = settings();
    const config = e.NODE_ENV === "production" ? "" : ` config#${objectId(enrichmentConfig)}${e.NODE_ENV === "development" ? ` copy#${THIS_COPY}` : ""}`;
    return `${JSON.stringify(enrichmentSettings())} consent:${catalogRequiresConsent(catalog)}${config}`;
  };

  const database = () => databaseFor(settings().store);
  const store = () => storeFor(settings().store);

  /**
   * One Admin API client per endpoint, key and copy of this module: Next.js bundles the webhook
   * route and the Server Actions into chunks with their own copies of the kit's modules, and a
   * service checks `error instanceof AdminApiError` against its own copy's class, so the client it
   * calls must be of the same copy (a shared one built by the webhook's copy, since user.created
   * writes through the save path, would make the prompt's Authgear failures unrecognised).
   */
  const admin = (): AdminApiClient =>
    remember(`admin-api ${authgearName()} ${clockName()} copy#${THIS_COPY}`, () => {
      const e = settings();
      const key = cachedLoad<AdminApiKey>(() => loadAdminApiKey(e));
      return createAdminApiClient({ endpoint: e.AUTHGEAR_ENDPOINT, key: key.get, onForbidden: key.forget, now });
    });

  const webhookSecret = () =>
    remember(`webhook-secret ${JSON.stringify([settings().AUTHGEAR_WEBHOOK_SECRET, settings().EMULATOR_DATA_DIR])}`, () =>
      createWebhookSecretSource(() => loadWebhookSecret(settings())),
    );

  /** The app's providers (enrichment.config.ts) over the settings, built once per process, config and settings. */
  const enrichment = (): EnrichmentService =>
    remember(`enrichment ${enrichmentName()}`, () => {
      const e = enrichmentSettings();
      return createEnrichmentService({
        providers: buildEnrichmentProviders(e, enrichmentConfig),
        budgetMs: e.ENRICHMENT_BUDGET_MS,
        consentRequired: catalogRequiresConsent(catalog),
        now,
      });
    });

  /** Configuration problems (dropped attributes, bad webhook signatures): one reporter per store, so its throttling is the process's. */
  const problems = (): ConfigProblemReporter =>
    remember(`problems ${storeName()} ${clockName()}`, () => createConfigProblemReporter({ store, log: console, now }));

  const profile = (): Promise<ProfileService> =>
    remember(`profile ${catalogName()} ${storeName()} ${authgearName()} ${enrichmentName()} ${clockName()}`, async () =>
      createProfileService({
        catalog,
        store: await store(),
        admin: admin(),
        enrich: (...args) => enrichment().run(...args),
        providers: enrichment().providers,
        now,
        problems: problems(),
      }),
    );

  const account = (): Promise<AccountService> =>
    remember(`account ${catalogName()} ${storeName()} ${authgearName()} ${enrichmentName()} ${clockName()}`, async () =>
      // The providers: /profile lists the sources that ran with their descriptions, and whether consent applies.
      createAccountService({ catalog, store: await store(), admin: admin(), now, providers: enrichment().providers }),
    );

  const adminQueries = (): Promise<AdminQueries> =>
    remember(`admin-queries ${catalogName()} ${storeName()} ${authgearName()} ${enrichmentName()} ${clockName()}`, async () =>
      createAdminQueries({ catalog, db: await database(), store: await store(), admin: admin(), profile: await profile(), now }),
    );

  /** The webhook's dependencies; each piece resolved on use, so an environment problem is that request's error, not the import's. */
  const hookDeps = (): HookDeps =>
    remember(`webhook ${catalogName()} ${storeName()} ${authgearName()} ${enrichmentName()} ${clockName()}`, (): HookDeps => ({
      secret: () => webhookSecret().secret(),
      reloadSecret: () => webhookSecret().reload(),
      store,
      save: async (...args) => (await profile()).enrichAndWrite(...args),
      enrichUser: async (...args) => (await profile()).enrichUser(...args),
      enrich: (...args) => enrichment().run(...args),
      warm: () => enrichment().warm(),
      catalog,
      now,
      pending: new PendingProvenance(),
      replay: new ReplayGuard(),
      problems: problems(),
      get badSignature() {
        return settings().AUTHGEAR_WEBHOOK_BAD_SIGNATURE;
      },
    }));

  return {
    catalog,
    settings,
    now,
    database,
    store,
    admin,
    profile,
    account,
    adminQueries,
    hookDeps,
    /** The server's enrichment (its providers, runs by phase). */
    enrichment,
    /** Verifies an access token against this environment's Authgear (endpoint, client ID, clock). */
    verify: (token: string | null): Promise<AccessTokenVerification> => {
      const e = settings();
      return verifyAccessToken(token, { endpoint: e.AUTHGEAR_ENDPOINT, clientId: e.AUTHGEAR_CLIENT_ID, now });
    },
    /** The client IP of a request, as this environment's proxy settings say. */
    clientIp: (headers: Pick<Headers, "get">): string | null => {
      const e = settings();
      return clientIpFromHeaders(headers, { trustedProxyHops: e.TRUSTED_PROXY_HOPS, devSimulatedIp: e.DEV_SIMULATED_IP, nodeEnv: e.NODE_ENV });
    },
    /** What the browser may know: the Authgear endpoint and the public OAuth client ID. */
    publicAuthgearConfig: (): { endpoint: string; clientID: string } => {
      const e = settings();
      return { endpoint: e.AUTHGEAR_ENDPOINT, clientID: e.AUTHGEAR_CLIENT_ID };
    },
  };
}

export type Services = ReturnType<typeof createServices>;
