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
 *
 * @template {import("next").NextConfig} T
 * @param {T} nextConfig
 * @returns {T}
 */
export function withGradual(nextConfig) {
  const external = new Set([...(nextConfig.serverExternalPackages ?? []), ...SERVER_EXTERNAL_PACKAGES]);
  return { ...nextConfig, serverExternalPackages: [...external] };
}

/** The kit's server dependencies that Node must load itself (see above). */
export const SERVER_EXTERNAL_PACKAGES = Object.freeze(["better-sqlite3", "pg"]);
