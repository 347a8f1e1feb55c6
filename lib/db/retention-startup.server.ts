import "server-only";
import { parseSettings } from "@/lib/env.server";
import { databaseFor } from "@/lib/server/services.server";
import { purgePromptEvents } from "./retention.server";

/** The start-up purge over the database the environment names (the app's own): never throws, logs one line. */
export async function purgeOnStartup(now: number = Date.now()): Promise<void> {
  try {
    const settings = parseSettings(process.env);
    const days = settings.PROMPT_EVENT_RETENTION_DAYS;
    const { deleted, cutoff } = await purgePromptEvents(await databaseFor(settings.store), { days, now });
    console.info(`[gradual] retention: deleted ${deleted} prompt event(s) older than ${days} days (before ${new Date(cutoff).toISOString()})`);
  } catch (error) {
    console.error(`[gradual] retention: the start-up purge failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
