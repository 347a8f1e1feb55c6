/** @type {import("next").NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // `npm test` type-checks the whole project first (tsc --noEmit); the build does not do it twice.
  typescript: { ignoreBuildErrors: true },
  // The project root, so a lockfile in a parent directory is never taken for the workspace root.
  turbopack: { root: import.meta.dirname },
};

export default nextConfig;
