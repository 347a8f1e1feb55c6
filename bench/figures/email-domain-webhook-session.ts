/**
 * The email-domain webhook measurement's processes, run by figures/email-domain-webhook.ts under
 * the build lock (bench/lib/build-lock.ts):
 *   node --conditions=react-server --import tsx bench/figures/email-domain-webhook-session.ts --out <file> --logs <dir>
 * Builds the app once, starts the emulator and two `next start` of that build on free ports (never
 * 3000/3001/3100/3101), the same but for ENRICHMENT_PROVIDERS: the location providers alone, and
 * the same with work-email added. Then alternating rounds of the webhook measurement
 * (webhook-measure.ts: a signed user.pre_create for bench-N@example.com, a verified work address,
 * from 81.2.69.142), one server after the other, so a change in the machine's load hits both alike.
 * Stops everything it started, by process group, before it exits.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { argValue } from "../lib/child";
import { benchAppEnv, freePorts, nextBuild, ProcessGroup } from "../lib/processes";
import { SessionProblem, combine, measureHooks, type HookMeasurement, type LoadResult, waitForSessionUrl } from "./webhook-measure";

/** The location providers the e2e/bench app builds (no ipgeolocation key): what sign-up runs today. */
const WITHOUT_WORK_EMAIL = ["client", "authgear-context", "geoip"] as const;
const WITH_WORK_EMAIL = [...WITHOUT_WORK_EMAIL, "work-email"] as const;

export interface EmailDomainWebhookResult {
  buildS: number;
  connections: number;
  durationS: number;
  rounds: number;
  without: LoadResult;
  with: LoadResult;
  /** The unhandled signed event on the server with work-email (signature + parse only), for reference. */
  baseline: LoadResult;
  firstPreCreateMs: { without: number; with: number };
  /** Each round's user.pre_create p99 (ms), without and with work-email, to show how steady the figure is. */
  perRoundP99: { without: number; with: number }[];
  /** The first answers, as the servers gave them (checked by measureHooks). */
  sample: { without: unknown; with: unknown };
}

const processes = new ProcessGroup();
const stopAll = () => processes.stopAll();

async function main(out: string, logDir: string, connections: number, durationS: number, rounds: number): Promise<void> {
  const root = process.cwd();
  const bin = (name: string) => join(root, "node_modules", ".bin", name);
  const baseEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

  let buildS: number;
  try {
    buildS = await nextBuild(root, { logPath: join(logDir, "email-domain-next-build.log"), env: baseEnv, timeoutMs: 200_000 });
  } catch (error) {
    throw new SessionProblem(error instanceof Error ? error.message : String(error));
  }

  const temp = await mkdtemp(join(tmpdir(), "gradual-bench-email-"));
  try {
    const [emulatorPort, withoutPort, withPort] = (await freePorts(3)) as [number, number, number];
    const emulatorUrl = `http://localhost:${emulatorPort}`;
    const emulatorDir = join(temp, "emulator");
    const emulator = processes.start(bin("tsx"), ["emulator/main.ts", "--port", String(emulatorPort), "--data-dir", emulatorDir, "--reset"], {
      cwd: root,
      env: baseEnv,
      logPath: join(logDir, "email-domain-emulator.log"),
    });
    await waitForSessionUrl(`${emulatorUrl}/_emulator/health`, emulator, "the emulator", 30_000);

    const app = async (name: "without" | "with", port: number, providers: readonly string[]) => {
      const env = benchAppEnv({
        emulatorUrl,
        emulatorDataDir: emulatorDir,
        store: { sqlitePath: join(temp, `gradual-${name}.sqlite`) },
        extra: { ENRICHMENT_PROVIDERS: providers.join(",") },
      });
      const child = processes.start(bin("next"), ["start", "-p", String(port)], { cwd: root, env, logPath: join(logDir, `email-domain-next-start-${name}.log`) });
      const url = `http://localhost:${port}`;
      await waitForSessionUrl(url, child, `next start (${name} work-email)`, 60_000);
      return url;
    };
    const withoutUrl = await app("without", withoutPort, WITHOUT_WORK_EMAIL);
    const withUrl = await app("with", withPort, WITH_WORK_EMAIL);
    const secret = await readFile(join(emulatorDir, "webhook-secret"), "utf8");

    const without: HookMeasurement[] = [];
    const withWorkEmail: HookMeasurement[] = [];
    for (let round = 0; round < rounds; round++) {
      // measureHooks checks each server's first answer (200, enriched to GB / Europe/London) before timing.
      const options = { connections, durationS, warmupS: round === 0 ? 3 : 1, rounds: 1 };
      without.push(await measureHooks(withoutUrl, secret, options));
      withWorkEmail.push(await measureHooks(withUrl, secret, options));
    }
    const first = (list: HookMeasurement[]) => list[0] as HookMeasurement;
    const result: EmailDomainWebhookResult = {
      buildS,
      connections,
      durationS,
      rounds,
      without: combine(without.map((m) => m.preCreate)),
      with: combine(withWorkEmail.map((m) => m.preCreate)),
      baseline: combine(withWorkEmail.map((m) => m.baseline)),
      perRoundP99: without.map((m, i) => ({ without: m.preCreate.p99, with: (withWorkEmail[i] as HookMeasurement).preCreate.p99 })),
      firstPreCreateMs: { without: first(without).firstPreCreateMs, with: first(withWorkEmail).firstPreCreateMs },
      sample: { without: first(without).sample.preCreate, with: first(withWorkEmail).sample.preCreate },
    };
    await writeFile(out, JSON.stringify(result));
  } finally {
    await stopAll();
    await rm(temp, { recursive: true, force: true });
  }
}

const argv = process.argv.slice(2);
const out = argValue(argv, "--out");
const logDir = argValue(argv, "--logs");
if (!out || !logDir) throw new Error("email-domain-webhook-session: --out <file> and --logs <dir> are required");
process.once("SIGTERM", () => void stopAll().then(() => process.exit(143)));
process.once("SIGINT", () => void stopAll().then(() => process.exit(130)));
try {
  await main(out, logDir, Number(argValue(argv, "--connections") ?? "10"), Number(argValue(argv, "--duration") ?? "8"), Number(argValue(argv, "--rounds") ?? "2"));
} catch (error) {
  await stopAll();
  if (error instanceof SessionProblem) await writeFile(out, JSON.stringify({ problem: error.message }));
  else throw error;
}
