/**
 * Every problem the answer schemas can find has a message in the kit's `validation` namespace, in
 * every locale, with the values its message asks for (issue 16). Driven from the schemas: each of
 * Authgear's types, with limits and options, gets a battery of bad values, and every issue the
 * schemas (server and form) raise is read as the user would read it.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { createTranslator } from "use-intl/core";
import { CUSTOM_ATTRIBUTE_TYPES } from "@/lib/authgear/custom-attributes";
import { loadPhoneRule } from "@/lib/authgear/phone-rule";
import { LOCALES } from "@/lib/i18n/locales";
import { loadKitMessages } from "@/lib/i18n/messages.server";
import en from "@/lib/i18n/messages/en.json";
import { promptFormSchema } from "@/lib/prompt/form";
import { normalizeProfileCatalog, type Question } from "./catalog";
import { readPhoneInput, phoneProblemIssue } from "./phone-input";
import { answerSchema, MAX_TEXT_ANSWER_LENGTH } from "./schemas";
import { decodeValidationIssue, encodeValidationIssue, validationIssue, type ValidationIssue } from "./validation-issues";

const questions: Question[] = normalizeProfileCatalog({
  questions: CUSTOM_ATTRIBUTE_TYPES.map((type) => ({
    attribute: `q_${type}`,
    type,
    label: type,
    purpose: "Why",
    priority: 1,
    ...(type === "number" || type === "integer" ? { minimum: 1, maximum: 80 } : {}),
    ...(type === "enum" ? { options: [{ value: "a", label: "A" }, { value: "b", label: "B" }] } : {}),
  })),
}).questions as Question[];

const BAD: unknown[] = [
  "", "x", " ", "1e3", "0", "-5", "81", "1.5", "99999999999", "+852", "+85212345678", "+4420", "12", "+999123456789",
  "http://example.com/a/../b", "example", "ftp://example.com/", "javascript://x/", "mailto:a@b.co",
  "a@", "Someone <someone@example.com>", "a@b", "ZZ", "gb", "not_an_option", "x".repeat(MAX_TEXT_ANSWER_LENGTH + 1),
  5, 1.5, 0, 200, null, undefined, {}, [], true,
];

/** Every issue the server's answer schemas and the form's raise for the bad values, as the user gets it. */
function producedIssues(): Map<string, ValidationIssue> {
  const found = new Map<string, ValidationIssue>();
  const form = promptFormSchema(questions);
  for (const question of questions) {
    const schema = answerSchema(question);
    for (const value of BAD) {
      const checked = schema.safeParse(value);
      for (const issue of checked.success ? [] : checked.error.issues) {
        const mapped = validationIssue(issue, question.type);
        found.set(`${question.type} ${JSON.stringify(value)?.slice(0, 30)} (server)`, mapped);
      }
      const typed = form.safeParse({ ...Object.fromEntries(questions.map((q) => [q.attribute, ""])), [question.attribute]: value });
      for (const issue of typed.success ? [] : typed.error.issues) {
        const decoded = decodeValidationIssue(issue.message);
        assert.ok(decoded, `${question.type} ${JSON.stringify(value)}: the form's message is a validation key (${issue.message})`);
        found.set(`${question.type} ${JSON.stringify(value)?.slice(0, 30)} (form)`, decoded);
      }
    }
  }
  for (const [raw, region] of [["1234 5678", "HK"], ["9876", "HK"], ["+852"], ["+10000000000"], ["+999123456789"], ["+", "HK"], ["12345", undefined], ["1".repeat(19), "HK"], ["020 7123 4567", "US"], ["12", undefined]] as const) {
    const problem = readPhoneInput(raw, region).problem;
    if (problem) found.set(`phone input ${raw} in ${region}`, phoneProblemIssue(problem, "en"));
  }
  return found;
}

function argumentNames(elements: readonly MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    if (element.type === TYPE.tag) continue;
    out.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) for (const option of Object.values(element.options)) argumentNames(option.value, out);
  }
  return out;
}

describe("validation messages, driven from the schemas", () => {
  it("every problem is a message of the validation block, given exactly the values it uses", async () => {
    await loadPhoneRule();
    const produced = producedIssues();
    const keys = new Set([...produced.values()].map((i) => i.key));
    // The schemas reach every kind of problem: type, limits, options, formats, the app's own rules.
    for (const expected of ["text", "notEmpty", "tooLong", "number", "wholeNumber", "atLeast", "atMost", "option", "phone", "phoneE164", "phoneInvalid", "email", "emailWithName", "emailPlain", "url", "urlAbsolute", "urlPath", "urlScheme", "country", "countryCode", "phoneNotValidFor", "phoneTooShortFor", "phoneUnknownCallingCode", "phoneNoDigits", "phoneTooLong", "phoneChooseCountry"]) {
      assert.ok(keys.has(expected as ValidationIssue["key"]), `no bad value produced ${expected}`);
    }
    const problems: string[] = [];
    for (const [where, issue] of produced) {
      const message = (en.validation as Record<string, string>)[issue.key];
      if (message === undefined) {
        problems.push(`${where}: ${issue.key} is not in the validation block`);
        continue;
      }
      const wanted = [...argumentNames(parse(message))].sort();
      const given = Object.keys(issue.values ?? {}).sort();
      if (JSON.stringify(wanted) !== JSON.stringify(given)) problems.push(`${where}: ${issue.key} uses ${JSON.stringify(wanted)}, the schema gives ${JSON.stringify(given)}`);
    }
    assert.deepEqual(problems, []);
    assert.equal(keys.has("invalid"), false, "no problem falls through to the generic message");
  });

  it("reads in every locale, numbers in the locale's digits", async () => {
    const formatted: Record<string, string> = {};
    for (const locale of LOCALES) {
      const messages = await loadKitMessages(locale, { compiled: false });
      const t = createTranslator({ locale, messages, namespace: "gradual.validation" }) as unknown as (key: string, values?: unknown) => string;
      formatted[locale] = t("tooLong", { max: MAX_TEXT_ANSWER_LENGTH });
      assert.doesNotMatch(t("atMost", { max: 100_000 }), /\{|\}/, locale);
    }
    assert.deepEqual(formatted, {
      en: "Must be at most 1,000 characters",
      de: "Darf höchstens 1.000 Zeichen lang sein.",
      ja: "1,000文字以内で入力してください。",
      "zh-HK": "最多只可輸入1,000個字元。",
      ar: `يجب ألا يتجاوز النص ${new Intl.NumberFormat("ar").format(1000)} حرف.`,
    });
  });

  it("encodes an issue for the form and reads it back; anything else is not an issue", () => {
    const issue: ValidationIssue = { key: "atMost", values: { max: 80 } };
    assert.deepEqual(decodeValidationIssue(encodeValidationIssue(issue)), issue);
    for (const other of [undefined, "", "Must be at most 80", "gradual.validation:", "gradual.validation:{", 'gradual.validation:{"key":5}', 'gradual.validation:{"key":"x","values":{"a":{}}}']) {
      assert.equal(decodeValidationIssue(other), undefined, String(other));
    }
  });
});
