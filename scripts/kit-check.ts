/**
 * `npm run kit:check`, first half: builds and packs @gradual/kit (scripts/kit-build.ts) and
 * runs publint on the tarball as an app receives it (the manifest, its exports and imports against the
 * files packed); any message, suggestions included, fails it. The second half is package.json's: Are the
 * Types Wrong on the same tarball (every entry's types resolve under Node 16's ESM rules and bundlers;
 * profile esm-only, as the package ships no CommonJS; ./styles.css is CSS for Tailwind, with no types).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { KIT_TARBALL } from "./kit-pack";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
execFileSync(process.execPath, ["--import", "tsx", join(ROOT, "scripts/kit-build.ts")], { cwd: ROOT, stdio: "inherit" });
const tarball = KIT_TARBALL;

const data = readFileSync(tarball);
const { messages, pkg } = await publint({ pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) }, level: "suggestion", strict: true });
for (const message of messages) console.error(`publint ${message.type}: ${formatMessage(message, pkg) ?? message.code}`);
if (messages.length > 0) process.exit(1);
console.log(`kit:check: publint clean on ${tarball}`);
