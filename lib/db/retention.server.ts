import "server-only";
/**
 * Retention of the prompt's event log: `prompt_event` rows older than the retention period are
 * deleted (`npm run db:purge`, and once at start-up from instrumentation.ts). Nothing else is
 * touched: the provenance of current values, each question's current state (skips, "Don't ask
 * again") and the login prompts stay, so the planner and the profile page behave exactly as before.
 */
import { z } from "zod";
import type { AppDatabase } from "./database.server";

export const DEFAULT_RETENTION_DAYS = 365;
const DAY_MS = 86_400_000;

const retentionSchema = z
  .string()
  .trim()
  .regex(/^\d+$/, "PROMPT_EVENT_RETENTION_DAYS must be a whole number of days, e.g. 365")
  .transform(Number)
  .pipe(z.number().int().min(1, "PROMPT_EVENT_RETENTION_DAYS must be at least 1").max(36_500, "PROMPT_EVENT_RETENTION_DAYS must be at most 36500 (100 years)"));

/** PROMPT_EVENT_RETENTION_DAYS (unset or blank: 365). Throws with a message naming the variable. */
export function retentionDays(env: Record<string, string | undefined> = process.env): number {
  const raw = env.PROMPT_EVENT_RETENTION_DAYS;
  if (raw === undefined || raw.trim() === "") return DEFAULT_RETENTION_DAYS;
  const parsed = retentionSchema.safeParse(raw);
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? "PROMPT_EVENT_RETENTION_DAYS is invalid");
  return parsed.data;
}

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
