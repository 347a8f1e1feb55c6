import type { NextConfig } from "next";

/** Adds what the kit needs from Next.js's bundler to `nextConfig` (lib/kit/next.mjs). */
export declare function withGradual<T extends NextConfig>(nextConfig: T, options?: WithGradualOptions): T;

export interface WithGradualOptions {
  /** Map use-intl's formatter to its format-only build, for messages compiled on the server (default true). */
  precompiledMessages?: boolean;
}

/** The kit's server dependencies that Node loads itself instead of the bundler. */
export declare const SERVER_EXTERNAL_PACKAGES: readonly string[];
