/**
 * The least JavaScript a form built the way the prompt must be built (react-hook-form, validated
 * by a zod schema through zodResolver: the project's design) can ship: useForm with zodResolver and
 * one zod/mini object schema of one string, bundled by esbuild (minified, tree-shaken statement by
 * statement, React left out as the page has it already), gzipped as the prompt's chunks are. Next's
 * bundler keeps whole modules of zod's core, so the prompt cannot get this low; the row says how
 * far above the floor it is, and the parts say where the floor comes from.
 */
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

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

export type JsFloor = Record<keyof typeof ENTRIES, { bytes: number; gzipBytes: number }>;

async function bundle(root: string, contents: string): Promise<{ bytes: number; gzipBytes: number }> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: "js", sourcefile: "floor.js" },
    bundle: true,
    minify: true,
    treeShaking: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    external: ["react", "react-dom", "react/jsx-runtime"],
    define: { "process.env.NODE_ENV": '"production"' },
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.contents;
  return { bytes: code.length, gzipBytes: gzipSync(code).length };
}

export async function measureJsFloor(root: string): Promise<JsFloor> {
  const entries = Object.entries(ENTRIES) as [keyof typeof ENTRIES, string][];
  const sizes = await Promise.all(entries.map(async ([name, contents]) => [name, await bundle(root, contents)] as const));
  return Object.fromEntries(sizes) as JsFloor;
}
