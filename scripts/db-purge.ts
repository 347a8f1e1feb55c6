/**
 * `npm run db:purge`: deletes prompt events older than PROMPT_EVENT_RETENTION_DAYS (default 365)
 * from the state store the environment names (DATABASE_URL / SQLITE_PATH, as the app). Provenance,
 * question states and login prompts are kept. Exits 1 with the reason when it cannot.
 */
import { database } from "@/lib/db/database.server";
import { purgePromptEvents, retentionDays } from "@/lib/db/retention.server";

try {
  const days = retentionDays();
  const db = await database();
  try {
    const { deleted, cutoff } = await purgePromptEvents(db, { days, now: Date.now() });
    console.log(`Deleted ${deleted} prompt event(s) older than ${days} days (before ${new Date(cutoff).toISOString()}).`);
  } finally {
    await db.destroy();
  }
} catch (error) {
  console.error(`db:purge: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
