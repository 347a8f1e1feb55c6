/**
 * A catalog question whose attribute the Authgear project does not define (ADR 015). Authgear
 * drops such an attribute silently on write; the app must notice. The emulator's
 * `/_emulator/attributes` test instrument switches "company" off for this spec only (every other
 * spec needs the whole catalog configured), and the `finally` switches it back on.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { setUnconfiguredAttributes } from "@/emulator/testing";
import { customAttributes } from "./support/admin";
import { readSub, signIn, signUp, uniqueEmail } from "./support/auth";
import { expect, test } from "./support/fixtures";
import { EMULATOR_URL } from "./support/urls";

const promptDialog = (page: Page) => page.getByRole("dialog", { name: "Complete your profile" });

test("an answer Authgear cannot store: the user keeps it with a clear message, nothing counts as answered, /admin names the attribute, and it saves once configured", async ({ browser, page }) => {
  test.setTimeout(90_000);
  await signUp(page, uniqueEmail("unconfigured"));
  const sub = await readSub(page);
  const prompt = promptDialog(page);
  await expect(prompt.getByLabel("Company", { exact: true })).toBeVisible();

  try {
    await setUnconfiguredAttributes(EMULATOR_URL, ["company"]);

    await test.step("Save: a message in words, the answers stay, the company field says why", async () => {
      await prompt.getByLabel("Job title", { exact: true }).fill("Baker");
      await prompt.getByLabel("Company", { exact: true }).fill("Bread Co");
      await prompt.getByRole("button", { name: "Save" }).click();
      await expect(prompt.getByRole("alert").first()).toContainText(
        "We couldn't keep every answer: this app's Authgear project is not set up to store some of them yet. Your answers are still here; we've told the team.",
      );
      await expect(prompt.getByLabel("Company", { exact: true })).toHaveValue("Bread Co");
      await expect(prompt.getByLabel("Job title", { exact: true })).toHaveValue("Baker");
      await expect(prompt.getByText("This answer can't be kept yet: the team has been told.")).toBeVisible();
      await expect(prompt.getByText("Thanks, your profile is updated.")).toHaveCount(0);
      const stored = await customAttributes(sub);
      expect(stored).not.toHaveProperty("company");
      expect(stored).toMatchObject({ job_title: "Baker" });
    });

    await test.step("/admin lists the problem with the attribute and the fix", async () => {
      const context = await browser.newContext();
      try {
        const admin = await context.newPage();
        await signIn(admin, "admin@example.com");
        const own = promptDialog(admin);
        if (await own.count()) await own.getByRole("button", { name: "Not now" }).click();
        await admin.goto("/admin");
        await expect(admin.getByRole("heading", { level: 2, name: "Configuration problems" })).toBeVisible();
        const table = admin.getByRole("table", { name: "Problems the app noticed with the Authgear project's setup" });
        const problem = table.getByRole("row").filter({ has: admin.getByRole("rowheader", { name: /"company" is not configured in Authgear/ }) });
        await expect(problem).toHaveCount(1);
        await expect(problem.getByRole("cell").first()).toHaveText("Open");
        await expect(problem).toContainText("npm run authgear:config");
        await expect(problem).toContainText("Advanced → Edit Config");
        const axe = await new AxeBuilder({ page: admin }).include("section[aria-labelledby='config-problems']").analyze();
        expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);
      } finally {
        await context.close();
      }
    });
  } finally {
    await setUnconfiguredAttributes(EMULATOR_URL, []);
  }

  await test.step("once the team configures it, the same answers save (nothing was recorded as answered before)", async () => {
    await prompt.getByRole("button", { name: /^(Save|Retry)$/ }).click();
    await expect(prompt.getByRole("status")).toHaveText("Thanks, your profile is updated.");
    await expect.poll(() => customAttributes(sub)).toMatchObject({ job_title: "Baker", company: "Bread Co" });
  });
});
