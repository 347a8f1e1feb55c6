"use server";
/**
 * /admin's Server Actions. Each goes through `adminAction`: the Authgear access token is verified
 * and its roles claim must contain `admin`, else the result is `forbidden` (the page shows 403).
 */
import { z } from "zod";
import { AdminApiError, adminApi } from "@/lib/authgear/admin-api.server";
import { database } from "@/lib/db/database.server";
import { store } from "@/lib/db/store.server";
import { localize } from "@/lib/catalog/catalog";
import { parseLoginKey } from "@/lib/prompt/planner";
import { serverNow } from "@/lib/test-clock.server";
import { profileService } from "@/lib/prompt/profile-service.server";
import { failure } from "@/lib/prompt/prompt-types";
import { adminFailure } from "@/lib/prompt/service.server";
import { profileCatalog } from "@/profile.config";
import { adminAction } from "../actions/admin-action.server";
import { computeDashboard, type AnalyticsQuestion } from "./analytics";
import { loadAnalyticsInput, userHistory } from "./analytics-store.server";

const QUESTIONS: AnalyticsQuestion[] = profileCatalog.questions.map((q) => ({
  attribute: q.attribute,
  label: localize(q.label, profileCatalog.defaultLocale, profileCatalog.defaultLocale),
  ...(q.when ? { when: q.when } : {}),
}));

const instant = z.number().int().min(0).max(8.64e15).nullable().default(null);

const dashboardRequest = z
  .object({ from: instant, to: instant })
  .strict()
  .refine((r) => r.from === null || r.to === null || r.from <= r.to, { error: "The start of the range must not be after its end", path: ["from"] });

/**
 * The dashboard's figures for a date range (epoch ms, inclusive; null = open), and the
 * configuration problems the app has noticed (all of them, whatever the range: ADR 015).
 */
export const getAdminDashboard = adminAction(dashboardRequest, async (_user, range) => {
  const [input, problems] = await Promise.all([loadAnalyticsInput(await database(), QUESTIONS, range), (await store()).configProblems()]);
  return { ok: true, figures: computeDashboard(input), problems };
});

/**
 * Explain: what the planner would ask this user now and why, with their question history. The
 * sign-in explained is the one of their latest prompt (a user who stays signed in comes back on it:
 * its current visit, or the next one once the rest has passed); a user never prompted is explained
 * as a new sign-in now. Nothing is recorded.
 */
export const explainUser = adminAction(z.object({ email: z.string().trim().toLowerCase().pipe(z.email({ error: "Enter an email address" }).max(320)) }).strict(), async (_user, { email }) => {
  let sub: string;
  let explanation;
  let states;
  let history;
  try {
    const found = await adminApi().getUserByEmail(email);
    if (!found) return failure("invalid_input", `No user with the email ${email}.`, { email: "No user with this email" });
    sub = found.sub;
    [explanation, states, history] = await Promise.all([
      (await store()).latestSignIn(sub).then(async (signIn) => {
        const service = await profileService();
        const latest = signIn ? parseLoginKey(signIn) : null;
        const login = { sub, authTime: latest?.authTime ?? Math.floor(serverNow() / 1000) };
        const current = await service.explain(login);
        // A visit that had its prompt asks nothing more: say what the next visit of this sign-in would ask.
        const nextAt = current?.state === "done" ? current.visit.nextVisitAt : null;
        return current ? { current, next: nextAt === null ? null : await service.explain(login, nextAt) } : null;
      }),
      (await store()).questionStates(sub),
      userHistory(await database(), sub),
    ]);
  } catch (error) {
    if (error instanceof AdminApiError) return adminFailure(error);
    throw error;
  }
  if (!explanation) return failure("invalid_input", `No user with the email ${email}.`, { email: "No user with this email" });
  const { current, next } = explanation;
  return {
    ok: true,
    user: { sub, email },
    explanation: {
      summary: current.summary,
      state: current.state,
      ask: current.ask.map((a) => a.attribute),
      sentences: current.sentences,
      visit: { number: current.visit.number, key: current.visit.key, cause: current.visit.cause, startedAt: current.visit.startedAt, nextVisitAt: current.visit.nextVisitAt },
      next: next ? { summary: next.summary, ask: next.ask.map((a) => a.attribute) } : null,
    },
    states,
    history,
  };
});
