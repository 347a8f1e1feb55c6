import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { canonicalCountry, canonicalLanguages, canonicalLanguageTag, canonicalTimeZone } from "./values";

describe("canonicalTimeZone", () => {
  it("accepts IANA names, fixes their capitalisation and keeps modern and legacy names as given", () => {
    assert.equal(canonicalTimeZone("Europe/London"), "Europe/London");
    assert.equal(canonicalTimeZone("europe/london"), "Europe/London");
    assert.equal(canonicalTimeZone("America/Argentina/Buenos_Aires"), "America/Argentina/Buenos_Aires");
    assert.equal(canonicalTimeZone("UTC"), "UTC");
    assert.equal(canonicalTimeZone("utc"), "UTC");
    assert.equal(canonicalTimeZone("Asia/Kolkata"), "Asia/Kolkata");
    assert.equal(canonicalTimeZone("Asia/Calcutta"), "Asia/Calcutta");
    assert.equal(canonicalTimeZone("Etc/GMT+1"), "Etc/GMT+1");
  });

  it("refuses offsets, unknown zones and non-strings", () => {
    for (const bad of ["+01:00", "GMT+1:00", "Mars/Olympus_Mons", "Europe/", "", "Europe/London ", 42, null, undefined, "a".repeat(80)]) {
      assert.equal(canonicalTimeZone(bad), null, String(bad));
    }
  });
});

describe("canonicalLanguageTag and canonicalLanguages", () => {
  it("canonicalises valid BCP 47 tags", () => {
    assert.equal(canonicalLanguageTag("en-us"), "en-US");
    assert.equal(canonicalLanguageTag("zh-hant-tw"), "zh-Hant-TW");
    assert.equal(canonicalLanguageTag("de"), "de");
  });

  it("refuses POSIX locales, wildcards and junk", () => {
    for (const bad of ["en_US", "*", "", "not a tag", 7, "x".repeat(40)]) assert.equal(canonicalLanguageTag(bad), null, String(bad));
  });

  it("keeps order, drops invalid and duplicate tags, and caps the list", () => {
    assert.deepEqual(canonicalLanguages(["en-GB", "en_US", "EN-gb", "fr", 3]), ["en-GB", "fr"]);
    const many = ["af", "am", "ar", "az", "be", "bg", "bn", "bs", "ca", "cs", "cy", "da"];
    assert.deepEqual(canonicalLanguages(many), many.slice(0, 10));
    assert.deepEqual(canonicalLanguages(many, 2), ["af", "am"]);
  });
});

describe("canonicalCountry", () => {
  it("accepts assigned alpha-2 codes in any case", () => {
    assert.equal(canonicalCountry("GB"), "GB");
    assert.equal(canonicalCountry("us"), "US");
    assert.equal(canonicalCountry("XK"), "XK", "Kosovo: user-assigned, but in Authgear's list");
  });

  it("refuses codes Authgear's country list lacks: unassigned, user-assigned, ISO codes without a numbering plan", () => {
    for (const bad of ["ZZ", "EU", "UK", "GBR", "AQ", "UM", "", null, 44]) assert.equal(canonicalCountry(bad), null, String(bad));
  });
});
