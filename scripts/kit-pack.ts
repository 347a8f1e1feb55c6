/**
 * The packed @gradual/kit: `npm pack` of dist/ (written by `npm run kit:build`) into
 * .data/kit/gradual-kit.tgz, the one tarball that `npm run kit:check` checks and that
 * examples/next-app installs (its package.json names this path). Never published (ADR 018).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const KIT_TARBALL = join(ROOT, ".data", "kit", "gradual-kit.tgz");

/** Packs dist/ and returns the tarball's path. */
export function packKit(): string {
  const destination = join(ROOT, ".data", "kit");
  rmSync(destination, { recursive: true, force: true });
  mkdirSync(destination, { recursive: true });
  const out = execFileSync("npm", ["pack", "--json", "--pack-destination", destination, join(ROOT, "dist")], { cwd: ROOT, encoding: "utf8" });
  const [packed] = z.array(z.object({ filename: z.string() })).length(1).parse(JSON.parse(out));
  renameSync(join(destination, packed?.filename ?? ""), KIT_TARBALL);
  return KIT_TARBALL;
}
