/**
 * The app's one limit on text answers (MAX_TEXT_ANSWER_LENGTH in schemas.ts), seen from every path
 * an answer takes: the answer schema, the prompt's answers object, and the prompt form.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { profileCatalog } from "@/profile.config";
import { findQuestion, type Question } from "./catalog";
import { promptFormSchema } from "../prompt/form";
import { answerSchema, answersSchema, MAX_TEXT_ANSWER_LENGTH } from "./schemas";
import { decodeValidationIssue } from "./validation-issues";

const q = (attribute: string) => findQuestion(profileCatalog, attribute) as Question;
const message = `Must be at most ${MAX_TEXT_ANSWER_LENGTH} characters`;

describe("MAX_TEXT_ANSWER_LENGTH", () => {
  it("accepts a text answer of exactly the limit and refuses one character more, with a clear message", () => {
    const schema = answerSchema(q("job_title"));
    assert.equal(schema.safeParse("x".repeat(MAX_TEXT_ANSWER_LENGTH)).success, true);
    const over = schema.safeParse("x".repeat(MAX_TEXT_ANSWER_LENGTH + 1));
    assert.equal(over.success, false);
    assert.deepEqual(over.error?.issues.map((i) => i.message), [message]);
  });

  it("refuses a 100 kB string for every string-valued type, with the length message (not a pattern's)", () => {
    const huge = "a".repeat(100 * 1024);
    for (const attribute of ["job_title", "industry", "country", "work_phone", "company_website", "billing_email"]) {
      const result = answerSchema(q(attribute)).safeParse(huge);
      assert.equal(result.success, false, attribute);
      assert.deepEqual(result.error?.issues.map((i) => i.message), [message], attribute);
    }
    // A URL or email that would otherwise be valid is refused just the same when too long.
    const longUrl = `https://example.com/${"p".repeat(MAX_TEXT_ANSWER_LENGTH)}`;
    assert.equal(answerSchema(q("company_website")).safeParse(longUrl).success, false);
  });

  it("leaves numbers to their own rules", () => {
    assert.equal(answerSchema(q("team_size")).safeParse(12).success, true);
    assert.equal(answerSchema(q("team_size")).safeParse("x".repeat(2000)).success, false);
  });

  it("applies to the prompt's answers object, per attribute", () => {
    const result = answersSchema(profileCatalog, ["job_title", "company"]).safeParse({ job_title: "x".repeat(100_000), company: "Acme" });
    assert.equal(result.success, false);
    assert.deepEqual(result.error?.issues.map((i) => [i.path.join("."), i.message]), [["job_title", message]]);
  });

  it("applies to the prompt form before anything is sent", () => {
    const form = promptFormSchema([q("job_title")]);
    const result = form.safeParse({ job_title: "y".repeat(MAX_TEXT_ANSWER_LENGTH + 1) });
    assert.equal(result.success, false);
    // The form's message is the `validation` message it means (the user reads it in their language, "1,000" in English).
    assert.deepEqual(decodeValidationIssue(result.error?.issues[0]?.message), { key: "tooLong", values: { max: MAX_TEXT_ANSWER_LENGTH } });
    // HTML and script are just text: accepted unchanged (rendered inert by React, e2e/security.spec.ts).
    const html = "<img src=x onerror=alert(1)>";
    assert.deepEqual(form.safeParse({ job_title: html }).data, { job_title: html });
  });
});
