import "server-only";
/**
 * The profile page's server side, over injected I/O (like service.server.ts): read the user's
 * account view, and the privacy controls that are the store's alone (undo "Don't ask again",
 * enrichment opt-out), and the language the user chose (their Authgear `locale` standard
 * attribute). Edits of custom attributes go through `ProfileService.saveValues`, THE save path;
 * consent to third-party sources through `ProfileService.setConsent` (it starts their lookups).
 */
import type { AdminApiClient } from "@/lib/authgear/admin-api.server";
import type { Store } from "@/lib/db/store.server";
import { accountView, type AccountProviderInfo, type AccountView } from "./account";
import type { ProfileCatalog } from "../catalog/catalog";
import { failure, type ActionResult } from "@/lib/actions/result";
import { isLocale, type Locale } from "@/lib/i18n/locales";

export interface AccountServiceDeps {
  catalog: ProfileCatalog;
  store: Pick<
    Store,
    "provenance" | "questionStates" | "enrichmentOptOut" | "setEnrichmentOptOut" | "undoDecline" | "withUserLock" | "enrichmentRuns" | "enrichmentConsent"
  >;
  admin: Pick<AdminApiClient, "getUser" | "updateStandardAttributes">;
  now(): number;
  /** The providers the app builds (enrichment.config.ts), for the sources /profile lists. Default none. */
  providers?: readonly AccountProviderInfo[];
}

const UNKNOWN_USER = "We couldn't find your account. Sign out and sign in again.";

export function createAccountService(deps: AccountServiceDeps) {
  const { catalog, store, admin } = deps;

  /** The account view. Admin API failures propagate: `authenticatedAction` maps them (lib/actions/admin-failure.server.ts). */
  async function view(sub: string): Promise<ActionResult<{ view: AccountView }>> {
    const [user, provenance, states, optOut, runs, consent] = await Promise.all([
      admin.getUser(sub),
      store.provenance(sub),
      store.questionStates(sub),
      store.enrichmentOptOut(sub),
      store.enrichmentRuns(sub),
      store.enrichmentConsent(sub),
    ]);
    if (!user) return failure("unauthenticated", UNKNOWN_USER);
    const declined = Object.fromEntries(states.map((s) => [s.attribute, s.declinedAt]));
    return {
      ok: true,
      view: accountView({ sub, catalog, attributes: user.customAttributes, provenance, declined, enrichmentOptOut: optOut, providers: deps.providers ?? [], runs, consent }),
    };
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

    /**
     * Saves the language the user chose in the language menu as their Authgear `locale` standard
     * attribute, so Authgear's own pages and messages follow (issue 16, ADR 019). Only a shipped
     * locale is written. Authgear's updateUser replaces the whole standard-attributes object, so
     * under the user's save lock (the one every custom-attribute save holds) it re-reads the user,
     * changes `locale` alone and writes the whole object back; custom attributes are not part of
     * the write. Nothing is written when Authgear already has that locale. Admin API failures
     * propagate (`authenticatedAction` maps them).
     */
    async chooseLocale(sub: string, locale: string): Promise<ActionResult<{ locale: Locale; changed: boolean }>> {
      if (!isLocale(locale)) {
        return failure("invalid_input", "That is not a language this app offers.", { locale: "Not a language this app offers" });
      }
      const changed = await store.withUserLock(sub, async () => {
        const user = await admin.getUser(sub);
        if (!user) return null;
        if (user.standardAttributes.locale === locale) return false;
        await admin.updateStandardAttributes(sub, { ...user.standardAttributes, locale });
        return true;
      });
      if (changed === null) return failure("unauthenticated", UNKNOWN_USER);
      return { ok: true, locale, changed };
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
