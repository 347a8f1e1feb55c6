import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { checkFieldValue, checkFieldValueWithReason, fieldSpecProblem } from "./field-values";
import { FIELDS, pickFields } from "./fields";

describe("checkFieldValue", () => {
  it("text: trimmed, 1–200 characters, no control characters, no markup", () => {
    const text = { type: "text" } as const;
    assert.equal(checkFieldValue(text, "  Head of Operations "), "Head of Operations");
    assert.equal(checkFieldValue(text, "Zürich – 東京 – القاهرة"), "Zürich – 東京 – القاهرة");
    assert.equal(checkFieldValue(text, "x".repeat(200)), "x".repeat(200));
    for (const bad of ["", "   ", "x".repeat(201), "Acme\nInc", "Acme\u0000", "<script>alert(1)</script>", "a > b", 42, null, ["Acme"]]) {
      assert.equal(checkFieldValue(text, bad), null, JSON.stringify(bad));
    }
  });

  it("url: absolute http(s) that Authgear's uri rule accepts", () => {
    const url = { type: "url" } as const;
    assert.equal(checkFieldValue(url, "https://acme-robotics.com"), "https://acme-robotics.com");
    assert.equal(checkFieldValue(url, "http://example.com/about/"), "http://example.com/about/");
    assert.equal(checkFieldValue(url, " https://www.linkedin.com/in/ana "), "https://www.linkedin.com/in/ana");
    for (const bad of ["linkedin.com/in/ana", "ftp://example.com", "mailto:ana@example.com", "https://", "https://example.com/a/../b", "https://example.com//x", "javascript:alert(1)", `https://e.com/${"a".repeat(2100)}`, 1]) {
      assert.equal(checkFieldValue(url, bad), null, String(bad));
    }
    assert.deepEqual(checkFieldValueWithReason(url, "acme.com"), { ok: false, why: "a URL must start with https:// or http://" });
  });

  it("country: an assigned ISO 3166-1 alpha-2 code, upper case", () => {
    assert.equal(checkFieldValue(FIELDS.country, "gb"), "GB");
    assert.equal(checkFieldValue(FIELDS.country, "HK"), "HK");
    for (const bad of ["XX", "GBR", "united states", "", 44]) assert.equal(checkFieldValue(FIELDS.country, bad), null, String(bad));
  });

  it("timezone: an IANA zone the platform knows, in its usual spelling", () => {
    assert.equal(checkFieldValue(FIELDS.timezone, "europe/london"), "Europe/London");
    assert.equal(checkFieldValue(FIELDS.timezone, "Asia/Kolkata"), "Asia/Kolkata");
    for (const bad of ["+01:00", "Mars/Olympus", "", 0]) assert.equal(checkFieldValue(FIELDS.timezone, bad), null, String(bad));
  });

  it("languages: 1–10 BCP 47 tags, canonical, without duplicates", () => {
    assert.deepEqual(checkFieldValue(FIELDS.languages, ["en-us", "EN-US", "zh-hant-hk"]), ["en-US", "zh-Hant-HK"]);
    for (const bad of [[], ["en", "??"], "en", Array.from({ length: 11 }, () => "en")]) assert.equal(checkFieldValue(FIELDS.languages, bad), null, JSON.stringify(bad));
  });

  it("integer: a safe whole number within the spec's bounds", () => {
    assert.equal(checkFieldValue(FIELDS.company_size, 125), 125);
    assert.equal(checkFieldValue(FIELDS.company_founded, 1998), 1998);
    for (const bad of [0, -5, 12.5, Number.NaN, Infinity, "125", 2 ** 60]) assert.equal(checkFieldValue(FIELDS.company_size, bad), null, String(bad));
    assert.equal(checkFieldValue(FIELDS.company_founded, 3000), null);
    assert.deepEqual(checkFieldValueWithReason(FIELDS.company_founded, 3000), { ok: false, why: "3000 is above the maximum 2100" });
  });

  it("enum: exactly one of the spec's values", () => {
    assert.equal(checkFieldValue(FIELDS.email_type, "work"), "work");
    for (const bad of ["Work", "corporate", "", 1]) assert.equal(checkFieldValue(FIELDS.email_type, bad), null, String(bad));
  });
});

describe("the shared fields", () => {
  it("pickFields hands out the shared specs, and refuses a name that is not one", () => {
    assert.deepEqual(pickFields("company_name", "company_website"), { company_name: { type: "text" }, company_website: { type: "url" } });
    assert.throws(() => pickFields("shoe_size" as never), /"shoe_size" is not a shared field/);
  });

  it("every shared spec is well-formed; only the location fields may be written before they are confirmed", () => {
    for (const [name, spec] of Object.entries(FIELDS)) assert.equal(fieldSpecProblem(name, spec), null, name);
    const prefill = Object.entries(FIELDS).filter(([, spec]) => "prefill" in spec && spec.prefill).map(([name]) => name);
    assert.deepEqual(prefill, ["city", "region", "country", "timezone", "languages"]);
  });

  it("fieldSpecProblem names what is wrong with a declaration", () => {
    assert.match(fieldSpecProblem("Job Title", { type: "text" }) ?? "", /snake_case/);
    assert.match(fieldSpecProblem("x", { type: "string" }) ?? "", /type "string", not one of/);
    assert.match(fieldSpecProblem("x", { type: "enum" }) ?? "", /must list its values/);
    assert.match(fieldSpecProblem("x", { type: "text", values: ["a"] }) ?? "", /values are for enum fields only/);
    assert.match(fieldSpecProblem("x", { type: "integer", minimum: 5, maximum: 1 }) ?? "", /minimum is above maximum/);
    assert.match(fieldSpecProblem("x", { type: "text", prefill: "yes" }) ?? "", /prefill must be true or false/);
    assert.match(fieldSpecProblem("x", null) ?? "", /no spec object/);
  });
});
