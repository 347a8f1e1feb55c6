/**
 * Enrichment through the app's webhook (lib/webhook/, docs/decisions/008-webhook.md): the emulator
 * calls POST /api/authgear/hooks on the e2e app (--app-origin), with the sign-in page's
 * "Simulated IP address" as the event's ip_address. What Authgear holds is read with the Admin API.
 */
import { adminGraphQL } from "@/emulator/testing";
import { userNodeId } from "@/lib/authgear/global-id";
import { customAttributes } from "./support/admin";
import { readSub, signIn, signUp, uniqueEmail } from "./support/auth";
import { expect, test } from "./support/fixtures";
import { EMULATOR_DATA_DIR, EMULATOR_URL } from "./support/urls";

/** 81.2.69.142 is in London in the DB-IP City Lite database (lib/enrichment/geoip.server.test.ts). */
const LONDON_IP = "81.2.69.142";
const LONDON = { city: "London", country: "GB", timezone: "Europe/London" };

async function timestamps(sub: string): Promise<{ createdAt: string; updatedAt: string }> {
  const { body } = await adminGraphQL(EMULATOR_URL, EMULATOR_DATA_DIR, "query($id: ID!) { node(id: $id) { ... on User { createdAt updatedAt } } }", {
    id: userNodeId(sub),
  });
  expect(body.errors ?? []).toEqual([]);
  return body.data?.node as { createdAt: string; updatedAt: string };
}

test("sign-up from a London IP: Authgear holds city, country and time zone, set by user.pre_create", async ({ page }) => {
  await signUp(page, uniqueEmail("enrich"), { simulatedIp: LONDON_IP });
  const sub = await readSub(page);

  expect(await customAttributes(sub)).toMatchObject(LONDON);
  // Written as part of the creation (the pre_create mutation), not by a later Admin API update.
  const { createdAt, updatedAt } = await timestamps(sub);
  expect(updatedAt).toBe(createdAt);
});

test("a later sign-in from elsewhere keeps the values; an existing user with empty ones gets them at sign-in", async ({ browser, page }) => {
  // Signed up from localhost: no public IP, nothing to enrich.
  const email = await signUp(page, uniqueEmail("later"));
  const sub = await readSub(page);
  expect(await customAttributes(sub)).not.toHaveProperty("country");

  // Signs in again from London in a new browser: user.authenticated fills the empty attributes
  // through the Admin API (non-blocking, so poll).
  const london = await browser.newPage();
  await signIn(london, email, { simulatedIp: LONDON_IP });
  await expect.poll(() => customAttributes(sub), { timeout: 10_000 }).toMatchObject(LONDON);
  await london.close();

  // From the United States: nothing is empty any more, so nothing changes.
  const before = await timestamps(sub);
  const elsewhere = await browser.newPage();
  await signIn(elsewhere, email, { simulatedIp: "8.8.8.8" });
  await elsewhere.waitForTimeout(1_000); // the non-blocking hook has had its chance to write
  expect(await customAttributes(sub)).toMatchObject(LONDON);
  expect((await timestamps(sub)).updatedAt).toBe(before.updatedAt);
  await elsewhere.close();
});
