/**
 * Two floors under the prompt's JavaScript, each bundled by esbuild (minified, tree-shaken statement
 * by statement, React left out as the page has it already) and gzipped as the prompt's chunks are:
 * - the libraries': the least a form built the way the prompt must be built (react-hook-form,
 *   validated by a zod schema through zodResolver: the project's design) can ship, useForm with
 *   zodResolver and one zod/mini object schema of one string, with its two parts alone;
 * - the prompt's own: components/profile-prompt/profile-prompt.tsx, what SessionProfilePrompt loads
 *   (the catalog comes from a Server Action, ADR 007), and everything it imports (the component, its
 *   hook, the catalog field, the answer schemas, zod/mini), Next's client runtime and use-intl (the
 *   layout's, on every page) left out: what a bundler
 *   that tree-shakes per statement would ship of the same code, against what Next's bundler ships.
 *   The Server Actions are not part of it: the app hands them to the prompt from its own module.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build, type BuildOptions, type Plugin } from "esbuild";
import { defined } from "@/lib/defined";

const ENTRIES = {
  form: `
    import { useForm } from "react-hook-form";
    import { zodResolver } from "@hookform/resolvers/zod";
    import { object, string } from "zod/mini";
    export const useSmallestForm = () => useForm({ resolver: zodResolver(object({ answer: string() })) });
  `,
  reactHookForm: `export { useForm } from "react-hook-form";`,
  zodMini: `
    import { object, string } from "zod/mini";
    export const check = (input) => object({ answer: string() }).safeParse(input);
  `,
} as const;

export type JsFloor = Record<keyof typeof ENTRIES | "prompt", { bytes: number; gzipBytes: number }>;

/** The modules browser builds get instead: package.json's `#kit/*` imports with a `browser` condition (ADR 018). */
async function browserAliases(root: string): Promise<Map<string, string>> {
  const manifest = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as { imports?: Record<string, unknown> };
  const aliases = new Map<string, string>();
  for (const [specifier, target] of Object.entries(manifest.imports ?? {})) {
    const browser = (target as { browser?: unknown } | null)?.browser;
    if (typeof browser === "string") aliases.set(specifier, join(root, browser));
  }
  return aliases;
}

/** As Next builds the prompt for the browser: the catalog's check stays out, and so on (package.json's `imports`). */
function asNextBuildsIt(aliases: Map<string, string>): Plugin {
  return {
    name: "as-next-builds-it",
    setup(b) {
      // The browser modules package.json's imports map in (the catalog without its check, the lazy rules).
      // What the prompt loads on demand (the phone control, libphonenumber's metadata, the email and
      // URL rules) is a chunk of its own in Next's build, fetched only for such a question: not part
      // of this figure.
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === "dynamic-import") return { path: args.path, external: true };
        const alias = aliases.get(args.path);
        return alias ? { path: alias } : undefined;
      });
    },
  };
}

async function bundle(root: string, input: Pick<BuildOptions, "stdin" | "entryPoints" | "plugins" | "tsconfig">): Promise<{ bytes: number; gzipBytes: number }> {
  const result = await build({
    ...input,
    absWorkingDir: root,
    jsx: "automatic",
    bundle: true,
    minify: true,
    treeShaking: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    // use-intl as React: the root layout loads it on every page (ADR 019).
    external: ["react", "react-dom", "react/jsx-runtime", "next/*", "use-intl"],
    define: { "process.env.NODE_ENV": '"production"' },
    write: false,
    logLevel: "silent",
  });
  const code = defined(result.outputFiles[0], "esbuild's output file").contents;
  return { bytes: code.length, gzipBytes: gzipSync(code).length };
}

export async function measureJsFloor(root: string): Promise<JsFloor> {
  const entries = Object.entries(ENTRIES) as [keyof typeof ENTRIES, string][];
  const sizes = await Promise.all(
    entries.map(async ([name, contents]) => [name, await bundle(root, { stdin: { contents, resolveDir: root, loader: "js", sourcefile: "floor.js" } })] as const),
  );
  const prompt = await bundle(root, {
    stdin: {
      // The catalog is not code the prompt downloads: a Server Action answers it (ADR 007).
      contents: `export { ProfilePrompt } from "./components/profile-prompt/profile-prompt";`,
      resolveDir: root,
      loader: "ts",
      sourcefile: "prompt.ts",
    },
    tsconfig: join(root, "tsconfig.json"),
    plugins: [asNextBuildsIt(await browserAliases(root))],
  });
  return { ...Object.fromEntries(sizes), prompt } as JsFloor;
}
