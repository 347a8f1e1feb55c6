/**
 * The prompt figure's processes, run by figures/prompt.ts while holding the build lock
 * (bench/lib/build-lock.ts):
 *   node --conditions=react-server --import tsx bench/prompt/session.ts --out <file> --logs <dir>
 * Builds the app (next build, the demo catalog), starts the emulator (its config with this run's
 * app origin added to the allowed origins and redirect URIs, the app's hooks on) and `next start`
 * on free ports, measures the Server Actions over HTTP (actions.ts) and the prompt in Chromium
 * (browser.ts), and stops everything it started before it exits.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseDocument } from "yaml";
import { argValue } from "../lib/child";
import { benchAppEnv, freePorts, nextBuild, ProcessGroup, waitForUrl } from "../lib/processes";
import { findAction } from "../load/flight";
import { measureActions, type ActionsMeasurement } from "./actions";
import { measureBrowser, type BrowserMeasurement } from "./browser";

const ACTION_USERS = 40;
const BROWSER_USERS = 12;
/** Sign-ins whose prompt asks for a phone number (the chunk set is the same each time; a few show that). */
const PHONE_USERS = 3;

export interface PromptSessionResult {
  buildS: number;
  actions: ActionsMeasurement;
  browser: BrowserMeasurement;
}

/** emulator/authgear.yaml with `appOrigin` allowed (CORS) and its callback registered for the app's client. */
async function emulatorConfig(root: string, appOrigin: string): Promise<string> {
  const doc = parseDocument(await readFile(join(root, "emulator/authgear.yaml"), "utf8"));
  if (doc.errors.length > 0) throw new Error(`emulator/authgear.yaml: ${doc.errors.map((e) => e.message).join("; ")}`);
  const config = doc.toJS() as { http: { allowed_origins: string[] }; oauth: { clients: Array<{ client_id: string; redirect_uris: string[]; post_logout_redirect_uris?: string[] }> } };
  doc.setIn(["http", "allowed_origins"], [...config.http.allowed_origins, appOrigin]);
  config.oauth.clients.forEach((client, i) => {
    if (client.client_id !== "gradual-web") return;
    doc.setIn(["oauth", "clients", i, "redirect_uris"], [...client.redirect_uris, `${appOrigin}/auth/callback`]);
    doc.setIn(["oauth", "clients", i, "post_logout_redirect_uris"], [...(client.post_logout_redirect_uris ?? []), `${appOrigin}/`]);
  });
  return doc.toString({ lineWidth: 0 });
}

const processes = new ProcessGroup();

async function main(out: string, logDir: string): Promise<void> {
  const root = process.cwd();
  const buildS = await nextBuild(root, { logPath: join(logDir, "prompt-next-build.log"), timeoutMs: 200_000 });
  console.log(`next build: ${Math.round(buildS)} s`);
  const temp = await mkdtemp(join(tmpdir(), "gradual-bench-prompt-"));
  try {
    const [emulatorPort, appPort] = (await freePorts(2)) as [number, number];
    const emulatorUrl = `http://localhost:${emulatorPort}`;
    const appUrl = `http://localhost:${appPort}`;
    const emulatorDataDir = join(temp, "emulator");
    const configPath = join(temp, "authgear.yaml");
    await writeFile(configPath, await emulatorConfig(root, appUrl));
    const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

    const emulatorLog = join(logDir, "prompt-emulator.log");
    const emulator = processes.start(
      join(root, "node_modules", ".bin", "tsx"),
      ["emulator/main.ts", "--port", String(emulatorPort), "--data-dir", emulatorDataDir, "--config", configPath, "--reset", "--app-origin", appUrl],
      { cwd: root, env, logPath: emulatorLog },
    );
    await waitForUrl(`${emulatorUrl}/_emulator/health`, emulator, "the emulator", emulatorLog, 30_000);
    const appLog = join(logDir, "prompt-next-start.log");
    const app = processes.start(join(root, "node_modules", ".bin", "next"), ["start", "-p", String(appPort)], {
      cwd: root,
      env: benchAppEnv({ emulatorUrl, emulatorDataDir, store: { sqlitePath: join(temp, "gradual.sqlite") } }),
      logPath: appLog,
    });
    await waitForUrl(appUrl, app, "next start", appLog, 60_000);

    const distDir = join(root, ".next");
    const actions = {
      getProfilePrompt: await findAction(distDir, "app/actions.ts", "getProfilePrompt"),
      submitProfileAnswers: await findAction(distDir, "app/actions.ts", "submitProfileAnswers"),
    };
    const actionsResult = await measureActions({ appUrl, emulatorUrl, emulatorDataDir, actions, users: ACTION_USERS, warmup: 3 });
    console.log(`actions: ${actionsResult.promptMs.length} users measured`);
    const browserResult = await measureBrowser({ appUrl, emulatorUrl, emulatorDataDir, distDir, users: BROWSER_USERS, warmup: 2, phoneUsers: PHONE_USERS });
    console.log(`browser: ${browserResult.journeys.length} sign-ups measured`);
    const result: PromptSessionResult = { buildS, actions: actionsResult, browser: browserResult };
    await writeFile(join(logDir, "prompt-raw.json"), JSON.stringify(result, null, 2));
    await writeFile(out, JSON.stringify(result));
  } finally {
    await processes.stopAll();
    await rm(temp, { recursive: true, force: true });
  }
}

const argv = process.argv.slice(2);
const out = argValue(argv, "--out");
const logDir = argValue(argv, "--logs");
if (!out || !logDir) throw new Error("prompt session: --out <file> and --logs <dir> are required");
process.once("SIGTERM", () => void processes.stopAll().then(() => process.exit(143)));
process.once("SIGINT", () => void processes.stopAll().then(() => process.exit(130)));
try {
  await main(out, logDir);
} finally {
  await processes.stopAll();
}
