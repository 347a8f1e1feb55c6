/**
 * Planner: µs per `planPrompt` decision for a 50-question catalog with a long history, against the
 * demo catalog (profile.config.ts) for a new user, in the same process. The two are timed in
 * alternating batches so drift (other work on the machine, JIT tiers) hits both alike; the median
 * batch is kept.
 */
import { planPrompt, type PlanInput } from "@/lib/prompt/planner";
import { profileCatalog } from "@/profile.config";
import { median, nowNs } from "../lib/stats";
import type { Figure } from "../lib/types";
import { LARGE_PAST_LOGINS, LARGE_QUESTIONS, demoInput, largeInput } from "./planner-fixture";

const BATCH = 5_000;
const ROUNDS = 21;

function batchMicros(input: PlanInput): { us: number; asked: number } {
  let asked = 0;
  const start = nowNs();
  for (let i = 0; i < BATCH; i++) asked += planPrompt(input).ask.length;
  return { us: (nowNs() - start) / 1e3 / BATCH, asked };
}

export const plannerFigure: Figure = {
  name: "planner",
  description: `µs per planPrompt decision: ${LARGE_QUESTIONS} questions + long history vs the demo catalog, new user`,
  async run({ log }) {
    const large = largeInput();
    const demo = demoInput(profileCatalog);
    const largePlan = planPrompt(large);
    const demoPlan = planPrompt(demo);
    if (largePlan.ask.length === 0 || largePlan.leftOut.length + largePlan.ask.length !== LARGE_QUESTIONS) {
      throw new Error("planner: the large input does not exercise a full decision");
    }
    log(`planner: ${ROUNDS} rounds of ${BATCH} decisions each, alternating…`);
    for (let i = 0; i < 3; i++) {
      batchMicros(large);
      batchMicros(demo);
    }
    const largeRuns: number[] = [];
    const demoRuns: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      largeRuns.push(batchMicros(large).us);
      demoRuns.push(batchMicros(demo).us);
    }
    const reasons = new Map<string, number>();
    for (const l of largePlan.leftOut) reasons.set(l.reason, (reasons.get(l.reason) ?? 0) + 1);
    return [
      {
        metric: `planPrompt, ${LARGE_QUESTIONS} questions, 50 histories, ${LARGE_PAST_LOGINS.toLocaleString("en")} past prompts`,
        value: Math.round(median(largeRuns) * 100) / 100,
        unit: "µs/decision",
        better: "lower",
        baseline: `demo catalog (${profileCatalog.questions.length} questions), new user`,
        baselineValue: Math.round(median(demoRuns) * 100) / 100,
        note: `median of ${ROUNDS} alternating batches of ${BATCH.toLocaleString("en")}; large plan asks ${largePlan.ask.length}, leaves out ${[...reasons].map(([k, v]) => `${v} ${k}`).join(", ")}; demo asks ${demoPlan.ask.length}`,
      },
    ];
  },
};
