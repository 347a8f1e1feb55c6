/**
 * What browsers are not sent: zod classic, which no module a client component can reach may
 * import (ADR 014: one such import kept nearly all of zod's core in the prompt's code), and the
 * catalog's definition check, which next.config.mjs maps out of browser builds (ADR 004). Each
 * needle is first found in the server's build, so an empty result means the code is absent from
 * the browser's files, not that the needle could match nothing.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
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
