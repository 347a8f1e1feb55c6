/**
 * Right to left (issue 16): a browser in Arabic gets `<html lang="ar" dir="rtl">` on the first
 * byte, the page mirrored, and the dialog prompt on the reading side (the left, where an Arabic
 * reader's eye ends a line: `end-4`); the prompt works from the keyboard alone.
 */
import type { Locator, Page } from "@playwright/test";
import { localize } from "@/lib/catalog/catalog";
import { profileCatalog } from "@/profile.config";
import { expect, test } from "./support/fixtures";
import { signInAgain, signUp, uniqueEmail } from "./support/auth";
import { appWords, kitWords } from "./support/i18n";

test.use({ locale: "ar" });

const kit = kitWords("ar");
const app = appWords("ar");
const label = (attribute: string) => localize(profileCatalog.questions.find((q) => q.attribute === attribute)!.label, "ar", profileCatalog.defaultLocale);
const promptDialog = (page: Page) => page.getByRole("dialog", { name: kit("prompt.heading") });

/** Presses Tab until `target` has the focus (at most `max` times); fails naming what had it instead. */
async function tabTo(page: Page, target: Locator, max = 20): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((e) => e === document.activeElement)) return;
  }
  const active = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120) ?? "nothing");
  throw new Error(`${max} presses of Tab did not reach the element; the focus is on ${active}`);
}

test("in Arabic the page is right to left from the first byte, and the server's HTML says so", async ({ page, request }) => {
  const response = await request.get("/", { headers: { "accept-language": "ar" } });
  expect(response.status()).toBe(200);
  expect(await response.text()).toMatch(/<html[^>]*\blang="ar"[^>]*\bdir="rtl"|<html[^>]*\bdir="rtl"[^>]*\blang="ar"/);

  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1, name: app("home.pitchTitle") })).toBeVisible();
  // Mirrored: the heading's text starts at the right edge of its line (the heading box is as wide as the column).
  const gaps = await page.getByRole("heading", { level: 1 }).evaluate((heading) => {
    const range = document.createRange();
    range.selectNodeContents(heading);
    const text = range.getBoundingClientRect();
    const box = heading.getBoundingClientRect();
    return { left: text.left - box.left, right: box.right - text.right };
  });
  expect(gaps.right, "the text's distance from the heading's right edge").toBeLessThan(gaps.left);
});

test("in Arabic the dialog prompt sits on the left, and it is used from the keyboard alone", async ({ page }) => {
  test.setTimeout(90_000);
  const email = await signUp(page, uniqueEmail("rtl"), { locale: "ar" });
  const prompt = promptDialog(page);
  await expect(prompt).toBeVisible();
  const jobTitle = prompt.getByLabel(label("job_title"), { exact: true });
  await expect(jobTitle).toBeVisible();

  await test.step("the dialog is nearer the left edge of the window than the right", async () => {
    const box = (await prompt.boundingBox())!;
    const viewport = page.viewportSize()!;
    expect(box.x, "its distance from the left edge").toBeLessThan(viewport.width - (box.x + box.width));
  });

  await test.step("Escape dismisses the dialog", async () => {
    await tabTo(page, jobTitle);
    await page.keyboard.type("مهندسة برمجيات");
    await page.keyboard.press("Escape");
    await expect(prompt).toHaveCount(0);
  });

  await test.step("the next visit asks again: Tab reaches the first field, Tab reaches Save, Enter saves, the confirmation is announced", async () => {
    await signInAgain(page, email, { locale: "ar" });
    await expect(prompt).toBeVisible();
    await expect(jobTitle).toBeVisible();
    await tabTo(page, jobTitle);
    await page.keyboard.type("مهندسة برمجيات");
    const save = prompt.getByRole("button", { name: kit("prompt.save"), exact: true });
    await tabTo(page, save);
    await page.keyboard.press("Enter");
    const status = prompt.getByRole("status");
    await expect(status).toHaveText(kit("prompt.saved"));
    // The confirmation takes the focus (the form it replaced is gone), so a screen reader says it.
    await expect(status).toBeFocused();
  });
});
