import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { PATHS } from "@/lib/authgear/protocol";
import { PAGE_LOCALES, PAGE_MESSAGES, pageLocale } from "./login-messages";
import { resolveConfig } from "./config";
import { alertTexts, authorizeUrl, fixturePath, loadFixtureConfig, pkcePair, startTestEmulator, type TestEmulator } from "./testing";

const REDIRECT = "http://localhost:3000/auth/callback";
const CLIENT = { clientId: "test-jwt", redirectUri: REDIRECT, email: "" };

/** The page's <html lang dir>. */
function htmlAttributes(html: string): { lang: string | undefined; dir: string | undefined } {
  const tag = /<html([^>]*)>/.exec(html)?.[1] ?? "";
  return { lang: /lang="([^"]*)"/.exec(tag)?.[1], dir: /dir="([^"]*)"/.exec(tag)?.[1] };
}

/** The visible text of a page: tags, the style element and entities removed. */
function visibleText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/, " ")
    .replace(/<title>[\s\S]*?<\/title>/, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

describe("emulator pages in the user's language", () => {
  let emu: TestEmulator;
  let origin: string;

  before(async () => {
    emu = await startTestEmulator({ config: await loadFixtureConfig(fixturePath("basic.yaml")) });
    origin = emu.origin;
  });
  after(() => emu.close());

  const openPage = async (opts: { uiLocales?: string[]; acceptLanguage?: string; page?: "signup"; clientId?: string }) => {
    const { challenge } = pkcePair();
    const res = await fetch(authorizeUrl(origin, { ...CLIENT, ...opts }, challenge), {
      headers: opts.acceptLanguage === undefined ? {} : { "accept-language": opts.acceptLanguage },
    });
    return { status: res.status, html: await res.text() };
  };

  it("shows the sign-in page in German for ui_locales=de: every word, the badge and the footer too", async () => {
    const { status, html } = await openPage({ uiLocales: ["de"] });
    assert.equal(status, 200);
    assert.deepEqual(htmlAttributes(html), { lang: "de", dir: "ltr" });
    assert.match(html, /<h1>Bei Gradual anmelden<\/h1>/);
    assert.match(html, /<label for="email">E-Mail-Adresse<\/label>/);
    assert.match(html, /<label for="simulated-ip">Simulierte IP-Adresse \(optional\)<\/label>/);
    assert.match(html, /<button[^>]*value="continue">Weiter<\/button>/);
    assert.match(html, /<button[^>]*value="cancel">Abbrechen<\/button>/);
    const text = visibleText(html);
    assert.ok(text.includes("Lokaler Authgear-Emulator"), text);
    const englishWords = Object.values(PAGE_MESSAGES.en as unknown as Record<string, string>);
    for (const english of englishWords.filter((m) => m !== "Emulator" && !m.includes("{"))) {
      assert.ok(!text.includes(english), `English left on the German page: ${english}`);
    }
    const signup = await openPage({ uiLocales: ["de"], page: "signup" });
    assert.match(signup.html, /<h1>Gradual-Konto erstellen<\/h1>/);
  });

  it("uses Accept-Language when there is no ui_locales, and ui_locales when there is", async () => {
    assert.equal(htmlAttributes((await openPage({ acceptLanguage: "de-CH, en;q=0.5" })).html).lang, "de");
    const both = await openPage({ uiLocales: ["ja"], acceptLanguage: "de" });
    assert.equal(htmlAttributes(both.html).lang, "ja");
    assert.match(both.html, /<h1>Gradual にサインイン<\/h1>/);
    const hk = await openPage({ acceptLanguage: "zh-TW" });
    assert.equal(htmlAttributes(hk.html).lang, "zh-HK", "zh-TW matches the supported zh-HK (same script)");
    assert.match(hk.html, /<h1>登入 Gradual<\/h1>/);
  });

  it("lays the Arabic page out right to left, with the email and IP fields left to right", async () => {
    const { html } = await openPage({ uiLocales: ["ar"] });
    assert.deepEqual(htmlAttributes(html), { lang: "ar", dir: "rtl" });
    assert.match(html, /<h1>تسجيل الدخول إلى Gradual<\/h1>/);
    assert.match(html, /<input id="email" name="email" type="email" dir="ltr"/);
    assert.match(html, /<input id="simulated-ip" name="simulated_ip" type="text" dir="ltr"/);
  });

  it("falls back to English for garbage, unsupported or absent languages, without an error", async () => {
    for (const acceptLanguage of ["xx-INVALID", "../../etc/passwd", "fr-FR, ru;q=0.5", "*", "a".repeat(10_000), ""]) {
      const { status, html } = await openPage({ acceptLanguage });
      assert.equal(status, 200, acceptLanguage.slice(0, 20));
      assert.deepEqual(htmlAttributes(html), { lang: "en", dir: "ltr" }, acceptLanguage.slice(0, 20));
      assert.match(html, /<h1>Sign in to Gradual<\/h1>/);
    }
  });

  it("keeps the language of the authorize request through the form's POST, field errors included", async () => {
    const { html } = await openPage({ uiLocales: ["de"] });
    const tx = /name="tx" value="([^"]+)"/.exec(html)![1]!;
    const res = await fetch(new URL(PATHS.authorize, origin), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "accept-language": "en" },
      body: new URLSearchParams({ tx, email: "not-an-email", simulated_ip: "999.1.1.1", action: "continue" }),
    });
    assert.equal(res.status, 400);
    const page = await res.text();
    assert.equal(htmlAttributes(page).lang, "de");
    assert.deepEqual(alertTexts(page), [
      "Geben Sie eine gültige E-Mail-Adresse ein, z. B. ada@example.com.",
      "Geben Sie eine gültige IPv4- oder IPv6-Adresse ein (z. B. 81.2.69.160 oder 2001:db8::1) oder lassen Sie das Feld leer.",
    ]);
    assert.match(page, /<input id="email"[^>]*aria-describedby="email-hint email-error" aria-invalid="true">/);
  });

  it("explains dead ends in the user's language too", async () => {
    const unknown = await openPage({ clientId: "nope", acceptLanguage: "ja" });
    assert.equal(unknown.status, 400);
    assert.equal(htmlAttributes(unknown.html).lang, "ja");
    assert.deepEqual(alertTexts(unknown.html), ["client_id「nope」はこのプロジェクトに登録されていません（emulator/authgear.yaml の oauth.clients）。"]);

    const expired = await fetch(new URL(PATHS.authorize, origin), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "accept-language": "zh-HK" },
      body: new URLSearchParams({ tx: "gone", email: "a@example.com", action: "continue" }),
    });
    const expiredHtml = await expired.text();
    assert.equal(expired.status, 400);
    assert.match(expiredHtml, /<h1>登入已逾時<\/h1>/);

    const settings = await (await fetch(new URL("/settings?ui_locales=ar", origin))).text();
    assert.deepEqual(htmlAttributes(settings), { lang: "ar", dir: "rtl" });
    const signedOut = await (await fetch(new URL(`${PATHS.endSession}?ui_locales=de`, origin))).text();
    assert.match(signedOut, /<h1>Abgemeldet<\/h1>/);
  });

  it("shows English only when the project supports English only (Authgear's default localization)", async () => {
    const base = await loadFixtureConfig(fixturePath("basic.yaml"));
    const { localization: _omitted, ...raw } = base.raw;
    const englishOnly = await startTestEmulator({ config: resolveConfig(raw) });
    try {
      assert.deepEqual(englishOnly.emulator.config.localization, { fallbackLanguage: "en", supportedLanguages: ["en"] });
      const { challenge } = pkcePair();
      const html = await (await fetch(authorizeUrl(englishOnly.origin, { ...CLIENT, uiLocales: ["de"] }, challenge))).text();
      assert.equal(htmlAttributes(html).lang, "en");
    } finally {
      await englishOnly.close();
    }
  });
});

describe("the emulator's page catalogs", () => {
  it("have every message in every locale, with the same placeholders, and no English left", () => {
    const keys = Object.keys(PAGE_MESSAGES.en).sort();
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const locale of PAGE_LOCALES) {
      const messages = PAGE_MESSAGES[locale] as unknown as Record<string, string>;
      assert.deepEqual(Object.keys(messages).sort(), keys, locale);
      for (const key of keys) {
        const en = (PAGE_MESSAGES.en as unknown as Record<string, string>)[key]!;
        assert.ok(messages[key]!.trim() !== "", `${locale}.${key} is empty`);
        assert.deepEqual(placeholders(messages[key]!), placeholders(en), `${locale}.${key} placeholders`);
        // Identical to English only where the word is the same: "Emulator" in German, "HTTP {status}".
        const sameAllowed = key === "httpStatus" || (locale === "de" && key === "badge");
        if (locale !== "en" && !sameAllowed) assert.notEqual(messages[key], en, `${locale}.${key} is still English`);
      }
    }
  });

  it("map a resolved project language to the page locale, its base language, or English", () => {
    assert.equal(pageLocale("zh-HK"), "zh-HK");
    assert.equal(pageLocale("de-CH"), "de");
    assert.equal(pageLocale("fr"), "en");
    assert.equal(pageLocale(""), "en");
  });
});
