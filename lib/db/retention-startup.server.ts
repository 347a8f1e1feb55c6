import "server-only";
import { database } from "./database.server";
import { purgePromptEvents, retentionDays } from "./retention.server";

/** The start-up purge: never throws, logs one line. */
export async function purgeOnStartup(now: number = Date.now()): Promise<void> {
  try {
    const days = retentionDays();
    const { deleted, cutoff } = await purgePromptEvents(await database(), { days, now });
    console.info(`[gradual] retention: deleted ${deleted} prompt event(s) older than ${days} days (before ${new Date(cutoff).toISOString()})`);
  } catch (error) {
    console.error(`[gradual] retention: the start-up purge failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
