/** The production build the e2e run serves (playwright.config.ts builds it), read as files. */
import { readdir } from "node:fs/promises";
import { join } from "node:path";

/** The build folder: NEXT_DIST_DIR when set, as next.config.mjs reads it. */
export const DIST_DIR = process.env.NEXT_DIST_DIR?.trim() || ".next";

/** Every file under `dir`. */
export async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else out.push(path);
  }
  return out;
}
