import "server-only";
/**
 * The one wrapper every profile Server Action goes through: it verifies the caller's Authgear access
 * token and parses the input with zod BEFORE any logic runs, and turns unexpected failures into a
 * typed result (the error is logged, never shown, and no error page replaces the user's form).
 */
import type { z } from "zod";
import type { AccessTokenErrorCode, AccessTokenVerification } from "@/lib/authgear/verify-access-token.server";
import { AdminApiError } from "@/lib/authgear/admin-api.server";
import { isStorageError } from "@/lib/db/storage-error";
import { adminFailure } from "./admin-failure.server";
import { failure, type ActionResult } from "./result";

/** The verified caller. */
export interface ActionUser {
  sub: string;
  /** Unix seconds of the sign-in (JWT `auth_time`), when the token carries it. */
  authTime?: number;
  roles: string[];
}

const STORAGE_UNAVAILABLE =
  "We couldn't finish saving on our side just now. Your answers are still here: try again in a moment.";
const SIGN_IN_AGAIN = "Your session has ended. Sign in again to continue; your answers are kept on this device.";

function tokenMessage(code: AccessTokenErrorCode): string {
  switch (code) {
    case "jwks_unreachable":
    case "userinfo_unreachable":
      return "We couldn't check your session right now. Your answers are kept; try again in a moment.";
    default:
      return SIGN_IN_AGAIN;
  }
}

export interface AuthenticatedActionOptions {
  /** Verifies the token (the composition root's `verify`: this environment's Authgear; tests inject their own). */
  verify: (token: string | null) => Promise<AccessTokenVerification>;
  log?: Pick<Console, "error" | "warn">;
}

/**
 * `authenticatedAction(schema, fn)` → `(accessToken, input) => Promise<ActionResult<T>>`.
 * Token problems: `unauthenticated` (or `authgear_unavailable` when the keys cannot be fetched);
 * input problems: `invalid_input` with the first message per field.
 */
export function authenticatedAction<S extends z.ZodType, T extends object>(
  schema: S,
  fn: (user: ActionUser, input: z.output<S>) => Promise<ActionResult<T>>,
  options: AuthenticatedActionOptions,
): (accessToken: string, input: z.input<S>) => Promise<ActionResult<T>> {
  const verify = options.verify;
  const log = options.log ?? console;
  return async (accessToken: unknown, input: unknown) => {
    const verified = await verify(typeof accessToken === "string" ? accessToken : null);
    if (!verified.ok) {
      const unreachable = verified.code === "jwks_unreachable" || verified.code === "userinfo_unreachable";
      if (unreachable) log.warn(`[gradual] action: ${verified.code}: ${verified.message}`);
      return failure(unreachable ? "authgear_unavailable" : "unauthenticated", tokenMessage(verified.code));
    }
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path.map(String).join(".") || "(input)";
        fieldErrors[key] ??= issue.message;
      }
      return failure("invalid_input", "The request was not in the expected shape, so nothing was saved.", fieldErrors);
    }
    try {
      return await fn({ sub: verified.sub, authTime: verified.authTime, roles: verified.roles }, parsed.data);
    } catch (error) {
      if (error instanceof AdminApiError) {
        log.warn(`[gradual] action: Admin API ${error.kind}: ${error.message}`);
        return adminFailure(error);
      }
      if (isStorageError(error)) {
        log.error("[gradual] action failed: the state store is unavailable:", error);
        return failure("storage_unavailable", STORAGE_UNAVAILABLE);
      }
      log.error("[gradual] action failed:", error);
      return failure("internal", "Something went wrong on our side, so nothing was saved. Your answers are still here: try again.");
    }
  };
}
