import "server-only";
/**
 * `adminAction(schema, fn)`: `authenticatedAction` plus the role check every /admin Server Action
 * needs. The caller's verified roles claim must contain `admin`; others get a typed `forbidden`
 * result before the input is looked at further or anything is read.
 */
import type { z } from "zod";
import { authenticatedAction, type ActionUser, type AuthenticatedActionOptions } from "@/lib/actions/authenticated-action.server";
import { failure, type ActionResult } from "./result";

export const ADMIN_ROLE = "admin";

export const FORBIDDEN_MESSAGE = "You don't have access to the team dashboard: it is for users with the Authgear role \"admin\".";

export function isAdmin(user: Pick<ActionUser, "roles">): boolean {
  return user.roles.includes(ADMIN_ROLE);
}

export function adminAction<S extends z.ZodType, T extends object>(
  schema: S,
  fn: (user: ActionUser, input: z.output<S>) => Promise<ActionResult<T>>,
  options: AuthenticatedActionOptions,
): (accessToken: string, input: z.input<S>) => Promise<ActionResult<T>> {
  return authenticatedAction(schema, async (user, input) => (isAdmin(user) ? fn(user, input) : failure("forbidden", FORBIDDEN_MESSAGE)), options);
}
