import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { adminApiFault, customAttributes, setCustomAttributes } from "./support/admin";
import { readSub, signInAgain, signUp, uniqueEmail } from "./support/auth";

const promptDialog = (page: Page) => page.getByRole("dialog", { name: "Complete your profile" });

/** The prompt has loaded and decided there is nothing to ask (it renders only a hidden marker). */
const expectNoPrompt = async (page: Page) => {
  await expect(page.locator('[data-profile-prompt="hidden"]')).toBeAttached();
  await expect(promptDialog(page)).toHaveCount(0);
};

/** A valid answer per question label, and how to give it. */
const ANSWERS: Record<string, string> = {
  "Job title": "Data engineer",
  Company: "Acme Ltd",
  "Team size": "12",
  Industry: "software",
  "Years of experience": "7",
  City: "Lisbon",
  Country: "PT",
  "Time zone": "Europe/Lisbon",
  "Work phone": "+351 21 123 4567",
  "Company website": "https://acme.example",
  "Billing email": "billing@acme.example",
};

/**
 * The labels of the questions the prompt shows, in order: each has its own "Skip <label>" button,
 * whether it shows its field or a guess to confirm (the city from London, say).
 */
async function shownQuestions(prompt: Locator): Promise<string[]> {
  // The questions render together with the form's Save button.
  await expect(prompt.getByRole("button", { name: "Save" })).toBeVisible();
  const shown: string[] = [];
  for (const label of Object.keys(ANSWERS)) {
    if (await prompt.getByRole("button", { name: `Skip ${label}`, exact: true }).count()) shown.push(label);
  }
  return shown;
}

async function answer(prompt: Locator, label: string, value = ANSWERS[label]!): Promise<void> {
  const control = prompt.getByLabel(label, { exact: true });
  if ((await control.count()) === 0) {
    // A guess to confirm: its "Change" (in the question's block, with its Skip button) opens the field.
    const question = prompt.getByRole("button", { name: `Skip ${label}`, exact: true }).locator("xpath=ancestor::*[.//button[normalize-space()='Change']][1]");
    await question.getByRole("button", { name: "Change", exact: true }).click();
  }
  if ((await control.evaluate((e) => e.tagName)) === "SELECT") await control.selectOption(value);
  else await control.fill(value);
}

async function save(page: Page, prompt: Locator): Promise<void> {
  await prompt.getByRole("button", { name: "Save" }).click();
  await expect(prompt.getByRole("status")).toHaveText("Thanks, your profile is updated.");
  await expect(promptDialog(page)).toHaveCount(0, { timeout: 10_000 });
}

test("a new user answers one question and skips one; later logins ask different questions, the conditional one only once its condition holds", async ({ page }) => {
  const email = uniqueEmail("prompt");
  await signUp(page, email);
  const sub = await readSub(page);
  const prompt = promptDialog(page);

  await test.step("at most two questions, the highest priorities", async () => {
    await expect(prompt).toBeVisible();
    await expect(prompt.getByLabel("Job title", { exact: true })).toBeVisible();
    expect(await shownQuestions(prompt)).toEqual(["Job title", "Company"]);
    await expect(prompt.getByText("Why we ask:").first()).toBeVisible();
  });

  await test.step("answer one, skip one, save: the answer is in Authgear", async () => {
    await answer(prompt, "Job title");
    await prompt.getByRole("button", { name: "Skip Company" }).click();
    await expect(prompt.getByText("Company: skipped for now.")).toBeVisible();
    await expect(prompt.getByRole("button", { name: "Undo (Company)" })).toBeFocused();
    await save(page, prompt);
    await expect.poll(() => customAttributes(sub)).toMatchObject({ job_title: "Data engineer" });
    expect(await customAttributes(sub)).not.toHaveProperty("company");
  });

  await test.step("next login: different questions, not the skipped one; the conditional team size is not asked without a company", async () => {
    await signInAgain(page, email);
    await expect(prompt).toBeVisible();
    const shown = await shownQuestions(prompt);
    expect(shown).toEqual(["Industry", "Years of experience"]);
    await answer(prompt, "Industry");
    await answer(prompt, "Years of experience");
    await save(page, prompt);
    await expect.poll(() => customAttributes(sub)).toMatchObject({ job_title: "Data engineer", industry: "software", years_experience: 7 });
  });

  await test.step("once the company is known, the conditional question comes first", async () => {
    const current = await customAttributes(sub);
    await setCustomAttributes(sub, { ...current, company: "Acme Ltd" });
    await signInAgain(page, email);
    await expect(prompt).toBeVisible();
    expect((await shownQuestions(prompt))[0]).toBe("Team size");
  });
});

test("answering every question, login after login, until the profile is complete: then no prompt", async ({ page }) => {
  const email = uniqueEmail("complete");
  await signUp(page, email);
  const sub = await readSub(page);
  const prompt = promptDialog(page);
  const asked = new Set<string>();

  for (let login = 1; login <= 8; login++) {
    if (login > 1) {
      await signInAgain(page, email);
      // Stop once Authgear holds every attribute; until then a prompt must come.
      if (Object.keys(await customAttributes(sub)).length === 11) break;
    }
    const shown = await shownQuestions(prompt);
    expect(shown.length, `login ${login}`).toBeGreaterThan(0);
    expect(shown.length, `login ${login}`).toBeLessThanOrEqual(2);
    for (const label of shown) {
      expect(asked.has(label), `${label} asked twice`).toBe(false);
      asked.add(label);
      await answer(prompt, label);
    }
    await save(page, prompt);
  }

  const attributes = await customAttributes(sub);
  // The browser's own time zone filled `timezone` on the first save: it was never asked.
  expect(attributes).toMatchObject({ job_title: "Data engineer", company: "Acme Ltd", team_size: 12, billing_email: "billing@acme.example", work_phone: "+351211234567" });
  expect(typeof attributes.timezone).toBe("string");
  expect(Object.keys(attributes).sort()).toEqual(
    ["billing_email", "city", "company", "company_website", "country", "industry", "job_title", "team_size", "timezone", "work_phone", "years_experience"].sort(),
  );

  await test.step("complete: the next login shows no prompt", async () => {
    await signInAgain(page, email);
    await expectNoPrompt(page);
  });
});

test("invalid input shows inline errors and writes nothing, also when the browser's check is bypassed", async ({ page }) => {
  const email = uniqueEmail("invalid");
  await signUp(page, email);
  const sub = await readSub(page);
  const prompt = promptDialog(page);
  await prompt.getByRole("button", { name: "Not now" }).click();
  await setCustomAttributes(sub, { job_title: "Chef", company: "Bistro", industry: "retail" });
  await signInAgain(page, email);
  expect(await shownQuestions(prompt)).toEqual(["Team size", "Years of experience"]);

  await test.step("the browser refuses, with errors linked to their fields", async () => {
    await answer(prompt, "Team size", "0");
    await answer(prompt, "Years of experience", "seven");
    await prompt.getByRole("button", { name: "Save" }).click();
    const teamSize = prompt.getByLabel("Team size", { exact: true });
    await expect(teamSize).toHaveAttribute("aria-invalid", "true");
    await expect(teamSize).toHaveAccessibleDescription(/Must be at least 1/);
    await expect(teamSize).toBeFocused();
    await expect(prompt.getByLabel("Years of experience", { exact: true })).toHaveAccessibleDescription(/Must be a number/);
  });

  await test.step("a request that skips the browser's check is refused by the server, field by field", async () => {
    await page.route("**/*", async (route) => {
      const request = route.request();
      if (request.method() !== "POST" || !request.headers()["next-action"] || !request.postData()?.includes('"team_size":12')) return route.continue();
      await route.continue({ postData: request.postData()!.replace('"team_size":12', '"team_size":0') });
    });
    await answer(prompt, "Team size", "12");
    await answer(prompt, "Years of experience", "3");
    await prompt.getByRole("button", { name: "Save" }).click();
    const teamSize = prompt.getByLabel("Team size", { exact: true });
    await expect(teamSize).toHaveAccessibleDescription(/Must be at least 1/);
    await expect(prompt.getByRole("alert")).toHaveText("Some answers need another look.");
    expect(await customAttributes(sub)).toEqual({ job_title: "Chef", company: "Bistro", industry: "retail" });
    await page.unroute("**/*");
  });
});

test("when Authgear fails, the user sees a clear error, keeps the answers (across a reload), and Retry saves them", async ({ page }) => {
  await signUp(page, uniqueEmail("fault"));
  const sub = await readSub(page);
  const prompt = promptDialog(page);
  await answer(prompt, "Job title", "Pilot");
  await answer(prompt, "Company", "Sky Ltd");

  try {
    await adminApiFault({ mode: "error", count: 1 });
    await prompt.getByRole("button", { name: "Save" }).click();
    await expect(prompt.getByRole("alert")).toContainText("Nothing was saved");
    await expect(prompt.getByLabel("Job title", { exact: true })).toHaveValue("Pilot");
    await expect(prompt.getByRole("button", { name: "Retry" })).toBeVisible();

    await test.step("a reload keeps the typed answers", async () => {
      await page.reload();
      await expect(prompt.getByLabel("Job title", { exact: true })).toHaveValue("Pilot");
      await expect(prompt.getByLabel("Company", { exact: true })).toHaveValue("Sky Ltd");
    });

    await test.step("Retry saves them once Authgear answers again", async () => {
      await adminApiFault({ mode: "error", count: 1 });
      await prompt.getByRole("button", { name: "Save" }).click();
      await expect(prompt.getByRole("alert")).toContainText("Nothing was saved");
      await prompt.getByRole("button", { name: "Retry" }).click();
      await expect(prompt.getByRole("status")).toHaveText("Thanks, your profile is updated.");
      expect(await customAttributes(sub)).toEqual(expect.objectContaining({ job_title: "Pilot", company: "Sky Ltd" }));
    });
  } finally {
    await adminApiFault({ mode: "off" });
  }
});

test("a dismissed prompt does not come back on reload in the same login, and does at the next login", async ({ page }) => {
  const email = uniqueEmail("dismiss");
  await signUp(page, email);
  const prompt = promptDialog(page);
  await expect(prompt).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(prompt).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expectNoPrompt(page);

  await signInAgain(page, email);
  await expect(prompt).toBeVisible();
});

test("keyboard only: tab to a field, type, skip the other, save", async ({ page }) => {
  await signUp(page, uniqueEmail("keyboard"));
  const sub = await readSub(page);
  const prompt = promptDialog(page);
  await expect(prompt).toBeVisible();
  const jobTitle = prompt.getByLabel("Job title", { exact: true });
  // Tab from the page into the prompt until the first field has focus.
  for (let i = 0; i < 20 && !(await jobTitle.evaluate((e) => e === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(jobTitle).toBeFocused();
  await page.keyboard.type("Teacher");
  await prompt.getByRole("button", { name: "Skip Company" }).focus();
  await page.keyboard.press("Enter");
  await expect(prompt.getByRole("button", { name: "Undo (Company)" })).toBeFocused();
  await jobTitle.press("Enter");
  await expect(prompt.getByRole("status")).toBeFocused();
  await expect.poll(() => customAttributes(sub)).toMatchObject({ job_title: "Teacher" });
});

test("the inline example embeds this login's prompt in its own page, with its own heading and callbacks", async ({ page }) => {
  await signUp(page, uniqueEmail("inline"));
  const sub = await readSub(page);
  await expect(promptDialog(page)).toBeVisible();

  await page.goto("/examples/inline");
  const region = page.getByRole("region", { name: "Help us tailor your workspace" });
  // The same login: the prompt the home page showed, resumed, not a second one.
  expect(await shownQuestions(region)).toEqual(["Job title", "Company"]);
  await expect(page.getByRole("dialog", { name: "Complete your profile" })).toHaveCount(0);
  await answer(region, "Company", "Inline Inc");
  await region.getByRole("button", { name: "Skip Job title" }).click();
  await region.getByRole("button", { name: "Save answers" }).click();
  await expect(region.getByRole("status")).toHaveText("Thanks, your profile is updated.");
  const callbacks = page.getByRole("region", { name: "Callbacks received" });
  await expect(callbacks.getByRole("listitem")).toHaveText(["Saved: company", "Skipped: job_title"]);
  await expect.poll(() => customAttributes(sub)).toMatchObject({ company: "Inline Inc" });
  expect(await customAttributes(sub)).not.toHaveProperty("job_title");
});

test("signed up from London: the prompt asks to confirm the city; the city the user types stays after logins from elsewhere", async ({ page }) => {
  const email = uniqueEmail("confirm");
  await signUp(page, email, { simulatedIp: "81.2.69.142" });
  const sub = await readSub(page);
  const prompt = promptDialog(page);
  await expect.poll(() => customAttributes(sub)).toMatchObject({ city: "London", country: "GB", timezone: "Europe/London" });
  await prompt.getByRole("button", { name: "Not now" }).click();

  // The questions that outrank the city are answered (as if on earlier logins).
  const enriched = await customAttributes(sub);
  await setCustomAttributes(sub, { ...enriched, job_title: "Chef", company: "Bistro", team_size: 4, industry: "retail", years_experience: 9 });

  await signInAgain(page, email, { simulatedIp: "81.2.69.142" });
  const city = prompt.getByRole("group", { name: "Are you in London?" });
  await expect(city).toBeVisible();
  await expect(prompt.getByLabel("City", { exact: true })).toHaveCount(0);
  await city.getByRole("button", { name: "Change" }).click();
  const field = prompt.getByLabel("City", { exact: true });
  await expect(field).toBeFocused();
  await expect(field).toHaveValue("London");
  await field.fill("Cambridge");
  await save(page, prompt);
  await expect.poll(() => customAttributes(sub)).toMatchObject({ city: "Cambridge", country: "GB" });

  // Later logins from other addresses: the user's own city is never replaced, and never asked again.
  for (const ip of ["8.8.8.8", "81.2.69.142"]) {
    await signInAgain(page, email, { simulatedIp: ip });
    // Signed in, so the prompt is mounted: wait until it has decided (open, or hidden).
    await expect(page.locator('[data-profile-prompt="loading"]')).toHaveCount(0);
    await expect(prompt.getByRole("group", { name: /Are you in/ })).toHaveCount(0);
    expect(await customAttributes(sub)).toMatchObject({ city: "Cambridge" });
  }
});
