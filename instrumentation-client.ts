/**
 * Runs in the browser before the app's own code (Next.js instrumentation-client).
 *
 * zod 4 compiles object parsers with `new Function` when it can, and probes for that by calling
 * `new Function("")` once per page. Under the app's Content Security Policy (no 'unsafe-eval',
 * proxy.ts) the probe is blocked and reported as a CSP violation, although zod catches it and
 * falls back. `jitless` skips the probe and the compilation. zod keeps its global configuration in
 * `globalThis.__zod_globalConfig` (creating it only when absent), so setting it here, before any
 * schema is built, needs no zod import in the entry chunk (lib/security/zod-jitless.test.ts checks
 * that zod honours it).
 */
const zodConfigHolder = globalThis as typeof globalThis & { __zod_globalConfig?: { jitless?: boolean } };
zodConfigHolder.__zod_globalConfig = { ...zodConfigHolder.__zod_globalConfig, jitless: true };
