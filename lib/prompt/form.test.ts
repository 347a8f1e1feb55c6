import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { profileCatalog } from "@/profile.config";
import { findQuestion, type Question } from "../catalog/catalog";
import { decodeValidationIssue } from "../catalog/validation-issues";
import { promptFormSchema } from "./form";

const q = (attribute: string) => findQuestion(profileCatalog, attribute) as Question;

describe("promptFormSchema", () => {
  const schema = promptFormSchema([q("job_title"), q("team_size"), q("work_phone"), q("company_website")]);

  it("parses typed text into the values Authgear stores; blank means not answered", () => {
    const result = schema.safeParse({ job_title: "  Chef ", team_size: "12", work_phone: "+44 20 7123 4567", company_website: "" });
    assert.ok(result.success);
    assert.deepEqual(result.data, { job_title: "Chef", team_size: 12, work_phone: "+442071234567", company_website: undefined });
  });

  it("refuses what the server would refuse, with the catalog schema's message as a validation key, per field", () => {
    const result = schema.safeParse({ job_title: "Chef", team_size: "0", work_phone: "12", company_website: "example" });
    assert.equal(result.success, false);
    const issues = Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), decodeValidationIssue(i.message)]));
    assert.deepEqual(issues, {
      team_size: { key: "atLeast", values: { min: 1 } },
      work_phone: { key: "phoneE164" },
      company_website: { key: "urlAbsolute" },
    });
  });

  it("names a value that is not text as such", () => {
    const result = schema.safeParse({ job_title: 5, team_size: "", work_phone: "", company_website: "" });
    assert.deepEqual(result.error?.issues.map((i) => [i.path.join("."), decodeValidationIssue(i.message)]), [["job_title", { key: "text" }]]);
  });

  it("refuses a number typed with letters or an exponent", () => {
    for (const raw of ["1e3", "12 people", "0x10"]) assert.equal(schema.safeParse({ job_title: "", team_size: raw, work_phone: "", company_website: "" }).success, false, raw);
  });
});

describe("promptFormSchema in the browser, without zod's locale (lib/zod-messages.browser.ts)", () => {
  it("names every problem with a message of its own, for every question of the catalog", async () => {
    const { config } = await import("zod/mini");
    const { en } = await import("zod/v4/locales");
    const { loadPhoneRule } = await import("@/lib/authgear/phone-rule");
    await loadPhoneRule();
    const schema = promptFormSchema(profileCatalog.questions);
    const bad: unknown[] = ["x", "1e3", "-5", "99999999999", "+852", "+85212345678", "http://example.com/a/../b", "a@", "ZZ", "not_an_option", "x".repeat(5000), 5, null, undefined, {}];
    config({ localeError: () => "FROM ZOD'S LOCALE" });
    try {
      let issues = 0;
      for (const question of profileCatalog.questions) {
        for (const value of bad) {
          const result = schema.safeParse({ ...Object.fromEntries(profileCatalog.questions.map((q) => [q.attribute, ""])), [question.attribute]: value });
          for (const issue of result.success ? [] : result.error.issues) {
            issues += 1;
            assert.notEqual(issue.message, "FROM ZOD'S LOCALE", `${question.attribute} = ${JSON.stringify(value)?.slice(0, 40)}: ${issue.code}`);
          }
        }
      }
      assert.ok(issues > profileCatalog.questions.length * 3, `${issues} issues: the bad values were refused`);
    } finally {
      config(en());
    }
  });
});
