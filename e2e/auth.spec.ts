import { PAGE_MESSAGES } from "@/emulator/login-messages";
import { expect, test } from "./support/fixtures";
import { readRefreshToken, readSub, refreshGrant, signedInAs, signIn, signOut, signUp, uniqueEmail } from "./support/auth";
import { appWords } from "./support/i18n";
import { APP_URL, EMULATOR_URL } from "./support/urls";

test("sign up, sign out (refresh token revoked), sign in again, reload keeps the session", async ({ page, request }) => {
  const email = uniqueEmail("journey");

  const sub = await test.step("sign up with a new email", async () => {
    await signUp(page, email);
    return readSub(page);
  });

  const oldRefreshToken = await test.step("sign out revokes the refresh token", async () => {
    const token = await readRefreshToken(page);
    expect(token, "a refresh token is stored while signed in").toBeTruthy();
    await signOut(page);
    await expect(signedInAs(page, email)).toHaveCount(0);
    expect(await readRefreshToken(page), "the refresh token is gone from the browser").toBeNull();
    return token!;
  });

  await test.step("the old refresh token no longer works", async () => {
    const response = await refreshGrant(request, oldRefreshToken);
    expect(response.status()).toBe(400);
    expect(((await response.json()) as { error?: unknown }).error).toBe("invalid_grant");
  });

  await test.step("sign in again as the same user", async () => {
    await signIn(page, email);
    expect(await readSub(page)).toBe(sub);
  });

  await test.step("the callback shows home in place: home's address and title, the spent code gone, links and Back work", async () => {
    expect(new URL(page.url()).pathname).toBe("/");
    expect(new URL(page.url()).search, "the authorization code and state are not left in the address").toBe("");
    await expect(page).toHaveTitle("Gradual");
    await page.getByRole("link", { name: "Your profile" }).click();
    await page.waitForURL(`${APP_URL}/profile`);
    await page.goBack();
    await page.waitForURL(`${APP_URL}/`);
    await expect(signedInAs(page, email)).toBeVisible();
  });

  await test.step("a reload restores the session from the refresh token, showing no signed-out flash meanwhile", async () => {
    // Hold the refresh grant until the page's in-between state has been checked.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`${EMULATOR_URL}/oauth2/token`, async (route) => {
      await held;
      await route.continue();
    });
    const refreshed = page.waitForResponse((r) => r.url() === `${EMULATOR_URL}/oauth2/token` && r.request().method() === "POST");
    await page.reload();
    await expect(page.getByText("Checking your session…")).toBeAttached();
    await expect(page.getByRole("button", { name: "Sign in" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Sign up" })).toHaveCount(0);
    release();
    expect((await refreshed).status()).toBe(200);
    await expect(signedInAs(page, email)).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await expect(page.getByText("Checking your session…")).toHaveCount(0);
    await page.unroute(`${EMULATOR_URL}/oauth2/token`);
  });
});

test("cancelling on the sign-in page shows why sign-in didn't complete, and Back to home works", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${EMULATOR_URL}/**`);
  await page.getByRole("button", { name: "Cancel" }).click();

  await page.waitForURL(`${APP_URL}/auth/callback?**`);
  const callback = new URL(page.url());
  expect(callback.searchParams.get("error")).toBeTruthy();
  const description = callback.searchParams.get("error_description");
  expect(description, "the emulator explains the error").toBeTruthy();

  await expect(page.getByRole("heading", { level: 1, name: "Sign-in didn't complete" })).toBeVisible();
  await expect(page.getByText(description!, { exact: true })).toBeVisible();

  await page.getByRole("link", { name: "Back to home" }).click();
  await page.waitForURL(`${APP_URL}/`);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign up" })).toBeVisible();
});

test("a sign-in the browser cannot finish (the token request fails) is explained in the page's words, with the technical cause as a detail", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${EMULATOR_URL}/**`);
  await page.route(`${EMULATOR_URL}/oauth2/token`, (route) => route.abort("connectionrefused"));
  await page.getByLabel("Email").fill(uniqueEmail("tokenfail"));
  await page.getByRole("button", { name: "Continue" }).click();

  await page.waitForURL(`${APP_URL}/auth/callback?**`);
  const failure = page.getByRole("alert", { name: "Sign-in didn't complete" });
  await expect(failure.getByRole("heading", { level: 1, name: "Sign-in didn't complete" })).toBeVisible();
  await expect(failure).toContainText("Your sign-in could not be finished: the sign-in service could not be reached or did not answer as expected.");
  await expect(failure).toContainText("Error code: TypeError: Failed to fetch");
  await page.unroute(`${EMULATOR_URL}/oauth2/token`);
});

test("a signed-out visit shows what Gradual is, with Sign in and Sign up", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Complete profiles, one question at a time" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign up" })).toBeVisible();
  await expect(page.getByText(/Signed in as/)).toHaveCount(0);
});

test.describe("in a German browser", () => {
  test.use({ locale: "de-DE" });

  test("the emulator's sign-up page is German (the app passes ui_locales), its field errors too, and sign-up completes", async ({ page }) => {
    const words = appWords("de");
    const emulator = PAGE_MESSAGES.de;
    const email = uniqueEmail("de-signup");
    await page.goto("/");
    const authorize = page.waitForRequest((r) => r.url().startsWith(`${EMULATOR_URL}/oauth2/authorize`));
    await page.getByRole("button", { name: words("home.signUp") }).click();
    expect(new URL((await authorize).url()).searchParams.get("ui_locales"), "the app tells Authgear the page's language").toBe("de");

    await page.waitForURL(`${EMULATOR_URL}/**`);
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(page.getByRole("heading", { level: 1, name: emulator.signupHeading })).toBeVisible();
    const emailField = page.getByRole("textbox", { name: emulator.emailLabel });
    await emailField.fill("kein-at-zeichen");
    await page.getByRole("button", { name: emulator.continue }).click();
    await expect(page.getByRole("alert")).toHaveText(emulator.emailInvalid);
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(emailField).toHaveAccessibleDescription(`${emulator.emailHint} ${emulator.emailInvalid}`);

    await emailField.fill(email);
    await page.getByRole("button", { name: emulator.continue }).click();
    await page.waitForURL(`${APP_URL}/`);
    await expect(signedInAs(page, email, "de")).toBeVisible();
  });
});
