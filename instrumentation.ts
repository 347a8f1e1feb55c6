/**
 * Next.js start-up hook (runs once per server process). Checks the environment (every problem
 * logged at once, naming the variable; docs/security.md). Purges prompt events past their retention
 * period (PROMPT_EVENT_RETENTION_DAYS, default 365; lib/db/retention.server.ts). A failure is logged
 * and never stops the app: the next start-up or `npm run db:purge` tries again.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Every malformed variable, named, in one log block at start-up (lib/env-check.server.ts).
  const { checkEnvironmentOnStartup } = await import("./lib/env-check.server");
  checkEnvironmentOnStartup();
  const { purgeOnStartup } = await import("./lib/db/retention-startup.server");
  void purgeOnStartup();
}
