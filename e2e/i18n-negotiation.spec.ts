/**
 * Bad input to the locale negotiation (issue 16, "Bad input"): an Accept-Language header of 10 kB
 * of junk, a tag that is not BCP 47, a wildcard, a path; cookies that name no shipped locale. Each
 * is answered in English (the default), with status 200 and no error in the page.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { appWords } from "./support/i18n";
import { APP_URL } from "./support/urls";

const en = appWords("en");

/** 10 kB of what no browser sends: separators, q-values out of range, quotes, control-free junk. */
const JUNK = Array.from({ length: 700 }, (_, i) => `x${i}-;q=${i % 3 === 0 ? "9" : "-1"},"~/%00`).join("").slice(0, 10_240);

const HEADERS: Record<string, string> = {
  "10 kB of junk": JUNK,
  "xx-INVALID": "xx-INVALID",
  "*": "*",
  "../../etc/passwd": "../../etc/passwd",
};

/** `<html>`'s lang and dir as the server wrote them (no script run). */
function htmlAttributes(html: string): { lang?: string; dir?: string } {
  const tag = /<html\b[^>]*>/i.exec(html)?.[0] ?? "";
  return { lang: /\blang="([^"]*)"/.exec(tag)?.[1], dir: /\bdir="([^"]*)"/.exec(tag)?.[1] };
}

/**
 * Sends `header` as the Accept-Language of every request the page makes to the app. Chromium
 * writes its own (from the context's locale) over `setExtraHTTPHeaders`, so the requests are
 * rewritten on their way out.
 */
async function sendAcceptLanguage(page: Page, header: string): Promise<void> {
  await page.route(`${APP_URL}/**`, (route) => route.continue({ headers: { ...route.request().headers(), "accept-language": header } }));
}

test("the rewritten header reaches the server: ja-JP gives the Japanese home page (so the English below is the header's doing)", async ({ page }) => {
  await sendAcceptLanguage(page, "ja-JP,ja;q=0.9");
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await expect(page.getByRole("heading", { level: 1, name: appWords("ja")("home.pitchTitle") })).toBeVisible();
});

test.describe("a German browser whose Accept-Language is replaced by junk", () => {
  // German unless the junk reaches the server: the English below can only come from it.
  test.use({ locale: "de-DE" });

  for (const [name, header] of Object.entries(HEADERS)) {
    test(`Accept-Language "${name}" gives the English home page, status 200, no error`, async ({ page, request, diagnostics }) => {
      if (name.startsWith("10 kB")) expect(header.length).toBe(10_240);
      const response = await request.get("/", { headers: { "accept-language": header } });
      expect(response.status()).toBe(200);
      expect(htmlAttributes(await response.text())).toEqual({ lang: "en", dir: "ltr" });

      await sendAcceptLanguage(page, header);
      const visit = await page.goto("/");
      expect(visit?.status()).toBe(200);
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      await expect(page.getByRole("heading", { level: 1, name: en("home.pitchTitle") })).toBeVisible();
      await expect(page.getByRole("button", { name: en("home.signIn") })).toBeVisible();
      expect(diagnostics.consoleErrors, "console errors").toEqual([]);
      expect(diagnostics.failedResponses, "failed responses").toEqual([]);
    });
  }
});

test("cookies that name no shipped locale (menu and Authgear) are passed over: the header decides, else English", async ({ request }) => {
  const cookie = "gradual-locale=../../etc/passwd; gradual-authgear-locale=xx-INVALID";
  const german = await request.get("/", { headers: { cookie, "accept-language": "de-CH, de;q=0.9" } });
  expect(german.status()).toBe(200);
  expect(htmlAttributes(await german.text()).lang).toBe("de");

  const english = await request.get("/", { headers: { cookie: "gradual-locale=%FF%FE; gradual-authgear-locale=*", "accept-language": "*" } });
  expect(english.status()).toBe(200);
  expect(htmlAttributes(await english.text())).toEqual({ lang: "en", dir: "ltr" });
});

test("an unknown address is a 404 page in English for a junk header", async ({ page }) => {
  await sendAcceptLanguage(page, "../../etc/passwd");
  const missing = await page.goto("/no-such-page");
  expect(missing?.status()).toBe(404);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: en("errors.notFoundTitle") })).toBeVisible();
});

test.describe("in a Japanese browser", () => {
  test.use({ locale: "ja-JP" });

  test("an unknown address is a 404 page in Japanese, and its link goes home", async ({ page }) => {
    const ja = appWords("ja");
    const missing = await page.goto("/no-such-page");
    expect(missing?.status()).toBe(404);
    await expect(page.locator("html")).toHaveAttribute("lang", "ja");
    await expect(page).toHaveTitle(new RegExp(`^${ja("errors.notFoundTitle")}`));
    await expect(page.getByRole("heading", { level: 1, name: ja("errors.notFoundTitle") })).toBeVisible();
    await page.getByRole("link", { name: ja("errors.backHome") }).click();
    await expect(page.getByRole("heading", { level: 1, name: ja("home.pitchTitle") })).toBeVisible();
  });
});
