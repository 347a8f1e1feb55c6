/**
 * Issue 16's journey: a user with a German browser signs up, finds the app in German (the page's
 * language, /profile, the country names), switches to 日本語 in the language menu, and the next
 * page is Japanese, their Authgear `locale` is `ja` (read through the Admin API) and no custom
 * attribute was lost; /profile says how complete the profile is, in Japanese, and the sentence
 * changes after an answer. Then: the user's Authgear `locale` decides the page's language after
 * sign-in, until sign-out; and /profile right to left in Arabic, by keyboard, with axe in ar and ja.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { adminGraphQL } from "@/emulator/testing";
import { userNodeId } from "@/lib/authgear/global-id";
import { customAttributes } from "./support/admin";
import { readSub, signUp, uniqueEmail } from "./support/auth";
import { expect, test } from "./support/fixtures";
import { APP_URL, EMULATOR_DATA_DIR, EMULATOR_URL } from "./support/urls";

/** 81.2.69.142 is in London in the DB-IP City Lite database (lib/enrichment/geoip.server.test.ts). */
const LONDON_IP = "81.2.69.142";

/** The user's standard attributes as Authgear holds them. */
async function standardAttributes(sub: string): Promise<Record<string, unknown>> {
  const { body } = await adminGraphQL(EMULATOR_URL, EMULATOR_DATA_DIR, "query($id: ID!) { node(id: $id) { ... on User { standardAttributes } } }", { id: userNodeId(sub) });
  if (body.errors?.length) throw new Error(`Admin API: ${body.errors.map((e) => e.message).join("; ")}`);
  return (body.data?.node as { standardAttributes?: Record<string, unknown> } | null)?.standardAttributes ?? {};
}

/** Sets the user's Authgear `locale` as an admin would in the Portal (read, change one, write the whole object). */
async function setAuthgearLocale(sub: string, locale: string): Promise<void> {
  const current = await standardAttributes(sub);
  const { email_verified: _v, phone_number_verified: _p, updated_at: _u, ...writable } = current;
  const { body } = await adminGraphQL(
    EMULATOR_URL,
    EMULATOR_DATA_DIR,
    "mutation($id: ID!, $sa: UserStandardAttributes!) { updateUser(input: { userID: $id, standardAttributes: $sa }) { user { id } } }",
    { id: userNodeId(sub), sa: { ...writable, locale } },
  );
  if (body.errors?.length) throw new Error(`Admin API: ${body.errors.map((e) => e.message).join("; ")}`);
}

const html = (page: Page) => page.locator("html");

/** axe's serious and critical violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`);
}

/** "3 of 11": the completeness sentence's two numbers, whatever the language's word order. */
async function completeness(page: Page, pattern: RegExp): Promise<{ answered: number; total: number }> {
  const text = page.getByTestId("completeness");
  await expect(text).toHaveText(pattern);
  const match = pattern.exec((await text.textContent()) ?? "");
  return { answered: Number(match!.groups!.answered), total: Number(match!.groups!.total) };
}

const GERMAN_COMPLETENESS = /^(?<answered>\d+) von (?<total>\d+) Fragen beantwortet$/;
const JAPANESE_COMPLETENESS = /^全(?<total>\d+)問中(?<answered>\d+)問に回答済みです$/;

test.describe("in a German browser", () => {
  test.use({ locale: "de-DE" });

  test("signs up in German, switches to 日本語: the next page is Japanese, Authgear's locale is ja, nothing lost, and the completeness sentence changes after an answer", async ({ page }) => {
    await page.goto("/");
    await expect(html(page)).toHaveAttribute("lang", "de");
    await expect(html(page)).toHaveAttribute("dir", "ltr");
    const menu = page.getByRole("combobox", { name: "Sprache" });
    await expect(menu).toHaveValue("de");
    await expect(menu.getByRole("option", { name: "日本語" })).toHaveAttribute("lang", "ja");

    // Sign-up: Authgear is told the page's language (ui_locales), and its page is German.
    const email = uniqueEmail("journey");
    const authorize = page.waitForRequest((r) => r.url().startsWith(`${EMULATOR_URL}/oauth2/authorize`));
    await page.getByRole("button", { name: "Registrieren" }).click();
    expect(new URL((await authorize).url()).searchParams.get("ui_locales")).toBe("de");
    await page.waitForURL(`${EMULATOR_URL}/**`);
    await expect(html(page)).toHaveAttribute("lang", "de");
    await expect(page.getByRole("heading", { level: 1, name: "Gradual-Konto erstellen" })).toBeVisible();
    await page.getByRole("textbox", { name: "E-Mail-Adresse" }).fill(email);
    await page.getByRole("textbox", { name: /Simulierte IP-Adresse/ }).fill(LONDON_IP);
    await page.getByRole("button", { name: "Weiter" }).click();
    await page.waitForURL(`${APP_URL}/`);
    await expect(page.getByText(email)).toBeVisible();
    await expect(html(page)).toHaveAttribute("lang", "de");
    const sub = await readSub(page);
    // The prompt speaks German: its heading, its button, the catalog's label.
    const prompt = page.getByRole("dialog", { name: "Vervollständigen Sie Ihr Profil" });
    await expect(prompt.getByLabel("Berufsbezeichnung", { exact: true })).toBeVisible();
    await expect(prompt.getByRole("button", { name: "Speichern", exact: true })).toBeVisible();
    // The sign-up's enrichment filled the city and country (London): attributes the switch must keep.
    await expect.poll(() => customAttributes(sub)).toMatchObject({ country: "GB" });

    await page.goto("/profile");
    await expect(html(page)).toHaveAttribute("lang", "de");
    await expect(page.getByRole("heading", { level: 1, name: "Ihr Profil" })).toBeVisible();
    const country = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name: "Land", exact: true }) });
    await expect(country.getByTestId("value-country")).toHaveText("Vereinigtes Königreich (GB)");

    // An answer on /profile, in German: the completeness sentence counts it.
    const german = await completeness(page, GERMAN_COMPLETENESS);
    await page.getByRole("button", { name: "Berufsbezeichnung beantworten" }).click();
    const jobTitle = page.getByRole("textbox", { name: "Berufsbezeichnung", exact: true });
    await expect(jobTitle).toBeFocused();
    await jobTitle.fill("Bäckerin");
    await page.getByRole("button", { name: "Berufsbezeichnung speichern", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "Berufsbezeichnung gespeichert." })).toBeVisible();
    expect(await completeness(page, GERMAN_COMPLETENESS)).toEqual({ answered: german.answered + 1, total: german.total });
    await expect.poll(() => customAttributes(sub)).toMatchObject({ job_title: "Bäckerin" });
    const before = await customAttributes(sub);
    expect(before).toMatchObject({ job_title: "Bäckerin", country: "GB" });

    // The switch: the page is rendered again in Japanese, and Authgear has the user's new locale.
    await menu.selectOption({ label: "日本語" });
    await page.getByRole("button", { name: "Ändern" }).click();
    await expect(html(page)).toHaveAttribute("lang", "ja");
    await expect(page.getByRole("heading", { level: 1, name: "プロフィール" })).toBeVisible();
    await expect.poll(async () => (await standardAttributes(sub)).locale).toBe("ja");
    expect(await customAttributes(sub), "no custom attribute was lost").toEqual(before);

    // The next page, loaded anew, is Japanese: the menu's cookie, whatever the browser says.
    await page.goto("/profile");
    await expect(html(page)).toHaveAttribute("lang", "ja");
    await expect(page.getByRole("combobox", { name: "言語" })).toHaveValue("ja");
    await expect(page.getByRole("heading", { level: 1, name: "プロフィール" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "登録内容" })).toBeVisible();
    const japanese = await completeness(page, JAPANESE_COMPLETENESS);
    expect(japanese).toEqual({ answered: german.answered + 1, total: german.total });
    // Country names follow: Japanese now.
    await expect(page.getByTestId("value-country")).toHaveText(`${new Intl.DisplayNames(["ja"], { type: "region" }).of("GB")} (GB)`);

    // An answer in Japanese: the sentence changes with it.
    await page.getByRole("button", { name: "会社名に回答する" }).click();
    const company = page.getByRole("textbox", { name: "会社名", exact: true });
    await expect(company).toBeFocused();
    await company.fill("Acme");
    await page.getByRole("button", { name: "会社名を保存", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "会社名を保存しました。" })).toBeVisible();
    expect(await completeness(page, JAPANESE_COMPLETENESS)).toEqual({ answered: japanese.answered + 1, total: japanese.total });
    await expect.poll(() => customAttributes(sub)).toEqual({ ...before, company: "Acme" });
    expect((await standardAttributes(sub)).locale, "the custom-attribute save kept the locale").toBe("ja");
  });

  test("the user's Authgear locale decides the page's language once signed in, and no longer after sign-out", async ({ page }) => {
    await signUp(page, uniqueEmail("authgear-locale"), { locale: "de" });
    await expect(html(page)).toHaveAttribute("lang", "de");
    const sub = await readSub(page);
    // Set elsewhere (Authgear's own settings page, the Portal): a Japanese-speaking user.
    await setAuthgearLocale(sub, "ja");

    // The session restore reads the userinfo's locale: the page follows it, without a menu choice.
    await page.reload();
    await expect(html(page)).toHaveAttribute("lang", "ja");
    await expect(page.getByRole("combobox", { name: "言語" })).toHaveValue("ja");
    await page.goto("/profile");
    await expect(html(page)).toHaveAttribute("lang", "ja");
    await expect(page.getByRole("heading", { level: 1, name: "プロフィール" })).toBeVisible();

    // Sign-out forgets it: the browser's German again.
    await page.goto("/");
    const revoked = page.waitForResponse((r) => r.url() === `${EMULATOR_URL}/oauth2/revoke` && r.request().method() === "POST");
    await page.getByRole("button", { name: "サインアウト" }).click();
    expect((await revoked).status()).toBe(200);
    await expect(html(page)).toHaveAttribute("lang", "de");
    await expect(page.getByRole("button", { name: "Anmelden" })).toBeVisible();
    await page.reload();
    await expect(html(page)).toHaveAttribute("lang", "de");
  });
});

test.describe("in an Arabic browser", () => {
  test.use({ locale: "ar" });

  test("/profile right to left: Arabic words, an answer by keyboard from the completeness list, the language menu by keyboard; axe finds nothing serious in ar and ja", async ({ page }) => {
    await signUp(page, uniqueEmail("rtl"), { simulatedIp: LONDON_IP, locale: "ar" });
    await page.goto("/profile");
    await expect(html(page)).toHaveAttribute("lang", "ar");
    await expect(html(page)).toHaveAttribute("dir", "rtl");
    await expect(page.getByRole("heading", { level: 1, name: "ملفك الشخصي" })).toBeVisible();
    await expect(page.getByRole("combobox", { name: "اللغة" })).toHaveValue("ar");
    const sentence = page.getByTestId("completeness");
    await expect(sentence).toHaveText(/^تمت الإجابة عن .+ من أصل .+$/);
    const before = await sentence.textContent();
    expect(await seriousViolations(page), "/profile in ar").toEqual([]);

    // By keyboard: the completeness list's button opens the question, Enter saves it.
    await page.getByRole("button", { name: "أجب عن المسمى الوظيفي" }).focus();
    await page.keyboard.press("Enter");
    const jobTitle = page.getByRole("textbox", { name: "المسمى الوظيفي", exact: true });
    await expect(jobTitle).toBeFocused();
    await page.keyboard.type("مهندسة");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status").filter({ hasText: "تم حفظ المسمى الوظيفي." })).toBeVisible();
    await expect(sentence).not.toHaveText(before ?? "");
    await expect.poll(async () => customAttributes(await readSub(page))).toMatchObject({ job_title: "مهندسة" });

    // The language menu by keyboard: choose 日本語, then the button.
    const menu = page.getByRole("combobox", { name: "اللغة" });
    await menu.focus();
    await menu.selectOption("ja");
    await expect(html(page), "choosing alone changes nothing yet").toHaveAttribute("lang", "ar");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "تغيير" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(html(page)).toHaveAttribute("lang", "ja");
    await expect(html(page)).toHaveAttribute("dir", "ltr");
    await expect(page.getByRole("heading", { level: 1, name: "プロフィール" })).toBeVisible();
    await expect(page.getByTestId("completeness")).toHaveText(JAPANESE_COMPLETENESS);
    expect(await seriousViolations(page), "/profile in ja").toEqual([]);
  });
});
