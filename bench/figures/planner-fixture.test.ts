import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { planPrompt } from "@/lib/prompt/planner";
import { LARGE_PAST_LOGINS, LARGE_QUESTIONS, largeCatalog, largeInput } from "./planner-fixture";

describe("bench planner fixture", () => {
  it("is a valid 50-question catalog with a long history that exercises every rule but the per-login ones", () => {
    const catalog = largeCatalog();
    assert.equal(catalog.questions.length, LARGE_QUESTIONS);
    const input = largeInput(catalog);
    assert.equal(Object.keys(input.history).length, LARGE_QUESTIONS);
    assert.equal(Object.keys(input.promptLog).length, LARGE_PAST_LOGINS);
    const plan = planPrompt(input);
    assert.equal(plan.state, "new");
    assert.equal(plan.ask.length, catalog.perLogin);
    const reasons = new Set(plan.leftOut.map((l) => l.reason));
    for (const reason of ["answered", "declined", "condition_unmet", "cooldown", "over_cap"]) assert.ok(reasons.has(reason as never), `no ${reason}`);
  });
});
