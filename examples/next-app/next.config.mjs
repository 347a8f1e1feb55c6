import { withGradual } from "@gradual/kit/next";

/** @type {import("next").NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // This folder is the app, whatever lockfile a parent folder holds.
  turbopack: { root: import.meta.dirname },
};

export default withGradual(nextConfig);
