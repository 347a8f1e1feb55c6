/**
 * The start-up check of the whole environment (instrumentation.ts): every setting the kit reads is
 * parsed once when the server starts (lib/env.server.ts's `parseSettings`, the one environment
 * module), and every problem is reported together, naming the variable and saying how to fix it,
 * instead of surfacing one at a time on the first request that needs it.
 */
import "server-only";
import { EnvError, parseSettings, type EnvSource } from "@/lib/env.server";

/** Every problem with `source` (process.env by default), one line each; [] when all is well. */
export function environmentProblems(source: EnvSource = process.env): string[] {
  try {
    parseSettings(source);
    return [];
  } catch (error) {
    if (error instanceof EnvError) return [...error.problems];
    throw error;
  }
}

/** Logs the problems as one error block at start-up; returns whether the environment is valid. */
export function checkEnvironmentOnStartup(source: EnvSource = process.env, log: Pick<Console, "error"> = console): boolean {
  const problems = environmentProblems(source);
  if (problems.length === 0) return true;
  log.error(
    `[gradual] the environment is invalid; requests that need these settings will fail until it is fixed (see .env.example):\n${problems.map((p) => `  - ${p}`).join("\n")}`,
  );
  return false;
}
