import "server-only";
/**
 * The kit's Server Actions, as plain async functions over the composition root's services: the
 * app re-exports them from its own "use server" file (`createGradual(...).actions`). Each is
 * wrapped once by `authenticatedAction` or `adminAction`, which verify the Authgear access token
 * (first argument) and parse the input (second) before any logic. Results are typed
 * (`ActionResult`); expected failures never throw.
 */
import { headers } from "next/headers";
import { z } from "zod";
import { adminAction } from "@/lib/actions/admin-action.server";
import { authenticatedAction, type ActionUser, type AuthenticatedActionOptions } from "@/lib/actions/authenticated-action.server";
import { failure } from "@/lib/actions/result";
import { dismissRequestSchema, promptRequestSchema, submitRequestSchema } from "@/lib/prompt/prompt-types";
import type { Services } from "./services.server";

function login(user: ActionUser) {
  if (user.authTime === undefined) return null;
  return { sub: user.sub, authTime: user.authTime };
}

const NEEDS_AUTH_TIME =
  "This app's access tokens do not say when you signed in (auth_time), so the profile prompt is unavailable. Ask the administrator to issue JWT access tokens.";

const attributeName = z.string().min(1).max(64);

const instant = z.number().int().min(0).max(8.64e15).nullable().default(null);

const dashboardRequest = z
  .object({ from: instant, to: instant })
  .strict()
  .refine((r) => r.from === null || r.to === null || r.from <= r.to, { error: "The start of the range must not be after its end", path: ["from"] });

const explainRequest = z.object({ email: z.string().trim().toLowerCase().pipe(z.email({ error: "Enter an email address" }).max(320)) }).strict();

export function createActions(services: Services) {
  const options: AuthenticatedActionOptions = { verify: (token) => services.verify(token ?? null) };
  /** The current request's client IP (a Server Action runs within its request), for enrichment only. */
  const ip = async () => services.clientIp(await headers());

  return {
    // The prompt.

    /** This visit's questions (none when there is nothing to ask). Records that the prompt was shown. */
    getProfilePrompt: authenticatedAction(
      promptRequestSchema,
      async (user, input) => {
        const current = login(user);
        if (!current) return failure("unsupported_token", NEEDS_AUTH_TIME);
        return (await services.profile()).prompt(current, { ip: await ip(), clientHints: input.clientHints });
      },
      options,
    ),

    /** Saves answers, skips and "don't ask again" choices of this visit's prompt. Safe to retry with the same submissionId. */
    submitProfileAnswers: authenticatedAction(
      submitRequestSchema,
      async (user, input) => {
        const current = login(user);
        if (!current) return failure("unsupported_token", NEEDS_AUTH_TIME);
        const { clientHints, ...request } = input;
        return (await services.profile()).submit(current, request, { ip: await ip(), clientHints });
      },
      options,
    ),

    /** Closes this visit's prompt without answering: it does not come back in this visit. */
    dismissProfilePrompt: authenticatedAction(
      dismissRequestSchema,
      async (user, input) => (await services.profile()).dismiss({ sub: user.sub, authTime: user.authTime ?? 0 }, input.loginKey),
      options,
    ),

    // /profile: the signed-in user's own data. Edits go through the profile service's `saveValues`
    // (the prompt's save path: catalog schemas, lock, re-read, merge, whole-object write, provenance).

    /** The signed-in user's profile: every catalog attribute, its value, source and "Don't ask again" state. */
    getMyProfile: authenticatedAction(z.object({}).strict(), async (user) => (await services.account()).view(user.sub), options),

    /** Saves (or, with null, clears) values of catalog attributes, validated with the catalog's schemas; returns the fresh view. */
    saveMyProfileValues: authenticatedAction(
      z.object({ values: z.record(attributeName, z.union([z.string(), z.number(), z.null()])) }).strict(),
      async (user, input) => {
        if (Object.keys(input.values).length === 0) return (await services.account()).view(user.sub);
        const saved = await (await services.profile()).saveValues(user.sub, input.values);
        if (!saved.ok) return saved;
        return (await services.account()).view(user.sub);
      },
      options,
    ),

    /** Undoes "Don't ask again" for one attribute: the prompt may ask it again. */
    undoMyDecline: authenticatedAction(
      z.object({ attribute: attributeName }).strict(),
      async (user, input) => (await services.account()).undoDecline(user.sub, input.attribute),
      options,
    ),

    /** Turns enrichment off (true) or on (false) for the signed-in user. */
    setMyEnrichmentOptOut: authenticatedAction(
      z.object({ optOut: z.boolean() }).strict(),
      async (user, input) => (await services.account()).setEnrichmentOptOut(user.sub, input.optOut),
      options,
    ),

    // /admin: the caller's roles claim must contain `admin`, else `forbidden` (the page shows 403).

    /** The dashboard's figures for a date range (epoch ms, inclusive; null = open) and the configuration problems. */
    getAdminDashboard: adminAction(dashboardRequest, async (_user, range) => (await services.adminQueries()).dashboard(range), options),

    /** What the planner would ask this user now and why, with their question history. Records nothing. */
    explainUser: adminAction(explainRequest, async (_user, { email }) => (await services.adminQueries()).explain(email), options),
  };
}

export type GradualActions = ReturnType<typeof createActions>;
