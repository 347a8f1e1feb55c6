/**
 * What `@/profile.config` resolves to in the load build (GRADUAL_PROFILE_CONFIG=bench/load/profile.config.ts,
 * see next.config.mjs): the generated load catalog under the name the app imports, plus the
 * bench-only profile-edit action (bench/load/actions.ts).
 *
 * The action must be reachable from the pages' client code for Next to register it with the pages
 * (an unused re-export is dropped by the bundler), so this module hands it to a global in the load
 * build only. The default build never imports this file.
 */
import { saveLoadValues } from "./actions";
import { loadCatalog } from "./catalog";

export const profileCatalog = loadCatalog;
export { saveLoadValues };

(globalThis as { __gradualLoadActions?: unknown }).__gradualLoadActions = { saveLoadValues };
