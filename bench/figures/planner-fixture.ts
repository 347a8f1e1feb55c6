/**
 * A large, deterministic planner input: a 50-question catalog (every attribute type, conditions,
 * enrichment) and a long history (skips and declines on every question, 1 000 earlier logins in
 * the prompt log), for the planner figure and its test.
 */
import type { ProfileCatalog, QuestionInput } from "@/lib/catalog/catalog";
import { defineProfileCatalog } from "@/lib/catalog/define-catalog";
import { DAY_MS, type PlanInput, type ShownPrompt, type PromptHistory } from "@/lib/prompt/planner";
import { seededUint32 } from "../lib/stats";
import { defined } from "@/lib/defined";

export const LARGE_QUESTIONS = 50;
export const LARGE_PAST_LOGINS = 1000;
export const BENCH_NOW = Date.UTC(2026, 5, 1, 12, 0, 0);
const SUB = "bench-user";
const AUTH_TIME = Math.floor(BENCH_NOW / 1000) - 60;

const name = (i: number) => `attr_${String(i).padStart(2, "0")}`;

function question(i: number, next: () => number): QuestionInput {
  const base = {
    attribute: name(i),
    label: { en: `Question ${i}`, de: `Frage ${i}` },
    purpose: { en: `Why we ask question ${i}.`, de: `Warum wir Frage ${i} stellen.` },
    priority: next() % 1000,
  };
  // Every fifth question after the first few depends on an earlier one.
  const when = i >= 5 && i % 5 === 0 ? { when: { known: [name(i - 3)] } } : i % 7 === 3 ? { when: { equals: { [name(1)]: "b" } } } : {};
  switch (i % 6) {
    case 0:
      return { ...base, ...when, type: "string" };
    case 1:
      return {
        ...base,
        ...when,
        type: "enum",
        options: ["a", "b", "c", "d"].map((value) => ({ value, label: { en: value.toUpperCase(), de: value.toUpperCase() } })),
      };
    case 2:
      return { ...base, ...when, type: "integer", minimum: 0, maximum: 1000 };
    case 3:
      return { ...base, ...when, type: "number", minimum: 0, maximum: 100 };
    case 4:
      return { ...base, ...when, type: "url" };
    default:
      return { ...base, ...when, type: "string" };
  }
}

/** 50 questions; the four enrichment fields on four of them. */
export function largeCatalog(): ProfileCatalog {
  const next = seededUint32(50);
  const questions = Array.from({ length: LARGE_QUESTIONS }, (_, i) => question(i, next));
  const enriched = [
    { at: 10, attribute: "city", type: "string", field: "city", mode: "confirm" },
    { at: 20, attribute: "region", type: "string", field: "region", mode: "fill" },
    { at: 30, attribute: "country", type: "alpha2", field: "country", mode: "fill" },
    { at: 40, attribute: "timezone", type: "string", field: "timezone", mode: "fill" },
  ] as const;
  for (const e of enriched) {
    const q = questions[e.at] as QuestionInput;
    questions[e.at] = { attribute: e.attribute, type: e.type, label: q.label, purpose: q.purpose, priority: q.priority, enrichment: { field: e.field, mode: e.mode } };
  }
  return defineProfileCatalog({ perLogin: 3, cooldownDays: [1, 7, 30, 90], questions });
}

/**
 * The long history: a third of the attributes answered, every question skipped 1–6 times (some
 * still cooling down, some not), a few declined, and 1 000 earlier logins in the prompt log. The
 * current login has no prompt yet, so the planner judges every question.
 */
export function largeInput(catalog: ProfileCatalog = largeCatalog()): PlanInput {
  const next = seededUint32(1000);
  const attributes: Record<string, unknown> = {};
  const history: Record<string, PromptHistory[string]> = {};
  catalog.questions.forEach((q, i) => {
    if (i % 3 === 0) attributes[q.attribute] = q.type === "integer" || q.type === "number" ? 5 : q.type === "enum" ? "b" : q.type === "url" ? "https://example.com" : q.type === "alpha2" ? "GB" : "value";
    const skipCount = 1 + (next() % 6);
    history[q.attribute] = {
      shownCount: skipCount + 1,
      lastShownAt: BENCH_NOW - (next() % 60) * DAY_MS,
      skipCount,
      lastSkippedAt: BENCH_NOW - (next() % 120) * DAY_MS,
      declinedAt: i % 11 === 4 ? BENCH_NOW - 5 * DAY_MS : null,
      answeredAt: i % 3 === 0 ? BENCH_NOW - 200 * DAY_MS : null,
    };
  });
  const question = (i: number) => defined(catalog.questions[i], `large catalog question ${i}`);
  const promptLog: Record<string, ShownPrompt> = {};
  for (let k = 1; k <= LARGE_PAST_LOGINS; k++) {
    const shownAt = BENCH_NOW - k * 3_600_000;
    promptLog[`${SUB}:${AUTH_TIME - k * 3600}`] = {
      attributes: [question(k % LARGE_QUESTIONS).attribute, question((k + 17) % LARGE_QUESTIONS).attribute],
      shownAt,
      finishedAt: k % 4 === 0 ? null : shownAt + 20_000,
      dismissedAt: k % 4 === 0 ? shownAt + 5_000 : null,
    };
  }
  return { catalog, attributes, history, login: { sub: SUB, authTime: AUTH_TIME }, promptLog, now: BENCH_NOW };
}

/** The baseline: the demo catalog, a new user (no attributes, no history). */
export function demoInput(catalog: ProfileCatalog): PlanInput {
  return { catalog, attributes: {}, history: {}, login: { sub: SUB, authTime: AUTH_TIME }, promptLog: {}, now: BENCH_NOW };
}
