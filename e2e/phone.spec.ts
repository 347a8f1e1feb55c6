/**
 * The phone field (components/ui/phone-field-control.tsx, through the catalog field): a country selector and a number typed as people
 * type it, in the prompt and on /profile. What Authgear holds is read with the emulator's Admin API.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { customAttributes, setCustomAttributes } from "./support/admin";
import { readSub, signInAgain, signUp, uniqueEmail } from "./support/auth";
import { expect, test } from "./support/fixtures";

/** 203.198.7.66 is in Hong Kong in the DB-IP City Lite database the app ships (lib/enrichment/geoip.server.ts). */
const HONG_KONG_IP = "203.198.7.66";

const promptDialog = (page: Page) => page.getByRole("dialog", { name: "Complete your profile" });

/** Every question that outranks the work phone, answered (as if on earlier logins; the city replaces the guess from the address, which would be asked to confirm). */
const EARLIER_ANSWERS = { job_title: "Buyer", company: "Harbour Ltd", team_size: 6, industry: "retail", years_experience: 4, city: "Hong Kong", company_website: "https://harbour.example" };

/**
 * A new user who signed up from Hong Kong, at their next login: the prompt asks for the work
 * phone (and the billing email). Returns the user's sub.
 */
async function phoneQuestion(page: Page, label: string): Promise<string> {
  const email = uniqueEmail(label);
  await signUp(page, email, { simulatedIp: HONG_KONG_IP });
  const sub = await readSub(page);
  // The sign-up hook filled the country (and city, time zone) from the address.
  await expect.poll(() => customAttributes(sub)).toMatchObject({ country: "HK" });
  await promptDialog(page).getByRole("button", { name: "Not now" }).click();
  await setCustomAttributes(sub, { ...(await customAttributes(sub)), ...EARLIER_ANSWERS });
  await signInAgain(page, email, { simulatedIp: HONG_KONG_IP });
  await expect(promptDialog(page).getByLabel("Work phone", { exact: true })).toBeVisible();
  return sub;
}

const countryCode = (scope: Locator | Page) => scope.getByRole("combobox", { name: "Country code" });

/** Types like a person (key by key), into an emptied field. */
async function typeNumber(field: Locator, text: string): Promise<void> {
  await field.fill("");
  await field.pressSequentially(text);
}

/** axe-core's serious and critical violations in `selector` (the whole page by default). */
async function seriousViolations(page: Page, selector = "body"): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`);
}

async function saveExpectingError(prompt: Locator, field: Locator, message: string | RegExp): Promise<void> {
  await prompt.getByRole("button", { name: "Save" }).click();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(message instanceof RegExp ? message : new RegExp(message.replace(/[.+()]/g, "\\$&")));
}

test("signed up from Hong Kong: Hong Kong is preselected, 9876 5432 is saved as +85298765432; wrong numbers get an inline error in words and nothing is written", async ({ page }) => {
  const sub = await phoneQuestion(page, "phone-hk");
  const prompt = promptDialog(page);
  const phone = prompt.getByLabel("Work phone", { exact: true });
  const country = countryCode(prompt);

  await test.step("Hong Kong is preselected, named as people say it, with its calling code", async () => {
    await expect(country).toHaveValue("HK");
    await expect(country.locator("option:checked")).toHaveText("Hong Kong (+852)");
    await expect(phone).toHaveAttribute("type", "tel");
    await prompt.getByRole("button", { name: "Skip Billing email" }).click();
  });

  const before = await customAttributes(sub);
  await test.step("bad numbers: each gets its own inline error, nothing is written", async () => {
    await typeNumber(phone, "1234 5678");
    await saveExpectingError(prompt, phone, "That is not a valid Hong Kong number.");
    await expect(phone).toBeFocused();
    await typeNumber(phone, "44 20 7123 4567");
    await expect(phone).toHaveAccessibleDescription(/That is a \+44 number, not a Hong Kong one/);
    await phone.fill("call me");
    await expect(phone).toHaveAccessibleDescription(/Enter the number's digits/);
    await phone.fill("+");
    await expect(phone).toHaveAccessibleDescription(/Enter the number's digits/);
    await phone.fill("9".repeat(5000));
    await expect(phone).toHaveAccessibleDescription(/That number is too long/);
    await saveExpectingError(prompt, phone, /That number is too long/);
    await expect(prompt.getByRole("status")).toHaveCount(0);
    expect(await customAttributes(sub)).toEqual(before);
  });

  await test.step("9876 5432, typed key by key, is formatted as it is typed and saved as E.164", async () => {
    await typeNumber(phone, "98765432");
    await expect(phone).toHaveValue("9876 5432");
    await expect(phone).not.toHaveAttribute("aria-invalid", "true");
    await prompt.getByRole("button", { name: "Save" }).click();
    await expect(prompt.getByRole("status")).toHaveText("Thanks, your profile is updated.");
    await expect.poll(() => customAttributes(sub)).toMatchObject({ work_phone: "+85298765432" });
  });

  await test.step("/profile edits it with the same control: the number in its country's format; a pasted +44 number switches the country", async () => {
    await page.getByRole("link", { name: "Your profile" }).click();
    await page.waitForURL("**/profile");
    await expect(page.getByTestId("value-work_phone")).toHaveText("+85298765432");
    await page.getByRole("button", { name: "Edit Work phone", exact: true }).click();
    const field = page.getByLabel("Work phone", { exact: true });
    await expect(countryCode(page)).toHaveValue("HK");
    await expect(field).toHaveValue("9876 5432");
    await expect(field).toBeFocused();
    expect(await seriousViolations(page), "/profile editing the phone").toEqual([]);
    await field.fill("2345");
    await page.getByRole("button", { name: "Save Work phone", exact: true }).click();
    await expect(field).toHaveAccessibleDescription(/That number is too short for Hong Kong/);
    expect(await customAttributes(sub)).toMatchObject({ work_phone: "+85298765432" });
    await field.fill("+44 20 7123 4567");
    await expect(countryCode(page)).toHaveValue("GB");
    await page.getByRole("button", { name: "Save Work phone", exact: true }).click();
    await expect(page.getByTestId("value-work_phone")).toHaveText("+442071234567");
    await expect.poll(() => customAttributes(sub)).toMatchObject({ work_phone: "+442071234567" });
  });
});

test("a pasted +44 20 7123 4567 switches the country to the United Kingdom and is saved as +442071234567", async ({ page }) => {
  const sub = await phoneQuestion(page, "phone-paste");
  const prompt = promptDialog(page);
  const phone = prompt.getByLabel("Work phone", { exact: true });
  await expect(countryCode(prompt)).toHaveValue("HK");
  await phone.focus();
  // A paste: the whole text arrives in one input event.
  await page.keyboard.insertText("+44 20 7123 4567");
  await expect(countryCode(prompt)).toHaveValue("GB");
  await expect(phone).toHaveValue("+44 20 7123 4567");

  await test.step("a reload keeps the number (as E.164 in the draft), shown in its country's format", async () => {
    await page.reload();
    await expect(countryCode(prompt)).toHaveValue("GB");
    await expect(phone).toHaveValue("020 7123 4567");
  });
  await prompt.getByRole("button", { name: "Skip Billing email" }).click();
  await prompt.getByRole("button", { name: "Save" }).click();
  await expect(prompt.getByRole("status")).toHaveText("Thanks, your profile is updated.");
  await expect.poll(() => customAttributes(sub)).toMatchObject({ work_phone: "+442071234567" });
});

test("keyboard only, and no serious axe violation, with the phone control in the prompt", async ({ page }) => {
  const sub = await phoneQuestion(page, "phone-keys");
  const prompt = promptDialog(page);
  const country = countryCode(prompt);
  const phone = prompt.getByLabel("Work phone", { exact: true });
  await expect(country).toHaveValue("HK");

  expect(await seriousViolations(page, '[role="dialog"]'), "the prompt with the phone control").toEqual([]);

  // Tab from the page into the prompt: the country selector, then the number.
  for (let i = 0; i < 25 && !(await country.evaluate((e) => e === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(country).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(phone).toBeFocused();
  await page.keyboard.type("1234 5678");
  await page.keyboard.press("Enter");
  await expect(phone).toHaveAccessibleDescription(/That is not a valid Hong Kong number/);
  await expect(phone).toBeFocused();
  expect(await seriousViolations(page, '[role="dialog"]'), "the phone control with its error").toEqual([]);
  await page.keyboard.press("Control+A");
  await page.keyboard.type("2345 6789");
  await prompt.getByRole("button", { name: "Skip Billing email" }).focus();
  await page.keyboard.press("Enter");
  await phone.press("Enter");
  await expect(prompt.getByRole("status")).toBeFocused();
  await expect.poll(() => customAttributes(sub)).toMatchObject({ work_phone: "+85223456789" });
});
