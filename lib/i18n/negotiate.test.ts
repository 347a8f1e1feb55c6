import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { nearestLocale } from "./locales";
import { acceptedLanguages, MAX_ACCEPT_LANGUAGE_LENGTH, negotiateLocale } from "./negotiate";

describe("negotiateLocale: the order", () => {
  it("takes the language menu's choice over everything", () => {
    assert.deepEqual(negotiateLocale({ chosen: "ja", authgear: "de", acceptLanguage: "ar" }), { locale: "ja", source: "chosen" });
  });
  it("else the user's Authgear locale", () => {
    assert.deepEqual(negotiateLocale({ authgear: "de", acceptLanguage: "ar" }), { locale: "de", source: "authgear" });
  });
  it("else Accept-Language, in the browser's order of preference", () => {
    assert.deepEqual(negotiateLocale({ acceptLanguage: "fr-FR,fr;q=0.9,ja;q=0.8,de;q=0.7" }), { locale: "ja", source: "accept-language" });
    assert.deepEqual(negotiateLocale({ acceptLanguage: "de;q=0.5, ar;q=0.9" }), { locale: "ar", source: "accept-language" });
  });
  it("else the default", () => {
    assert.deepEqual(negotiateLocale({}), { locale: "en", source: "default" });
    assert.deepEqual(negotiateLocale({ acceptLanguage: "fr, es" }), { locale: "en", source: "default" });
  });
  it("passes over a source that names no shipped locale, to the next one", () => {
    assert.deepEqual(negotiateLocale({ chosen: "fr", authgear: "xx-INVALID", acceptLanguage: "de-AT" }), { locale: "de", source: "accept-language" });
    assert.deepEqual(negotiateLocale({ chosen: "klingon!", authgear: "zh-TW" }), { locale: "zh-HK", source: "authgear" });
  });
});

describe("negotiateLocale: bad input never throws and never wins", () => {
  const garbage = [
    "x".repeat(10_000),
    "xx-INVALID",
    "*",
    "../../etc/passwd",
    ";;;,,,q=abc",
    "en;q=NaN",
    "\u0000\u0001",
    "de".repeat(5000),
    `${"a,".repeat(5000)}ja`,
  ];
  for (const value of garbage) {
    it(`Accept-Language ${JSON.stringify(value.slice(0, 24))}${value.length > 24 ? "…" : ""} gives English`, () => {
      assert.deepEqual(negotiateLocale({ acceptLanguage: value }), { locale: "en", source: "default" });
    });
    it(`a cookie of ${JSON.stringify(value.slice(0, 24))} is ignored`, () => {
      assert.equal(negotiateLocale({ chosen: value, authgear: value, acceptLanguage: "de" }).locale, "de");
    });
  }
  it("reads a well-formed header's tags only from its first kilobyte", () => {
    const header = `${"xx;q=0.1,".repeat(200)}ja`;
    assert.ok(header.length > MAX_ACCEPT_LANGUAGE_LENGTH);
    assert.equal(negotiateLocale({ acceptLanguage: header }).locale, "en");
  });
});

describe("nearestLocale", () => {
  const cases: [string, string | undefined][] = [
    ["en", "en"],
    ["en-GB", "en"],
    ["EN-us", "en"],
    ["de-CH", "de"],
    ["de-Latn-AT", "de"],
    ["ja-JP", "ja"],
    ["zh-HK", "zh-HK"],
    ["zh-hk", "zh-HK"],
    ["zh-TW", "zh-HK"],
    ["zh-Hant", "zh-HK"],
    ["zh-MO", "zh-HK"],
    ["ar-EG", "ar"],
    ["ar-SA", "ar"],
    ["fr", undefined],
    ["xx-INVALID", undefined],
    ["", undefined],
  ];
  for (const [tag, want] of cases) {
    it(`${JSON.stringify(tag)} → ${want ?? "none"}`, () => assert.equal(nearestLocale(tag), want));
  }
  it("a Simplified Chinese tag reaches the Traditional locale only when another script is allowed", () => {
    assert.equal(nearestLocale("zh-CN"), undefined);
    assert.equal(nearestLocale("zh-CN", { anyScript: true }), "zh-HK");
  });
  it("an Accept-Language of Simplified Chinese then German picks German first", () => {
    assert.equal(negotiateLocale({ acceptLanguage: "zh-CN,de;q=0.5" }).locale, "de");
    assert.equal(negotiateLocale({ acceptLanguage: "zh-CN" }).locale, "zh-HK");
  });
  it("is undefined for what is not a string", () => {
    assert.equal(nearestLocale(undefined), undefined);
    assert.equal(nearestLocale(42), undefined);
  });
});

describe("acceptedLanguages", () => {
  it("orders by q and drops * and q=0", () => {
    assert.deepEqual(acceptedLanguages("de;q=0.5, ja, *;q=0.1, ar;q=0"), ["ja", "de"]);
  });
  it("is empty for no header", () => {
    assert.deepEqual(acceptedLanguages(undefined), []);
    assert.deepEqual(acceptedLanguages(""), []);
  });
});
