/**
 * Next.js start-up hook (runs once per server process). Purges prompt events past their retention
 * period (PROMPT_EVENT_RETENTION_DAYS, default 365; lib/db/retention.server.ts). A failure is logged
 * and never stops the app: the next start-up or `npm run db:purge` tries again.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { purgeOnStartup } = await import("./lib/db/retention-startup.server");
  void purgeOnStartup();
}
