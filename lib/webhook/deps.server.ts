/**
 * The webhook's real dependencies, built once per process: the webhook secret (env or the
 * emulator's file), the state store, the Admin API client, this server's enrichment providers
 * (with the geo database loaded ahead of the first lookup), the catalog and the clock.
 */
import "server-only";
import { adminApi } from "@/lib/authgear/admin-api.server";
import { env } from "@/lib/env.server";
import { database } from "@/lib/db/database.server";
import { createStore, type Store } from "@/lib/db/store.server";
import { enrichWithServerProviders, warmEnrichment } from "@/lib/enrichment/providers.server";
import { profileCatalog } from "@/profile.config";
import type { HookDeps } from "./handler.server";
import { PendingProvenance } from "./pending-provenance";
import { ReplayGuard } from "./replay-guard";
import { reloadWebhookSecret, webhookSecret } from "./webhook-secret.server";
import { serverNow } from "@/lib/test-clock.server";

let store: Promise<Store> | undefined;

function hookStore(): Promise<Store> {
  store ??= database().then(createStore);
  store.catch(() => {
    store = undefined;
  });
  return store;
}

let deps: HookDeps | undefined;

export function hookDeps(): HookDeps {
  deps ??= {
    secret: webhookSecret,
    reloadSecret: reloadWebhookSecret,
    store: hookStore,
    // Resolved on use, so an environment problem surfaces as that call's error, not at import.
    admin: {
      getUser: (...args) => adminApi().getUser(...args),
      updateCustomAttributes: (...args) => adminApi().updateCustomAttributes(...args),
    },
    enrich: enrichWithServerProviders,
    warm: warmEnrichment,
    catalog: profileCatalog,
    now: serverNow,
    pending: new PendingProvenance(),
    replay: new ReplayGuard(),
    // Read on use, like the Admin API client: a bad value surfaces on the request that needs it.
    get badSignature() {
      return env().AUTHGEAR_WEBHOOK_BAD_SIGNATURE;
    },
  };
  return deps;
}
