/**
 * Accessibility in the locales that change the most (issue 16): Arabic (right to left) and
 * Japanese (another script). axe-core finds no serious or critical violation on the prompt,
 * /profile and /admin, each page being in that language (`<html lang>` right, its words from the
 * locale's catalog), so the checks that depend on the language (lang attributes, names, contrast
 * of the mirrored layout) run on what those users get.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import type { Locale } from "@/lib/i18n/locales";
import { expect, test } from "./support/fixtures";
import { signIn, signOut, signUp, uniqueEmail } from "./support/auth";
import { appWords, kitWords } from "./support/i18n";

/** axe-core's serious and critical violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`);
}

for (const locale of ["ar", "ja"] as const satisfies readonly Locale[]) {
  test.describe(locale, () => {
    test.use({ locale });
    const kit = kitWords(locale);
    const app = appWords(locale);

    test(`no serious or critical axe violation in ${locale} on the prompt, /profile and /admin`, async ({ page }) => {
      test.setTimeout(120_000);
      await signUp(page, uniqueEmail(`axe-${locale}`), { locale, simulatedIp: "81.2.69.142" });
      await expect(page.locator("html")).toHaveAttribute("lang", locale);

      await test.step("the prompt", async () => {
        const prompt = page.getByRole("dialog", { name: kit("prompt.heading") });
        await expect(prompt.getByRole("button", { name: kit("prompt.save"), exact: true })).toBeVisible();
        expect(await seriousViolations(page), `${locale}: / with the prompt`).toEqual([]);
        await prompt.getByRole("button", { name: kit("prompt.dismiss"), exact: true }).click();
        await expect(prompt).toHaveCount(0);
      });

      await test.step("/profile", async () => {
        await page.getByRole("link", { name: app("home.yourProfile") }).click();
        await page.waitForURL("**/profile");
        await expect(page.getByRole("heading", { level: 1, name: kit("profile.heading") })).toBeVisible();
        await expect(page.locator("html")).toHaveAttribute("lang", locale);
        expect(await seriousViolations(page), `${locale}: /profile`).toEqual([]);
      });

      await test.step("/admin, as the seeded admin, with an explanation open", async () => {
        await page.goto("/");
        await signOut(page, locale);
        await signIn(page, "admin@example.com", { locale });
        const own = page.getByRole("dialog", { name: kit("prompt.heading") });
        if (await own.count()) await own.getByRole("button", { name: kit("prompt.dismiss"), exact: true }).click();
        await page.goto("/admin");
        await expect(page.getByRole("heading", { level: 1, name: kit("admin.heading") })).toBeVisible();
        await expect(page.getByTestId("population")).toBeVisible();
        await expect(page.getByRole("heading", { level: 2, name: kit("admin.attributes.heading") })).toBeVisible();
        await page.getByLabel(kit("admin.explain.email"), { exact: true }).fill("admin@example.com");
        await page.getByRole("button", { name: kit("admin.explain.submit"), exact: true }).click();
        await expect(page.getByTestId("explain-summary")).toBeVisible();
        await expect(page.getByRole("table", { name: kit("admin.explain.eventsCaption") })).toBeVisible();
        expect(await seriousViolations(page), `${locale}: /admin`).toEqual([]);
      });
    });
  });
}
