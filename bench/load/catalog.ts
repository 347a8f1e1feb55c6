/**
 * The load and multi-instance checks' question catalog (ADR 013): 100 text questions
 * `load_001` … `load_100`, priorities descending (so a new user's first prompt offers load_001,
 * load_002, load_003), three per login. Enough distinct attributes for 100 submissions on ONE user
 * that each touch a different attribute, which the demo catalog (11 questions) cannot give.
 *
 * The load build of the app (bench/load/build.ts) uses it in place of profile.config.ts, through
 * `GRADUAL_PROFILE_CONFIG` (next.config.mjs); the emulator gets the matching Authgear config
 * (bench/load/authgear-config.ts). Isomorphic: client components import it too.
 */
import type { QuestionInput } from "@/lib/catalog/catalog";
import { defineProfileCatalog } from "#kit/define-catalog";

export const LOAD_QUESTION_COUNT = 100;

/** load_001 … load_100. */
export function loadAttribute(i: number): string {
  return `load_${String(i).padStart(3, "0")}`;
}

export const LOAD_ATTRIBUTES: readonly string[] = Array.from({ length: LOAD_QUESTION_COUNT }, (_, i) => loadAttribute(i + 1));

const questions: QuestionInput[] = LOAD_ATTRIBUTES.map((attribute, i) => ({
  attribute,
  type: "string",
  label: `Load question ${i + 1}`,
  purpose: "A generated question for the load and multi-instance checks.",
  priority: 1000 - i,
}));

export const loadCatalog = defineProfileCatalog({ perLogin: 3, questions });
