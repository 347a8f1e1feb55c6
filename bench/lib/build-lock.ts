/**
 * The figures that build and start the app (webhook, prompt, load, multi-instance) run their
 * session in a child process under one lock (`flock`), so two never build into the same folder or
 * share the two cores at once. Default lock: .data/bench-build.lock in the repository (created);
 * BENCH_BUILD_LOCK names another, e.g. one shared with other jobs on the machine.
 */
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { ChildFailed, runChild } from "./child";
import type { FigureContext, Row } from "./types";

const LOCK_WAIT_S = 180;
const LOCK_BUSY_EXIT = 75;

export function buildLockPath(root: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.BENCH_BUILD_LOCK?.trim() || join(root, ".data", "bench-build.lock");
}

/**
 * Runs `script` (a session writing its JSON result to --out) under the lock. When the lock stays
 * busy for LOCK_WAIT_S, the figure is reported as skipped rather than failing the run.
 */
export async function runLockedSession<T>(
  figure: string,
  script: string,
  args: readonly string[],
  { root, resultsDir, log }: FigureContext,
  timeoutMs: number,
): Promise<T | Row[]> {
  const lock = buildLockPath(root);
  mkdirSync(dirname(lock), { recursive: true });
  try {
    return await runChild<T>(join(root, script), args, {
      root,
      dir: resultsDir,
      timeoutMs,
      wrapper: ["flock", "-w", String(LOCK_WAIT_S), "-E", String(LOCK_BUSY_EXIT), lock],
      log: (line) => log(`  ${line}`),
    });
  } catch (error) {
    if (error instanceof ChildFailed && error.exitCode === LOCK_BUSY_EXIT) {
      log(`${figure}: skipped (${lock} busy for ${LOCK_WAIT_S} s)`);
      return [{ metric: `skipped (the build lock ${lock} stayed busy for ${LOCK_WAIT_S} s)`, value: null, unit: "" }];
    }
    throw error;
  }
}
