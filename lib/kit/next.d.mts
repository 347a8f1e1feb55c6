import type { NextConfig } from "next";

/** Adds what the kit needs from Next.js's bundler to `nextConfig` (lib/kit/next.mjs). */
export declare function withGradual<T extends NextConfig>(nextConfig: T): T;

/** The kit's server dependencies that Node loads itself instead of the bundler. */
export declare const SERVER_EXTERNAL_PACKAGES: readonly string[];
