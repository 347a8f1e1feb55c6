/**
 * The load build and its processes (ADR 013): a production build of the app over the load catalog
 * (bench/load/profile.config.ts) in its own folder (.data/next-load, never .next), one emulator
 * with the matching custom attributes, and N `next start` instances sharing one state store
 * (SQLite file for one instance, PostgreSQL for several), all on free ports (never
 * 3000/3001/3100/3101). Used by the e2e check (e2e/scale.spec.ts) and the bench figures.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { adminGraphQL } from "@/emulator/testing";
import { userNodeId } from "@/lib/authgear/global-id";
import { defined } from "@/lib/defined";
import { writeLoadEmulatorConfig } from "./authgear-config";
import { benchAppEnv, freePorts, nextBuild, ProcessGroup, waitForUrl } from "../lib/processes";
import { findAction, type ActionRef } from "./flight";

export const LOAD_DIST_DIR = ".data/next-load";
const LOAD_TSCONFIG = ".data/tsconfig.next-load.json";
const STAMP_FILE = "gradual-load-stamp";
/** What the build is made of: a change here (not in docs, tests or benchmark figures) rebuilds. */
const SOURCE_PATHS = ["app", "components", "lib", "bench/load", "profile.config.ts", "next.config.mjs", "package-lock.json", "postcss.config.mjs", "tsconfig.json"];

/** A hash of the build's sources (tracked and untracked files, ignored ones left out), or null without git. */
function sourceStamp(root: string): string | null {
  let files: string[];
  try {
    files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "--", ...SOURCE_PATHS], { cwd: root, encoding: "utf8" })
      .split("\n")
      .filter((f) => f && !f.endsWith(".test.ts") && !f.endsWith(".md"))
      .sort();
  } catch {
    return null;
  }
  const hash = createHash("sha256");
  hash.update(process.env.GRADUAL_PROFILE_CONFIG ?? "");
  for (const f of files) {
    hash.update(f);
    hash.update(existsSync(join(root, f)) ? readFileSync(join(root, f)) : "(deleted)");
  }
  return hash.digest("hex");
}

export interface BuildResult {
  distDir: string;
  /** Seconds the build took; 0 when the existing build was made from the same sources. */
  buildS: number;
}

/**
 * Builds the app over the load catalog into .data/next-load, unless the build there was made from
 * the same sources. The caller holds the build lock when others share the machine. next build
 * rewrites next-env.d.ts for its dist folder: it is put back afterwards (the default build's).
 */
export async function buildLoadApp(root: string, logPath: string): Promise<BuildResult> {
  const stamp = sourceStamp(root);
  const distDir = join(root, LOAD_DIST_DIR);
  const stampPath = join(distDir, STAMP_FILE);
  if (stamp && existsSync(stampPath) && (await readFile(stampPath, "utf8")) === stamp) return { distDir, buildS: 0 };
  await mkdir(join(root, ".data"), { recursive: true });
  await mkdir(dirname(logPath), { recursive: true });
  // next build adds its dist folder's types to the tsconfig it reads: a file extending ours takes that edit.
  await writeFile(join(root, LOAD_TSCONFIG), `${JSON.stringify({ extends: "../tsconfig.json" })}\n`);
  const nextEnvPath = join(root, "next-env.d.ts");
  const nextEnv = existsSync(nextEnvPath) ? await readFile(nextEnvPath, "utf8") : null;
  let buildS: number;
  try {
    buildS = await nextBuild(root, { logPath, env: buildEnv(), timeoutMs: 300_000 });
  } finally {
    if (nextEnv !== null) await writeFile(nextEnvPath, nextEnv);
  }
  if (stamp) await writeFile(stampPath, stamp);
  return { distDir, buildS };
}

function buildEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    GRADUAL_PROFILE_CONFIG: "bench/load/profile.config.ts",
    NEXT_DIST_DIR: LOAD_DIST_DIR,
    NEXT_TSCONFIG_PATH: LOAD_TSCONFIG,
  };
}

export type Engine = "sqlite" | "postgres";

export interface ClusterOptions {
  root: string;
  engine: Engine;
  /** Number of `next start` processes (SQLite: 1). */
  instances: number;
  /** PostgreSQL: an empty database for this cluster. */
  databaseUrl?: string;
  /** Where the processes' logs go. */
  logDir: string;
}

export interface Cluster {
  engine: Engine;
  emulatorUrl: string;
  emulatorDataDir: string;
  apps: string[];
  actions: { getProfilePrompt: ActionRef; submitProfileAnswers: ActionRef; saveLoadValues: ActionRef };
  /** The user's custom attributes as Authgear holds them (Admin API). */
  customAttributes(sub: string): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

/** Starts the emulator and the instances over an existing load build. */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const { root, engine, instances, logDir } = options;
  if (engine === "sqlite" && instances !== 1) throw new Error("SQLite is one file written by one process: one instance");
  const { databaseUrl } = options;
  if (engine === "postgres" && !databaseUrl) throw new Error("PostgreSQL needs databaseUrl");
  const distDir = join(root, LOAD_DIST_DIR);
  const actions = {
    getProfilePrompt: await findAction(distDir, "app/actions.ts", "getProfilePrompt"),
    submitProfileAnswers: await findAction(distDir, "app/actions.ts", "submitProfileAnswers"),
    saveLoadValues: await findAction(distDir, "bench/load/actions.ts", "saveLoadValues"),
  };
  await mkdir(logDir, { recursive: true });
  const temp = await mkdtemp(join(tmpdir(), "gradual-load-"));
  const processes = new ProcessGroup();
  const start = (command: string, args: string[], env: NodeJS.ProcessEnv, logPath: string) => processes.start(command, args, { cwd: root, env, logPath });
  const stop = async () => {
    await processes.stopAll();
    await rm(temp, { recursive: true, force: true });
  };
  try {
    const ports = await freePorts(instances + 1);
    const [emulatorPort, ...appPorts] = ports as [number, ...number[]];
    const emulatorUrl = `http://localhost:${emulatorPort}`;
    const apps = appPorts.map((p) => `http://localhost:${p}`);
    const firstApp = defined(apps[0], "the first instance's URL (instances ≥ 1)");
    const emulatorDataDir = join(temp, "emulator");
    const configPath = join(temp, "authgear.yaml");
    await writeLoadEmulatorConfig(configPath);
    const baseEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
    const emulatorLog = join(logDir, `${engine}-emulator.log`);
    const emulator = start(
      join(root, "node_modules", ".bin", "tsx"),
      // Sign-ups call the first instance's user.pre_create hook, as on Authgear (fail closed).
      ["emulator/main.ts", "--port", String(emulatorPort), "--data-dir", emulatorDataDir, "--config", configPath, "--reset", "--app-origin", firstApp],
      baseEnv,
      emulatorLog,
    );
    await waitForUrl(`${emulatorUrl}/_emulator/health`, emulator, "the emulator", emulatorLog, 30_000);
    const store = engine === "postgres" && databaseUrl ? { databaseUrl } : { sqlitePath: join(temp, "gradual.sqlite") };
    const instancesStarted = appPorts.map((port, i) => {
      const log = join(logDir, `${engine}-next-start-${i + 1}.log`);
      const child = start(
        join(root, "node_modules", ".bin", "next"),
        ["start", "-p", String(port)],
        benchAppEnv({ emulatorUrl, emulatorDataDir, store, extra: { NEXT_DIST_DIR: LOAD_DIST_DIR } }),
        log,
      );
      return { child, url: `http://localhost:${port}`, log };
    });
    await Promise.all(instancesStarted.map(({ child, url, log }, i) => waitForUrl(url, child, `next start #${i + 1}`, log, 60_000)));
    return {
      engine,
      emulatorUrl,
      emulatorDataDir,
      apps,
      actions,
      async customAttributes(sub) {
        const { body } = await adminGraphQL(emulatorUrl, emulatorDataDir, "query($id: ID!) { node(id: $id) { ... on User { customAttributes } } }", {
          id: userNodeId(sub),
        });
        if (body.errors?.length) throw new Error(`Admin API: ${body.errors.map((e) => e.message).join("; ")}`);
        return ((body.data?.node as { customAttributes?: Record<string, unknown> } | null)?.customAttributes ?? {});
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
