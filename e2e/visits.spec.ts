/**
 * Visits and a prompt that ends when the user is done (issue 14, items 6 and 7; ADR 004, ADR 007).
 *
 * A user who stays signed in keeps Authgear's `auth_time` across refreshes: the planner's unit is a
 * visit, and a return 20 hours (the catalog's visitRestHours) after the last prompt is the next one.
 * Time moves for all three at once: the emulator (POST /_emulator/clock, which also writes the
 * offset the app reads under GRADUAL_TEST_CLOCK=emulator) and the browser (page.clock).
 */
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { customAttributes } from "./support/admin";
import { readAuthTime, readSub, signInAgain, signUp, uniqueEmail } from "./support/auth";
import { EMULATOR_URL } from "./support/urls";

const HOUR = 3_600_000;
const SKIPPED_ALL = "Got it. You can answer these later on your profile page.";
const LABELS = ["Job title", "Company", "Team size", "Industry", "Years of experience", "City", "Country", "Time zone", "Work phone", "Company website", "Billing email"];

const promptDialog = (page: Page) => page.getByRole("dialog", { name: "Complete your profile" });

const expectNoPrompt = async (page: Page) => {
  await expect(page.locator('[data-profile-prompt="hidden"]')).toBeAttached();
  await expect(promptDialog(page)).toHaveCount(0);
};

/** The labels of the fields the open prompt shows, in order. */
async function shownFields(prompt: Locator): Promise<string[]> {
  await expect(prompt.getByRole("button", { name: "Not now" })).toBeVisible();
  const shown: string[] = [];
  for (const label of LABELS) if (await prompt.getByLabel(label, { exact: true }).count()) shown.push(label);
  return shown;
}

async function setEmulatorClock(body: { advance_ms: number } | { reset: true }): Promise<void> {
  const res = await fetch(`${EMULATOR_URL}/_emulator/clock`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  expect(res.status, await res.text()).toBe(200);
}

test.describe("a user who stays signed in (refresh only, same auth_time)", () => {
  let moved = 0;
  /** Moves the emulator (and with it the app) and the browser to `total` ms after the real time. */
  async function clocksAt(page: Page, total: number): Promise<void> {
    await setEmulatorClock({ advance_ms: total - moved });
    moved = total;
    await page.clock.setSystemTime(new Date(Date.now() + total));
  }

  test.afterEach(async () => {
    moved = 0;
    await setEmulatorClock({ reset: true });
  });

  test("gets no prompt within the 20-hour rest, and the next questions when they come back after it", async ({ page }) => {
    await page.clock.install();
    const email = await signUp(page, uniqueEmail("visits"));
    const sub = await readSub(page);
    const authTime = await readAuthTime(page);
    const prompt = promptDialog(page);

    await test.step("visit 1: answer the job title, skip the company", async () => {
      expect(await shownFields(prompt)).toEqual(["Job title", "Company"]);
      await prompt.getByLabel("Job title", { exact: true }).fill("Pilot");
      await prompt.getByRole("button", { name: "Skip Company" }).click();
      await prompt.getByRole("button", { name: "Save" }).click();
      await expect(prompt.getByRole("status")).toHaveText("Thanks, your profile is updated.");
      await expect.poll(() => customAttributes(sub)).toMatchObject({ job_title: "Pilot" });
    });

    await test.step("19 hours later, still signed in: the SDK refreshes, and nothing is asked", async () => {
      await clocksAt(page, 19 * HOUR);
      const refresh = page.waitForRequest((r) => r.url() === `${EMULATOR_URL}/oauth2/token` && (r.postData() ?? "").includes("grant_type=refresh_token"));
      await page.reload();
      await refresh;
      await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
      await expectNoPrompt(page);
      expect(await readAuthTime(page), "the same sign-in").toBe(authTime);
    });

    await test.step("21 hours after the prompt: a new visit asks the next two questions (the company rests its day)", async () => {
      await clocksAt(page, 21 * HOUR);
      await page.reload();
      expect(await shownFields(prompt)).toEqual(["Industry", "Years of experience"]);
      expect(await readAuthTime(page), "still the same sign-in").toBe(authTime);
    });

    await test.step("a reload and a round trip through /profile within that visit resume it", async () => {
      await page.reload();
      expect(await shownFields(prompt)).toEqual(["Industry", "Years of experience"]);
      await page.goto("/profile");
      await page.goto("/");
      expect(await shownFields(prompt)).toEqual(["Industry", "Years of experience"]);
    });

    await test.step("answered, the visit has had its prompt: nothing more an hour later", async () => {
      await prompt.getByLabel("Industry", { exact: true }).selectOption("software");
      await prompt.getByLabel("Years of experience", { exact: true }).fill("7");
      await prompt.getByRole("button", { name: "Save" }).click();
      await expect(prompt.getByRole("status")).toHaveText("Thanks, your profile is updated.");
      await clocksAt(page, 22 * HOUR);
      await page.reload();
      await expectNoPrompt(page);
    });

    await setEmulatorClock({ reset: true });
    moved = 0;
    expect(await customAttributes(sub)).toMatchObject({ job_title: "Pilot", industry: "software", years_experience: 7 });
  });
});

test.describe("a prompt that ends when the user is done", () => {
  test("Skip on both questions saves the prompt itself; a reload shows none, and the next login asks neither", async ({ page }) => {
    const email = await signUp(page, uniqueEmail("skipall"));
    const prompt = promptDialog(page);
    expect(await shownFields(prompt)).toEqual(["Job title", "Company"]);

    await test.step("a skip survives a reload", async () => {
      await prompt.getByRole("button", { name: "Skip Job title" }).click();
      await expect(prompt.getByText("Job title: skipped for now.")).toBeVisible();
      await page.reload();
      await expect(prompt.getByText("Job title: skipped for now.")).toBeVisible();
      await expect(prompt.getByLabel("Company", { exact: true })).toBeVisible();
    });

    await test.step("the last skip saves and closes with the short confirmation: no Save left to press", async () => {
      await prompt.getByRole("button", { name: "Skip Company" }).click();
      await expect(prompt.getByRole("status")).toHaveText(SKIPPED_ALL);
      await expect(prompt.getByRole("status")).toBeFocused();
      await expect(prompt.getByRole("button", { name: "Save" })).toHaveCount(0);
      await expect(prompt).toHaveCount(0, { timeout: 10_000 });
    });

    await test.step("reload: no prompt", async () => {
      await page.reload();
      await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
      await expectNoPrompt(page);
    });

    await test.step("next login: neither skipped question comes back (they rest for their cooldown)", async () => {
      await signInAgain(page, email);
      expect(await shownFields(prompt)).toEqual(["Industry", "Years of experience"]);
    });
  });

  test("Don't ask again survives a reload; declining the rest saves itself; Not now stays ask-me-later", async ({ page }) => {
    const email = await signUp(page, uniqueEmail("declineall"));
    const prompt = promptDialog(page);
    expect(await shownFields(prompt)).toEqual(["Job title", "Company"]);
    await prompt.getByRole("button", { name: "Don't ask again about Company" }).click();
    await page.reload();
    await expect(prompt.getByText("Company: we won't ask again.")).toBeVisible();
    await prompt.getByRole("button", { name: "Don't ask again about Job title" }).click();
    await expect(prompt.getByRole("status")).toHaveText(SKIPPED_ALL);

    await signInAgain(page, email);
    expect(await shownFields(prompt)).toEqual(["Industry", "Years of experience"]);
    await prompt.getByRole("button", { name: "Not now" }).click();
    await expect(prompt).toHaveCount(0);
    await signInAgain(page, email);
    expect(await shownFields(prompt), "Not now asks again at the next visit").toEqual(["Industry", "Years of experience"]);
  });
});
