/**
 * lib/zod-messages.ts as browser builds get it (package.json maps `#kit/zod-messages` here under
 * the `browser` condition): nothing. zod's English locale (about 1.2 kB gzip in the prompt's code) names
 * the issues of checks written without a message of their own, and the only such schema was the
 * catalog's definition check, which browsers no longer get (ADR 004). Every schema a browser runs
 * (the answer and form schemas: custom-attributes.ts, lib/catalog/schemas.ts, form.ts) gives each
 * check its own message; lib/prompt/form.test.ts fails if one of them reaches zod's locale.
 */
export {};
