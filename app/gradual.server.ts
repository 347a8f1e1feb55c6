import "server-only";
/**
 * This app's one `createGradual` call: the kit's server side over this app's catalog and enrichment
 * providers, everything else from the environment (.env.example). The Server Actions
 * (app/actions.ts), the webhook route and the layout's Authgear config come from here.
 */
import { createGradual } from "@gradual/kit/server";
import { enrichment } from "@/enrichment.config";
import { profileCatalog } from "@/profile.config";

export const gradual = createGradual({ catalog: profileCatalog, enrichment });
