import "server-only";
/**
 * The kit's Server Actions, as plain async functions over the composition root's services: the
 * app re-exports them from its own "use server" file (`createGradual(...).actions`). Each is
 * wrapped once by `authenticatedAction` or `adminAction`, which verify the Authgear access token
 * (first argument) and parse the input (second) before any logic. Results are typed
 * (`ActionResult`); expected failures never throw.
 */
import { cookies, headers } from "next/headers";
import { z } from "zod";
import { adminAction } from "@/lib/actions/admin-action.server";
import { authenticatedAction, type ActionUser, type AuthenticatedActionOptions } from "@/lib/actions/authenticated-action.server";
import { failure, type ActionResult } from "@/lib/actions/result";
import { LOCALE_COOKIE_OPTIONS } from "@/lib/account/locale-cookies";
import { AUTHGEAR_LOCALE_COOKIE, CHOSEN_LOCALE_COOKIE } from "@/lib/i18n/cookies";
import { LOCALES, nearestLocale, type Locale } from "@/lib/i18n/locales";
import { requestLocale } from "@/lib/i18n/request.server";
import { localizeCatalog, type ProfileCatalog } from "@/lib/catalog/catalog";
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

const localeRequest = z.object({ locale: z.enum(LOCALES, { error: "Not a language this app offers" }) }).strict();

const authgearLocaleRequest = z.object({ locale: z.string().max(64).nullable() }).strict();

const explainRequest = z.object({ email: z.string().trim().toLowerCase().pipe(z.email({ error: "Enter an email address" }).max(320)) }).strict();

export function createActions(services: Services) {
  const options: AuthenticatedActionOptions = { verify: (token) => services.verify(token ?? null) };
  /** The current request's client IP (a Server Action runs within its request), for enrichment only. */
  const ip = async () => services.clientIp(await headers());
  /** The signed-in half of chooseLocale: the user's Authgear `locale`, under their save lock. */
  const saveLocale = authenticatedAction(localeRequest, async (user, input) => (await services.account()).chooseLocale(user.sub, input.locale), options);

  return {
    // The prompt.

    /**
     * The catalog with its texts in this request's locale only (lib/i18n/request.server.ts), for the
     * prompt's `catalog` loader: the browser never downloads the other languages' texts (issue 16).
     * No token: the catalog is what every signed-in user's prompt shows.
     */
    getProfileCatalog: async (): Promise<ProfileCatalog> => localizeCatalog(services.catalog, (await requestLocale()).locale),

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

    /**
     * Gives (true) or withdraws (false) the signed-in user's consent to third-party enrichment sources,
     * recorded with its time; a yes starts their lookups without waiting, a withdrawal forgets what
     * they found. Returns the fresh view.
     */
    setMyEnrichmentConsent: authenticatedAction(
      z.object({ granted: z.boolean() }).strict(),
      async (user, input) => {
        await (await services.profile()).setConsent(user.sub, input.granted);
        return (await services.account()).view(user.sub);
      },
      options,
    ),

    // The language menu (any page, signed in or not).

    /**
     * The language the user chose: a shipped locale (else invalid_input, nothing set or written).
     * Sets the `gradual-locale` cookie (the first source of locale negotiation, ADR 019); with an
     * access token (null when signed out) also saves it as the user's Authgear `locale` standard
     * attribute, read-merge-write under the user's save lock, and remembers it as the
     * `gradual-authgear-locale` cookie. The cookie is set even when the Authgear write fails: the
     * choice holds in this browser, and the failure is returned.
     */
    chooseLocale: async (accessToken: string | null, input: { locale: string }): Promise<ActionResult<{ locale: Locale; savedToAuthgear: boolean }>> => {
      const parsed = localeRequest.safeParse(input);
      if (!parsed.success) {
        return failure("invalid_input", "That is not a language this app offers, so nothing was changed.", { locale: "Not a language this app offers" });
      }
      const { locale } = parsed.data;
      const jar = await cookies();
      jar.set(CHOSEN_LOCALE_COOKIE, locale, LOCALE_COOKIE_OPTIONS);
      if (accessToken === null) return { ok: true, locale, savedToAuthgear: false };
      const saved = await saveLocale(accessToken, { locale });
      if (!saved.ok) return saved;
      jar.set(AUTHGEAR_LOCALE_COOKIE, locale, LOCALE_COOKIE_OPTIONS);
      return { ok: true, locale, savedToAuthgear: true };
    },

    /**
     * Remembers the signed-in user's Authgear `locale` (their userinfo's claim, as the browser just
     * read it; null when they have none) as the `gradual-authgear-locale` cookie, mapped to the
     * nearest shipped locale: the second source of negotiation (ADR 019). A tag no shipped locale
     * is near, or null, clears the cookie. Takes no token: like Accept-Language, the cookie only
     * says what this browser's user prefers, and grants nothing.
     */
    rememberAuthgearLocale: async (input: { locale: string | null }): Promise<ActionResult<{ locale: Locale | null }>> => {
      const parsed = authgearLocaleRequest.safeParse(input);
      if (!parsed.success) return failure("invalid_input", "The request was not in the expected shape, so nothing was changed.", { locale: "Not a locale tag" });
      const locale = nearestLocale(parsed.data.locale, { anyScript: true }) ?? null;
      const jar = await cookies();
      if (locale === null) jar.delete({ name: AUTHGEAR_LOCALE_COOKIE, path: "/" });
      else jar.set(AUTHGEAR_LOCALE_COOKIE, locale, LOCALE_COOKIE_OPTIONS);
      return { ok: true, locale };
    },

    // /admin: the caller's roles claim must contain `admin`, else `forbidden` (the page shows 403).

    /** The dashboard's figures for a date range (epoch ms, inclusive; null = open) and the configuration problems. */
    getAdminDashboard: adminAction(dashboardRequest, async (_user, range) => (await services.adminQueries()).dashboard(range), options),

    /** What the planner would ask this user now and why, with their question history. Records nothing. */
    explainUser: adminAction(explainRequest, async (_user, { email }) => (await services.adminQueries()).explain(email), options),
  };
}

export type GradualActions = ReturnType<typeof createActions>;
