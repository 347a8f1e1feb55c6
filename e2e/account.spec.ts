/**
 * The user's own profile page (/profile), the team's dashboard (/admin) and accessibility checks.
 * What Authgear holds is read with the Admin API (e2e/support/admin.ts).
 */
import { readFile } from "node:fs/promises";
import type { Locator, Page } from "@playwright/test";
import { customAttributes, setCustomAttributes } from "./support/admin";
import { readSub, signInAgain, signUp, uniqueEmail } from "./support/auth";
import { expect, test } from "./support/fixtures";

/** 81.2.69.142 is in London in the DB-IP City Lite database (lib/enrichment/geoip.server.test.ts). */
const LONDON_IP = "81.2.69.142";
const CATALOG = ["job_title", "company", "team_size", "industry", "years_experience", "city", "country", "timezone", "work_phone", "company_website", "billing_email"];

const promptDialog = (page: Page) => page.getByRole("dialog", { name: "Complete your profile" });

/** The questions the prompt shows, by label. */
async function shownQuestions(prompt: Locator): Promise<string[]> {
  await expect(prompt.getByRole("button", { name: "Save" })).toBeVisible();
  const shown: string[] = [];
  for (const label of ["Job title", "Company", "Team size", "Industry", "Years of experience", "City", "Country", "Time zone", "Work phone", "Company website", "Billing email"]) {
    if (await prompt.getByLabel(label, { exact: true }).count()) shown.push(label);
  }
  return shown;
}

async function openProfile(page: Page): Promise<void> {
  await page.getByRole("link", { name: "Your profile" }).click();
  await page.waitForURL("**/profile");
  await expect(page.getByRole("heading", { level: 1, name: "Your profile" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Your details" })).toBeVisible();
}

/** The list item of one attribute on /profile. */
const row = (page: Page, label: string) => page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name: label, exact: true }) });

async function edit(page: Page, label: string, value: string): Promise<void> {
  await page.getByRole("button", { name: `Edit ${label}`, exact: true }).click();
  const control = page.getByLabel(label, { exact: true });
  await expect(control).toBeFocused();
  if ((await control.evaluate((e) => e.tagName)) === "SELECT") await control.selectOption(value);
  else await control.fill(value);
  await page.getByRole("button", { name: `Save ${label}`, exact: true }).click();
}

test.describe("/profile", () => {
  test("a user edits a value and it is in Authgear; each value says where it came from; the JSON download holds every attribute with its source", async ({ page }) => {
    await signUp(page, uniqueEmail("account"), { simulatedIp: LONDON_IP });
    const sub = await readSub(page);
    await openProfile(page);

    await test.step("values from the sign-up, in words, with why we ask", async () => {
      await expect(row(page, "City").getByTestId("value-city")).toHaveText("London");
      await expect(row(page, "City").getByTestId("source-city")).toContainText("Estimated from your location");
      await expect(row(page, "City").getByTestId("source-city")).toContainText("not confirmed yet");
      await expect(row(page, "Country").getByTestId("value-country")).toHaveText("United Kingdom (GB)");
      await expect(row(page, "Job title").getByTestId("value-job_title")).toHaveText("Not set");
      await expect(row(page, "Job title")).toContainText("Why we ask: So we can show you the guides that fit your role.");
    });

    await test.step("an invalid value is refused with the catalog's message, and nothing is written", async () => {
      await edit(page, "Team size", "0");
      await expect(page.getByLabel("Team size", { exact: true })).toHaveAccessibleDescription(/Must be at least 1/);
      await page.getByRole("button", { name: "Cancel" }).click();
      expect(await customAttributes(sub)).not.toHaveProperty("team_size");
    });

    await test.step("edit: saved to Authgear, now 'You told us'", async () => {
      await edit(page, "Job title", "Baker");
      await expect(page.getByRole("status").filter({ hasText: "Job title saved." })).toBeVisible();
      await expect(page.getByRole("button", { name: "Edit Job title", exact: true })).toBeFocused();
      await expect(row(page, "Job title").getByTestId("value-job_title")).toHaveText("Baker");
      await expect(row(page, "Job title").getByTestId("source-job_title")).toContainText("You told us");
      expect(await customAttributes(sub)).toMatchObject({ job_title: "Baker", city: "London", country: "GB", timezone: "Europe/London" });
      await edit(page, "Industry", "finance");
      await expect(row(page, "Industry").getByTestId("value-industry")).toHaveText("Finance");
      await expect.poll(() => customAttributes(sub)).toMatchObject({ job_title: "Baker", industry: "finance" });
    });

    await test.step("a value set outside Gradual says so", async () => {
      await setCustomAttributes(sub, { ...(await customAttributes(sub)), company: "Portal Ltd" });
      await page.reload();
      await expect(row(page, "Company").getByTestId("source-company")).toHaveText("Set outside Gradual");
    });

    await test.step("download: every attribute with its value and source", async () => {
      const downloading = page.waitForEvent("download");
      await page.getByRole("button", { name: "Download my profile (JSON)" }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe("gradual-profile.json");
      const json = JSON.parse(await readFile((await download.path())!, "utf8")) as {
        user: string;
        attributes: Record<string, { value: unknown; source: string; recordedSource: string | null }>;
      };
      expect(json.user).toBe(sub);
      expect(Object.keys(json.attributes)).toEqual(CATALOG);
      expect(json.attributes.job_title).toMatchObject({ value: "Baker", source: "You told us", recordedSource: "user" });
      expect(json.attributes.city).toMatchObject({ value: "London", source: "Estimated from your location", recordedSource: "geoip" });
      expect(json.attributes.company).toMatchObject({ value: "Portal Ltd", source: "Set outside Gradual", recordedSource: null });
      expect(json.attributes.billing_email).toMatchObject({ value: null, source: "Not set" });
      for (const name of CATALOG) expect(typeof json.attributes[name]!.source, name).toBe("string");
    });
  });

  test("clearing an enriched value empties it in Authgear, sign-ins do not refill it, and the prompt asks for it again", async ({ page }) => {
    const email = await signUp(page, uniqueEmail("clear"), { simulatedIp: LONDON_IP });
    const sub = await readSub(page);
    await openProfile(page);
    await page.getByRole("button", { name: "Clear Country", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "Country cleared." })).toBeVisible();
    await expect(row(page, "Country").getByTestId("value-country")).toHaveText("Not set");
    await expect(row(page, "Country").getByTestId("source-country")).toHaveText("Cleared by you");
    expect(await customAttributes(sub)).not.toHaveProperty("country");

    // Everything ranked above the country is known: the city is the user's own now.
    await edit(page, "City", "London");
    await expect(row(page, "City").getByTestId("source-city")).toContainText("You told us");
    await setCustomAttributes(sub, { ...(await customAttributes(sub)), job_title: "Chef", industry: "retail", years_experience: 3 });

    await page.goto("/");
    await signInAgain(page, email, { simulatedIp: LONDON_IP });
    const shown = await shownQuestions(promptDialog(page));
    expect(shown).toEqual(["Company", "Country"]);
    expect(await customAttributes(sub)).not.toHaveProperty("country");
  });

  test("undoing Don't ask again makes the question eligible again", async ({ page }) => {
    const email = await signUp(page, uniqueEmail("undecline"));
    const prompt = promptDialog(page);
    expect(await shownQuestions(prompt)).toEqual(["Job title", "Company"]);
    await prompt.getByRole("button", { name: "Don't ask again about Job title" }).click();
    await prompt.getByRole("button", { name: "Save" }).click();
    await expect(prompt.getByRole("status")).toHaveText("Thanks, your profile is updated.");

    await openProfile(page);
    await expect(row(page, "Job title")).toContainText("You asked us not to ask about this again");
    await page.getByRole("button", { name: "Ask me again about Job title" }).click();
    await expect(page.getByRole("status").filter({ hasText: "We may ask about job title again." })).toBeVisible();
    await expect(row(page, "Job title")).not.toContainText("You asked us not to ask");

    await page.goto("/");
    await signInAgain(page, email);
    // Company was left blank (skipped: it rests a day); the job title is asked again, first.
    expect(await shownQuestions(prompt)).toEqual(["Job title", "Industry"]);
  });

  test("opting out of enrichment: the next sign-in from a new IP fills in nothing", async ({ page }) => {
    const email = await signUp(page, uniqueEmail("optout"));
    const sub = await readSub(page);
    await openProfile(page);
    await expect(page.getByText("Enrichment is on")).toBeVisible();
    await page.getByRole("button", { name: "Turn enrichment off" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Enrichment is off." })).toBeVisible();
    await expect(page.getByRole("button", { name: "Turn enrichment on" })).toBeVisible();

    await page.goto("/");
    await signInAgain(page, email, { simulatedIp: LONDON_IP });
    // The prompt (which would add the browser's time zone with a save) loads and is answered.
    const prompt = promptDialog(page);
    expect(await shownQuestions(prompt)).toEqual(["Job title", "Company"]);
    await prompt.getByLabel("Job title", { exact: true }).fill("Nurse");
    await prompt.getByRole("button", { name: "Save" }).click();
    await expect(prompt.getByRole("status")).toHaveText("Thanks, your profile is updated.");
    // The non-blocking user.authenticated hook has had its chance to write (it fills London for others: enrichment.spec.ts).
    await page.waitForTimeout(1_500);
    expect(await customAttributes(sub)).toEqual({ job_title: "Nurse" });
  });
});
