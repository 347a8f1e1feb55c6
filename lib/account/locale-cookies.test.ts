import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AUTHGEAR_LOCALE_COOKIE, CHOSEN_LOCALE_COOKIE } from "@/lib/i18n/cookies";
import type { Locale } from "@/lib/i18n/locales";
import { localeCookieString, localeFromCookies } from "./locale-cookies";

describe("localeCookieString", () => {
  it("sets a shipped locale for a year on the whole site", () => {
    assert.equal(localeCookieString(AUTHGEAR_LOCALE_COOKIE, "zh-HK"), "gradual-authgear-locale=zh-HK; Path=/; Max-Age=31536000; SameSite=Lax");
  });
  it("clears with null", () => {
    assert.equal(localeCookieString(AUTHGEAR_LOCALE_COOKIE, null), "gradual-authgear-locale=; Path=/; Max-Age=0; SameSite=Lax");
  });
  it("refuses anything that is not a shipped locale (no cookie injection)", () => {
    for (const bad of ["fr", "ja; Domain=evil.example", "../../etc/passwd", ""]) {
      assert.throws(() => localeCookieString(CHOSEN_LOCALE_COOKIE, bad as Locale), /Not a shipped locale/);
    }
  });
});

describe("localeFromCookies", () => {
  it("reads its cookie among others", () => {
    assert.equal(localeFromCookies("a=1; gradual-locale=ja; gradual-authgear-locale=de", CHOSEN_LOCALE_COOKIE), "ja");
    assert.equal(localeFromCookies("gradual-locale=ja;gradual-authgear-locale=de", AUTHGEAR_LOCALE_COOKIE), "de");
  });
  it("is undefined when absent, empty or not a shipped locale", () => {
    assert.equal(localeFromCookies("", CHOSEN_LOCALE_COOKIE), undefined);
    assert.equal(localeFromCookies("gradual-locale=", CHOSEN_LOCALE_COOKIE), undefined);
    assert.equal(localeFromCookies("gradual-locale=xx-INVALID", CHOSEN_LOCALE_COOKIE), undefined);
    assert.equal(localeFromCookies("other-gradual-locale=ja", CHOSEN_LOCALE_COOKIE), undefined);
  });
});
