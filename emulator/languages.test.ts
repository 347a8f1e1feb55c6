import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  Confidence,
  isCanonicalBcp47,
  matchLanguage,
  parseAcceptLanguage,
  parseTag,
  parseUiLocales,
  preferredLanguages,
  resolveLanguage,
  type Localization,
} from "./languages";

const GRADUAL: Localization = { fallbackLanguage: "en", supportedLanguages: ["en", "de", "ja", "zh-HK", "ar"] };

describe("Authgear's language parsing (Go's language.ParseAcceptLanguage)", () => {
  it("orders tags by q, keeping the header's order among equals, and drops q=0", () => {
    assert.deepEqual(parseAcceptLanguage("en;q=0.5, pt-BR"), ["pt-BR", "en"]);
    assert.deepEqual(parseAcceptLanguage("de-CH, de;q=0.9, en;q=0.9, fr;q=0"), ["de-CH", "de", "en"]);
    assert.deepEqual(parseAcceptLanguage(" ja ,, zh-hk ; q=0.8 "), ["ja", "zh-HK"]);
  });

  it("writes tags in canonical case and replaces deprecated codes, as Go's Parse does", () => {
    assert.deepEqual(parseAcceptLanguage("EN-us, zh-hant-hk, iw, en_GB"), ["en-US", "zh-Hant-HK", "he", "en-GB"]);
  });

  it("reads `*` as mul and a few language names as Go's acceptFallback does", () => {
    assert.deepEqual(parseAcceptLanguage("*"), ["mul"]);
    assert.deepEqual(parseAcceptLanguage("deutsch, english;q=0.5"), ["de", "en"]);
  });

  it("gives no preference at all when any entry is bad, as Authgear returns nil", () => {
    for (const header of [
      "xx-INVALID",
      "de, xx-INVALID",
      "../../etc/passwd",
      "de;Q=0.5",
      "de;q=abc",
      "de;q=0.5;level=1",
      "de;q=1e39",
      "en-",
      "<script>",
      `${"a-".repeat(1001)}a`,
    ]) {
      assert.deepEqual(parseAcceptLanguage(header), [], header);
    }
    assert.deepEqual(parseAcceptLanguage(undefined), []);
    assert.deepEqual(parseAcceptLanguage(""), []);
  });

  it("never throws, whatever the header", () => {
    const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_,;=. *\u00e9\u4e2d\u0000\uffff";
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2000; i++) {
      const length = Math.floor(random() * 40);
      const header = Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
      const tags = parseAcceptLanguage(header);
      assert.ok(Array.isArray(tags));
      resolveLanguage(tags, GRADUAL);
    }
    const huge = "de-DE;q=0.9,".repeat(900);
    assert.equal(parseAcceptLanguage(huge).length, 900, "a 10 kB header of good entries is read whole");
    assert.equal(resolveLanguage(parseAcceptLanguage(huge), GRADUAL), "de");
  });

  it("reads ui_locales (space-separated) the same way", () => {
    assert.deepEqual(parseUiLocales("de-CH en"), ["de-CH", "en"]);
    assert.deepEqual(parseUiLocales("ja xx-INVALID"), []);
  });

  it("takes a non-empty ui_locales over Accept-Language, even when it does not parse", () => {
    assert.deepEqual(preferredLanguages("ja", "de"), ["ja"]);
    assert.deepEqual(preferredLanguages("", "de"), ["de"]);
    assert.deepEqual(preferredLanguages(null, "de, en;q=0.5"), ["de", "en"]);
    assert.deepEqual(preferredLanguages("not-a-language!", "de"), [], "Authgear does not fall back to the header");
  });
});

describe("Go's language.Matcher, as Authgear's intl.Match uses it", () => {
  // authgear-server pkg/util/intl/match_test.go, TestMatch
  it("passes Authgear's own Match cases", () => {
    assert.equal(matchLanguage([], ["en", "ja", "zh"]).index, 0);
    assert.equal(matchLanguage(["ja-JP", "en-US", "zh-Hant-HK"], ["zh", "en", "ja"]).index, 2);
  });

  it("matches a regional variant to its language with High confidence", () => {
    assert.deepEqual(matchLanguage(["de-CH"], ["en", "de"]), { index: 1, confidence: Confidence.High });
    assert.deepEqual(matchLanguage(["en-GB"], ["en", "de"]), { index: 0, confidence: Confidence.High });
    assert.deepEqual(matchLanguage(["ja-JP"], ["en", "ja"]), { index: 1, confidence: Confidence.Exact }, "ja-JP is what ja maximizes to");
  });

  it("matches zh-TW and zh-Hant to zh-HK (same script, High), and Simplified Chinese to it with Low", () => {
    const supported = ["en", "zh-HK"];
    assert.deepEqual(matchLanguage(["zh-TW"], supported), { index: 1, confidence: Confidence.High });
    assert.deepEqual(matchLanguage(["zh-Hant"], supported), { index: 1, confidence: Confidence.High });
    assert.deepEqual(matchLanguage(["zh-CN"], supported), { index: 1, confidence: Confidence.Low });
    assert.deepEqual(matchLanguage(["zh"], supported), { index: 1, confidence: Confidence.Low });
    assert.deepEqual(matchLanguage(["zh-TW"], ["zh-CN", "zh-HK", "zh-TW"]), { index: 2, confidence: Confidence.Exact });
    assert.deepEqual(matchLanguage(["zh-hk"], ["zh-TW", "zh-HK", "en-US"]), { index: 1, confidence: Confidence.Exact });
  });

  it("lets a later exact wish beat an earlier Low one, but pins the language of an earlier same-script match", () => {
    assert.equal(matchLanguage(["zh-CN", "en"], ["en", "zh-HK"]).index, 0, "Simplified Chinese then English: English");
    assert.equal(matchLanguage(["de-CH", "en"], ["en", "de"]).index, 1, "Swiss German then English: German");
  });

  it("breaks ties with CLDR's paradigm locales", () => {
    assert.equal(matchLanguage(["en"], ["en-HK", "en-GB"]).index, 1);
    assert.equal(matchLanguage(["pt"], ["pt-AO", "pt-PT"]).index, 1);
  });

  it("with no match, takes the first supported tag in the wish's script, else the first", () => {
    assert.deepEqual(matchLanguage(["fr"], ["ja", "en"]), { index: 1, confidence: Confidence.No });
    assert.deepEqual(matchLanguage(["ru"], ["ja", "en"]), { index: 0, confidence: Confidence.No });
    assert.deepEqual(matchLanguage(["mul"], ["ja", "en"]), { index: 0, confidence: Confidence.No });
  });
});

describe("resolveLanguage (Authgear's intl.Resolve and the event context's language)", () => {
  it("resolves to the configured tag", () => {
    assert.equal(resolveLanguage(["de-CH", "en"], GRADUAL), "de");
    assert.equal(resolveLanguage(["zh-TW"], GRADUAL), "zh-HK");
    assert.equal(resolveLanguage(["ar-EG"], GRADUAL), "ar");
    assert.equal(resolveLanguage(["ja-JP"], GRADUAL), "ja");
  });

  it("falls back when nothing matches or nothing is preferred", () => {
    assert.equal(resolveLanguage([], GRADUAL), "en");
    assert.equal(resolveLanguage(["mul"], GRADUAL), "en");
    assert.equal(resolveLanguage(["ru"], { fallbackLanguage: "ja", supportedLanguages: ["ja", "de"] }), "ja");
  });

  it("puts the fallback first, whatever its place in supported_languages", () => {
    assert.equal(resolveLanguage(["fr"], { fallbackLanguage: "de", supportedLanguages: ["en", "de"] }), "de");
  });

  it("is empty when the match is a fallback that supported_languages does not list", () => {
    assert.equal(resolveLanguage(["ru"], { fallbackLanguage: "ja", supportedLanguages: ["de"] }), "");
    assert.equal(resolveLanguage(["de"], { fallbackLanguage: "ja", supportedLanguages: ["de"] }), "de");
  });

  it("with Authgear's default localization (en only), every wish resolves to en", () => {
    assert.equal(resolveLanguage(["de-CH"], { fallbackLanguage: "en", supportedLanguages: ["en"] }), "en");
  });
});

describe("Authgear's bcp47 format (FormatBCP47)", () => {
  it("takes canonical, known tags only", () => {
    for (const tag of ["en", "de", "ja", "zh-HK", "zh-Hant-HK", "ar", "de-CH-1996", "und"]) assert.ok(isCanonicalBcp47(tag), tag);
    for (const tag of ["en-us", "EN", "en_US", "iw", "xx", "de-XX", "zh-Xyzw", "", "en-", "../../etc/passwd", "de DE"]) {
      assert.ok(!isCanonicalBcp47(tag), tag);
    }
  });

  it("splits a tag into language, script, region and the rest Go compares", () => {
    assert.deepEqual(parseTag("zh-hant-hk"), { tag: "zh-Hant-HK", language: "zh", script: "Hant", region: "HK", rest: "" });
    assert.deepEqual(parseTag("de-CH-1996-u-co-phonebk"), { tag: "de-CH-1996-u-co-phonebk", language: "de", script: "", region: "CH", rest: "1996" });
    assert.equal(parseTag("xx"), null);
  });
});
