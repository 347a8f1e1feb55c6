import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { findQuestion, type Question } from "./catalog";
import { defineProfileCatalog } from "./define-catalog";
import { answerSchema, answersSchema, countryOptions, formField, parseFormValue } from "./schemas";
import { profileCatalog } from "@/profile.config";
import { ISO_3166_1_ALPHA_2 } from "@/lib/authgear/iso3166";

function question(attribute: string): Question {
  const found = findQuestion(profileCatalog, attribute);
  assert.ok(found, `demo catalog has no ${attribute}`);
  return found;
}

function check(attribute: string, accepted: unknown[], refused: unknown[]): void {
  const schema = answerSchema(question(attribute));
  for (const value of accepted) assert.equal(schema.safeParse(value).success, true, `${attribute} should accept ${JSON.stringify(value)}`);
  for (const value of refused) assert.equal(schema.safeParse(value).success, false, `${attribute} should refuse ${JSON.stringify(value)}`);
}

describe("answerSchema: each of Authgear's 8 types", () => {
  it("string: any non-empty text (Authgear also takes \"\"; the app does not); not a number", () => {
    check("job_title", ["Engineer", " x ", "Ä"], ["", 5, null, undefined, ["a"]]);
  });
  it("integer: whole numbers within team_size's limits 1..100000", () => {
    check("team_size", [1, 12, 100000], [0, 100001, 1.5, -3, "12", Number.NaN, Infinity]);
  });
  it("number: fractions within years_experience's limits 0..80", () => {
    check("years_experience", [0, 2.5, 80], [-0.5, 80.01, "5", Number.NaN]);
  });
  it("enum: only the catalog's option values, exactly", () => {
    check("industry", ["software", "public_sector", "other"], ["Software", "public sector", "banking", "", 1]);
  });
  it("alpha2: Authgear's list (libphonenumber's regions): XK yes, AQ no", () => {
    check("country", ["GB", "DE", "US", "XK"], ["UK", "gb", "GBR", "", "XX", 44, "AQ", "UM"]);
  });
  it("phone_number: exactly E.164, and a number libphonenumber finds possible and valid", () => {
    check(
      "work_phone",
      ["+442071234567", "+12015550123", "+85298765432"],
      ["02071234567", "+44 20 7123 4567", "+0123", "+1234567890123456", "", 442071234567, "+85212345678", "+852999", "+852", "+999123456789", "+10000000000", "+4402071234567"],
    );
  });
  it("url: a scheme and a host, a clean path; the app takes http(s) only", () => {
    check(
      "company_website",
      ["https://a.example", "http://localhost:3000/x", "https://a.example/a/", "https://a.example/?q=1#x"],
      ["example.com", "mailto:x@y.z", "/path", "", "https://", "http://example.com/a/../b", "http://example.com/a//b", "ftp://a.example/f", "javascript://a.example/%0A"],
    );
  });
  it("email: one plain address (Authgear takes <a@b.example> and quoted forms; the app does not)", () => {
    check("billing_email", ["billing@example.com"], ["billing", "@example.com", "a b@example.com", "", "<billing@example.com>", "Billing <billing@example.com>", "a@b"]);
  });

  it("uses the question's limits, also when they differ from the demo", () => {
    const catalog = defineProfileCatalog({
      questions: [{ attribute: "seats", type: "integer", minimum: -2, maximum: 2, label: "Seats", purpose: "p", priority: 1 }],
    });
    const schema = answerSchema(catalog.questions[0] as Question);
    assert.equal(schema.safeParse(-2).success, true);
    assert.equal(schema.safeParse(-3).success, false);
    const failure = schema.safeParse(3);
    assert.equal(failure.success, false);
    assert.match(failure.error?.issues[0]?.message ?? "", /at most 2/);
  });
});

describe("answersSchema", () => {
  const schema = answersSchema(profileCatalog, ["job_title", "team_size"]);

  it("accepts answers to the offered questions, each optional", () => {
    assert.deepEqual(schema.parse({ job_title: "CTO", team_size: 12 }), { job_title: "CTO", team_size: 12 });
    assert.deepEqual(schema.parse({ job_title: "CTO" }), { job_title: "CTO" });
    assert.deepEqual(schema.parse({}), {});
  });

  it("refuses invalid values with the attribute as the path", () => {
    const result = schema.safeParse({ job_title: "", team_size: 0 });
    assert.equal(result.success, false);
    assert.deepEqual(result.error?.issues.map((i) => i.path.join(".")).sort(), ["job_title", "team_size"]);
  });

  it("refuses attributes that were not offered, even ones in the catalog", () => {
    assert.equal(schema.safeParse({ job_title: "CTO", company: "Acme" }).success, false);
    assert.equal(schema.safeParse({ nickname: "x" }).success, false);
  });

  it("refuses __proto__ and constructor keys", () => {
    assert.equal(schema.safeParse(JSON.parse('{"__proto__": {"job_title": "x"}}')).success, false);
    assert.equal(schema.safeParse(JSON.parse('{"constructor": {"prototype": {}}}')).success, false);
    assert.equal(schema.safeParse(JSON.parse('{"job_title":"CTO","__proto__": {"polluted": true}}')).success, false);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it("refuses a non-object", () => {
    for (const value of [null, "job_title", ["CTO"], 1]) assert.equal(schema.safeParse(value).success, false, JSON.stringify(value));
  });

  it("throws for an attribute the catalog does not ask", () => {
    assert.throws(() => answersSchema(profileCatalog, ["nickname" as "job_title"]), /"nickname" is not a question of the catalog/);
  });
});

describe("formField", () => {
  it("text field with localized texts and a purpose", () => {
    const en = formField(question("job_title"), "en");
    assert.equal(en.name, "job_title");
    assert.equal(en.control, "text");
    assert.equal(en.inputMode, "text");
    assert.equal(en.autoComplete, "organization-title");
    assert.equal(en.label, "Job title");
    assert.match(en.purpose, /guides/);
    const de = formField(question("job_title"), "de-DE");
    assert.equal(de.label, "Berufsbezeichnung");
    assert.equal(formField(question("job_title"), "ja").label, "役職");
    assert.equal(formField(question("job_title"), "fr").label, "Job title", "a locale the catalog lacks: the default's text");
  });

  it("number fields carry limits and step", () => {
    const team = formField(question("team_size"), "en");
    assert.deepEqual(
      { control: team.control, inputMode: team.inputMode, min: team.min, max: team.max, step: team.step },
      { control: "number", inputMode: "numeric", min: 1, max: 100000, step: 1 },
    );
    const years = formField(question("years_experience"), "en");
    assert.deepEqual(
      { control: years.control, inputMode: years.inputMode, min: years.min, max: years.max, step: years.step },
      { control: "number", inputMode: "decimal", min: 0, max: 80, step: "any" },
    );
  });

  it("number fields that allow negatives do not use a keyboard without a minus sign", () => {
    const catalog = defineProfileCatalog({
      questions: [{ attribute: "offset", type: "integer", label: "Offset", purpose: "p", priority: 1 }],
    });
    assert.equal(formField(catalog.questions[0] as Question, "en").inputMode, "text");
  });

  it("enums: a select with more than 4 options, radios up to 4, labels localized", () => {
    const industry = formField(question("industry"), "de");
    assert.equal(industry.control, "select");
    assert.equal(industry.options?.length, 8);
    assert.deepEqual(industry.options?.find((o) => o.value === "public_sector"), { value: "public_sector", label: "Öffentlicher Sektor" });
    assert.equal(formField(question("industry"), "en").options?.find((o) => o.value === "public_sector")?.label, "Public sector");

    const make = (n: number) =>
      defineProfileCatalog({
        questions: [
          {
            attribute: "size",
            type: "enum",
            options: Array.from({ length: n }, (_, i) => ({ value: `v${i}`, label: `V${i}` })),
            label: "Size",
            purpose: "p",
            priority: 1,
          },
        ],
      }).questions[0] as Question;
    assert.equal(formField(make(4), "en").control, "radio");
    assert.equal(formField(make(5), "en").control, "select");
  });

  it("country picker, tel, email and url controls", () => {
    const country = formField(question("country"), "en");
    assert.equal(country.control, "country");
    assert.equal(country.autoComplete, "country");
    assert.equal(country.options?.length, ISO_3166_1_ALPHA_2.size);
    const phone = formField(question("work_phone"), "en");
    assert.deepEqual([phone.control, phone.inputMode, phone.autoComplete], ["tel", "tel", "tel"]);
    const email = formField(question("billing_email"), "en");
    assert.deepEqual([email.control, email.inputMode, email.autoComplete], ["email", "email", "email"]);
    const url = formField(question("company_website"), "en");
    assert.deepEqual([url.control, url.inputMode, url.autoComplete], ["url", "url", "url"]);
  });

  it("city's autocomplete comes from its enrichment field", () => {
    assert.equal(formField(question("city"), "en").autoComplete, "address-level2");
  });
});

describe("parseFormValue", () => {
  it("trims text and treats blank as not answered", () => {
    assert.equal(parseFormValue(question("job_title"), "  CTO "), "CTO");
    assert.equal(parseFormValue(question("job_title"), ""), undefined);
    assert.equal(parseFormValue(question("job_title"), "   "), undefined);
    assert.equal(parseFormValue(question("team_size"), " "), undefined);
  });

  it("parses plain decimal numbers strictly", () => {
    const team = question("team_size");
    assert.equal(parseFormValue(team, "12"), 12);
    assert.equal(parseFormValue(team, " 007 "), 7);
    assert.equal(parseFormValue(team, "-3"), -3);
    assert.equal(parseFormValue(question("years_experience"), "2.5"), 2.5);
    assert.equal(parseFormValue(question("years_experience"), ".5"), 0.5);
    for (const raw of ["1e3", "0x10", "1,5", "1 000", "12abc", "Infinity", "NaN", "--1"]) {
      const value = parseFormValue(team, raw);
      assert.equal(typeof value, "string", `${raw} must not become a number`);
      assert.equal(answerSchema(team).safeParse(value).success, false, `${raw} must be refused`);
    }
  });

  it("feeds the schema: integer 1.5 parses and is refused", () => {
    const team = question("team_size");
    assert.equal(parseFormValue(team, "1.5"), 1.5);
    assert.equal(answerSchema(team).safeParse(parseFormValue(team, "1.5")).success, false);
  });

  it("drops the separators people type in phone numbers, nothing else", () => {
    const phone = question("work_phone");
    assert.equal(parseFormValue(phone, "+44 20 7123-4567"), "+442071234567");
    assert.equal(parseFormValue(phone, "+1 (415) 555.0100"), "+14155550100");
    assert.equal(answerSchema(phone).safeParse(parseFormValue(phone, "020 7123 4567")).success, false);
  });

  it("keeps case for countries and URLs as typed", () => {
    assert.equal(parseFormValue(question("country"), "gb"), "gb");
    assert.equal(parseFormValue(question("company_website"), " example.com "), "example.com");
  });
});

describe("countryOptions", () => {
  it("lists every ISO code once, named in the locale and sorted by name", () => {
    const en = countryOptions("en");
    assert.equal(en.length, ISO_3166_1_ALPHA_2.size);
    assert.equal(new Set(en.map((o) => o.value)).size, en.length);
    assert.equal(en.find((o) => o.value === "GB")?.label, "United Kingdom");
    const collator = new Intl.Collator("en");
    for (let i = 1; i < en.length; i++) {
      assert.ok(collator.compare((en[i - 1] as { label: string }).label, (en[i] as { label: string }).label) <= 0, `not sorted at ${i}`);
    }
    const de = countryOptions("de");
    assert.equal(de.find((o) => o.value === "DE")?.label, "Deutschland");
    assert.ok(de.findIndex((o) => o.value === "AT") > de.findIndex((o) => o.value === "DE"), "Österreich sorts after Deutschland in German");
  });

  it("returns copies, and English names for a malformed locale", () => {
    const first = countryOptions("en");
    (first[0] as { label: string }).label = "changed";
    assert.notEqual(countryOptions("en")[0]?.label, "changed");
    assert.equal(countryOptions("!!").find((o) => o.value === "GB")?.label, "United Kingdom");
  });
});
