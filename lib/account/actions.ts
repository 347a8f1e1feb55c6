"use server";
/**
 * The /profile page's Server Actions (the signed-in user's own data), each behind
 * `authenticatedAction`: the Authgear access token first, the input parsed with zod. Edits go
 * through the profile service's `saveValues` (the prompt's save path: catalog schemas, lock,
 * re-read, merge, whole-object write, provenance).
 */
import { z } from "zod";
import { adminApi } from "@/lib/authgear/admin-api.server";
import { store } from "@/lib/db/store.server";
import { profileCatalog } from "@/profile.config";
import { createAccountService, type AccountService } from "./account-service.server";
import { authenticatedAction } from "../actions/authenticated-action.server";
import { profileService } from "../prompt/profile-service.server";
import { serverNow } from "@/lib/test-clock.server";

let shared: Promise<AccountService> | undefined;
function accountService() {
  shared ??= store().then((s) => createAccountService({ catalog: profileCatalog, store: s, admin: adminApi(), now: serverNow }));
  shared.catch(() => {
    shared = undefined;
  });
  return shared;
}

const attributeName = z.string().min(1).max(64);

/** The signed-in user's profile: every catalog attribute, its value, source and "Don't ask again" state. */
export const getMyProfile = authenticatedAction(z.object({}).strict(), async (user) => (await accountService()).view(user.sub));

/**
 * Saves (or, with null, clears) values of catalog attributes. Validated with the catalog's schemas
 * on the server again; returns the fresh view.
 */
export const saveMyProfileValues = authenticatedAction(
  z.object({ values: z.record(attributeName, z.union([z.string(), z.number(), z.null()])) }).strict(),
  async (user, input) => {
    if (Object.keys(input.values).length === 0) return (await accountService()).view(user.sub);
    const saved = await (await profileService()).saveValues(user.sub, input.values);
    if (!saved.ok) return saved;
    return (await accountService()).view(user.sub);
  },
);

/** Undoes "Don't ask again" for one attribute: the prompt may ask it again. */
export const undoMyDecline = authenticatedAction(z.object({ attribute: attributeName }).strict(), async (user, input) =>
  (await accountService()).undoDecline(user.sub, input.attribute),
);

/** Turns enrichment off (true) or on (false) for the signed-in user. */
export const setMyEnrichmentOptOut = authenticatedAction(z.object({ optOut: z.boolean() }).strict(), async (user, input) =>
  (await accountService()).setEnrichmentOptOut(user.sub, input.optOut),
);
