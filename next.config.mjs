/** @type {import("next").NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The project root, so a lockfile in a parent directory is never taken for the workspace root.
  turbopack: { root: import.meta.dirname },
};

export default nextConfig;
