/**
 * Only one locale reaches the browser (issue 16, ADR 019): the page a browser gets in one locale
 * carries that locale's messages and no other's, and no script of the build carries any catalog's
 * messages (they come with the page, negotiated on the server, never bundled).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DIST_DIR, filesUnder } from "./support/build";
import { expect, test } from "./support/fixtures";

const LOCALES = ["en", "de", "ja", "zh-HK", "ar"] as const;
type Catalog = { prompt: { intro: string } };

/** A sentence of each locale's catalog that appears nowhere else: the prompt's introduction. */
async function fingerprints(): Promise<Record<(typeof LOCALES)[number], string>> {
  const entries = await Promise.all(
    LOCALES.map(async (locale) => {
      const catalog = JSON.parse(await readFile(join("lib/i18n/messages", `${locale}.json`), "utf8")) as Catalog;
      return [locale, catalog.prompt.intro] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<(typeof LOCALES)[number], string>;
}

test("a page carries the messages of its own locale and of no other", async ({ request }) => {
  const sentences = await fingerprints();
  for (const locale of LOCALES) {
    const response = await request.get("/", { headers: { "accept-language": locale } });
    expect(response.status()).toBe(200);
    const html = await response.text();
    expect(html, `the ${locale} page is in ${locale}`).toContain(`<html lang="${locale}"`);
    for (const other of LOCALES) {
      const has = html.includes(sentences[other]);
      expect(has, `the ${locale} page ${other === locale ? "has" : "has no"} ${other} messages`).toBe(other === locale);
    }
  }
});

test("no script of the build carries a catalog's messages", async () => {
  const sentences = await fingerprints();
  const scripts = (await filesUnder(join(DIST_DIR, "static"))).filter((f) => f.endsWith(".js"));
  expect(scripts.length).toBeGreaterThan(0);
  const found: string[] = [];
  for (const file of scripts) {
    const text = await readFile(file, "utf8");
    for (const locale of LOCALES.filter((l) => l !== "en")) if (text.includes(sentences[locale])) found.push(`${file}: ${locale}`);
  }
  expect(found).toEqual([]);
});
