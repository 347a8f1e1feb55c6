/**
 * The README's screenshots, taken against the e2e build: `npm run screenshots` (not part of `npm test`).
 */
import { expect, test } from "./support/fixtures";
import { signUp, uniqueEmail } from "./support/auth";

test.use({ viewport: { width: 1100, height: 760 } });

test("the profile prompt after sign-up", async ({ page }) => {
  await signUp(page, uniqueEmail("screenshot"));
  const prompt = page.getByRole("dialog", { name: "Complete your profile" });
  await expect(prompt.getByRole("button", { name: "Save" })).toBeVisible();
  await prompt.getByLabel("Job title", { exact: true }).fill("Product manager");
  await page.screenshot({ path: "docs/screenshots/prompt.png" });
});
