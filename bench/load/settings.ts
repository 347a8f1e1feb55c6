/** The sizes of the load figures' runs (bench/load/session.ts) and what a session reports. */
import type { ParallelSavesResult, SignInPromptSaveResult } from "./scenarios";

export const PARALLEL_SUBMISSIONS = 100;
export const PARALLEL_ROUNDS = 3;
export const LOAD_USERS = 200;
export const LOAD_CONCURRENCY = 20;

export interface SessionResult {
  buildS: number;
  /** False when PostgreSQL is not installed here (its rows are then not measured). */
  postgres: boolean;
  parallel?: { sqlite: ParallelSavesResult[]; postgres: ParallelSavesResult[] };
  load?: { sqlite: SignInPromptSaveResult; postgres: SignInPromptSaveResult | null };
}

