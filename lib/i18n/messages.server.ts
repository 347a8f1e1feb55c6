import "server-only";
/**
 * Message catalogs for use-intl / next-intl, one locale at a time (issue 16, ADR 019).
 *
 * Each shipped locale has one catalog per owner in ICU message format: the kit's in
 * lib/i18n/messages/<locale>.json (under one key, `gradual`, so an app merges them into its own
 * without a clash), an app's wherever it keeps them. Only the negotiated locale is loaded for a
 * request, and only it reaches the browser (the app hands it to `NextIntlClientProvider`).
 *
 * Inside Next.js messages are compiled here, on the server, with icu-minify, and `withGradual`
 * maps use-intl's formatter to its format-only build: the browser gets no ICU parser (about 9 kB
 * gzip). Outside Next.js (unit tests, scripts) ask for the ICU strings with `{ compiled: false }`
 * and use-intl's full formatter.
 */
import compile from "icu-minify/compile";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./locales";
import type { MessageTree } from "./message-tree";

/** A catalog per shipped locale, each loaded on demand (a dynamic import, so bundlers split them). */
export type MessageCatalogs = Readonly<Record<Locale, () => Promise<{ default: MessageTree }>>>;

export type MessageLoader = (locale: string, options?: { compiled?: boolean }) => Promise<MessageTree>;

/**
 * `tree` with each ICU message compiled for use-intl's format-only build. Throws on a message that
 * does not parse, naming its key.
 */
export function compileMessages(tree: MessageTree, prefix = ""): MessageTree {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value !== "string") {
      out[key] = compileMessages(value, `${prefix}${key}.`);
      continue;
    }
    try {
      // icu-minify builds a plural's or a select's branches on null-prototype objects, which React
      // refuses to pass from a server to a client component (NextIntlClientProvider): a JSON copy
      // is what the browser would receive anyway.
      const compiled = compile(value);
      out[key] = typeof compiled === "string" ? compiled : JSON.parse(JSON.stringify(compiled));
    } catch (error) {
      throw new Error(`The message ${prefix}${key} is not valid ICU: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return out as MessageTree;
}

/**
 * A loader for `catalogs`: the messages of `locale` (a shipped one; anything else gets the
 * default's), compiled unless `{ compiled: false }`, each locale compiled once per process.
 */
export function createMessageLoader(catalogs: MessageCatalogs, namespace?: string): MessageLoader {
  const cache = new Map<Locale, Promise<MessageTree>>();
  const wrap = (tree: MessageTree): MessageTree => (namespace ? { [namespace]: tree } : tree);
  return (locale, { compiled = true } = {}) => {
    const shipped: Locale = isLocale(locale) ? locale : DEFAULT_LOCALE;
    if (!compiled) return catalogs[shipped]().then((m) => wrap(m.default));
    let messages = cache.get(shipped);
    if (!messages) {
      messages = catalogs[shipped]().then((m) => wrap(compileMessages(m.default, namespace ? `${namespace}.` : "")));
      cache.set(shipped, messages);
    }
    return messages;
  };
}

/** The kit's messages in `locale`, under `gradual`: `{ gradual: { prompt: {…}, … } }`. */
export const loadKitMessages: MessageLoader = createMessageLoader(
  {
    en: () => import("./messages/en.json"),
    de: () => import("./messages/de.json"),
    ja: () => import("./messages/ja.json"),
    "zh-HK": () => import("./messages/zh-HK.json"),
    ar: () => import("./messages/ar.json"),
  },
  "gradual",
);
