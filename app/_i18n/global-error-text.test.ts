import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { LOCALES } from "@gradual/kit/catalog";
import { GLOBAL_ERROR_TEXT, pickGlobalErrorLocale } from "./global-error-text";

describe("global error page", () => {
  it("has its words in every shipped locale, none left in English outside English", () => {
    for (const locale of LOCALES) {
      const text = GLOBAL_ERROR_TEXT[locale];
      assert.ok(text.title && text.body && text.retry, locale);
      if (locale !== "en") {
        assert.notEqual(text.title, GLOBAL_ERROR_TEXT.en.title, locale);
        assert.notEqual(text.retry, GLOBAL_ERROR_TEXT.en.retry, locale);
      }
    }
  });

  it("speaks the failed page's language first, then the browser's, then the default", () => {
    assert.equal(pickGlobalErrorLocale("ja", ["de-DE"]), "ja");
    assert.equal(pickGlobalErrorLocale(null, ["fr-FR", "de-CH", "en"]), "de");
    assert.equal(pickGlobalErrorLocale("", ["zh-TW"]), "zh-HK");
    assert.equal(pickGlobalErrorLocale("ar-EG", []), "ar");
    assert.equal(pickGlobalErrorLocale(undefined, ["fr", "xx-INVALID", "*", "../../etc/passwd"]), "en");
  });
});
