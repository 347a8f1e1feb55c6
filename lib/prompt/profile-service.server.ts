import "server-only";
import { profileCatalog } from "@/profile.config";
import { adminApi } from "@/lib/authgear/admin-api.server";
import { database } from "@/lib/db/database.server";
import { createStore } from "@/lib/db/store.server";
import { serverNow } from "@/lib/test-clock.server";
import { enrichWithServerProviders } from "@/lib/enrichment/providers.server";
import { createProfileService, type ProfileService } from "./service.server";

let shared: Promise<ProfileService> | undefined;

/** The process-wide profile service over this app's catalog, state store, Admin API and enrichment. */
export function profileService(): Promise<ProfileService> {
  shared ??= database().then((db) =>
    createProfileService({
      catalog: profileCatalog,
      store: createStore(db),
      admin: adminApi(),
      enrich: enrichWithServerProviders,
      now: serverNow,
    }),
  );
  shared.catch(() => {
    shared = undefined;
  });
  return shared;
}
