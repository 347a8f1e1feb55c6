/**
 * Messages (issue 16, ADR 019): what one locale's words cost the browser, and what the server-side
 * compilation saves.
 * - Per shipped locale, the gzip bytes of the messages the root layout hands to
 *   NextIntlClientProvider (the kit's and the app's catalogs, compiled with icu-minify and
 *   serialized as JSON, as React's flight payload carries them), against the same catalogs as ICU
 *   strings (what an uncompiled setup would send).
 * - The same for all five locales at once: what the browser would get if the catalogs were
 *   bundled instead of negotiated on the server.
 * - use-intl's client code as the layout loads it (IntlProvider, useTranslations, useFormatter),
 *   bundled by esbuild with the format-only build `withGradual` maps in, against use-intl with its
 *   ICU parser (intl-messageformat).
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { defined } from "@/lib/defined";
import { runChild } from "../lib/child";
import type { Figure, Row } from "../lib/types";
import type { MessagesChildResult } from "./messages-child";

const kb = (bytes: number) => Math.round((bytes / 1024) * 100) / 100;
const gzip = (text: string) => gzipSync(text, { level: 9 }).length;

async function useIntlBytes(root: string, formatOnly: boolean): Promise<number> {
  const require = createRequire(`${root}/package.json`);
  const result = await build({
    stdin: {
      contents: `
        import { IntlProvider, useTranslations, useFormatter } from "use-intl";
        export { IntlProvider, useTranslations, useFormatter };
      `,
      resolveDir: root,
      loader: "js",
    },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    external: ["react", "react-dom", "react/jsx-runtime"],
    define: { "process.env.NODE_ENV": '"production"' },
    alias: formatOnly ? { "use-intl/format-message": require.resolve("use-intl/format-message/format-only") } : {},
    write: false,
    logLevel: "silent",
  });
  return gzipSync(defined(result.outputFiles?.[0], "esbuild's output").contents, { level: 9 }).length;
}

export const messagesFigure: Figure = {
  name: "messages",
  description: "the messages one locale sends the browser (gzip), compiled vs ICU and one locale vs all; use-intl's client code, format-only vs with its parser",
  async run({ root, resultsDir, log }) {
    log("messages: compiling every locale's catalogs and bundling use-intl twice…");
    const catalogs = await runChild<MessagesChildResult>(join(root, "bench/figures/messages-child.ts"), [], { root, dir: resultsDir, timeoutMs: 60_000 });
    const rows: Row[] = [];
    let allCompiled = "";
    for (const { locale, compiled, icu } of catalogs) {
      allCompiled += compiled;
      rows.push({
        metric: `messages sent to the browser, ${locale} (gzip)`,
        value: kb(gzip(compiled)),
        unit: "kB",
        better: "lower",
        baseline: `the same messages as ICU strings`,
        baselineValue: kb(gzip(icu)),
        note: `the kit's and the app's catalogs for ${locale}, compiled on the server (icu-minify) as NextIntlClientProvider serializes them; ${kb(Buffer.byteLength(compiled))} kB before gzip`,
      });
    }
    const one = defined(rows[0], "the default locale's row").value as number;
    rows.push({
      metric: "messages sent to the browser, the default locale alone (gzip)",
      value: one,
      unit: "kB",
      better: "lower",
      baseline: `all ${catalogs.length} locales, as a bundle that shipped every catalog would`,
      baselineValue: kb(gzip(allCompiled)),
      note: "negotiated on the server, only the request's locale reaches the browser (e2e/i18n-messages.spec.ts checks it)",
    });
    const [formatOnly, withParser] = await Promise.all([useIntlBytes(root, true), useIntlBytes(root, false)]);
    rows.push({
      metric: "use-intl's client code, format-only build (gzip)",
      value: kb(formatOnly),
      unit: "kB",
      better: "lower",
      baseline: "use-intl with its ICU parser (intl-messageformat)",
      baselineValue: kb(withParser),
      note: "IntlProvider, useTranslations and useFormatter bundled by esbuild, React left out; loaded by the root layout on every page, so the prompt's own JavaScript (prompt figure) does not count it",
    });
    return rows;
  },
};
