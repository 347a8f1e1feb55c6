import "server-only";
/**
 * The profile page's server side, over injected I/O (like service.server.ts): read the user's
 * account view, and the privacy controls that are the store's alone (undo "Don't ask again",
 * enrichment opt-out). Edits go through `ProfileService.saveValues`, THE save path.
 */
import { AdminApiError, type AdminApiClient } from "@/lib/authgear/admin-api.server";
import type { Store } from "@/lib/db/store.server";
import { accountView, type AccountView } from "./account";
import type { ProfileCatalog } from "../catalog/catalog";
import { failure, type ActionResult } from "@/lib/actions/result";
import { adminFailure } from "@/lib/actions/admin-failure.server";

export interface AccountServiceDeps {
  catalog: ProfileCatalog;
  store: Pick<Store, "provenance" | "questionStates" | "enrichmentOptOut" | "setEnrichmentOptOut" | "undoDecline">;
  admin: Pick<AdminApiClient, "getUser">;
  now(): number;
  log?: Pick<Console, "warn">;
}

const UNKNOWN_USER = "We couldn't find your account. Sign out and sign in again.";

export function createAccountService(deps: AccountServiceDeps) {
  const { catalog, store, admin } = deps;
  const log = deps.log ?? console;

  async function view(sub: string): Promise<ActionResult<{ view: AccountView }>> {
    try {
      const [user, provenance, states, optOut] = await Promise.all([
        admin.getUser(sub),
        store.provenance(sub),
        store.questionStates(sub),
        store.enrichmentOptOut(sub),
      ]);
      if (!user) return failure("unauthenticated", UNKNOWN_USER);
      const declined = Object.fromEntries(states.map((s) => [s.attribute, s.declinedAt]));
      return { ok: true, view: accountView({ sub, catalog, attributes: user.customAttributes, provenance, declined, enrichmentOptOut: optOut }) };
    } catch (error) {
      if (error instanceof AdminApiError) {
        log.warn(`[gradual] profile page for ${sub}: Admin API ${error.kind}: ${error.message}`);
        return adminFailure(error);
      }
      throw error;
    }
  }

  return {
    view,

    /** Undoes "Don't ask again" for one catalog attribute; returns the fresh view. */
    async undoDecline(sub: string, attribute: string): Promise<ActionResult<{ view: AccountView }>> {
      if (!catalog.questions.some((q) => q.attribute === attribute)) {
        return failure("invalid_input", "That is not one of the profile's questions.", { attribute: "Not a profile question" });
      }
      await store.undoDecline(sub, attribute, deps.now());
      return view(sub);
    },

    /** Turns enrichment off (or back on) for this user; returns the fresh view. */
    async setEnrichmentOptOut(sub: string, optOut: boolean): Promise<ActionResult<{ view: AccountView }>> {
      await store.setEnrichmentOptOut(sub, optOut, deps.now());
      return view(sub);
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
