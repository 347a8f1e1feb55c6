/**
 * The app uses the kit only through its entry points (`@gradual/kit/<entry>`, ADR 018), as an app that
 * installed the package must: a file under app/ that imports lib/, components/ or emulator/ directly
 * (by the `@/` alias or a relative path; static, dynamic or re-export) fails here, naming the file and
 * the import. The app's own tests (`*.test.ts` under app/) may reach in: they check the kit's
 * behaviour through the app's routes with the kit's test helpers (hook signatures, protocol names).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, test } from "node:test";
import { filesUnder, moduleSpecifiers } from "@/scripts/source-files";

const ROOT = resolve(import.meta.dirname, "../..");
const KIT_DIRS = ["lib", "components", "emulator"];

/** The app's source files (its own tests excepted, see above). */
function sourceFiles(dir: string): string[] {
  return filesUnder(dir).filter((f) => /\.(ts|tsx|mts|mjs|js|jsx)$/.test(f) && !f.endsWith(".test.ts"));
}

/** Why `specifier`, imported from `file` (absolute), reaches into the kit's internals; null when it does not. */
function deepImport(file: string, specifier: string): string | null {
  let target: string;
  if (specifier.startsWith("@/")) target = resolve(ROOT, specifier.slice(2));
  else if (specifier.startsWith(".")) target = resolve(dirname(file), specifier);
  else return null;
  const [top] = relative(ROOT, target).split(sep);
  if (top === undefined || !KIT_DIRS.includes(top)) return null;
  return `${relative(ROOT, file)} imports "${specifier}", inside the kit's ${top}/: use @gradual/kit/<entry> instead`;
}

describe("the app's boundary with the kit", () => {
  test("no file under app/ imports the kit's internals", () => {
    const files = sourceFiles(join(ROOT, "app"));
    assert.ok(files.length > 10, "app/ has its pages, route handler and components");
    const problems = files.flatMap((file) =>
      moduleSpecifiers(readFileSync(file, "utf8")).flatMap((s) => {
        const problem = deepImport(file, s);
        return problem ? [problem] : [];
      }),
    );
    assert.deepEqual(problems, []);
  });

  test("the check sees every way of importing, and lets entry points, app files and packages through", () => {
    const page = join(ROOT, "app", "profile", "page.tsx");
    const text = [
      'import { a } from "@/lib/prompt/planner";',
      'export { b } from "../../components/ui/button";',
      'const c = await import("@/emulator/server");',
      'import type { D } from "@/lib/kit/server";',
      'import { createGradual } from "@gradual/kit/server";',
      'import { profileCatalog } from "@/profile.config";',
      'import { Nav } from "../_components/nav";',
      'import { z } from "zod";',
    ].join("\n");
    const found = moduleSpecifiers(text).filter((s) => deepImport(page, s) !== null);
    assert.deepEqual(found, ["@/lib/prompt/planner", "../../components/ui/button", "@/emulator/server", "@/lib/kit/server"]);
  });
});
