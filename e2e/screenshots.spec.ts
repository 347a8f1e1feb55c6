/**
 * The README's screenshots, taken against the e2e build: `npm run screenshots` (not part of `npm test`).
 */
import { localize } from "@/lib/catalog/catalog";
import type { Locale } from "@/lib/i18n/locales";
import { profileCatalog } from "@/profile.config";
import { expect, test } from "./support/fixtures";
import { signIn, signUp, uniqueEmail } from "./support/auth";
import { kitWords } from "./support/i18n";

test.use({ viewport: { width: 1100, height: 760 } });

test("the profile prompt after sign-up", async ({ page }) => {
  await signUp(page, uniqueEmail("screenshot"));
  const prompt = page.getByRole("dialog", { name: "Complete your profile" });
  await expect(prompt.getByRole("button", { name: "Save" })).toBeVisible();
  await prompt.getByLabel("Job title", { exact: true }).fill("Product manager");
  await page.screenshot({ path: "docs/screenshots/prompt.png" });
});

test("the profile page", async ({ page }) => {
  await signUp(page, uniqueEmail("screenshot-profile"), { simulatedIp: "81.2.69.142" });
  const prompt = page.getByRole("dialog", { name: "Complete your profile" });
  await prompt.getByLabel("Job title", { exact: true }).fill("Product manager");
  await prompt.getByRole("button", { name: "Don't ask again about Company" }).click();
  await prompt.getByRole("button", { name: "Save" }).click();
  await expect(prompt.getByRole("status")).toBeVisible();
  await page.goto("/profile");
  await expect(page.getByTestId("source-job_title")).toContainText("You told us");
  await page.setViewportSize({ width: 1100, height: 1100 });
  await page.screenshot({ path: "docs/screenshots/profile.png" });
});

test("the team dashboard", async ({ browser, page }) => {
  // A few users answer, skip and decline their first prompt, each in a browser of their own.
  for (const [job, company] of [["fill", "fill"], ["fill", "skip"], ["skip", "decline"], ["decline", "fill"]] as const) {
    const context = await browser.newContext();
    const user = await context.newPage();
    await signUp(user, uniqueEmail("screenshot-dash"), { simulatedIp: "81.2.69.142" });
    const prompt = user.getByRole("dialog", { name: "Complete your profile" });
    for (const [label, plan] of [["Job title", job], ["Company", company]] as const) {
      if (plan === "fill") await prompt.getByLabel(label, { exact: true }).fill(`${label} example`);
      else if (plan === "skip") await prompt.getByRole("button", { name: `Skip ${label}` }).click();
      else await prompt.getByRole("button", { name: `Don't ask again about ${label}` }).click();
    }
    // Nothing typed: the last tap saved the prompt itself.
    if (job === "fill" || company === "fill") await prompt.getByRole("button", { name: "Save" }).click();
    await expect(prompt.getByRole("status")).toBeVisible();
    await context.close();
  }
  await signIn(page, "admin@example.com");
  await page.goto("/admin");
  await expect(page.getByTestId("population")).toBeVisible();
  await page.getByRole("heading", { level: 2, name: "Attributes" }).evaluate((e) => e.scrollIntoView());
  await page.screenshot({ path: "docs/screenshots/admin.png" });

  // The same figures in Arabic: the tables and the charts mirrored.
  const arabic = await browser.newContext({ locale: "ar", viewport: { width: 1100, height: 760 } });
  const admin = await arabic.newPage();
  await signIn(admin, "admin@example.com");
  await admin.goto("/admin");
  await expect(admin.getByTestId("population")).toBeVisible();
  await admin.getByRole("heading", { level: 2, name: kitWords("ar")("admin.attributes.heading") }).evaluate((e) => e.scrollIntoView());
  await admin.screenshot({ path: "docs/screenshots/admin-ar.png" });
  await arabic.close();
});

// The prompt in other languages: Japanese, and Arabic (right to left: the dialog on the left).
for (const [locale, jobTitle] of [
  ["ja", "プロダクトマネージャー"],
  ["ar", "مديرة منتجات"],
] as const satisfies readonly (readonly [Locale, string])[]) {
  test.describe(locale, () => {
    test.use({ locale });

    test(`the profile prompt after sign-up, in ${locale}`, async ({ page }) => {
      await signUp(page, uniqueEmail(`screenshot-${locale}`));
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      const kit = kitWords(locale);
      const prompt = page.getByRole("dialog", { name: kit("prompt.heading") });
      await expect(prompt.getByRole("button", { name: kit("prompt.save"), exact: true })).toBeVisible();
      const label = localize(profileCatalog.questions.find((q) => q.attribute === "job_title")!.label, locale, profileCatalog.defaultLocale);
      await prompt.getByLabel(label, { exact: true }).fill(jobTitle);
      await page.screenshot({ path: `docs/screenshots/prompt-${locale}.png` });
    });
  });
}
