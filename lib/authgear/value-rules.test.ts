import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { attributeValueSchema, type AttributeRule } from "./custom-attributes";
import { authgearEmailProblem } from "./email-rule";
import { authgearPhoneNumberProblem } from "./phone-number";
import * as browserRule from "./phone-rule.browser";
import { goPathClean, isCleanAbsolutePath, authgearUrlProblem } from "./url-rule";

const message = (rule: AttributeRule, value: unknown) => {
  const result = attributeValueSchema(rule).safeParse(value);
  return result.success ? null : result.error.issues[0]?.message;
};

describe("Authgear's value rules: messages in words", () => {
  it("phone numbers: not international format, or not a number at all", () => {
    const phone = { type: "phone_number" } as const;
    assert.equal(message(phone, "+85298765432"), null);
    assert.equal(message(phone, "98765432"), "Must be a phone number in international format, e.g. +442071234567");
    assert.equal(message(phone, "+852 9876 5432"), "Must be a phone number in international format, e.g. +442071234567");
    assert.equal(message(phone, "+85212345678"), "That is not a valid phone number");
    assert.equal(message(phone, "+852999"), "That is not a valid phone number");
    assert.equal(message(phone, 85298765432), "Must be a phone number");
  });
  it("web addresses: not one, not absolute, or a path that is not clean", () => {
    const url = { type: "url" } as const;
    assert.equal(message(url, "http://a b.example/"), "Must be a web address");
    assert.equal(message(url, "example.com"), "Must be a full web address, e.g. https://example.com");
    assert.match(message(url, "https://example.com/a//b") ?? "", /without “\.”, “\.\.” or an empty part/);
  });
  it("email addresses: not one, or with a name", () => {
    const email = { type: "email" } as const;
    assert.equal(message(email, "someone"), "Must be an email address");
    assert.equal(message(email, "Someone <someone@example.com>"), "Must be an email address alone, without a name");
  });
});

describe("bad input is refused quickly, with words", () => {
  const huge = "+" + "1".repeat(5000);
  it("letters, a lone +, 5 kB of digits", () => {
    for (const value of ["abc", "+", "+abc", huge, "1".repeat(5000)]) assert.notEqual(authgearPhoneNumberProblem(value), null, value.slice(0, 10));
    const started = performance.now();
    for (let i = 0; i < 200; i++) authgearPhoneNumberProblem(huge);
    assert.ok(performance.now() - started < 200, "200 checks of 5 kB within 200 ms");
  });
  it("100 kB URLs and email addresses are judged in linear time", () => {
    const started = performance.now();
    assert.equal(authgearUrlProblem("https://example.com/" + "a/".repeat(50_000)), null);
    assert.equal(authgearEmailProblem("a".repeat(100_000) + "@example.com"), null);
    assert.equal(authgearEmailProblem("a@example.com (" + "x".repeat(20_000) + ")"), "has_name");
    assert.ok(performance.now() - started < 2000);
  });
});

describe("url-rule: Go's path.Clean and FormatAbsolutePath", () => {
  it("cleans as Go does (golang/go src/path/path_test.go cleantests)", () => {
    const cases: [string, string][] = [
      ["", "."], ["abc", "abc"], ["abc/def", "abc/def"], [".", "."], ["..", ".."], ["../..", "../.."], ["../../abc", "../../abc"],
      ["/abc", "/abc"], ["/", "/"], ["abc/", "abc"], ["abc/def/", "abc/def"], ["./", "."], ["../", ".."], ["/abc/", "/abc"],
      ["abc//def//ghi", "abc/def/ghi"], ["//abc", "/abc"], ["///abc", "/abc"], ["//abc//", "/abc"], ["abc//", "abc"],
      ["abc/./def", "abc/def"], ["/./abc/def", "/abc/def"], ["abc/.", "abc"], ["abc/def/ghi/../jkl", "abc/def/jkl"],
      ["abc/def/../ghi/../jkl", "abc/jkl"], ["abc/def/..", "abc"], ["abc/def/../..", "."], ["/abc/def/../..", "/"],
      ["abc/def/../../..", ".."], ["/abc/def/../../..", "/"], ["abc/def/../../../ghi/jkl/../../../mno", "../../mno"],
      ["abc/./../def", "def"], ["abc//./../def", "def"], ["abc/../../././../def", "../../def"],
    ];
    for (const [input, output] of cases) assert.equal(goPathClean(input), output, JSON.stringify(input));
  });
  it("an absolute path must already be clean; a trailing slash may stay; empty is /", () => {
    for (const p of ["", "/", "/a", "/a/", "/a/b/"]) assert.equal(isCleanAbsolutePath(p), true, p);
    for (const p of ["a", "//", "/a//", "/a/./b", "/a/..", "/../a"]) assert.equal(isCleanAbsolutePath(p), false, p);
  });
});

describe("phone-rule.browser: the metadata is a separate chunk", () => {
  it("refuses to validate before loadPhoneRule(), validates after, loads once", async () => {
    assert.equal(browserRule.phoneRuleLoaded(), false);
    assert.throws(() => browserRule.phoneRule(), /The phone rule is not loaded: await loadPhoneRule\(\) first/);
    const first = browserRule.loadPhoneRule();
    assert.equal(browserRule.loadPhoneRule(), first, "one load, however many questions ask");
    await first;
    assert.equal(browserRule.phoneRuleLoaded(), true);
    assert.equal(browserRule.phoneRule().problem("+85298765432"), null);
    assert.deepEqual(browserRule.phoneRule().problem("+85212345678"), { key: "phoneInvalid", message: "That is not a valid phone number" });
  });
});

describe("format-rules.browser: the email and URL rules are a separate chunk", () => {
  it("has no rules before loadFormatRules() (the form then defers to the Server Action), and Authgear's after", async () => {
    const browserFormat = await import("./format-rules.browser");
    assert.equal(browserFormat.formatRules(), null);
    const first = browserFormat.loadFormatRules();
    assert.equal(browserFormat.loadFormatRules(), first, "one load");
    await first;
    assert.match(browserFormat.formatRules()?.url("http://example.com/a/../b")?.message ?? "", /without “\.”, “\.\.” or an empty part/);
    assert.equal(browserFormat.formatRules()?.url("http://example.com/a/../b")?.key, "urlPath");
    assert.deepEqual(browserFormat.formatRules()?.email("Someone <someone@example.com>"), { key: "emailWithName", message: "Must be an email address alone, without a name" });
  });
  it("until then the form loses nothing on email: every address the app's own rule takes, Authgear takes", async () => {
    const { APP_RULES } = await import("@/lib/catalog/schemas");
    const samples = [
      "a@b.co", "first.last@example.com", "o'brien@example.ie", "a+tag@sub.example.org", "x_y-z@a-b.example.museum",
      "1@2.io", "a.b.c.d@e.f.gh", "UPPER@EXAMPLE.COM", "-@example.com", "_@example.com",
    ];
    for (const address of samples) {
      if (APP_RULES.email!.safeParse(address).success) assert.equal(authgearEmailProblem(address), null, address);
    }
  });
});
