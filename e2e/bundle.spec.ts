/**
 * What browsers are not sent: zod classic, which no module a client component can reach may
 * import (ADR 014: one such import kept nearly all of zod's core in the prompt's code), and the
 * catalog's definition check, which package.json's `#kit/*` imports map out of browser builds (ADR 004, 018). Each
 * needle is first found in the server's build, so an empty result means the code is absent from
 * the browser's files, not that the needle could match nothing.
 *
 * And what a prompt without a phone, email or URL question does not download: libphonenumber's
 * metadata and the ports of Go's email and URL parsers, which the browser variants keep in chunks of their
 * own (lib/authgear/phone-rule.browser.ts and format-rules.browser.ts load them for such questions).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { signUp } from "./support/auth";
import { DIST_DIR, filesUnder } from "./support/build";
import { expect, test } from "./support/fixtures";

const NEEDLES = [
  { what: "zod classic (the name of its ZodString class)", needle: '"ZodString"' },
  { what: "the catalog's definition check (one of its messages)", needle: "is not a canonical locale tag" },
];

async function scripts(dir: string): Promise<{ file: string; text: string }[]> {
  const files = (await filesUnder(dir)).filter((f) => f.endsWith(".js"));
  return Promise.all(files.map(async (file) => ({ file, text: await readFile(file, "utf8") })));
}

test("the browser's files hold neither zod classic nor the catalog's definition check", async () => {
  const server = await scripts(join(DIST_DIR, "server"));
  for (const { what, needle } of NEEDLES) {
    expect(server.some(({ text }) => text.includes(needle)), `the server build has ${what}`).toBe(true);
  }
  const browser = await scripts(join(DIST_DIR, "static"));
  expect(browser.length, "the build has client scripts").toBeGreaterThan(0);
  const found = browser.flatMap(({ file, text }) => NEEDLES.filter(({ needle }) => text.includes(needle)).map(({ what }) => `${file}: ${what}`));
  expect(found).toEqual([]);
});

/** Hong Kong's international prefix pattern: in every flavour of libphonenumber's metadata (min, mobile, max). */
const PHONE_METADATA = "00(?:30|5[09]|[126-9]?)";
/** The characters Go's validEncoded lets through, in the URL rule's port (lib/authgear/url-rule.ts). */
const URL_RULE = "!$&'()*+,;=:@[]%";

test("a prompt without phone, email or URL questions downloads neither phone metadata nor the URL rule; the build has them in chunks of their own", async ({ page }) => {
  const server = await scripts(join(DIST_DIR, "server"));
  expect(server.some(({ text }) => text.includes(PHONE_METADATA)), "the server build has the metadata").toBe(true);
  const browser = await scripts(join(DIST_DIR, "static"));
  expect(browser.some(({ text }) => text.includes(PHONE_METADATA)), "a browser chunk has the metadata, for phone questions").toBe(true);
  expect(browser.some(({ text }) => text.includes(URL_RULE)), "a browser chunk has the URL rule, for URL questions").toBe(true);

  const loaded: { url: string; text: Promise<string> }[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") loaded.push({ url: response.url(), text: response.text().catch(() => "") });
  });
  await signUp(page); // a new user's first prompt asks the two top questions, neither a phone number
  const prompt = page.getByRole("dialog", { name: "Complete your profile" });
  await expect(prompt.getByRole("button", { name: "Save" })).toBeVisible();
  await expect(prompt.getByRole("textbox", { name: /phone/i })).toHaveCount(0);
  await page.waitForLoadState("networkidle");
  expect(loaded.length, "the page loaded scripts").toBeGreaterThan(0);
  const heavy = [];
  for (const { url, text } of loaded) {
    const body = await text;
    if (body.includes(PHONE_METADATA)) heavy.push(`${url}: phone metadata`);
    if (body.includes(URL_RULE)) heavy.push(`${url}: the URL rule`);
  }
  expect(heavy).toEqual([]);
});
