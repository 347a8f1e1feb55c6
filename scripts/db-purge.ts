/**
 * `npm run db:purge`: deletes prompt events older than PROMPT_EVENT_RETENTION_DAYS (default 365)
 * from the state store the environment names (DATABASE_URL / SQLITE_PATH, as the app). Provenance,
 * question states and login prompts are kept. Exits 1 with the reason when it cannot.
 */
import { openDatabase } from "@/lib/db/database.server";
import { purgePromptEvents } from "@/lib/db/retention.server";
import { EnvError, parseSettings } from "@/lib/env.server";

try {
  const settings = parseSettings(process.env);
  const days = settings.PROMPT_EVENT_RETENTION_DAYS;
  const db = await openDatabase(settings.store);
  try {
    const { deleted, cutoff } = await purgePromptEvents(db, { days, now: Date.now() });
    console.log(`Deleted ${deleted} prompt event(s) older than ${days} days (before ${new Date(cutoff).toISOString()}).`);
  } finally {
    await db.destroy();
  }
} catch (error) {
  const problems = error instanceof EnvError ? error.problems : [error instanceof Error ? error.message : String(error)];
  for (const problem of problems) console.error(`db:purge: ${problem}`);
  process.exitCode = 1;
}
