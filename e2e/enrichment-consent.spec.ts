/**
 * Third-party enrichment only with the user's consent (issue 17, ADR 005): the e2e app runs with
 * the FullContact stand-in switched on (its second server, THIRD_PARTY_APP_URL: FULLCONTACT=on, FULLCONTACT_BASE_URL → the stand-ins the
 * emulator starts on 3102, ADR 020) and the demo catalog asks for consent (`thirdPartyConsent`).
 * - consent given on /profile (a Yes in the first prompt comes with that prompt's job-title question,
 *   which a skip would put to rest for a day): the next login asks to confirm the job title found;
 *   withdrawn, the next login asks the job title without it; allowed again, it is back;
 * - the prompt's No: no request reaches the stand-in;
 * - the prompt's Yes: the stand-in is asked, /profile lists what it found; Withdraw deletes it.
 * Requests are counted by the stand-in (its GET /_standins/requests log).
 *
 * The users are the stand-in's scripted people (emulator/standins/people.ts), each used by one test
 * only: the emulator starts empty for every run, and an address signs up once.
 */
import type { APIRequestContext, Page } from "@playwright/test";
import { customAttributes } from "./support/admin";
import { readSub, signInAgain, signUp } from "./support/auth";
import { expect, test } from "./support/fixtures";
import { THIRD_PARTY_APP_URL } from "./support/urls";

// FullContact on (against its stand-in): the e2e run's second server (playwright.config.ts).
test.use({ baseURL: THIRD_PARTY_APP_URL });

const STANDINS_URL = "http://localhost:3102";

/** How many requests about `email` reached the FullContact stand-in (its log keeps the last 50; one worker runs the tests in turn). */
async function fullContactLookups(request: APIRequestContext, email: string): Promise<number> {
  const response = await request.get(`${STANDINS_URL}/_standins/requests`);
  expect(response.ok(), "the stand-ins answer").toBe(true);
  const { last } = (await response.json()) as { last: { path: string; body: unknown }[] };
  return last.filter((r) => r.path.startsWith("/fullcontact/") && JSON.stringify(r.body ?? null).toLowerCase().includes(email)).length;
}

const CONSENT_QUESTION = "May we fill in your work details from public business sources?";

function promptDialog(page: Page) {
  return page.getByRole("dialog", { name: "Complete your profile" });
}

/**
 * In the first prompt: the consent item's answer, and every other question skipped, so the prompt
 * saves itself (every item decided by a tap); resolves once it said it saved.
 */
async function answerConsent(page: Page, answer: "yes" | "no"): Promise<void> {
  const dialog = promptDialog(page);
  const consent = dialog.getByRole("group", { name: CONSENT_QUESTION });
  await expect(consent).toBeVisible();
  await expect(consent).toContainText("Why we ask");
  await expect(consent).toContainText(/Sources?: .*FullContact/);
  await consent.getByRole("button", { name: answer === "yes" ? "Yes, use public business sources" : "No, don't use public business sources" }).click();
  await expect(dialog.getByText(answer === "yes" ? "Public business sources: allowed." : "Public business sources: we won't use them.")).toBeVisible();
  for (const skip of await dialog.getByRole("button", { name: /^Skip / }).all()) await skip.click();
  await expect(dialog.getByRole("status")).toHaveText(answer === "yes" ? "Thanks. We'll look up your work details and ask you to confirm them at your next visit." : "Got it. You can answer these later on your profile page.");
}

test("with consent given, the next login asks to confirm the job title FullContact found; withdrawn, it is not offered", async ({ page, request }) => {
  const email = "ana@acme-robotics.com";
  await signUp(page, email);
  const sub = await readSub(page);
  // The first prompt asks for consent (with the job title it would help); closed for now, it decides nothing.
  const dialog = promptDialog(page);
  await expect(dialog.getByRole("group", { name: CONSENT_QUESTION })).toBeVisible();
  await dialog.getByRole("button", { name: "Not now", exact: true }).click();
  expect(await fullContactLookups(request, email), "nothing is looked up before the user says yes").toBe(0);

  const consent = page.getByRole("region", { name: "Sources", exact: true }).getByRole("group", { name: "Public business sources", exact: true });
  const guess = dialog.getByRole("group", { name: "Is your job title Head of Operations?" });

  await test.step("allowed on /profile: FullContact is asked right after (phase consent), not awaited by the page", async () => {
    await page.goto("/profile");
    await expect(consent).toContainText("You have not decided yet.");
    await consent.getByRole("button", { name: "Allow public business sources" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Outside services may now look up your work details" })).toBeVisible();
    await expect(consent).toContainText("You allowed public business sources on");
    await expect.poll(() => fullContactLookups(request, email), { timeout: 10_000 }).toBeGreaterThan(0);
  });

  await test.step("withdrawn: the next login asks the job title without FullContact's guess", async () => {
    await consent.getByRole("button", { name: "Withdraw permission" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Permission withdrawn." })).toBeVisible();
    await page.goto("/");
    await signInAgain(page, email);
    await expect(dialog.getByLabel("Job title", { exact: true })).toBeVisible();
    await expect(guess).toHaveCount(0);
    await expect(dialog.getByText("Head of Operations")).toHaveCount(0);
    await dialog.getByRole("button", { name: "Not now", exact: true }).click();
  });

  await test.step("allowed again: the next login asks to confirm the job title FullContact found", async () => {
    await page.goto("/profile");
    await consent.getByRole("button", { name: "Allow public business sources" }).click();
    await expect(consent).toContainText("You allowed public business sources on");
    // The lookup runs after the action answered: its answer (fresh, or the provider's cached one) is on the page once reloaded.
    const person = page.getByRole("region", { name: "Sources", exact: true }).getByRole("listitem").filter({ hasText: "FullContact: job title" });
    await expect(async () => {
      await page.reload();
      await expect(person).toContainText(/Found: .*Job title/, { timeout: 1_000 });
    }).toPass({ timeout: 10_000 });
    await page.goto("/");
    await signInAgain(page, email);
    await expect(guess).toBeVisible();
    await expect(dialog.getByRole("group", { name: CONSENT_QUESTION }), "decided: not asked again").toHaveCount(0);
    await guess.getByRole("button", { name: "Yes", exact: true }).click();
    for (const skip of await dialog.getByRole("button", { name: /^Skip / }).all()) await skip.click();
    await expect(dialog.getByRole("status")).toHaveText("Thanks, your profile is updated.");
    // Held by Gradual until confirmed, then written to Authgear.
    await expect.poll(async () => (await customAttributes(sub)).job_title, { timeout: 10_000 }).toBe("Head of Operations");
  });
});

test("without consent no request reaches the stand-in, at sign-up or at the next login", async ({ page, request }) => {
  const email = "omar@harbour-bank.co.uk"; // the stand-in knows him: a request would find "Risk Analyst"
  await signUp(page, email);
  await answerConsent(page, "no");

  await signInAgain(page, email);
  await expect(promptDialog(page).or(page.locator("[data-profile-prompt=hidden]"))).toBeAttached();
  await expect(page.getByText("Risk Analyst")).toHaveCount(0);
  expect(await fullContactLookups(request, email)).toBe(0);
});

test("a yes in the prompt lets FullContact look the user up; withdrawing on /profile deletes what it found", async ({ page, request }) => {
  const email = "yuki@sakura-logistics.co.jp";
  await signUp(page, email);
  await answerConsent(page, "yes");
  await expect.poll(() => fullContactLookups(request, email), { timeout: 10_000 }).toBeGreaterThan(0);

  await page.goto("/profile");
  const sources = page.getByRole("region", { name: "Sources", exact: true });
  const person = sources.getByRole("listitem").filter({ hasText: "FullContact: job title" });
  await expect(person).toContainText("Outside service");
  await expect(person).toContainText(/Found: .*Job title/);
  const consent = sources.getByRole("group", { name: "Public business sources", exact: true });
  await expect(consent).toContainText("You allowed public business sources on");

  await consent.getByRole("button", { name: "Withdraw permission" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Permission withdrawn." })).toBeVisible();
  await expect(consent).toContainText("You said no to public business sources on");
  await expect(consent.getByRole("button", { name: "Allow public business sources" })).toBeVisible();
  await expect(sources.getByRole("listitem").filter({ hasText: "Outside service" })).toHaveCount(0);
});
