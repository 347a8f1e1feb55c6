/**
 * The processes a benchmark session starts (emulator, next build, next start): free ports that
 * are never the dev or e2e ones, each process in its own process group with its output in a log
 * file, waiting until a URL answers, and stopping a process with everything it forked.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

/** npm run dev (3000/3001) and the e2e run (3100/3101) use these. */
const RESERVED_PORTS = new Set([3000, 3001, 3100, 3101]);

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => {
        if (RESERVED_PORTS.has(port) || port === 0) freePort().then(resolve, reject);
        else resolve(port);
      });
    });
  });
}

/** `count` distinct free ports. */
export async function freePorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < count) {
    const port = await freePort();
    if (!ports.includes(port)) ports.push(port);
  }
  return ports;
}

/** Processes started together and stopped together. */
export class ProcessGroup {
  private readonly children: ChildProcess[] = [];

  /** Starts `command` in its own process group, stdout and stderr to `logPath`. */
  start(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; logPath: string }): ChildProcess {
    const log = createWriteStream(options.logPath);
    const child = spawn(command, [...args], { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    this.children.push(child);
    return child;
  }

  stopAll(): Promise<void> {
    return Promise.all(this.children.map(stopProcess)).then(() => undefined);
  }
}

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

/** SIGTERM to the process group, SIGKILL after 5 s. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-pid, "SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  }, 5000);
  await exited(child);
  clearTimeout(timer);
}

/** Resolves once `url` answers below 500; fails when `child` exits first or after `timeoutMs`. */
export async function waitForUrl(url: string, child: ChildProcess, name: string, logPath: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before answering; see ${logPath}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${name} did not answer ${url} within ${timeoutMs / 1000} s; see ${logPath}`);
}

/**
 * The environment of a `next start` the benchmarks drive: the e2e app's (playwright.config.ts), on
 * the session's own emulator and state store. Variables a developer's .env may set for a real
 * Authgear project are emptied (empty = unset), so they never leak into a measurement.
 */
export function benchAppEnv(options: {
  emulatorUrl: string;
  emulatorDataDir: string;
  /** SQLite file (DATABASE_URL emptied) or a PostgreSQL URL. */
  store: { sqlitePath: string } | { databaseUrl: string };
  extra?: Record<string, string>;
}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    ...options.extra,
    AUTHGEAR_ENDPOINT: options.emulatorUrl,
    AUTHGEAR_CLIENT_ID: "gradual-web",
    EMULATOR_DATA_DIR: options.emulatorDataDir,
    ...("sqlitePath" in options.store ? { DATABASE_URL: "", SQLITE_PATH: options.store.sqlitePath } : { DATABASE_URL: options.store.databaseUrl }),
    AUTHGEAR_PROJECT_ID: "",
    AUTHGEAR_ADMIN_API_KEY: "",
    AUTHGEAR_ADMIN_API_KEY_ID: "",
    AUTHGEAR_WEBHOOK_SECRET: "",
    IPGEOLOCATION_API_KEY: "",
  };
}

/**
 * `next build` in `root` with `env` (NODE_ENV=production added), output to `logPath`, stopped after
 * `timeoutMs`. Resolves with the seconds it took; rejects naming the log when it fails.
 */
export async function nextBuild(root: string, options: { logPath: string; env?: NodeJS.ProcessEnv; timeoutMs: number }): Promise<number> {
  const started = performance.now();
  const group = new ProcessGroup();
  const build = group.start(join(root, "node_modules", ".bin", "next"), ["build"], {
    cwd: root,
    env: { ...(options.env ?? { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }), NODE_ENV: "production" },
    logPath: options.logPath,
  });
  const timer = setTimeout(() => void stopProcess(build), options.timeoutMs);
  const code = await exited(build);
  clearTimeout(timer);
  if (code !== 0) throw new Error(`next build failed (exit ${code ?? "by signal"}); see ${options.logPath}`);
  return (performance.now() - started) / 1000;
}
