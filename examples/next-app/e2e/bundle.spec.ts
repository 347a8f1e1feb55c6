/**
 * The browser's files of this app's build hold the kit's browser variants (the package's `#kit/*`
 * imports, picked by the bundler's `browser` condition): no catalog definition check and no zod classic.
 * Each needle is first found in the server's build, so an empty result means the code is absent from
 * the browser's files, not that the needle could match nothing.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "@playwright/test";

const NEEDLES = [
  { what: "the catalog's definition check (one of its messages)", needle: "is not a canonical locale tag" },
  { what: "zod classic (the name of its ZodString class)", needle: '"ZodString"' },
];

async function scripts(dir: string): Promise<{ file: string; text: string }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile() && e.name.endsWith(".js")).map((e) => join(e.parentPath, e.name));
  return Promise.all(files.map(async (file) => ({ file, text: await readFile(file, "utf8") })));
}

test("the browser gets the kit's browser variants: neither the catalog's definition check nor zod classic", async () => {
  const server = await scripts(".next/server");
  for (const { what, needle } of NEEDLES) expect(server.some(({ text }) => text.includes(needle)), `the server build has ${what}`).toBe(true);
  const browser = await scripts(".next/static");
  expect(browser.length, "the build has client scripts").toBeGreaterThan(0);
  const found = browser.flatMap(({ file, text }) => NEEDLES.filter(({ needle }) => text.includes(needle)).map(({ what }) => `${file}: ${what}`));
  expect(found).toEqual([]);
});
