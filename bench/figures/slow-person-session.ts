/**
 * The slow-person measurement's processes, run by figures/slow-person.ts under the build lock:
 *   node --conditions=react-server --import tsx bench/figures/slow-person-session.ts --out <file> --logs <dir>
 * Builds the app, then in this process the emulator (its own hooks to the app dropped: this
 * session sends them, signed, as bench/figures/webhook*.ts do) and the FullContact stand-in with
 * its `slow-*` addresses taking 2 s, and `next start` with FULLCONTACT=on pointed at it. A user signs
 * up as slow-ana@acme-robotics.com: user.pre_create is timed (it must not wait for the person
 * lookup), then user.created, and the store is read until the person provider's answer is there
 * for the next prompt. Stops everything it started before it exits.
 */
import type { ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { HOOK_EVENT_TYPES, hookEventId } from "@/lib/authgear/hook-events";
import { openSqliteDatabase } from "@/lib/db/database.server";
import { createStore } from "@/lib/db/store.server";
import { createEmulator } from "@/emulator/server";
import { createStandinServer } from "@/emulator/standins/server";
import { newUserRecord, type UserRecord } from "@/emulator/store";
import { signIn } from "@/emulator/testing";
import { hookIdentity, hookUser } from "@/emulator/users";
import { argValue } from "../lib/child";
import { benchAppEnv, freePorts, nextBuild, ProcessGroup, waitForUrl } from "../lib/processes";
import { median, nowNs } from "../lib/stats";
import { benchHookContext, signedRequest, type SignedRequest } from "./webhook-events";
import { HOOK_PATH, SessionProblem } from "./webhook-measure";

/** A scripted stand-in address (ADR 020): FullContact answers Ana's record after the stand-in's delay. */
export const SLOW_PERSON_EMAIL = "slow-ana@acme-robotics.com";
export const STANDIN_DELAY_MS = 2000;
const PRE_CREATE_SAMPLES = 30;
const PERSON_PATH = "/fullcontact/v3/person.enrich";

export interface SlowPersonResult {
  buildS: number;
  standinDelayMs: number;
  /** ENRICHMENT_BUDGET_MS of the app (the blocking hook's enrichment budget). */
  budgetMs: number;
  preCreate: { samples: number; p50: number; max: number; statuses: number[] };
  /** Requests the stand-in got while pre_create was being measured (must be 0: it asks the cache only). */
  personRequestsDuringPreCreate: number;
  /** How long user.created took to answer (the app awaits the lookup; Authgear does not wait on it). */
  createdMs: number;
  createdStatus: number;
  /** From sending user.created until the person provider's answer is in the store for the next prompt. */
  storedMs: number | null;
  /** What it stored: the job title the next prompt offers to confirm. */
  jobTitle: string | null;
  personRequests: number;
}

const processes = new ProcessGroup();

function event(type: string, seq: number, user: UserRecord, now = new Date()): Record<string, unknown> {
  return { id: hookEventId(seq), seq, type, payload: { user: hookUser(user), identities: [hookIdentity(user)] }, context: benchHookContext(user.id, now) };
}

async function post(url: string, request: SignedRequest): Promise<{ status: number; ms: number }> {
  const t = nowNs();
  const res = await fetch(url, { method: "POST", headers: request.headers, body: request.body, signal: AbortSignal.timeout(15_000) });
  await res.arrayBuffer();
  return { status: res.status, ms: (nowNs() - t) / 1e6 };
}

async function main(out: string, logDir: string): Promise<void> {
  const root = process.cwd();
  const baseEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  let buildS: number;
  try {
    buildS = await nextBuild(root, { logPath: join(logDir, "slow-person-next-build.log"), env: baseEnv, timeoutMs: 200_000 });
  } catch (error) {
    throw new SessionProblem(error instanceof Error ? error.message : String(error));
  }

  const temp = await mkdtemp(join(tmpdir(), "gradual-bench-slow-person-"));
  const standins = createStandinServer({ delayMs: STANDIN_DELAY_MS });
  const emulatorDir = join(temp, "emulator");
  const emulator = createEmulator({
    configPath: fileURLToPath(new URL("../../emulator/authgear.yaml", import.meta.url)),
    dataDir: emulatorDir,
    reset: true,
    appOrigin: null,
  });
  const sqlitePath = join(temp, "gradual.sqlite");
  let db: Awaited<ReturnType<typeof openSqliteDatabase>> | null = null;
  try {
    const [emulatorPort, standinsPort, appPort] = (await freePorts(3)) as [number, number, number];
    const { origin: emulatorUrl } = await emulator.listen(emulatorPort);
    const { origin: standinsUrl } = await standins.listen(standinsPort);
    const appUrl = `http://localhost:${appPort}`;
    const appLog = join(logDir, "slow-person-next-start.log");
    const app: ChildProcess = processes.start(join(root, "node_modules", ".bin", "next"), ["start", "-p", String(appPort)], {
      cwd: root,
      env: benchAppEnv({
        emulatorUrl,
        emulatorDataDir: emulatorDir,
        store: { sqlitePath },
        extra: { FULLCONTACT: "on", FULLCONTACT_API_KEY: "bench-standin", FULLCONTACT_BASE_URL: `${standinsUrl}/fullcontact`, ENRICHMENT_BUDGET_MS: "1000" },
      }),
      logPath: appLog,
    });
    try {
      await waitForUrl(appUrl, app, "next start", appLog, 60_000);
    } catch (error) {
      throw new SessionProblem(error instanceof Error ? error.message : String(error));
    }
    const secret = await readFile(join(emulatorDir, "webhook-secret"), "utf8");
    const hooks = `${appUrl}${HOOK_PATH}`;

    // The user signs up in Authgear (the emulator, its hooks to the app dropped) …
    const { sub } = await signIn(emulatorUrl, { clientId: "gradual-web", redirectUri: "http://localhost:3000/auth/callback", email: SLOW_PERSON_EMAIL, page: "signup" });
    const user: UserRecord = { ...newUserRecord(SLOW_PERSON_EMAIL, new Date()), id: sub };

    // … and its user.pre_create is what Authgear would send: timed, the first one opening the store.
    let seq = 1;
    const first = await post(hooks, signedRequest(event(HOOK_EVENT_TYPES.userPreCreate, seq++, user), secret));
    if (first.status !== 200) throw new SessionProblem(`user.pre_create answered HTTP ${first.status}`);
    standins.reset();
    const times: number[] = [];
    const statuses = new Set<number>();
    for (let i = 0; i < PRE_CREATE_SAMPLES; i++) {
      const r = await post(hooks, signedRequest(event(HOOK_EVENT_TYPES.userPreCreate, seq++, user), secret));
      times.push(r.ms);
      statuses.add(r.status);
    }
    const personRequestsDuringPreCreate = standins.requests().counts[PERSON_PATH] ?? 0;

    // The demo catalog asks before third-party sources run: the user's "Yes", recorded as the
    // prompt's consent answer records it, so user.created runs the person lookup.
    db = await openSqliteDatabase(sqlitePath);
    const store = createStore(db);
    await store.setEnrichmentConsent(sub, true, Date.now());

    const sent = nowNs();
    const created = post(hooks, signedRequest(event(HOOK_EVENT_TYPES.userCreated, seq++, user), secret));
    let storedMs: number | null = null;
    let jobTitle: string | null = null;
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const run = (await store.enrichmentRuns(sub)).find((r) => r.provider === "fullcontact-person");
      const found = run?.observations.find((o) => o.field === "job_title");
      if (found) {
        storedMs = (nowNs() - sent) / 1e6;
        jobTitle = String(found.value);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const answer = await created;

    const sorted = [...times].sort((a, b) => a - b);
    const result: SlowPersonResult = {
      buildS,
      standinDelayMs: STANDIN_DELAY_MS,
      budgetMs: 1000,
      preCreate: { samples: times.length, p50: median(times), max: sorted[sorted.length - 1] ?? 0, statuses: [...statuses] },
      personRequestsDuringPreCreate,
      createdMs: answer.ms,
      createdStatus: answer.status,
      storedMs,
      jobTitle,
      personRequests: standins.requests().counts[PERSON_PATH] ?? 0,
    };
    await writeFile(out, JSON.stringify(result));
  } finally {
    await db?.destroy().catch(() => {});
    await processes.stopAll();
    await emulator.close().catch(() => {});
    await standins.close().catch(() => {});
    await rm(temp, { recursive: true, force: true });
  }
}

const argv = process.argv.slice(2);
const out = argValue(argv, "--out");
const logDir = argValue(argv, "--logs");
if (!out || !logDir) throw new Error("slow-person-session: --out <file> and --logs <dir> are required");
const stopAll = () => processes.stopAll();
process.once("SIGTERM", () => void stopAll().then(() => process.exit(143)));
process.once("SIGINT", () => void stopAll().then(() => process.exit(130)));
try {
  await main(out, logDir);
} catch (error) {
  await stopAll();
  if (error instanceof SessionProblem) await writeFile(out, JSON.stringify({ problem: error.message }));
  else throw error;
}
