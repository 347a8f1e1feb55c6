/**
 * Runs a TypeScript script in a fresh Node process (tsx, the react-server condition so server-only
 * modules load, --expose-gc) and returns the JSON it wrote to the file named by its `--out` argument.
 * A separate process per measurement keeps heaps, JIT state and resident memory apart.
 */
import { spawn } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { randomBytes } from "node:crypto";

export interface ChildOptions {
  root: string;
  /** Where the out file goes. */
  dir: string;
  /** Kill the child after this long. */
  timeoutMs: number;
  /** Prefix the command (e.g. ["flock", "-w", "240", lockPath]). */
  wrapper?: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** Forward the child's stdout and stderr lines here. */
  log?: (line: string) => void;
}

export class ChildFailed extends Error {
  constructor(
    message: string,
    readonly exitCode: number | null,
  ) {
    super(message);
    this.name = "ChildFailed";
  }
}

export function nodeArgs(script: string, args: readonly string[]): string[] {
  return ["--conditions=react-server", "--import", "tsx", "--expose-gc", script, ...args];
}

export async function runChild<T>(script: string, args: readonly string[], options: ChildOptions): Promise<T> {
  const out = join(options.dir, `child-${process.pid}-${randomBytes(4).toString("hex")}.json`);
  const command = [...(options.wrapper ?? []), process.execPath, ...nodeArgs(script, [...args, "--out", out])];
  const [bin, ...rest] = command as [string, ...string[]];
  const child = spawn(bin, rest, {
    cwd: options.root,
    env: options.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const tail: string[] = [];
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (!line.trim()) continue;
      tail.push(line);
      if (tail.length > 20) tail.shift();
      options.log?.(line);
    }
  };
  child.stdout.on("data", forward);
  child.stderr.on("data", forward);
  const timer = setTimeout(() => child.kill("SIGTERM"), options.timeoutMs);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (c) => resolve(c));
  }).finally(() => clearTimeout(timer));
  let text: string | null = null;
  try {
    text = await readFile(out, "utf8");
  } catch {
    text = null;
  }
  await rm(out, { force: true });
  if (code !== 0 || text === null) {
    throw new ChildFailed(`${script} exited with ${code ?? "a signal"}${tail.length ? `:\n  ${tail.join("\n  ")}` : ""}`, code);
  }
  return JSON.parse(text) as T;
}

/** The value of `--name <value>` in argv, or undefined. */
export function argValue(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}
