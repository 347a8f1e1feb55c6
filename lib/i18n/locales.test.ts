import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { canonicalTag, isLocale, LOCALES, LOCALE_NAMES, localeChain, localeDirection } from "./locales";

describe("localeChain: the tags a catalog text is looked up under", () => {
  it("zh-HK → zh-Hant → zh → the default", () => assert.deepEqual(localeChain("zh-HK"), ["zh-HK", "zh-Hant", "zh", "en", "en-Latn"]));
  it("de-CH → de-Latn → de → the default", () => assert.deepEqual(localeChain("de-CH", "en"), ["de-CH", "de-Latn", "de", "en", "en-Latn"]));
  it("the default's own chain once", () => assert.deepEqual(localeChain("en"), ["en", "en-Latn"]));
  it("another default", () => assert.deepEqual(localeChain("ja", "de"), ["ja", "ja-Jpan", "de", "de-Latn"]));
  it("canonicalizes case", () => assert.equal(localeChain("ZH-hk")[0], "zh-HK"));
  it("a tag that is not BCP 47 adds nothing", () => assert.deepEqual(localeChain("../../etc/passwd"), ["en", "en-Latn"]));
});

describe("localeDirection", () => {
  for (const [tag, dir] of [["ar", "rtl"], ["ar-EG", "rtl"], ["he", "rtl"], ["fa-IR", "rtl"], ["en", "ltr"], ["ja", "ltr"], ["zh-HK", "ltr"], ["nonsense!", "ltr"]] as const) {
    it(`${tag} is ${dir}`, () => assert.equal(localeDirection(tag), dir));
  }
});

describe("the shipped locales", () => {
  it("are canonical tags, each named in itself", () => {
    for (const locale of LOCALES) {
      assert.equal(canonicalTag(locale), locale);
      assert.ok(LOCALE_NAMES[locale].length > 0);
    }
  });
  it("isLocale knows them and nothing else", () => {
    assert.ok(LOCALES.every(isLocale));
    assert.equal(isLocale("zh-hk"), false);
    assert.equal(isLocale("fr"), false);
    assert.equal(isLocale(undefined), false);
  });
  it("canonicalTag never throws", () => {
    assert.equal(canonicalTag("x".repeat(100)), undefined);
    assert.equal(canonicalTag(""), undefined);
    assert.equal(canonicalTag(null), undefined);
  });
});
