/**
 * The README's screenshots, taken against the e2e build: `npm run screenshots` (not part of `npm test`).
 */
import { expect, test } from "./support/fixtures";
import { signIn, signUp, uniqueEmail } from "./support/auth";

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
});
