import createNextIntlPlugin from "next-intl/plugin";
import { withGradual } from "./lib/kit/next.mjs";

/**
 * The kit's needs from the bundler come from withGradual (lib/kit/next.mjs), as in any app that
 * installs @gradual/kit: the browser variants of the kit's modules are the `#kit/…` imports of
 * package.json (docs/decisions/018-package.md), so no alias for them is written here.
 *
 * Optional environment variables, read at build time (and by `next start` for the folder):
 * - GRADUAL_PROFILE_CONFIG: a catalog module to use instead of profile.config.ts (a path relative to
 *   this folder, exporting `profileCatalog`). Embedders can point the kit at their own catalog file
 *   this way; the load and multi-instance checks build with bench/load/profile.config.ts (ADR 013).
 * - NEXT_DIST_DIR: the build folder instead of .next, so such a build never replaces the default one.
 * - NEXT_TSCONFIG_PATH: the tsconfig the build reads (and may add its dist folder's types to) instead
 *   of tsconfig.json, e.g. a file extending it, so a build in another folder leaves tsconfig.json alone.
 * Unset, the build is the default one.
 */
const profileConfig = process.env.GRADUAL_PROFILE_CONFIG?.trim();
const distDir = process.env.NEXT_DIST_DIR?.trim();
const tsconfigPath = process.env.NEXT_TSCONFIG_PATH?.trim();

/** @type {import("next").NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // `npm test` type-checks the whole project first (tsc --noEmit); the build does not do it twice.
  typescript: { ignoreBuildErrors: true, ...(tsconfigPath ? { tsconfigPath } : {}) },
  // The project root, so a lockfile in a parent directory is never taken for the workspace root.
  turbopack: {
    root: import.meta.dirname,
    ...(profileConfig ? { resolveAlias: { "@/profile.config": `./${profileConfig.replace(/^\.\//, "")}` } } : {}),
  },
  ...(distDir ? { distDir } : {}),
  // Security headers on every response (docs/security.md; the same values as STATIC_SECURITY_HEADERS
  // in lib/security/csp.ts, which a unit test checks). Pages also get a per-request CSP with a nonce
  // from proxy.ts; API routes answer JSON only, so they get a CSP that allows nothing.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
};

// next-intl's request config: the locale negotiated per request and its messages (ADR 019).
const withNextIntl = createNextIntlPlugin("./app/_i18n/request.ts");

export default withNextIntl(withGradual(nextConfig));
