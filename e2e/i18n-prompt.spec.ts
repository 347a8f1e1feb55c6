/**
 * The prompt in the user's language (issue 16): with a German or a Japanese browser, a new user's
 * prompt speaks it (heading, buttons, labels, why we ask, a validation error with the number
 * written as the locale writes it, the line after a skip, the confirmation), and a guessed city is
 * asked with the catalog's own sentence in that language. In Arabic the dialog sits on the left,
 * the reading side, and works from the keyboard. The home and emulator pages are found in the
 * journey's language through e2e/support/auth.ts; their words are not asserted here.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { customAttributes, setCustomAttributes } from "./support/admin";
import { readSub, signInAgain, signUp, uniqueEmail } from "./support/auth";

/** Over the app's limit of 1000 characters (lib/catalog/schemas.ts MAX_TEXT_ANSWER_LENGTH). */
const TOO_LONG = "x".repeat(1001);
/** An address the emulator's offline database places in London. */
const LONDON_IP = "81.2.69.142";

interface PromptWords {
  heading: string;
  jobTitle: string;
  company: string;
  city: string;
  save: string;
  dismiss: string;
  skipCompany: string;
  skippedCompany: string;
  whyWeAsk: string;
  tooLong: string;
  saved: string;
  cityQuestion: string;
  yes: string;
  cityConfirmed: string;
}

const WORDS: Record<"de" | "ja", PromptWords> = {
  de: {
    heading: "Vervollständigen Sie Ihr Profil",
    jobTitle: "Berufsbezeichnung",
    company: "Unternehmen",
    city: "Stadt",
    save: "Speichern",
    dismiss: "Nicht jetzt",
    skipCompany: "Überspringen: Unternehmen",
    skippedCompany: "Unternehmen: vorerst übersprungen.",
    whyWeAsk: "Warum wir fragen:",
    tooLong: "Darf höchstens 1.000 Zeichen lang sein.",
    saved: "Danke, Ihr Profil ist aktualisiert.",
    cityQuestion: "Sind Sie in London?",
    yes: "Ja",
    cityConfirmed: "Stadt: London, bestätigt.",
  },
  ja: {
    heading: "プロフィールを完成させましょう",
    jobTitle: "役職",
    company: "会社名",
    city: "都市",
    save: "保存",
    dismiss: "今はしない",
    skipCompany: "スキップ：会社名",
    skippedCompany: "会社名：今回はスキップしました。",
    whyWeAsk: "お尋ねする理由：",
    tooLong: "1,000文字以内で入力してください。",
    saved: "ありがとうございます。プロフィールを更新しました。",
    cityQuestion: "Londonにお住まいですか？",
    yes: "はい",
    cityConfirmed: "都市：London（確認済み）",
  },
};

async function promptSpeaks(page: Page, lang: "de" | "ja") {
  const words = WORDS[lang];
  const email = uniqueEmail(`i18n-${lang}`);
  await signUp(page, email, { simulatedIp: LONDON_IP, locale: lang });
  const sub = await readSub(page);
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
  const prompt = page.getByRole("dialog", { name: words.heading });

  await test.step("heading, labels, buttons and why we ask", async () => {
    await expect(prompt).toBeVisible();
    await expect(prompt.getByLabel(words.jobTitle, { exact: true })).toBeVisible();
    await expect(prompt.getByLabel(words.company, { exact: true })).toBeVisible();
    await expect(prompt.getByRole("button", { name: words.save, exact: true })).toBeVisible();
    await expect(prompt.getByRole("button", { name: words.dismiss, exact: true })).toBeVisible();
    await expect(prompt.getByText(words.whyWeAsk).first()).toBeVisible();
  });

  await test.step("a validation error, the limit written as the locale writes numbers", async () => {
    const jobTitle = prompt.getByLabel(words.jobTitle, { exact: true });
    await jobTitle.fill(TOO_LONG);
    await prompt.getByRole("button", { name: words.save, exact: true }).click();
    await expect(jobTitle).toHaveAccessibleDescription(new RegExp(words.tooLong.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    await expect(jobTitle).toBeFocused();
    expect(await customAttributes(sub)).not.toHaveProperty("job_title");
  });

  await test.step("skip one, answer one, save: the confirmation", async () => {
    await prompt.getByLabel(words.jobTitle, { exact: true }).fill("Data engineer");
    await prompt.getByRole("button", { name: words.skipCompany, exact: true }).click();
    await expect(prompt.getByText(words.skippedCompany)).toBeVisible();
    await prompt.getByRole("button", { name: words.save, exact: true }).click();
    await expect(prompt.getByRole("status")).toHaveText(words.saved);
    await expect.poll(() => customAttributes(sub)).toMatchObject({ job_title: "Data engineer" });
    await expect(prompt).toHaveCount(0, { timeout: 10_000 });
  });

  await test.step("a guessed city, asked with the catalog's own sentence", async () => {
    const enriched = await customAttributes(sub);
    expect(enriched).toMatchObject({ city: "London" });
    await setCustomAttributes(sub, { ...enriched, company: "Bistro", team_size: 4, industry: "retail", years_experience: 9 });
    await signInAgain(page, email, { simulatedIp: LONDON_IP, locale: lang });
    const city = prompt.getByRole("group", { name: words.cityQuestion });
    await expect(city).toBeVisible();
    await city.getByRole("button", { name: words.yes, exact: true }).click();
    await expect(prompt.getByText(words.cityConfirmed)).toBeVisible();
  });
}

test.describe("German browser", () => {
  test.use({ locale: "de-DE" });
  test("the prompt speaks German: heading, labels, buttons, a validation error, the confirmation, the city's own question", async ({ page }) => {
    await promptSpeaks(page, "de");
  });
});

test.describe("Japanese browser", () => {
  test.use({ locale: "ja" });
  test("the prompt speaks Japanese", async ({ page }) => {
    await promptSpeaks(page, "ja");
  });
});

test.describe("Arabic browser", () => {
  test.use({ locale: "ar" });
  test("right to left: the dialog sits on the left, its words are Arabic, and the keyboard works", async ({ page }) => {
    await signUp(page, uniqueEmail("i18n-ar"), { locale: "ar" });
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    const prompt = page.getByRole("dialog", { name: "أكمل ملفك الشخصي" });
    await expect(prompt).toBeVisible();
    const box = await prompt.boundingBox();
    const width = page.viewportSize()?.width ?? 0;
    expect(box, "the dialog is laid out").not.toBeNull();
    expect(box!.x, "the dialog's left edge is near the window's").toBeLessThan(32);
    expect(box!.x + box!.width, "it does not reach the right half's end").toBeLessThan(width - 32);

    await prompt.getByLabel("المسمى الوظيفي", { exact: true }).focus();
    await page.keyboard.type("مهندسة بيانات");
    await page.keyboard.press("Enter");
    await expect(prompt.getByRole("status")).toHaveText("شكرًا، تم تحديث ملفك الشخصي.");
  });
});
