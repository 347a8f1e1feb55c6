/**
 * The webhook measurement's processes, run by figures/webhook.ts while holding the build
 * lock (bench/lib/build-lock.ts: `next build` writes the shared .next directory):
 *   node --conditions=react-server --import tsx bench/figures/webhook-session.ts --out <file> --logs <dir>
 * Builds the app, starts the emulator and `next start` on free ports (never 3000/3001/3100/3101)
 * with the e2e app's environment and temp data, measures (webhook-measure.ts), and stops
 * everything it started, by process group, before it exits.
 */
import type { ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { argValue } from "../lib/child";
import { benchAppEnv, freePorts, nextBuild, ProcessGroup } from "../lib/processes";
import { SessionProblem, measureHooks, type HookMeasurement, waitForSessionUrl } from "./webhook-measure";

export interface WebhookSessionResult extends HookMeasurement {
  buildS: number;
}

const processes = new ProcessGroup();
const stopAll = () => processes.stopAll();

/** Starts a process in its own process group, output to a log file. */
function start(command: string, args: string[], env: NodeJS.ProcessEnv, logPath: string): ChildProcess {
  return processes.start(command, args, { cwd: process.cwd(), env, logPath });
}

async function main(out: string, logDir: string, connections: number, durationS: number, rounds: number): Promise<void> {
  const root = process.cwd();
  const bin = (name: string) => join(root, "node_modules", ".bin", name);
  const baseEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

  let buildS: number;
  try {
    // With the lock wait (180 s) and the rest, 200 s keeps `npm run bench` under 10 minutes at worst.
    buildS = await nextBuild(root, { logPath: join(logDir, "webhook-next-build.log"), env: baseEnv, timeoutMs: 200_000 });
  } catch (error) {
    throw new SessionProblem(error instanceof Error ? error.message : String(error));
  }

  const temp = await mkdtemp(join(tmpdir(), "gradual-bench-"));
  try {
    const [emulatorPort, appPort] = (await freePorts(2)) as [number, number];
    const emulatorUrl = `http://localhost:${emulatorPort}`;
    const appUrl = `http://localhost:${appPort}`;
    const emulatorDir = join(temp, "emulator");

    const emulator = start(
      bin("tsx"),
      ["emulator/main.ts", "--port", String(emulatorPort), "--data-dir", emulatorDir, "--reset"],
      baseEnv,
      join(logDir, "webhook-emulator.log"),
    );
    await waitForSessionUrl(`${emulatorUrl}/_emulator/health`, emulator, "the emulator", 30_000);
    const app = start(
      bin("next"),
      ["start", "-p", String(appPort)],
      benchAppEnv({ emulatorUrl, emulatorDataDir: emulatorDir, store: { sqlitePath: join(temp, "gradual.sqlite") } }),
      join(logDir, "webhook-next-start.log"),
    );
    await waitForSessionUrl(appUrl, app, "next start", 60_000);
    const secret = await readFile(join(emulatorDir, "webhook-secret"), "utf8");
    const measured = await measureHooks(appUrl, secret, { connections, durationS, warmupS: 3, rounds });
    const result: WebhookSessionResult = { buildS, ...measured };
    await writeFile(out, JSON.stringify(result));
  } finally {
    await stopAll();
    await rm(temp, { recursive: true, force: true });
  }
}

const argv = process.argv.slice(2);
const out = argValue(argv, "--out");
const logDir = argValue(argv, "--logs");
if (!out || !logDir) throw new Error("webhook-session: --out <file> and --logs <dir> are required");
process.once("SIGTERM", () => void stopAll().then(() => process.exit(143)));
process.once("SIGINT", () => void stopAll().then(() => process.exit(130)));
try {
  await main(out, logDir, Number(argValue(argv, "--connections") ?? "10"), Number(argValue(argv, "--duration") ?? "10"), Number(argValue(argv, "--rounds") ?? "2"));
} catch (error) {
  await stopAll();
  // A SessionProblem is a finding (the build failed, the route answered wrongly): it goes in the table.
  if (error instanceof SessionProblem) await writeFile(out, JSON.stringify({ problem: error.message }));
  else throw error;
}
