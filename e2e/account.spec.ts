/**
 * The user's own profile page (/profile), the team's dashboard (/admin) and accessibility checks.
 * What Authgear holds is read with the Admin API (e2e/support/admin.ts).
 */
import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Locator, Page, Response } from "@playwright/test";
import { customAttributes, setCustomAttributes } from "./support/admin";
import { readSub, signIn, signInAgain, signOut, signUp, uniqueEmail } from "./support/auth";
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
    // Found by its Skip button, whether it shows its field or a guess to confirm.
    if (await prompt.getByRole("button", { name: `Skip ${label}`, exact: true }).count()) shown.push(label);
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
      const json = JSON.parse(await readFile(await download.path(), "utf8")) as {
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
    // Company is still an open field: Save sends it as left blank (skipped).
    await prompt.getByRole("button", { name: "Save" }).click();
    await expect(prompt.getByRole("status")).toHaveText("Got it. You can answer these later on your profile page.");

    await openProfile(page);
    await expect(row(page, "Job title")).toContainText("You asked us not to ask about this again");
    await page.getByRole("button", { name: "Ask me again about Job title" }).click();
    await expect(page.getByRole("status").filter({ hasText: "We may ask you about “Job title” again." })).toBeVisible();
    await expect(row(page, "Job title")).not.toContainText("You asked us not to ask");

    await page.goto("/");
    await signInAgain(page, email);
    // Company was left blank (skipped: it rests a day); the job title is asked again, first.
    expect(await shownQuestions(prompt)).toEqual(["Job title", "Industry"]);
  });

  test.describe("in a German browser", () => {
    test.use({ locale: "de-DE" });

    test("/profile shows each question as the prompt does: in the browser's language, a number as a text field that says what is wrong", async ({ page }) => {
      await signUp(page, uniqueEmail("locale"), { simulatedIp: LONDON_IP, locale: "de" });
      const sub = await readSub(page);
      await expect(page.getByRole("dialog", { name: "Vervollständigen Sie Ihr Profil" }).getByLabel("Berufsbezeichnung", { exact: true })).toBeVisible();
      await page.goto("/profile");
      await expect(page.getByRole("heading", { level: 1, name: "Ihr Profil" })).toBeVisible();
      await expect(page.getByRole("heading", { level: 2, name: "Ihre Angaben" })).toBeVisible();

      // Country names in the browser's language, as the prompt's selector has them (they were English here).
      await expect(row(page, "Land").getByTestId("value-country")).toHaveText("Vereinigtes Königreich (GB)");
      await expect(row(page, "Land")).toContainText("Damit Preise, Datumsangaben und rechtliche Hinweise zu Ihrem Land passen.");
      await page.getByRole("button", { name: "Land bearbeiten", exact: true }).click();
      await expect(page.getByRole("combobox", { name: "Land", exact: true })).toBeFocused();
      await expect(page.getByRole("combobox", { name: "Land", exact: true }).getByRole("option", { name: "Vereinigtes Königreich" })).toHaveCount(1);
      await page.getByRole("button", { name: "Abbrechen" }).click();

      // A number is typed, as in the prompt (it was a spin button that turned "zwölf" into nothing).
      await page.getByRole("button", { name: "Teamgröße bearbeiten", exact: true }).click();
      const teamSize = page.getByRole("textbox", { name: "Teamgröße", exact: true });
      await expect(teamSize).toBeFocused();
      await expect(teamSize).toHaveAttribute("inputmode", "numeric");
      await expect(teamSize).toHaveAccessibleDescription("Anzahl der Personen in Ihrem Team, Sie eingeschlossen.");
      await teamSize.fill("zwölf");
      await page.getByRole("button", { name: "Teamgröße speichern", exact: true }).click();
      // The problem in German too (the form's messages are the kit's validation messages).
      await expect(teamSize).toHaveAccessibleDescription(/Bitte geben Sie eine ganze Zahl ein\./);
      expect(await customAttributes(sub)).not.toHaveProperty("team_size");
      await teamSize.fill("12");
      await page.getByRole("button", { name: "Teamgröße speichern", exact: true }).click();
      await expect(row(page, "Teamgröße").getByTestId("value-team_size")).toHaveText("12");
      await expect.poll(() => customAttributes(sub)).toMatchObject({ team_size: 12 });
    });
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
    // Opting out stops every source, the work-email lists too: nothing says this is a work address,
    // so Company (asked only of work addresses) waits, and Industry comes next.
    expect(await shownQuestions(prompt)).toEqual(["Job title", "Industry"]);
    await prompt.getByLabel("Job title", { exact: true }).fill("Nurse");
    await prompt.getByRole("button", { name: "Save" }).click();
    await expect(prompt.getByRole("status")).toHaveText("Thanks, your profile is updated.");
    // The non-blocking user.authenticated hook has had its chance to write (it fills London for others: enrichment.spec.ts).
    await page.waitForTimeout(1_500);
    expect(await customAttributes(sub)).toEqual({ job_title: "Nurse" });
  });
});

type Plan = "answer" | "skip" | "decline";
const LABEL = { job_title: "Job title", company: "Company" } as const;

/** A new user, in a browser of their own, signs up and handles the first prompt (job title, company) as planned. */
async function scriptedUser(browser: Browser, plan: Record<keyof typeof LABEL, Plan>): Promise<{ email: string; sub: string }> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const email = await signUp(page, uniqueEmail("dash"));
    const prompt = promptDialog(page);
    expect(await shownQuestions(prompt)).toEqual(["Job title", "Company"]);
    for (const [attribute, label] of Object.entries(LABEL) as [keyof typeof LABEL, string][]) {
      if (plan[attribute] === "answer") await prompt.getByLabel(label, { exact: true }).fill(`${label} of ${email}`);
      else if (plan[attribute] === "skip") await prompt.getByRole("button", { name: `Skip ${label}` }).click();
      else await prompt.getByRole("button", { name: `Don't ask again about ${label}` }).click();
    }
    // Nothing typed: the last tap saved the prompt itself. Otherwise Save sends the answers.
    const answered = Object.values(plan).includes("answer");
    if (answered) await prompt.getByRole("button", { name: "Save" }).click();
    await expect(prompt.getByRole("status")).toHaveText(answered ? "Thanks, your profile is updated." : "Got it. You can answer these later on your profile page.");
    return { email, sub: await readSub(page) };
  } finally {
    await context.close();
  }
}

/** The data cells (not the row header) of the row headed `name` in the table captioned `caption`. */
async function cells(page: Page, caption: string, name: string): Promise<string[]> {
  const table = page.getByRole("table", { name: caption });
  const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });
  await expect(row).toHaveCount(1);
  return (await row.getByRole("cell").allTextContents()).map((t) => t.trim());
}

const isServerAction = (r: Response) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined;

test.describe("/admin", () => {
  test("the seeded admin sees the figures five scripted users produced, exports them as CSV, and explains a user's next prompt", async ({ browser, page }) => {
    test.setTimeout(150_000);
    await signIn(page, "admin@example.com");
    const own = promptDialog(page);
    if (await own.count()) await own.getByRole("button", { name: "Not now" }).click();
    await page.waitForTimeout(1_000); // the admin's own sign-in is before the range
    const start = Date.now();

    const users = [
      await scriptedUser(browser, { job_title: "answer", company: "answer" }),
      await scriptedUser(browser, { job_title: "answer", company: "skip" }),
      await scriptedUser(browser, { job_title: "skip", company: "skip" }),
      await scriptedUser(browser, { job_title: "decline", company: "answer" }),
      await scriptedUser(browser, { job_title: "skip", company: "answer" }),
    ];
    // The browser's time zone is written with the first save (source "client"), unless it is not a valid IANA zone.
    const withTimezone = (await Promise.all(users.map(async (u) => typeof (await customAttributes(u.sub)).timezone === "string"))).filter(Boolean).length;
    const pct = (n: number) => `${Math.round((n / 5) * 1000) / 10}%`;

    await page.goto(`/admin?from=${encodeURIComponent(new Date(start).toISOString())}`);
    await expect(page.getByRole("heading", { level: 1, name: "Team dashboard" })).toBeVisible();
    await expect(page.getByTestId("population")).toHaveText("5");

    await test.step("per attribute: share with a value and the funnel", async () => {
      const caption = "Per attribute: users with a value and the prompt funnel";
      // Users with a value, share, shown, answered, skipped, declined, no answer, answer rate.
      expect(await cells(page, caption, "Job title")).toEqual(["2", "40%", "5", "2", "2", "1", "0", "40%"]);
      expect(await cells(page, caption, "Company")).toEqual(["3", "60%", "5", "3", "2", "0", "0", "60%"]);
      expect(await cells(page, caption, "Industry")).toEqual(["0", "0%", "0", "0", "0", "0", "0", "—"]);
      expect(await cells(page, caption, "Time zone")).toEqual([String(withTimezone), pct(withTimezone), "0", "0", "0", "0", "0", "—"]);
      await expect(page.getByRole("img", { name: /Share of users with a value, per attribute/ })).toBeVisible();
      await expect(page.getByRole("img", { name: /Prompt funnel per attribute/ })).toBeVisible();
    });

    await test.step("answer rate by position, sources, logins to complete", async () => {
      expect(await cells(page, "Answer rate by position", "Question 1")).toEqual(["5", "2", "40%"]);
      expect(await cells(page, "Answer rate by position", "Question 2")).toEqual(["5", "3", "60%"]);
      expect(await cells(page, "Coverage per source", "user")).toEqual(["The user", "5", "4", "80%", "job_title 2, company 3"]);
      if (withTimezone > 0) expect(await cells(page, "Coverage per source", "client")).toEqual(["Enrichment", String(withTimezone), String(withTimezone), pct(withTimezone), `timezone ${withTimezone}`]);
      await expect(page.getByTestId("completion")).toContainText("0 completed in this range");
      await expect(page.getByTestId("completion")).toContainText("5 not complete yet");
    });

    await test.step("CSV export of the same figures", async () => {
      const downloading = page.waitForEvent("download");
      await page.getByRole("button", { name: "Download CSV" }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe("gradual-dashboard.csv");
      const lines = (await readFile(await download.path(), "utf8")).trimEnd().split("\r\n");
      for (const line of [
        "population,,,users,5",
        "attribute,job_title,,users_with_value,2",
        "attribute,job_title,,share,0.4",
        "funnel,job_title,,shown,5",
        "funnel,job_title,,declined,1",
        "funnel,company,,answered,3",
        "funnel,company,,answer_rate,0.6",
        "position,,2,answer_rate,0.6",
        "source,,user,users,4",
        "completion,,,completed,0",
      ]) {
        expect(lines, line).toContain(line);
      }
    });

    await test.step("the date range filters: a range before the users is empty; the form writes the range into the address", async () => {
      await page.goto(`/admin?from=${encodeURIComponent(new Date(start).toISOString())}&to=${encodeURIComponent(new Date(start + 1).toISOString())}`);
      await expect(page.getByTestId("population")).toHaveText("0");
      expect(await cells(page, "Per attribute: users with a value and the prompt funnel", "Job title")).toEqual(["0", "—", "0", "0", "0", "0", "0", "—"]);
      const today = await page.evaluate(() => {
        const d = new Date();
        return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
      });
      await page.getByLabel("From", { exact: true }).fill(today);
      await page.getByLabel("To", { exact: true }).fill(today);
      await page.getByRole("button", { name: "Apply" }).click();
      await page.waitForURL(/\/admin\?from=.*&to=/);
      await expect(page.getByTestId("population")).not.toHaveText("0");
      expect(Number(await page.getByTestId("population").textContent())).toBeGreaterThanOrEqual(5);
    });

    await test.step("Explain: the next prompt of the user who answered the job title and skipped the company", async () => {
      await page.getByLabel("Email", { exact: true }).fill(users[1]!.email);
      await page.getByRole("button", { name: "Explain" }).click();
      // Still in the visit whose prompt they finished: nothing now; the next visit asks the next two.
      await expect(page.getByTestId("explain-summary")).toContainText(/^Visit 1 of the sign-in at .*: it already had its prompt; nothing is asked\.$/);
      await expect(page.getByTestId("explain-next")).toContainText(/^Next visit: Visit 2 of the sign-in at .*: it asks 2 questions: industry, years_experience\.$/);
      await expect(page.getByText(/company \("Company"\) is not asked: skipped 1 time/)).toBeVisible();
      const history = `Question history of ${users[1]!.email}`;
      expect((await cells(page, history, "company"))[3]).toBe("1");
      await expect(page.getByRole("table", { name: "Prompt events, newest first" }).getByRole("row")).toHaveCount(5);
    });

    await test.step("Explain: an unknown email is a clear error", async () => {
      await page.getByLabel("Email", { exact: true }).fill("nobody-here@example.com");
      await page.getByRole("button", { name: "Explain" }).click();
      await expect(page.getByLabel("Email", { exact: true })).toHaveAccessibleDescription("No user with this email");
    });
  });

  test("a non-admin gets 403 on the page, and the action refuses them when called directly", async ({ page }) => {
    await signUp(page, uniqueEmail("notadmin"));
    const answered = page.waitForResponse((r) => isServerAction(r) && r.url().includes("/admin"));
    await page.goto("/admin");
    await expect(page.getByRole("heading", { level: 1, name: "403: Forbidden" })).toBeVisible();
    await expect(page.getByText('it is for users with the Authgear role "admin"')).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(0);

    // The same Server Action the page called, posted directly with the user's valid token and an open range.
    const request = (await answered).request();
    const body = JSON.parse(request.postData()!) as [string, unknown];
    expect(typeof body[0]).toBe("string");
    const direct = await page.request.post(request.url(), {
      headers: { origin: new URL(request.url()).origin, "next-action": request.headers()["next-action"]!, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
      data: JSON.stringify([body[0], { from: null, to: null }]),
    });
    const text = await direct.text();
    expect(text).toContain('"code":"forbidden"');
    expect(text).not.toContain("population");
  });
});

/** axe-core's serious and critical violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`);
}

test("accessibility: no serious or critical axe violation on /, the prompt, /profile and /admin", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  expect(await seriousViolations(page), "/ signed out").toEqual([]);

  await signUp(page, uniqueEmail("axe"), { simulatedIp: LONDON_IP });
  const prompt = promptDialog(page);
  await expect(prompt.getByRole("button", { name: "Save" })).toBeVisible();
  expect(await seriousViolations(page), "/ with the prompt").toEqual([]);

  await openProfile(page);
  expect(await seriousViolations(page), "/profile").toEqual([]);
  await page.getByRole("button", { name: "Edit Country", exact: true }).click();
  await expect(page.getByLabel("Country", { exact: true })).toBeFocused();
  expect(await seriousViolations(page), "/profile editing").toEqual([]);

  await page.goto("/admin");
  await expect(page.getByRole("heading", { level: 1, name: "403: Forbidden" })).toBeVisible();
  expect(await seriousViolations(page), "/admin (403)").toEqual([]);

  await page.goto("/");
  await signOut(page);
  await signIn(page, "admin@example.com");
  await page.goto("/admin");
  await expect(page.getByTestId("population")).toBeVisible();
  await page.getByLabel("Email", { exact: true }).fill("admin@example.com");
  await page.getByRole("button", { name: "Explain" }).click();
  await expect(page.getByTestId("explain-summary")).toBeVisible();
  expect(await seriousViolations(page), "/admin").toEqual([]);
});
