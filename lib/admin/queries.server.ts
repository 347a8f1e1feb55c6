import "server-only";
/**
 * /admin's queries over injected services (the composition root, lib/server/services.server.ts,
 * builds them once): the dashboard's figures and the planner's explanation of one user. The
 * Server Actions (lib/server/actions.server.ts) put each behind `adminAction`.
 */
import type { AdminApiClient } from "@/lib/authgear/admin-api.server";
import { localize, type ProfileCatalog } from "@/lib/catalog/catalog";
import type { AppDatabase } from "@/lib/db/database.server";
import type { Store } from "@/lib/db/store.server";
import { parseLoginKey } from "@/lib/prompt/planner";
import type { ProfileService } from "@/lib/prompt/service.server";
import { failure } from "@/lib/actions/result";
import { computeDashboard, type AnalyticsQuestion, type DateRange } from "./analytics";
import { loadAnalyticsInput, userHistory } from "./analytics-store.server";

export interface AdminQueriesDeps {
  catalog: ProfileCatalog;
  db: AppDatabase;
  store: Store;
  admin: Pick<AdminApiClient, "getUserByEmail">;
  profile: ProfileService;
  now: () => number;
}

export function createAdminQueries(deps: AdminQueriesDeps) {
  const { catalog, db, store, admin, profile } = deps;
  const questions: AnalyticsQuestion[] = catalog.questions.map((q) => ({
    attribute: q.attribute,
    label: localize(q.label, catalog.defaultLocale, catalog.defaultLocale),
    ...(q.when ? { when: q.when } : {}),
  }));

  return {
    /**
     * The dashboard's figures for a date range (epoch ms, inclusive; null = open), and the
     * configuration problems the app has noticed (all of them, whatever the range: ADR 015).
     */
    async dashboard(range: DateRange) {
      const [input, problems] = await Promise.all([loadAnalyticsInput(db, questions, range), store.configProblems()]);
      return { ok: true as const, figures: computeDashboard(input), problems };
    },

    /**
     * Explain: what the planner would ask this user now and why, with their question history. The
     * sign-in explained is the one of their latest prompt (a user who stays signed in comes back on it:
     * its current visit, or the next one once the rest has passed); a user never prompted is explained
     * as a new sign-in now. Nothing is recorded. Admin API failures propagate (the action maps them).
     */
    async explain(email: string) {
      const found = await admin.getUserByEmail(email);
      if (!found) return failure("invalid_input", `No user with the email ${email}.`, { email: "No user with this email" });
      const sub = found.sub;
      const [explanation, states, history] = await Promise.all([
        store.latestSignIn(sub).then(async (signIn) => {
          const latest = signIn ? parseLoginKey(signIn) : null;
          const login = { sub, authTime: latest?.authTime ?? Math.floor(deps.now() / 1000) };
          const current = await profile.explain(login);
          // A visit that had its prompt asks nothing more: say what the next visit of this sign-in would ask.
          const nextAt = current?.state === "done" ? current.visit.nextVisitAt : null;
          return current ? { current, next: nextAt === null ? null : await profile.explain(login, nextAt) } : null;
        }),
        store.questionStates(sub),
        userHistory(db, sub),
      ]);
      if (!explanation) return failure("invalid_input", `No user with the email ${email}.`, { email: "No user with this email" });
      const { current, next } = explanation;
      return {
        ok: true as const,
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
    },
  };
}

export type AdminQueries = ReturnType<typeof createAdminQueries>;
