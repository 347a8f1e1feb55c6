/**
 * `npm run test:example`: the second app (examples/next-app) against the package as an app gets it.
 * Builds and packs @gradual/kit (scripts/kit-build.ts), installs the example's own
 * dependencies with the tarball (npm's cache first; the example has no lockfile, see its .npmrc; the
 * one native addon, better-sqlite3, reuses this repository's build when it is the same version),
 * builds it with `next build` (which type-checks it against the kit's declarations) and runs its
 * Playwright journey (app on :3200, emulator on :3201). Extra arguments go to `playwright test`.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const EXAMPLE = join(ROOT, "examples", "next-app");
// The example's own binaries first: `npm run` put this repository's node_modules/.bin on PATH, and the
// example must run its own next, not ours.
const env = {
  ...process.env,
  PATH: `${join(EXAMPLE, "node_modules", ".bin")}:${process.env.PATH ?? ""}`,
  NEXT_TELEMETRY_DISABLED: "1",
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1",
};

const version = (dir: string) => (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string }).version;

/**
 * better-sqlite3's install script compiles SQLite (minutes on two cores) when no prebuilt binary can be
 * downloaded, which is always here. The install skips scripts; this then copies the binary this
 * repository's own install built for the same version, Node and machine, or builds it when the versions differ.
 */
function nativeAddon(): void {
  const ours = join(ROOT, "node_modules", "better-sqlite3");
  const theirs = join(EXAMPLE, "node_modules", "better-sqlite3");
  const binary = join("build", "Release", "better_sqlite3.node");
  if (existsSync(join(theirs, binary))) return;
  if (existsSync(join(ours, binary)) && version(ours) === version(theirs)) {
    mkdirSync(join(theirs, "build", "Release"), { recursive: true });
    copyFileSync(join(ours, binary), join(theirs, binary));
    console.log(`test:example: better-sqlite3 ${version(theirs)}: this repository's build of the same version`);
    return;
  }
  step(`better-sqlite3 ${version(theirs)}: build`, "npm", ["rebuild", "better-sqlite3", "--build-from-source"], EXAMPLE);
}

function step(what: string, command: string, args: string[], cwd: string): void {
  const started = Date.now();
  console.log(`test:example: ${what}`);
  execFileSync(command, args, { cwd, env, stdio: "inherit" });
  console.log(`test:example: ${what}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

try {
  step("kit:build (and pack)", process.execPath, ["--import", "tsx", join(ROOT, "scripts/kit-build.ts")], ROOT);
  // The same version from a new tarball: npm would keep the copy it installed from the last one.
  rmSync(join(EXAMPLE, "node_modules", "@gradual"), { recursive: true, force: true });
  step("npm install in examples/next-app", "npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"], EXAMPLE);
  nativeAddon();
  step("next build", join(EXAMPLE, "node_modules/.bin/next"), ["build"], EXAMPLE);
  step("the journey", join(EXAMPLE, "node_modules/.bin/playwright"), ["test", ...process.argv.slice(2)], EXAMPLE);
} catch (error) {
  // execFileSync has already printed the failing command's output.
  console.error(`test:example: failed: ${(error as Error).message.split("\n")[0] ?? ""}`);
  process.exit(1);
}
