import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { autoSaveKey, questionDecision, type ProgressItem } from "./prompt-progress";

const field = (attribute: string, choice: ProgressItem["choice"] = "answer"): ProgressItem => ({ attribute, choice, hasSuggestion: false, confirmed: false });
const guess = (attribute: string, confirmed: boolean, choice: ProgressItem["choice"] = "answer"): ProgressItem => ({ attribute, choice, hasSuggestion: true, confirmed });

describe("questionDecision", () => {
  it("a skip, a decline and a confirmed guess are decided; a field or an open guess waits for the user", () => {
    assert.equal(questionDecision(field("a", "skip")), "skipped");
    assert.equal(questionDecision(field("a", "decline")), "declined");
    assert.equal(questionDecision(guess("a", true)), "confirmed");
    assert.equal(questionDecision(field("a")), "waiting");
    assert.equal(questionDecision(guess("a", false)), "waiting");
    assert.equal(questionDecision(guess("a", true, "skip")), "skipped", "a skip wins over an earlier Yes");
    assert.equal(questionDecision({ attribute: "a", choice: "answer", hasSuggestion: false, confirmed: true }), "waiting", "no guess, nothing to confirm");
  });
});

describe("autoSaveKey: the prompt saves itself when every question is decided by a tap", () => {
  it("all skipped, all declined, or a mix with a confirmed guess: saves, keyed by the decisions", () => {
    assert.equal(autoSaveKey([field("job_title", "skip"), field("company", "skip")]), "job_title=skipped&company=skipped");
    assert.equal(autoSaveKey([field("job_title", "decline"), field("company", "decline")]), "job_title=declined&company=declined");
    assert.equal(autoSaveKey([guess("city", true), field("company", "decline")]), "city=confirmed&company=declined");
    assert.equal(autoSaveKey([field("job_title", "skip")]), "job_title=skipped");
  });

  it("waits while any question still has a field or an unanswered guess: Save sends what was typed", () => {
    assert.equal(autoSaveKey([field("job_title", "skip"), field("company")]), null);
    assert.equal(autoSaveKey([field("job_title"), field("company", "decline")]), null);
    assert.equal(autoSaveKey([guess("city", false), field("company", "skip")]), null);
    assert.equal(autoSaveKey([field("job_title"), field("company")]), null);
  });

  it("never saves an empty prompt", () => {
    assert.equal(autoSaveKey([]), null);
  });

  it("a changed choice is a new key (saved again after a failure only when the user changes something)", () => {
    const skipped = autoSaveKey([field("a", "skip"), field("b", "skip")]);
    const declined = autoSaveKey([field("a", "skip"), field("b", "decline")]);
    assert.notEqual(skipped, declined);
    assert.equal(autoSaveKey([field("a", "skip"), field("b", "skip")]), skipped, "the same choices, the same key");
  });
});
