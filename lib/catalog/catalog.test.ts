import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  DEFAULT_QUESTION_ACCESS_CONTROL,
  ProfileCatalogError,
  findQuestion,
  isCatalogAttribute,
  isEmptyValue,
  confirmSentence,
  localize,
  localizeCatalog,
  questionAttributeConfig,
  type QuestionInput,
} from "./catalog";
import { defineProfileCatalog, type DefineProfileCatalogOptions } from "./define-catalog";
import { defineProfileCatalog as defineInBrowser } from "./define-catalog.browser";
import { formField } from "./schemas";

/** Field specs as the shared vocabulary has them (lib/enrichment/fields.ts), for the type checks. */
const fields = {
  city: { type: "text", prefill: true },
  region: { type: "text", prefill: true },
  country: { type: "country", prefill: true },
  company_website: { type: "url" },
  linkedin_url: { type: "url" },
  company_industry: { type: "text" },
  company_size: { type: "integer", minimum: 1 },
  company_founded: { type: "integer", minimum: 1000, maximum: 2100 },
  email_type: { type: "enum", values: ["work", "free", "disposable"] },
} as const;
const withFields: DefineProfileCatalogOptions = { fields };

const base = { label: "Label", purpose: "Why", priority: 1 } as const;
const q = (attribute: string, extra: Partial<QuestionInput> = {}): QuestionInput => ({
  attribute,
  type: "string",
  ...base,
  ...extra,
});

/** Defines a catalog expecting failure; returns the problems. */
function problems(input: Parameters<typeof defineProfileCatalog>[0], options?: DefineProfileCatalogOptions): readonly string[] {
  try {
    defineProfileCatalog(input, options);
  } catch (error) {
    assert.ok(error instanceof ProfileCatalogError, `expected ProfileCatalogError, got ${String(error)}`);
    assert.match(error.message, /^Invalid profile catalog:\n/);
    return error.problems;
  }
  assert.fail("defineProfileCatalog accepted an invalid catalog");
}

function assertProblem(input: Parameters<typeof defineProfileCatalog>[0], pattern: RegExp, options?: DefineProfileCatalogOptions): void {
  const list = problems(input, options);
  assert.ok(list.some((p) => pattern.test(p)), `no problem matches ${pattern}; got:\n${list.join("\n")}`);
}

describe("defineProfileCatalog: defaults", () => {
  it("applies perLogin 2, cooldown [1, 7, 30], locale en, Gradual's access control and authgearId = attribute", () => {
    const catalog = defineProfileCatalog({ questions: [q("company")] });
    assert.equal(catalog.perLogin, 2);
    assert.deepEqual(catalog.cooldownDays, [1, 7, 30]);
    assert.equal(catalog.defaultLocale, "en");
    const [company] = catalog.questions;
    assert.deepEqual(company?.accessControl, { end_user: "readwrite", bearer: "readonly", portal_ui: "readwrite" });
    assert.equal(company?.authgearId, "company");
  });

  it("keeps explicit settings", () => {
    const catalog = defineProfileCatalog({
      perLogin: 3,
      cooldownDays: [2, 2, 14],
      defaultLocale: "de",
      questions: [
        q("company", {
          label: { de: "Firma" },
          purpose: "Warum",
          authgearId: "0001",
          accessControl: { end_user: "readonly", bearer: "readonly", portal_ui: "readwrite" },
        }),
      ],
    });
    assert.equal(catalog.perLogin, 3);
    assert.deepEqual(catalog.cooldownDays, [2, 2, 14]);
    assert.equal(catalog.questions[0]?.authgearId, "0001");
    assert.equal(catalog.questions[0]?.accessControl.end_user, "readonly");
  });

  it("freezes the catalog deeply", () => {
    const catalog = defineProfileCatalog({ questions: [q("company", { when: undefined }), q("job_title", { when: { known: ["company"] } })] });
    assert.throws(() => {
      (catalog.questions as QuestionInput[]).push(q("x"));
    }, TypeError);
    assert.throws(() => {
      (catalog.questions[1]?.when?.known as string[]).push("y");
    }, TypeError);
  });

  it("types attributes as a literal union and finds questions", () => {
    const catalog = defineProfileCatalog({ questions: [q("company"), q("job_title")] as const });
    const name: (typeof catalog.questions)[number]["attribute"] = "job_title";
    assert.equal(findQuestion(catalog, name)?.attribute, "job_title");
    assert.equal(findQuestion(catalog, "nope"), undefined);
    assert.equal(isCatalogAttribute(catalog, "company"), true);
    assert.equal(isCatalogAttribute(catalog, "constructor"), false);
    assert.equal(isCatalogAttribute(catalog, 3), false);
  });
});

describe("defineProfileCatalog: the browser's version (define-catalog.browser.ts)", () => {
  const everything = {
    perLogin: 3,
    cooldownDays: [2, 14],
    defaultLocale: "de",
    questions: [
      q("company", { label: { de: "Firma", en: "Company" }, purpose: { de: "Warum" }, authgearId: "0001", autoComplete: "organization" }),
      q("team_size", { type: "integer", minimum: 1, maximum: 500, help: { de: "Ungefähr" }, placeholder: "12", when: { known: ["company"] } }),
      q("industry", { type: "enum", options: [{ value: "software", label: { de: "Software" } }], when: { equals: { team_size: 12 } } }),
      q("country", { type: "alpha2", enrichment: { field: "country", mode: "fill" }, accessControl: { end_user: "readonly", bearer: "readonly", portal_ui: "readwrite" } }),
    ],
  } as const;

  it("builds exactly the catalog the checking version builds", () => {
    assert.deepEqual(defineInBrowser(everything), defineProfileCatalog(everything));
    assert.deepEqual(defineInBrowser({ questions: [q("company")] }), defineProfileCatalog({ questions: [q("company")] }));
  });

  it("copies: both freeze their own catalog and leave the caller's objects as they were", () => {
    const input = { questions: [q("company", { label: { en: "Company" }, when: undefined }), q("job_title", { when: { known: ["company"] } })] };
    for (const define of [defineProfileCatalog, defineInBrowser]) {
      const catalog = define(input);
      assert.equal(Object.isFrozen(catalog.questions[1]?.when?.known), true);
      assert.equal(Object.isFrozen(input.questions[1]?.when?.known), false);
      assert.equal(Object.isFrozen(input.questions[0]?.label), false);
    }
  });

  it("checks nothing: the server's import of the same catalog does", () => {
    const outOfRange = { perLogin: 9, questions: [q("company")] };
    const twice = { questions: [q("company"), q("company")] };
    assert.deepEqual(problems(outOfRange), ["perLogin: must be from 1 to 3"]);
    assert.match(problems(twice).join("\n"), /attribute "company" is already used/);
    assert.equal(defineInBrowser(outOfRange).perLogin, 9);
    assert.equal(defineInBrowser(twice).questions.length, 2);
  });
});

describe("defineProfileCatalog: validation errors name the question", () => {
  it("refuses a name Authgear refuses, using Authgear's name rule", () => {
    assertProblem({ questions: [q("Company")] }, /^question "Company" \(questions\[0\]\): attribute "Company" must match/);
    assertProblem({ questions: [q("company_")] }, /question "company_".*must match/);
    assertProblem({ questions: [q("email")] }, /question "email".*reserved JWT or standard claim/);
  });

  it("refuses names every JavaScript object already has", () => {
    assertProblem({ questions: [q("constructor")] }, /question "constructor".*property of every JavaScript object/);
  });

  it("refuses duplicate attributes and duplicate Authgear ids", () => {
    assertProblem({ questions: [q("company"), q("company")] }, /questions\[1\]\): attribute "company" is already used by questions\[0\]/);
    assertProblem(
      { questions: [q("company", { authgearId: "x1" }), q("job_title", { authgearId: "x1" })] },
      /question "job_title".*authgearId "x1" is already used by questions\[0\]/,
    );
  });

  it("refuses an enum without options, and options on other types", () => {
    assertProblem({ questions: [q("industry", { type: "enum" })] }, /question "industry".*type enum needs options/);
    assertProblem({ questions: [q("industry", { type: "enum", options: [] })] }, /question "industry".*type enum needs options/);
    assertProblem(
      { questions: [q("company", { options: [{ value: "a", label: "A" }] })] },
      /question "company".*options apply only to type enum, not string/,
    );
  });

  it("refuses enum values Authgear refuses and duplicate values", () => {
    assertProblem(
      { questions: [q("industry", { type: "enum", options: [{ value: "public sector", label: "Public sector" }] })] },
      /question "industry".*options\[0\].*Authgear's rule/,
    );
    assertProblem(
      { questions: [q("industry", { type: "enum", options: [{ value: "a", label: "A" }, { value: "a", label: "B" }] })] },
      /question "industry".*enum values must be unique/,
    );
  });

  it("refuses minimum above maximum and limits on non-numeric types", () => {
    assertProblem(
      { questions: [q("team_size", { type: "integer", minimum: 5, maximum: 1 })] },
      /question "team_size".*minimum \(5\) is greater than maximum \(1\)/,
    );
    assertProblem({ questions: [q("company", { minimum: 1 })] }, /question "company".*minimum\/maximum apply only to number and integer, not string/);
    assertProblem({ questions: [q("company", { type: "email", maximum: 1 })] }, /question "company".*not email/);
    assert.doesNotThrow(() => defineProfileCatalog({ questions: [q("n", { type: "number", minimum: 2, maximum: 2 })] }));
  });

  it("refuses non-finite limits and priorities", () => {
    assertProblem({ questions: [q("n", { type: "number", maximum: Infinity })] }, /question "n".*maximum: must be a finite number/);
    assertProblem({ questions: [q("n", { priority: Number.NaN })] }, /question "n".*priority/);
  });

  it("refuses access control outside Authgear's 8 combinations", () => {
    assertProblem(
      { questions: [q("company", { accessControl: { end_user: "readwrite", bearer: "readwrite", portal_ui: "readwrite" } })] },
      /question "company".*accessControl.*8 allowed combinations/,
    );
  });

  it("refuses conditions on unknown attributes, on the question itself, empty ones, and cycles", () => {
    assertProblem(
      { questions: [q("team_size", { when: { known: ["compnay"] } })] },
      /question "team_size".*when names "compnay", which is not an attribute of this catalog/,
    );
    assertProblem({ questions: [q("company", { when: { known: ["company"] } })] }, /question "company".*names the question itself/);
    assertProblem({ questions: [q("company", { when: { equals: { company: "x" } } })] }, /question "company".*names the question itself/);
    assertProblem({ questions: [q("company", { when: {} })] }, /question "company".*when names no attribute/);
    assertProblem({ questions: [q("a", { when: { known: ["b"] } }), q("b", { when: { equals: { a: "x" } } })] }, /conditions form a cycle a → b → a/);
    assertProblem(
      { questions: [q("a", { when: { known: ["c"] } }), q("b", { when: { known: ["a"] } }), q("c", { when: { known: ["b"] } })] },
      /conditions form a cycle a → c → b → a/,
    );
  });

  it("refuses an equals condition that can never match the target's type", () => {
    const industry = q("industry", { type: "enum", options: [{ value: "software", label: "Software" }] });
    assertProblem({ questions: [industry, q("x", { when: { equals: { industry: "banking" } } })] }, /question "x".*when.equals.industry = "banking" can never match/);
    assertProblem({ questions: [q("size", { type: "integer" }), q("x", { when: { equals: { size: "5" } } })] }, /question "x".*when.equals.size = "5" can never match/);
    assert.doesNotThrow(() => defineProfileCatalog({ questions: [industry, q("x", { when: { equals: { industry: "software" } } })] }));
  });

  it("takes visitRestHours from 1 to 8760 hours (default 20) and refuses anything else in words", () => {
    assert.equal(defineProfileCatalog({ questions: [q("a")] }).visitRestHours, 20);
    assert.equal(defineProfileCatalog({ visitRestHours: 1, questions: [q("a")] }).visitRestHours, 1);
    assert.equal(defineProfileCatalog({ visitRestHours: 12.5, questions: [q("a")] }).visitRestHours, 12.5);
    assert.equal(defineProfileCatalog({ visitRestHours: 8760, questions: [q("a")] }).visitRestHours, 8760);
    for (const visitRestHours of [0, 0.5, -1, 8761, Number.POSITIVE_INFINITY, Number.NaN]) {
      assertProblem({ visitRestHours, questions: [q("a")] }, /^visitRestHours: must be a number of hours from 1 to 8760/);
    }
    assertProblem({ visitRestHours: "20" as unknown as number, questions: [q("a")] }, /^visitRestHours: must be a number of hours from 1 to 8760/);
  });

  it("refuses perLogin outside 1-3 and bad cooldowns", () => {
    for (const perLogin of [0, 4, 1.5]) assertProblem({ perLogin, questions: [q("a")] }, /^perLogin: must be/);
    assertProblem({ cooldownDays: [], questions: [q("a")] }, /^cooldownDays: needs at least one entry/);
    assertProblem({ cooldownDays: [7, 1], questions: [q("a")] }, /^cooldownDays: must not shrink/);
    assertProblem({ cooldownDays: [0], questions: [q("a")] }, /^cooldownDays\[0\]: must be more than 0 days/);
  });

  it("refuses an empty catalog, unknown keys and misspelled fields", () => {
    assertProblem({ questions: [] }, /^questions: needs at least one question/);
    assertProblem({ questions: [{ ...q("company"), placehoder: "x" } as QuestionInput] }, /question "company".*placehoder/);
  });

  it("refuses empty texts, maps without the default locale and non-canonical locale tags", () => {
    assertProblem({ questions: [q("company", { label: " " })] }, /question "company".*label/);
    assertProblem({ questions: [q("company", { purpose: { de: "Warum" } })] }, /question "company".*purpose has no "en" text/);
    assertProblem({ questions: [q("company", { label: { en: "Company", "de-ch": "Firma" } })] }, /question "company".*"de-ch" is not a canonical locale tag/);
    assertProblem(
      { questions: [q("industry", { type: "enum", options: [{ value: "a", label: { de: "A" } }] })] },
      /question "industry".*options\[0\]\.label has no "en" text/,
    );
    assertProblem({ defaultLocale: "en_GB", questions: [q("company")] }, /^defaultLocale: must be a canonical locale tag/);
  });

  it("refuses enrichment for a type it cannot fill and the same field twice", () => {
    assertProblem(
      { questions: [q("city", { type: "integer", enrichment: { field: "city", mode: "confirm" } })] },
      /question "city".*enrichment field "city" gives text values, which a integer attribute cannot hold \(it fills string or enum\)/,
      withFields,
    );
    assertProblem(
      { questions: [q("country", { type: "url", enrichment: { field: "country", mode: "fill" } })] },
      /question "country".*"country" gives country values, which a url attribute cannot hold \(it fills alpha2 or string\)/,
      withFields,
    );
    assertProblem(
      { questions: [q("team_size", { type: "string", enrichment: { field: "company_size", mode: "confirm" } })] },
      /question "team_size".*"company_size" gives integer values, which a string attribute cannot hold \(it fills integer or number\)/,
      withFields,
    );
    assertProblem(
      { questions: [q("city", { enrichment: { field: "city", mode: "confirm" } }), q("town", { enrichment: { field: "city", mode: "fill" } })] },
      /question "town".*enrichment field "city" is already used by questions\[0\]/,
    );
  });

  it("refuses a text for a locale in no shipped locale's fallback chain, naming the question, the field and the locale", () => {
    const list = problems({ questions: [q("job_title"), q("company", { label: { en: "Company", fr: "Société" } })] });
    assert.deepEqual(list, ['question "company" (questions[1]): label has a "fr" text, but the app ships en, de, ja, zh-HK, ar']);
    assertProblem({ questions: [q("company", { help: { en: "Help", "de-CH": "Hilfe" } })] }, /question "company".*help has a "de-CH" text, but the app ships en, de, ja, zh-HK, ar/);
    assertProblem(
      { questions: [q("industry", { type: "enum", options: [{ value: "a", label: { en: "A", pt: "A" } }] })] },
      /question "industry".*options\[0\]\.label has a "pt" text/,
    );
    // zh-Hant and zh are on zh-HK's chain, de-Latn on de's: a text for them reaches someone.
    const catalog = defineProfileCatalog({ questions: [q("company", { label: { en: "Company", "zh-Hant": "公司", zh: "公司", "de-Latn": "Firma" } })] });
    assert.equal(catalog.questions.length, 1);
  });

  it("checks texts and the default locale against the app's own locales when given", () => {
    const fr = { questions: [q("company", { label: { en: "Company", fr: "Société" } })] };
    assert.equal(defineProfileCatalog(fr, { locales: ["en", "fr"] }).questions.length, 1);
    assert.throws(() => defineProfileCatalog(fr, { locales: ["en", "de"] }), /label has a "fr" text, but the app ships en, de/);
    assert.throws(() => defineProfileCatalog({ defaultLocale: "fr", questions: [q("company", { label: { fr: "Société" }, purpose: "Pourquoi" })] }), /defaultLocale: "fr" is not one of the locales the app ships \(en, de, ja, zh-HK, ar\)/);
    assert.equal(defineProfileCatalog({ defaultLocale: "fr", questions: [q("company", { label: { fr: "Société" } })] }, { locales: ["fr"] }).defaultLocale, "fr");
  });

  it("checks a confirm sentence: {value} exactly once in each locale, only for a question offered to confirm", () => {
    const city = (confirm: QuestionInput["confirm"], mode: "confirm" | "fill" = "confirm") => ({ questions: [q("city", { confirm, enrichment: { field: "city", mode } })] });
    assert.equal(defineProfileCatalog(city({ en: "Are you in {value}?", de: "Sind Sie in {value}?" })).questions[0]?.confirm !== undefined, true);
    assertProblem(city({ en: "Are you in {value}?", de: "Sind Sie in der Stadt?" }), /question "city".*confirm's "de" text must contain \{value\} exactly once \(where the guess goes\), not 0 times/);
    assertProblem(city("{value}, {value}?"), /question "city".*confirm must contain \{value\} exactly once.*not 2 times/);
    assertProblem(city("Are you in {value}?", "fill"), /question "city".*confirm applies only to a question whose enrichment is offered to confirm/);
    assertProblem(city({ en: "Are you in {value}?", fr: "Êtes-vous à {value} ?" }), /question "city".*confirm has a "fr" text/);
  });

  it("lists every problem at once", () => {
    const list = problems({ questions: [q("Bad"), q("industry", { type: "enum" }), q("n", { type: "integer", minimum: 3, maximum: 2 })] });
    assert.equal(list.length, 3, list.join("\n"));
  });
});

describe("localize", () => {
  const text = { en: "Company", de: "Firma", "de-CH": "Unternehmung" };
  it("returns plain strings as they are", () => assert.equal(localize("Company", "de"), "Company"));
  it("prefers the exact locale, then the language, then the default", () => {
    assert.equal(localize(text, "de-CH"), "Unternehmung");
    assert.equal(localize(text, "de-AT"), "Firma");
    assert.equal(localize(text, "de"), "Firma");
    assert.equal(localize(text, "fr"), "Company");
    assert.equal(localize(text, "de-ch"), "Unternehmung");
  });
  it("follows the locale chain: zh-HK, zh-Hant, zh, then the default", () => {
    assert.equal(localize({ en: "Company", "zh-HK": "公司（港）", "zh-Hant": "公司（繁）", zh: "公司（中）" }, "zh-HK"), "公司（港）");
    assert.equal(localize({ en: "Company", "zh-Hant": "公司（繁）", zh: "公司（中）" }, "zh-HK"), "公司（繁）");
    assert.equal(localize({ en: "Company", "zh-Hant": "公司（繁）", zh: "公司（中）" }, "zh-TW"), "公司（繁）");
    assert.equal(localize({ en: "Company", zh: "公司（中）" }, "zh-HK"), "公司（中）");
    assert.equal(localize({ en: "Company", "zh-Hans": "公司（简）" }, "zh-HK"), "Company");
    assert.equal(localize({ en: "Company", "zh-CN": "公司（简）" }, "zh-HK"), "Company");
  });
  it("uses the given default locale, then the first entry, and survives malformed locales", () => {
    assert.equal(localize({ de: "Firma", fr: "Société" }, "it", "fr"), "Société");
    assert.equal(localize({ de: "Firma", "fr-CA": "Entreprise", fr: "Société" }, "it", "fr-CA"), "Entreprise");
    assert.equal(localize({ de: "Firma" }, "it"), "Firma");
    assert.equal(localize(text, "not a locale!"), "Company");
    assert.equal(localize(text, ""), "Company");
  });
  it("falls back field by field: each text of a question on its own", () => {
    const question = defineProfileCatalog({
      questions: [
        q("team", {
          type: "enum",
          label: { en: "Team", "zh-HK": "團隊" },
          help: { en: "Your team", zh: "你的团队" },
          placeholder: { en: "Choose", "zh-Hant": "請選擇" },
          purpose: { en: "So we can help" },
          options: [
            { value: "a", label: { en: "Alpha", "zh-Hant": "甲" } },
            { value: "b", label: { en: "Beta" } },
          ],
        }),
        q("city", { confirm: { en: "Are you in {value}?", "zh-HK": "你是否在{value}？" }, purpose: { en: "Events", zh: "活动" }, enrichment: { field: "city", mode: "confirm" } }),
      ],
    }).questions;
    const team = formField(question[0]!, "zh-HK");
    assert.deepEqual(
      { label: team.label, help: team.help, placeholder: team.placeholder, purpose: team.purpose, options: team.options?.map((o) => o.label) },
      { label: "團隊", help: "你的团队", placeholder: "請選擇", purpose: "So we can help", options: ["甲", "Beta"] },
    );
    const city = formField(question[1]!, "zh-HK");
    assert.deepEqual({ confirm: city.confirm, purpose: city.purpose }, { confirm: "你是否在{value}？", purpose: "活动" });
    assert.equal(formField(question[1]!, "de").confirm, "Are you in {value}?");
  });
});

describe("defineProfileCatalog: open enrichment (issue 17)", () => {
  const industry = (map: Readonly<Record<string, string>> | undefined, type: QuestionInput["type"] = "enum") =>
    q("industry", {
      type,
      ...(type === "enum" ? { options: [{ value: "software", label: "Software" }, { value: "finance", label: "Finance" }] } : {}),
      enrichment: { field: "company_industry", mode: "confirm", ...(map ? { map } : {}) },
    });

  it("takes any provider field name, also one no shared provider fills (a custom provider's)", () => {
    const catalog = defineProfileCatalog({
      questions: [q("job_title", { enrichment: { field: "job_title", mode: "confirm" } }), q("shoe_size", { type: "integer", enrichment: { field: "crm_shoe_size", mode: "fill" } })],
    });
    assert.deepEqual(catalog.questions[1]?.enrichment, { field: "crm_shoe_size", mode: "fill" });
  });

  it("takes each value type into the attribute types that can hold it", () => {
    assert.doesNotThrow(() =>
      defineProfileCatalog({
        questions: [
          q("company_website", { type: "url", enrichment: { field: "company_website", mode: "confirm" } }),
          q("website_text", { enrichment: { field: "linkedin_url", mode: "confirm" } }),
          q("country", { type: "alpha2", enrichment: { field: "country", mode: "fill" } }),
          q("country_code", { enrichment: { field: "region", mode: "fill" } }),
          q("team_size", { type: "integer", enrichment: { field: "company_size", mode: "confirm" } }),
          q("founded", { type: "number", enrichment: { field: "company_founded", mode: "confirm" } }),
          q("mail", { enrichment: { field: "email_type", mode: "fill" } }),
        ],
      }, withFields),
    );
  });

  it("refuses a field name that is not snake_case, naming the question", () => {
    assertProblem({ questions: [q("company", { enrichment: { field: "Company-Name", mode: "confirm" } })] }, /question "company".*enrichment.field: must be a provider field name/);
    assertProblem({ questions: [q("company", { enrichment: { field: "", mode: "confirm" } })] }, /question "company".*enrichment.field: must be a provider field name/);
  });

  it("keeps a map whose every target is an option, and copies it", () => {
    const map = { "Computer Software": "software", Banking: "finance" };
    const catalog = defineProfileCatalog({ questions: [industry(map)] });
    assert.deepEqual(catalog.questions[0]?.enrichment?.map, map);
    assert.notEqual(catalog.questions[0]?.enrichment?.map, map, "a copy");
    assert.ok(Object.isFrozen(catalog.questions[0]?.enrichment?.map));
  });

  it("refuses a map target that is not one of the options, naming the question and the key", () => {
    assertProblem(
      { questions: [industry({ Banking: "banking" })] },
      /^question "industry" \(questions\[0\]\): enrichment.map\["Banking"\] is "banking", which is not one of the options \(software, finance\)$/,
    );
  });

  it("refuses a map on a question that is not an enum", () => {
    assertProblem({ questions: [industry({ Banking: "finance" }, "string")] }, /question "industry".*enrichment.map applies only to an enum question.*not string/);
  });

  it("refuses an empty map key and two keys that are the same provider value with different options", () => {
    assertProblem({ questions: [industry({ "  ": "software" })] }, /question "industry".*enrichment.map has an empty key " {2}"/);
    assertProblem(
      { questions: [industry({ Banking: "finance", " banking ": "software" })] },
      /question "industry".*enrichment.map\[" banking "\] and \["Banking"\] are the same provider value.*different options/,
    );
    assert.doesNotThrow(() => defineProfileCatalog({ questions: [industry({ Banking: "finance", BANKING: "finance" })] }), "same option: no conflict");
  });

  it("refuses a map value that is not a string", () => {
    assertProblem({ questions: [industry({ Banking: 3 } as unknown as Record<string, string>)] }, /question "industry".*enrichment.map.Banking/);
  });

  it("keeps when.enriched, alone or with known/equals", () => {
    const catalog = defineProfileCatalog({
      questions: [q("job_title"), q("company", { when: { enriched: { email_type: ["work"] } } }), q("x", { when: { known: ["job_title"], enriched: { email_type: ["work", "free"] } } })],
    });
    assert.deepEqual(catalog.questions[1]?.when, { enriched: { email_type: ["work"] } });
    assert.deepEqual(catalog.questions[2]?.when, { known: ["job_title"], enriched: { email_type: ["work", "free"] } });
  });

  it("refuses when.enriched with a bad field name, no value, a value twice, or a value an enum field never holds", () => {
    assertProblem({ questions: [q("company", { when: { enriched: { "Email-Type": ["work"] } } })] }, /question "company".*when.enriched names "Email-Type", which is not a provider field name/);
    assertProblem({ questions: [q("company", { when: { enriched: { email_type: [] } } })] }, /question "company".*when.enriched.email_type lists no value, so it could never hold/);
    assertProblem({ questions: [q("company", { when: { enriched: { email_type: ["work", "work"] } } })] }, /question "company".*when.enriched.email_type lists a value twice/);
    assertProblem(
      { questions: [q("company", { when: { enriched: { email_type: ["corporate"] } } })] },
      /question "company".*when.enriched.email_type lists "corporate", which email_type never holds \(work, free, disposable\)/,
      withFields,
    );
    assertProblem({ questions: [q("company", { when: { enriched: { email_type: "work" } as unknown as Record<string, string[]> } })] }, /question "company".*when.enriched.email_type/);
    assert.doesNotThrow(() => defineProfileCatalog({ questions: [q("company", { when: { enriched: { crm_tier: ["gold"] } } })] }), "a custom field's values are taken on trust");
  });

  it("knows the shared vocabulary by default (lib/enrichment/fields.ts)", () => {
    assertProblem({ questions: [q("city", { type: "integer", enrichment: { field: "city", mode: "fill" } })] }, /"city" gives text values, which a integer attribute cannot hold/);
    assertProblem({ questions: [q("size", { type: "string", enrichment: { field: "company_size", mode: "fill" } })] }, /"company_size" gives integer values/);
    assertProblem({ questions: [q("company", { when: { enriched: { email_type: ["corporate"] } } })] }, /lists "corporate", which email_type never holds \(work, free, disposable\)/);
    assert.doesNotThrow(() => defineProfileCatalog({ questions: [q("company_site", { type: "url", enrichment: { field: "company_website", mode: "confirm" } })] }));
  });

  it("checks field types against the fields it is given", () => {
    const fields = { crm_tier: { type: "enum", values: ["gold", "silver"] }, crm_seats: { type: "integer" } } as const;
    assert.throws(() => defineProfileCatalog({ questions: [q("company", { when: { enriched: { crm_tier: ["bronze"] } } })] }, { fields }), /lists "bronze", which crm_tier never holds \(gold, silver\)/);
    assert.throws(() => defineProfileCatalog({ questions: [q("seats", { enrichment: { field: "crm_seats", mode: "fill" } })] }, { fields }), /"crm_seats" gives integer values/);
    assert.doesNotThrow(() => defineProfileCatalog({ questions: [q("city", { type: "integer", enrichment: { field: "city", mode: "fill" } })] }, { fields }), "city unknown to these fields");
  });

  it("keeps thirdPartyConsent, empty or with texts, and checks its texts like a question's", () => {
    assert.deepEqual(defineProfileCatalog({ thirdPartyConsent: {}, questions: [q("company")] }).thirdPartyConsent, {});
    assert.equal(defineProfileCatalog({ questions: [q("company")] }).thirdPartyConsent, undefined);
    const texts = { question: { en: "May we look you up?", de: "Dürfen wir nachsehen?" }, purpose: "To fill in your work details." };
    assert.deepEqual(defineProfileCatalog({ thirdPartyConsent: texts, questions: [q("company")] }).thirdPartyConsent, texts);
    assertProblem({ thirdPartyConsent: { question: { de: "Dürfen wir?" } }, questions: [q("company")] }, /^thirdPartyConsent: question has no "en" text \(the default locale\)$/);
    assertProblem({ thirdPartyConsent: { purpose: { en: "Why", fr: "Pourquoi" } }, questions: [q("company")] }, /^thirdPartyConsent: purpose has a "fr" text, but the app ships/);
    assertProblem({ thirdPartyConsent: { question: "" }, questions: [q("company")] }, /^thirdPartyConsent.question: must not be empty/);
    assertProblem({ thirdPartyConsent: { questoin: "?" } as never, questions: [q("company")] }, /^thirdPartyConsent: .*questoin/);
  });

  it("refuses an attribute named like the prompt's consent item", () => {
    assertProblem({ questions: [q("@consent")] }, /question "@consent".*attribute/);
  });
});

describe("localizeCatalog", () => {
  it("localizes thirdPartyConsent's texts and leaves out the absent ones", () => {
    const catalog = defineProfileCatalog({
      thirdPartyConsent: { question: { en: "May we?", ja: "よろしいですか？" } },
      questions: [q("company")],
    });
    assert.deepEqual(localizeCatalog(catalog, "ja").thirdPartyConsent, { question: "よろしいですか？" });
    assert.deepEqual(localizeCatalog(catalog, "de").thirdPartyConsent, { question: "May we?" });
    assert.equal(localizeCatalog(defineProfileCatalog({ questions: [q("company")] }), "de").thirdPartyConsent, undefined);
  });

  it("keeps one locale's texts, each falling back on its own, and nothing else of another language", () => {
    const catalog = defineProfileCatalog({
      questions: [
        q("industry", {
          type: "enum",
          label: { en: "Industry", ja: "業種" },
          help: { en: "Your field" },
          options: [{ value: "a", label: { en: "Alpha", "zh-Hant": "甲", ja: "アルファ" } }],
        }),
        q("city", { confirm: { en: "Are you in {value}?", ja: "{value}にお住まいですか？" }, placeholder: { en: "e.g. London", ja: "例：東京" }, enrichment: { field: "city", mode: "confirm" } }),
      ],
    });
    const ja = localizeCatalog(catalog, "ja");
    assert.deepEqual(
      ja.questions.map((x) => [x.label, x.help, x.purpose, x.placeholder, x.confirm, x.options?.map((o) => o.label)]),
      [
        ["業種", "Your field", "Why", undefined, undefined, ["アルファ"]],
        ["Label", undefined, "Why", "例：東京", "{value}にお住まいですか？", undefined],
      ],
    );
    assert.equal(localizeCatalog(catalog, "zh-HK").questions[0]?.options?.[0]?.label, "甲");
    assert.deepEqual({ ...ja, questions: [] }, { ...catalog, questions: [] }, "the rest of the catalog as it was");
    assert.deepEqual(ja.questions[0]?.accessControl, catalog.questions[0]?.accessControl);
    assert.equal(JSON.stringify(localizeCatalog(catalog, "de")).includes("業種"), false, "no Japanese in the German catalog");
  });
});

describe("confirmSentence", () => {
  it("puts the guess where {value} is, taking the guess literally", () => {
    assert.equal(confirmSentence("Are you in {value}?", "London"), "Are you in London?");
    assert.equal(confirmSentence("{value}にお住まいですか？", "東京"), "東京にお住まいですか？");
    assert.equal(confirmSentence("Are you in {value}?", "$& $1 {value}"), "Are you in $& $1 {value}?");
  });
});

describe("isEmptyValue", () => {
  it("treats absent, null and the empty string as empty, everything else as a value", () => {
    for (const v of [undefined, null, ""]) assert.equal(isEmptyValue(v), true, String(v));
    for (const v of [" ", "x", 0, false]) assert.equal(isEmptyValue(v), false, String(v));
  });
});

describe("questionAttributeConfig", () => {
  it("builds Authgear's entry with the enum values in option order", () => {
    assert.deepEqual(
      questionAttributeConfig({
        attribute: "industry",
        type: "enum",
        options: [
          { value: "b", label: "B" },
          { value: "a", label: "A" },
        ],
      }),
      { id: "industry", pointer: "/industry", type: "enum", enum: ["b", "a"], access_control: { ...DEFAULT_QUESTION_ACCESS_CONTROL } },
    );
  });
});
