import "server-only";
/**
 * Retention of the prompt's event log: `prompt_event` rows older than the retention period are
 * deleted (`npm run db:purge`, and once at start-up from instrumentation.ts; the period is
 * PROMPT_EVENT_RETENTION_DAYS, lib/env.server.ts). Nothing else is
 * touched: the provenance of current values, each question's current state (skips, "Don't ask
 * again") and the login prompts stay, so the planner and the profile page behave exactly as before.
 */
import type { AppDatabase } from "./database.server";

const DAY_MS = 86_400_000;

export interface PurgeResult {
  /** Events at or after this instant (epoch ms) were kept. */
  cutoff: number;
  deleted: number;
}

/** Deletes prompt events strictly older than `days` days before `now`. */
export async function purgePromptEvents(db: AppDatabase, options: { days: number; now: number }): Promise<PurgeResult> {
  if (!Number.isInteger(options.days) || options.days < 1) throw new Error(`purgePromptEvents: days must be a whole number ≥ 1, got ${options.days}`);
  const cutoff = options.now - options.days * DAY_MS;
  const result = await db.deleteFrom("prompt_event").where("at", "<", cutoff).executeTakeFirst();
  return { cutoff, deleted: Number(result.numDeletedRows) };
}
