import "server-only";
/**
 * The one mapping of an Admin API failure to what the user is told: Authgear was unreachable or
 * failed (try again) or refused the request (a configuration problem on our side). The services
 * use it where they catch; `authenticatedAction` uses it for any AdminApiError an action lets through.
 */
import type { AdminApiError } from "@/lib/authgear/admin-api.server";
import { failure } from "./result";

const UNAVAILABLE = "We couldn't reach the profile service, so nothing was saved. Your answers are still here: try again in a moment.";
const REFUSED = "The profile service refused the request, so nothing was saved. Your answers are still here; if this keeps happening, contact support.";

export function adminFailure(error: AdminApiError) {
  return error.kind === "server" || error.kind === "timeout" || error.kind === "network" ? failure("authgear_unavailable", UNAVAILABLE) : failure("authgear_refused", REFUSED);
}
