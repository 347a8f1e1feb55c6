import { createRequire } from "node:module";
import { relative } from "node:path";

/**
 * `@gradual/kit/next`: `withGradual(nextConfig)`, what the kit needs from Next.js's bundler. Plain
 * JavaScript, because next.config.mjs imports it under plain Node (this repository's next.config.mjs
 * imports this file; an app imports "@gradual/kit/next").
 *
 * The browser variants of the catalog definition, zod's messages, the phone rule and the format rules
 * need nothing here: the kit imports them as `#kit/…`, which the package's `imports` field maps with a
 * `browser` condition (this repository's package.json does the same for the sources), so any bundler
 * that resolves package imports picks them (docs/decisions/018-package.md). What this adds:
 * - `serverExternalPackages`: better-sqlite3 (a native addon) and pg (optional native bindings) are
 *   loaded by Node at run time instead of bundled, whatever Next's own default list says.
 * - use-intl's message formatter mapped to its format-only build, in every bundle (browser, SSR,
 *   server): the kit hands use-intl messages compiled on the server (lib/i18n/messages.server.ts),
 *   so no ICU parser is shipped (about 9 kB gzip; the same alias next-intl's plugin sets with
 *   `experimental.messages.precompile`). An app whose own next-intl messages are ICU strings passes
 *   `{ precompiledMessages: false }` and asks the kit for ICU strings too (docs/embedding.md).
 *
 * @template {import("next").NextConfig} T
 * @param {T} nextConfig
 * @param {{ precompiledMessages?: boolean }} [options]
 * @returns {T}
 */
export function withGradual(nextConfig, { precompiledMessages = true } = {}) {
  const external = new Set([...(nextConfig.serverExternalPackages ?? []), ...SERVER_EXTERNAL_PACKAGES]);
  const config = { ...nextConfig, serverExternalPackages: [...external] };
  if (!precompiledMessages) return config;
  const formatOnly = createRequire(import.meta.url).resolve("use-intl/format-message/format-only");
  // Turbopack takes a path relative to the project (an absolute one is read as a module name).
  let fromProject = relative(process.cwd(), formatOnly).split("\\").join("/");
  if (!fromProject.startsWith(".")) fromProject = `./${fromProject}`;
  const webpack = nextConfig.webpack;
  return {
    ...config,
    turbopack: {
      ...nextConfig.turbopack,
      resolveAlias: { ...nextConfig.turbopack?.resolveAlias, [FORMAT_MESSAGE]: fromProject },
    },
    /** @type {NonNullable<import("next").NextConfig["webpack"]>} */
    webpack(webpackConfig, context) {
      webpackConfig.resolve ??= {};
      webpackConfig.resolve.alias = { ...webpackConfig.resolve.alias, [FORMAT_MESSAGE]: formatOnly };
      return typeof webpack === "function" ? webpack(webpackConfig, context) : webpackConfig;
    },
  };
}

const FORMAT_MESSAGE = "use-intl/format-message";

/** The kit's server dependencies that Node must load itself (see above). */
export const SERVER_EXTERNAL_PACKAGES = Object.freeze(["better-sqlite3", "pg"]);
