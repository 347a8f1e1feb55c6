/**
 * Load (issue 5.4, ADR 013): 200 new users, 20 at a time, each through sign-in (the emulator's
 * OAuth flow over HTTP), getProfilePrompt and submitProfileAnswers (answering the three offered
 * questions) on a production build; then every submitted answer is read back from Authgear
 * through the Admin API. SQLite with one instance (the default deployment) against PostgreSQL with
 * two instances, in the same run.
 */
import type { Figure, Row } from "../lib/types";
import { STEPS, type SignInPromptSaveResult, type Step } from "../load/scenarios";
import { LOAD_CONCURRENCY, LOAD_USERS } from "../load/settings";
import { percentile, round1, runLoadSession } from "./load-run";
import { defined } from "@/lib/defined";

const STEP_NAMES: Record<Step, string> = { signIn: "sign-in (OAuth: page, form, token)", prompt: "getProfilePrompt", save: "submitProfileAnswers" };
const errorsOf = (r: SignInPromptSaveResult) => STEPS.reduce((n, s) => n + r.errors[s], 0);

export const loadFigure: Figure = {
  name: "load",
  description: `${LOAD_USERS} users × (sign-in, prompt, save), ${LOAD_CONCURRENCY} at a time, on next start: SQLite/1 instance vs PostgreSQL/2 instances; answers lost counted via the Admin API`,
  async run(context) {
    const result = await runLoadSession("load", context);
    if (Array.isArray(result)) return result;
    const { sqlite, postgres } = defined(result.load, "the load session's load result");
    const base = postgres ? "PostgreSQL, 2 instances" : undefined;
    const against = (other: number | null | undefined) => (base ? { baseline: base, baselineValue: other ?? null } : {});
    const rows: Row[] = [
      {
        metric: "SQLite, 1 instance: users through sign-in, prompt and save",
        value: round1(sqlite.usersPerSecond),
        unit: "users/s",
        better: "higher",
        ...against(postgres && round1(postgres.usersPerSecond)),
        note: `${LOAD_USERS} users, ${LOAD_CONCURRENCY} at a time, ${sqlite.questionsOffered} questions offered, loopback; the emulator, the app and the client share the machine`,
      },
    ];
    for (const step of STEPS) {
      for (const p of [50, 99]) {
        rows.push({
          metric: `${STEP_NAMES[step]}, p${p}`,
          value: round1(percentile(sqlite.latencies[step], p)),
          unit: "ms",
          better: "lower",
          ...against(postgres && round1(percentile(postgres.latencies[step], p))),
        });
      }
    }
    rows.push(
      {
        metric: "errors (any step)",
        value: errorsOf(sqlite),
        unit: `of ${LOAD_USERS} users`,
        better: "lower",
        ...against(postgres && errorsOf(postgres)),
        note: [...sqlite.errorSamples, ...(postgres?.errorSamples ?? [])].slice(0, 3).join("; ") || undefined,
      },
      {
        metric: "answers lost (read back from Authgear)",
        value: sqlite.lost,
        unit: `of ${sqlite.answersSubmitted}`,
        better: "lower",
        ...against(postgres?.lost),
      },
    );
    return rows;
  },
};
