// ESLint flat config (why these rule sets: docs/decisions/017-lint.md). `npm run lint` runs it with
// --max-warnings=0, so a warning fails as an error does.
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    name: "gradual/ignores",
    // Build and run output (git-ignored), Next's generated type file, and examples/next-app: an app of its own,
    // type-checked by its own `next build` in `npm run test:example` against the packed kit.
    ignores: ["examples/**", ".next/**", ".data/**", "dist/**", "out/**", "node_modules/**", "test-results/**", "playwright-report/**", "bench/results/**", "next-env.d.ts"],
  },
  // An eslint-disable comment that no longer disables anything is an error: overrides never outlive their reason.
  { name: "gradual/unused-disables", linterOptions: { reportUnusedDisableDirectives: "error" } },
  js.configs.recommended,
  // strictTypeChecked, not recommendedTypeChecked: it adds the rules that catch what tsc lets through here
  // (no-unnecessary-condition, no-non-null-assertion, restrict-template-expressions on nullish values,
  // no-confusing-void-expression, no-deprecated), at the cost of the few option changes below.
  ...tseslint.configs.strictTypeChecked,
  {
    name: "gradual/typed",
    languageOptions: {
      // Every .ts/.tsx file is in tsconfig.json, so the project service finds its program without a list.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Numbers print the same everywhere; nullish, objects and the rest stay errors (strict's default forbids numbers too).
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      // `onClick={() => void save()}`-style shorthands and `return respond(res, …)` early exits in functions that
      // return void say plainly what they do; returning a void value where a value is expected stays an error.
      "@typescript-eslint/no-confusing-void-expression": ["error", { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true }],
      // A leading underscore marks a value kept on purpose (a parameter an interface requires, a key dropped by
      // destructuring); rest siblings (`const { a, ...rest } = o`) are how an object loses a key without delete.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true }],
      // Custom attributes, the emulator's state and hook payloads are JSON records that the Admin API and files take
      // as plain objects; deleting one of their keys is the operation meant, a Map would only be converted back.
      "@typescript-eslint/no-dynamic-delete": "off",
      // `async` without `await` is deliberate here: it implements a Promise-returning contract (an enrichment
      // provider's lookup, a fake Admin API) so that a throw becomes a rejection the caller's catch or race
      // handles, never a synchronous exception that escapes it.
      "@typescript-eslint/require-await": "off",
      // node:test's describe/it/test return promises the runner itself awaits; awaiting them in a test file is noise.
      "@typescript-eslint/no-floating-promises": [
        "error",
        { allowForKnownSafeCalls: [{ from: "package", package: "node:test", name: ["describe", "it", "test", "suite", "before", "after", "beforeEach", "afterEach"] }] },
      ],
    },
  },
  {
    name: "gradual/tests",
    files: ["**/*.test.ts", "e2e/**/*.ts"],
    rules: {
      // A test dereferences what it just checked (`rows[0]!`); when the value is missing the test fails, as it should.
      "@typescript-eslint/no-non-null-assertion": "off",
      // Tests check on purpose what the types say cannot happen (values that crossed JSON, HTTP or a cast), and
      // node:assert's `asserts` signatures narrow, so every check after an assertion would read as "unnecessary".
      "@typescript-eslint/no-unnecessary-condition": "off",
    },
  },
  {
    name: "gradual/plain-js",
    // The .mjs scripts and configs are outside tsconfig.json (allowJs is off): syntax rules only, Node's globals.
    files: ["**/*.mjs", "**/*.js"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    name: "gradual/deno-hook",
    // The Deno hook and its test are outside tsconfig.json (its types come from an https: import that Node's
    // TypeScript cannot resolve, so every value would be `any`): syntax rules only.
    files: ["authgear/deno-hook/**"],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    name: "gradual/react",
    // React code lives in app/, components/ and lib/'s .tsx files (the Authgear session provider).
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.tsx"],
    extends: [reactHooks.configs.flat.recommended, nextPlugin.configs["core-web-vitals"]],
  },
);
