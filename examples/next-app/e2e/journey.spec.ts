/**
 * The example app's journey, through the installed @gradual/kit: sign up from a London address, the
 * webhook fills in the country at sign-up, the prompt asks this app's own two questions (not the
 * country), and the answers reach Authgear, read back through the emulator's Admin API.
 */
import { expect, test, type Page } from "@playwright/test";
import { adminGraphQL, userNodeId } from "@gradual/kit/emulator";
import { APP_URL, EMULATOR_DATA_DIR, EMULATOR_URL } from "./urls";

/** In London in the DB-IP City Lite database the kit's offline geo lookup reads. */
const LONDON_IP = "81.2.69.142";

async function customAttributes(sub: string): Promise<Record<string, unknown>> {
  const { body } = await adminGraphQL(EMULATOR_URL, EMULATOR_DATA_DIR, "query($id: ID!) { node(id: $id) { ... on User { customAttributes } } }", { id: userNodeId(sub) });
  expect(body.errors ?? []).toEqual([]);
  return (body.data?.node as { customAttributes: Record<string, unknown> }).customAttributes;
}

/** The signed-in user's ID, from the ID token the SDK keeps (decoded, not verified). */
async function readSub(page: Page): Promise<string> {
  const idToken = await page.evaluate(() => window.localStorage.getItem("authgear_default_idToken"));
  expect(idToken, "the SDK stored an ID token").toBeTruthy();
  const claims = JSON.parse(Buffer.from(idToken!.split(".")[1]!, "base64url").toString("utf8")) as { sub: string };
  return claims.sub;
}

test("sign up: the webhook fills in the country, the prompt asks this app's questions, the answers reach Authgear", async ({ page }) => {
  const email = `example-${Date.now().toString(36)}@example.com`;
  await page.goto("/");
  await page.getByRole("button", { name: "Sign up" }).click();

  await page.waitForURL(`${EMULATOR_URL}/**`);
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  await page.getByRole("textbox", { name: /Simulated IP address/ }).fill(LONDON_IP);
  await page.getByRole("button", { name: "Continue" }).click();

  await page.waitForURL(`${APP_URL}/`);
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  const sub = await readSub(page);
  // user.pre_create: the kit's webhook found London from the address the emulator forwarded.
  expect(await customAttributes(sub)).toMatchObject({ country: "GB" });

  const prompt = page.getByRole("region", { name: "Complete your profile" });
  await expect(prompt.getByRole("radio", { name: "Blue" })).toBeVisible();
  await expect(prompt.getByRole("textbox", { name: "Your pet's name" })).toBeVisible();
  await expect(prompt.getByRole("combobox", { name: "Country" })).toHaveCount(0);

  await prompt.getByRole("radio", { name: "Blue" }).check();
  await prompt.getByRole("textbox", { name: "Your pet's name" }).fill("Biscuit");
  await prompt.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Thanks, your profile is updated." })).toBeVisible();

  expect(await customAttributes(sub)).toMatchObject({ favourite_color: "blue", pet_name: "Biscuit", country: "GB" });
});
