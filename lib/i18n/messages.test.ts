/**
 * Every shipped locale's catalogs (the kit's and this app's) against the default's: the same keys,
 * no more and no fewer; every message valid ICU; and the same arguments as the default's message,
 * so a translation can neither drop a value nor ask for one that is never given (issue 16).
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { DEFAULT_LOCALE, LOCALES } from "./locales";
import { messageKeys, type MessageTree } from "./message-tree";

const ROOT = join(import.meta.dirname, "..", "..");
const CATALOG_DIRS = { kit: "lib/i18n/messages", app: "app/_i18n/messages" } as const;

function load(dir: string, locale: string): MessageTree {
  return JSON.parse(readFileSync(join(ROOT, dir, `${locale}.json`), "utf8")) as MessageTree;
}

function leaf(tree: MessageTree, key: string): string {
  let node: string | MessageTree = tree;
  for (const part of key.split(".")) node = (node as MessageTree)[part] as string | MessageTree;
  return node as string;
}

/** The argument names a message uses, with the kind of each (plain, number, plural, select, …). */
function argumentsOf(elements: readonly MessageFormatElement[], out = new Map<string, number>()): Map<string, number> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    if (element.type === TYPE.tag) {
      out.set(`<${element.value}>`, element.type);
      argumentsOf(element.children, out);
      continue;
    }
    out.set(element.value, element.type);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, out);
    }
  }
  return out;
}

for (const [owner, dir] of Object.entries(CATALOG_DIRS)) {
  describe(`${owner} messages (${dir})`, () => {
    const base = load(dir, DEFAULT_LOCALE);
    const baseKeys = messageKeys(base);

    it(`the default locale (${DEFAULT_LOCALE}) has messages`, () => {
      assert.ok(baseKeys.length > 0);
    });

    for (const locale of LOCALES) {
      describe(locale, () => {
        const tree = load(dir, locale);
        const keys = messageKeys(tree);

        it("has every key the default has, and no other", () => {
          const missing = baseKeys.filter((k) => !keys.includes(k));
          const extra = keys.filter((k) => !baseKeys.includes(k));
          assert.deepEqual({ missing, extra }, { missing: [], extra: [] });
        });

        it("has only non-empty messages that parse as ICU, with the default's arguments", () => {
          const problems: string[] = [];
          for (const key of keys.filter((k) => baseKeys.includes(k))) {
            const message = leaf(tree, key);
            if (typeof message !== "string" || message.trim() === "") {
              problems.push(`${key}: empty`);
              continue;
            }
            let parsed: MessageFormatElement[];
            try {
              parsed = parse(message, { ignoreTag: false, requiresOtherClause: true, locale: new Intl.Locale(locale) });
            } catch (error) {
              problems.push(`${key}: not ICU (${(error as Error).message})`);
              continue;
            }
            const wanted = [...argumentsOf(parse(leaf(base, key), { ignoreTag: false })).entries()].sort();
            const got = [...argumentsOf(parsed).entries()].sort();
            if (JSON.stringify(wanted) !== JSON.stringify(got)) {
              problems.push(`${key}: arguments ${JSON.stringify(got.map(([n]) => n))}, the default has ${JSON.stringify(wanted.map(([n]) => n))}`);
            }
          }
          assert.deepEqual(problems, []);
        });
      });
    }
  });
}
