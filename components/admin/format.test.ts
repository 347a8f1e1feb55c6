import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { dashboardFormat, NONE } from "./format";

describe("dashboardFormat", () => {
  it("writes shares as percentages with at most one decimal, in the locale's way", () => {
    assert.equal(dashboardFormat("en").share(0.4), "40%");
    assert.equal(dashboardFormat("en").share(1 / 3), "33.3%");
    assert.equal(dashboardFormat("de").share(1 / 3), "33,3\u00a0%");
    assert.equal(dashboardFormat("ja").share(0.6), "60%");
    // Arabic: the runtime's CLDR decides the digits (Arabic-Indic or Latin) and adds direction marks.
    assert.match(dashboardFormat("ar").share(0.4), /^(\u0664\u0660|\u200e?40)\u200e?[\u066a%]/);
  });

  it("writes a share of nobody and a time never reached as a dash, in every locale", () => {
    for (const locale of ["en", "de", "ja", "zh-HK", "ar"]) {
      assert.equal(dashboardFormat(locale).share(null), NONE);
      assert.equal(dashboardFormat(locale).time(null), NONE);
    }
  });

  it("writes counts with the locale's digits and grouping", () => {
    assert.equal(dashboardFormat("en").count(12345), "12,345");
    assert.equal(dashboardFormat("de").count(12345), "12.345");
    assert.equal(dashboardFormat("ja").count(12345), "12,345");
  });

  it("writes instants with the locale's date and time", () => {
    const at = Date.UTC(2026, 0, 5, 14, 30, 0);
    assert.equal(dashboardFormat("en", "UTC").time(at), "Jan 5, 2026, 2:30:00 PM");
    assert.equal(dashboardFormat("de", "UTC").time(at), "05.01.2026, 14:30:00");
    assert.equal(dashboardFormat("ja", "UTC").time(at), "2026/01/05 14:30:00");
  });
});
