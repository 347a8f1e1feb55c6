/**
 * The start-up check of the whole environment (instrumentation.ts): every variable the app reads
 * is parsed once when the server starts, and every problem is reported together, naming the
 * variable and saying how to fix it, instead of surfacing one at a time on the first request that
 * needs it. Each parser stays beside its code: lib/env.server.ts (Authgear, state store paths),
 * lib/enrichment/env.server.ts (enrichment, proxies), lib/db/database.server.ts (DATABASE_URL),
 * lib/db/retention.server.ts (PROMPT_EVENT_RETENTION_DAYS), lib/test-clock.server.ts (GRADUAL_TEST_CLOCK).
 */
import "server-only";
import { databaseTarget } from "@/lib/db/database.server";
import { retentionDays } from "@/lib/db/retention.server";
import { parseEnrichmentEnv } from "@/lib/enrichment/env.server";
import { EnvError, parseEnv } from "@/lib/env.server";
import { testClockFile } from "@/lib/test-clock.server";

/** Every problem with `source` (process.env by default), one line each; [] when all is well. */
export function environmentProblems(source: Record<string, string | undefined> = process.env): string[] {
  const problems: string[] = [];
  const check = (what: () => unknown) => {
    try {
      what();
    } catch (error) {
      if (error instanceof EnvError) problems.push(...error.problems);
      else {
        const lines = (error instanceof Error ? error.message : String(error)).split("\n").map((l) => l.trim());
        problems.push(...lines.filter((l) => l !== "" && !/^Invalid .*:$/.test(l)));
      }
    }
  };
  check(() => parseEnv(source));
  check(() => parseEnrichmentEnv(source));
  check(() => databaseTarget(source));
  check(() => retentionDays(source));
  check(() => testClockFile(source));
  return problems;
}

/** Logs the problems as one error block at start-up; returns whether the environment is valid. */
export function checkEnvironmentOnStartup(source: Record<string, string | undefined> = process.env, log: Pick<Console, "error"> = console): boolean {
  const problems = environmentProblems(source);
  if (problems.length === 0) return true;
  log.error(
    `[gradual] the environment is invalid; requests that need these settings will fail until it is fixed (see .env.example):\n${problems.map((p) => `  - ${p}`).join("\n")}`,
  );
  return false;
}
