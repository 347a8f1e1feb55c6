import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { autoSaveKey, type ProgressItem } from "./prompt-progress";

const field = (attribute: string, choice: ProgressItem["choice"] = "answer"): ProgressItem => ({ question: { attribute }, choice, confirmed: false });
const guess = (attribute: string, confirmed: boolean, choice: ProgressItem["choice"] = "answer"): ProgressItem => ({
  question: { attribute },
  choice,
  suggestion: { value: "London", source: "geoip" },
  confirmed,
});

describe("autoSaveKey: the prompt saves itself when every question is decided by a tap", () => {
  it("all skipped, all declined, or a mix with a confirmed guess: saves, keyed by the decisions", () => {
    assert.equal(autoSaveKey([field("job_title", "skip"), field("company", "skip")]), "job_title=skip;company=skip;");
    assert.equal(autoSaveKey([field("job_title", "decline"), field("company", "decline")]), "job_title=decline;company=decline;");
    assert.equal(autoSaveKey([guess("city", true), field("company", "decline")]), "city=confirm;company=decline;");
    assert.equal(autoSaveKey([field("job_title", "skip")]), "job_title=skip;");
    assert.equal(autoSaveKey([guess("city", true, "skip"), field("a", "skip")]), "city=skip;a=skip;", "a skip wins over an earlier Yes");
  });

  it("waits while any question still has a field or an unanswered guess: Save sends what was typed", () => {
    assert.equal(autoSaveKey([field("job_title", "skip"), field("company")]), null);
    assert.equal(autoSaveKey([field("job_title"), field("company", "decline")]), null);
    assert.equal(autoSaveKey([guess("city", false), field("company", "skip")]), null);
    assert.equal(autoSaveKey([field("job_title"), field("company")]), null);
    assert.equal(autoSaveKey([{ question: { attribute: "a" }, choice: "answer", confirmed: true }, field("b", "skip")]), null, "no guess: nothing to confirm");
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

describe("autoSaveKey with the consent item", () => {
  const consent = (choice: "granted" | "refused" | "skip" | null) => ({ attribute: "@consent", choice });

  it("the consent item alone saves itself on any of its taps", () => {
    assert.equal(autoSaveKey([], consent("granted")), "@consent=granted;");
    assert.equal(autoSaveKey([], consent("refused")), "@consent=refused;");
    assert.equal(autoSaveKey([], consent("skip")), "@consent=skip;");
  });

  it("an untouched consent item waits, even when every other question is decided", () => {
    assert.equal(autoSaveKey([], consent(null)), null);
    assert.equal(autoSaveKey([field("job_title", "skip")], consent(null)), null);
    assert.equal(autoSaveKey([guess("city", true)], consent(null)), null);
  });

  it("a decided consent item still waits for a question with a field", () => {
    assert.equal(autoSaveKey([field("job_title")], consent("granted")), null);
    assert.equal(autoSaveKey([guess("city", false)], consent("refused")), null);
  });

  it("both decided: one key naming both, a different key for a different tap", () => {
    const yes = autoSaveKey([field("job_title", "skip")], consent("granted"));
    assert.equal(yes, "@consent=granted;job_title=skip;");
    assert.notEqual(autoSaveKey([field("job_title", "skip")], consent("refused")), yes);
  });
});
