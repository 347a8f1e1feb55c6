"use server";
/**
 * /admin's Server Actions. Each goes through `adminAction`: the Authgear access token is verified
 * and its roles claim must contain `admin`, else the result is `forbidden` (the page shows 403).
 */
import { z } from "zod";
import { AdminApiError, adminApi } from "@/lib/authgear/admin-api.server";
import { database } from "@/lib/db/database.server";
import { store } from "@/lib/db/store.server";
import { localize } from "@/lib/profile/catalog";
import { profileService } from "@/lib/profile/profile-service.server";
import { failure } from "@/lib/profile/prompt-types";
import { adminFailure } from "@/lib/profile/service.server";
import { profileCatalog } from "@/profile.config";
import { adminAction } from "./admin-action.server";
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
  .refine((r) => r.from === null || r.to === null || r.from <= r.to, { message: "The start of the range must not be after its end", path: ["from"] });

/**
 * The dashboard's figures for a date range (epoch ms, inclusive; null = open), and the
 * configuration problems the app has noticed (all of them, whatever the range: ADR 015).
 */
export const getAdminDashboard = adminAction(dashboardRequest, async (_user, range) => {
  const [input, problems] = await Promise.all([loadAnalyticsInput(await database(), QUESTIONS, range), (await store()).configProblems()]);
  return { ok: true, figures: computeDashboard(input), problems };
});

/**
 * Explain: what the planner would ask this user at their next login and why, with their question
 * history. The next login is hypothetical (now, in seconds), so nothing is recorded.
 */
export const explainUser = adminAction(z.object({ email: z.string().trim().toLowerCase().email("Enter an email address").max(320) }).strict(), async (_user, { email }) => {
  let sub: string;
  let explanation;
  let states;
  let history;
  try {
    const found = await adminApi().getUserByEmail(email);
    if (!found) return failure("invalid_input", `No user with the email ${email}.`, { email: "No user with this email" });
    sub = found.sub;
    [explanation, states, history] = await Promise.all([
      (await profileService()).explain({ sub, authTime: Math.floor(Date.now() / 1000) }),
      (await store()).questionStates(sub),
      userHistory(await database(), sub),
    ]);
  } catch (error) {
    if (error instanceof AdminApiError) return adminFailure(error);
    throw error;
  }
  if (!explanation) return failure("invalid_input", `No user with the email ${email}.`, { email: "No user with this email" });
  return {
    ok: true,
    user: { sub, email },
    explanation: { summary: explanation.summary, state: explanation.state, ask: explanation.ask.map((a) => a.attribute), sentences: explanation.sentences },
    states,
    history,
  };
});
