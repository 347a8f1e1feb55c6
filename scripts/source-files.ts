/**
 * Reading a source tree as the tooling needs it: every file under a folder, and the module
 * specifiers a file names. Shared by the package build (scripts/kit-build.ts: what dist/ imports)
 * and the app's boundary test (lib/kit/boundary.test.ts: what app/ imports).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

/** Every file under `dir` (absolute paths when `dir` is). */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** Every module specifier of a JS, TS or declaration file: imports, re-exports, `import()` (also in types), `require()`. */
export function moduleSpecifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}
