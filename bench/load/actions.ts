"use server";
/**
 * A bench-only Server Action, compiled into the load build alone (bench/load/profile.config.ts):
 * profile edits through the profile service's `saveValues(sub, values)` (the composition root's, as
 * the app's `createGradual` builds it), the same save path as the
 * prompt (per-user lock, Admin API re-read, merge, whole-object write). The checks use it for many
 * submissions on one user at once, each on a different attribute: a prompt offers at most three
 * questions per login, so the prompt alone cannot give 100 concurrent saves for one user.
 */
import { z } from "zod";
import { authenticatedAction } from "@/lib/actions/authenticated-action.server";
import { createServices } from "@/lib/server/services.server";
import { profileCatalog } from "@/profile.config";

const saveLoadValuesSchema = z
  .object({ values: z.record(z.string().min(1).max(64), z.union([z.string(), z.number(), z.null()])) })
  .strict();

/** Saves `values` for the caller (null clears an attribute). */
// Built on use: profile.config.ts imports this module, so the catalog is not there yet at import.
const services = () => createServices(profileCatalog, process.env);

export const saveLoadValues = authenticatedAction(
  saveLoadValuesSchema,
  async (user, input) => (await services().profile()).saveValues(user.sub, input.values),
  { verify: (token) => services().verify(token) },
);
