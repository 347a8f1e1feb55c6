/**
 * Work-email knowledge (issue 17, lib/enrichment/work-email.ts): the verified address's domain
 * tells a work address from a free one, offline. A work address's company name and website are
 * guessed from its domain and offered as confirm questions (never written before the user says
 * yes); a free address is never asked "Company" (the demo catalog asks it only when email_type is
 * work). The questions between sign-up and the company's come from the demo catalog
 * (profile.config.ts); they are set through the Admin API so the prompt gets to the company's.
 */
import type { Page } from "@playwright/test";
import { customAttributes, setCustomAttributes } from "./support/admin";
import { readSub, signInAgain, signUp } from "./support/auth";
import { expect, test } from "./support/fixtures";
import { THIRD_PARTY_APP_URL } from "./support/urls";

// FullContact on (against its stand-in): the e2e run's second server (playwright.config.ts).
test.use({ baseURL: THIRD_PARTY_APP_URL });

const promptDialog = (page: Page) => page.getByRole("dialog", { name: "Complete your profile" });

/** An address no earlier run used, at `domain`. */
const uniqueAt = (local: string, domain: string) => `${local}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@${domain}`;

/** The demo catalog's questions a user has answered before the company's turn (everything of higher priority, and team size). */
const ANSWERED_BEFORE = {
  job_title: "Head of Operations",
  industry: "manufacturing",
  years_experience: 9,
  team_size: 40,
  city: "London",
  country: "GB",
  timezone: "Europe/London",
};

/** Signs up, dismisses the first prompt ("Not now"), and answers the catalog's earlier questions through the Admin API. */
async function signUpAndAnswerTheRest(page: Page, email: string): Promise<string> {
  await signUp(page, email);
  const sub = await readSub(page);
  const prompt = promptDialog(page);
  await expect(prompt).toBeVisible();
  await prompt.getByRole("button", { name: "Not now", exact: true }).click();
  await expect(prompt).toHaveCount(0);
  await setCustomAttributes(sub, { ...(await customAttributes(sub)), ...ANSWERED_BEFORE });
  return sub;
}

test("a work address is asked to confirm the company name and website its domain suggests; neither is written before a yes", async ({ page }) => {
  const email = uniqueAt("ana", "acme-robotics.com");
  const sub = await signUpAndAnswerTheRest(page, email);
  const prompt = promptDialog(page);
  const companyQuestion = prompt.getByRole("group", { name: "Is your company Acme Robotics?" });
  const websiteQuestion = prompt.getByRole("group", { name: "Is your company's website https://acme-robotics.com?" });

  await test.step("the company name, guessed from acme-robotics.com, as a one-tap question", async () => {
    await signInAgain(page, email);
    await expect(companyQuestion).toBeVisible();
    // Only a guess: Authgear holds no company until the user confirms it.
    expect(await customAttributes(sub)).not.toHaveProperty("company");
    // FullContact (switched on in e2e) could also suggest a company, so the prompt asks for consent first: no.
    await prompt.getByRole("button", { name: "No, don't use public business sources" }).click();
    await companyQuestion.getByRole("button", { name: "Yes" }).click();
    // Both decided by a tap: the prompt saves itself.
    await expect(prompt.getByRole("status")).toHaveText("Thanks, your profile is updated.");
    await expect.poll(() => customAttributes(sub)).toMatchObject({ company: "Acme Robotics" });
    expect(await customAttributes(sub)).not.toHaveProperty("company_website");
  });

  await test.step("once the company is known, its website https://acme-robotics.com, as a one-tap question", async () => {
    await signInAgain(page, email);
    await expect(websiteQuestion).toBeVisible();
    await websiteQuestion.getByRole("button", { name: "Yes" }).click();
    await prompt.getByRole("button", { name: "Skip Work phone" }).click();
    await expect(prompt.getByRole("status")).toHaveText("Thanks, your profile is updated.");
    await expect.poll(() => customAttributes(sub)).toMatchObject({ company: "Acme Robotics", company_website: "https://acme-robotics.com" });
  });
});

test("a @gmail.com address is not asked Company, where a work address would be", async ({ page }) => {
  const email = uniqueAt("ana", "gmail.com");
  const prompt = promptDialog(page);
  const company = () => prompt.getByLabel("Company", { exact: true });
  const companyQuestion = () => prompt.getByRole("group", { name: /Is your company/ });

  await test.step("not at sign-up", async () => {
    await signUp(page, email);
    await expect(prompt.getByLabel("Job title", { exact: true })).toBeVisible();
    await expect(company()).toHaveCount(0);
    await expect(companyQuestion()).toHaveCount(0);
  });

  await test.step("not when Company is the highest question left: the prompt goes on to the next ones", async () => {
    await prompt.getByRole("button", { name: "Not now", exact: true }).click();
    const sub = await readSub(page);
    await setCustomAttributes(sub, { ...(await customAttributes(sub)), ...ANSWERED_BEFORE });
    await signInAgain(page, email);
    await expect(prompt.getByLabel("Work phone", { exact: true })).toBeVisible();
    await expect(prompt.getByLabel("Billing email", { exact: true })).toBeVisible();
    await expect(company()).toHaveCount(0);
    await expect(companyQuestion()).toHaveCount(0);
  });
});
