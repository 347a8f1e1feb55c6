/**
 * The emulator's CLI, shared by this repository's `npm run emulator` (emulator/main.ts, whose default
 * config is emulator/authgear.yaml) and the package's `gradual-emulator` bin (lib/kit/emulator-bin.ts,
 * whose default is ./authgear.yaml in the working directory):
 *   [--port 3001] [--data-dir .data/emulator] [--config <authgear.yaml>] [--reset] [--host H]
 *   [--app-origin http://localhost:3100] [--hooks-fail-open] [--standins-port <n|off>] [--standins-delay-ms 2000]
 * Env fallbacks: EMULATOR_PORT, EMULATOR_DATA_DIR. Also starts the enrichment stand-ins
 * (emulator/standins/: FullContact and People Data Labs) on the port + 1 unless told otherwise.
 * Prints one line (URL, Admin API key path, webhook secret path, stand-ins URL) once it is ready;
 * exits cleanly on SIGINT / SIGTERM.
 */
import { relative } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { createEmulator } from "./server";
import { createStandinServer, STANDIN_DEFAULT_DELAY_MS } from "./standins/server";

function usage(command: string, defaultConfig: string): string {
  return `Usage: ${command} [options]
  --port <n>        port to listen on (env EMULATOR_PORT, default 3001)
  --data-dir <dir>  secrets and state (env EMULATOR_DATA_DIR, default .data/emulator)
  --config <file>   Authgear config (default ${defaultConfig})
  --reset           start clean: new users, keys and webhook secret
  --host <host>     interface to bind (default: all)
  --app-origin <o>  send the app's hooks (URLs on http://localhost:3000 in the config) to this
                    origin instead, e.g. http://localhost:3100 for the e2e app
  --hooks-fail-open local development: a blocking hook that cannot be reached or times out
                    counts as allowed (logged); Authgear fails the sign-up instead
  --standins-port <n|off>
                    the FullContact / People Data Labs stand-ins (docs/decisions/020):
                    default the port + 1 (3002); "off" starts none
  --standins-delay-ms <n>
                    how long the stand-ins' slow-* addresses take (default ${STANDIN_DEFAULT_DELAY_MS})
  --help            show this help`;
}

export interface EmulatorCliOptions {
  /** How the usage text names the command, e.g. "tsx emulator/main.ts" or "gradual-emulator". */
  command: string;
  /** The authgear.yaml used without --config. */
  defaultConfigPath: string;
  /** How the usage text shows that default. */
  defaultConfigLabel: string;
}

function fail(message: string): never {
  console.error(`emulator: ${message}`);
  process.exit(1);
}

/** Parses `argv` (without node and the script), starts the emulator and stops it on SIGINT / SIGTERM. */
export async function runEmulatorCli(argv: string[], cli: EmulatorCliOptions): Promise<void> {
  const USAGE = usage(cli.command, cli.defaultConfigLabel);
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        port: { type: "string" },
        "data-dir": { type: "string" },
        config: { type: "string" },
        reset: { type: "boolean", default: false },
        host: { type: "string" },
        "app-origin": { type: "string" },
        "hooks-fail-open": { type: "boolean", default: false },
        "standins-port": { type: "string" },
        "standins-delay-ms": { type: "string" },
        help: { type: "boolean", default: false },
      },
      strict: true,
    }).values;
  } catch (err) {
    fail(`${(err as Error).message}\n${USAGE}`);
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const portText = args.port ?? process.env.EMULATOR_PORT ?? "3001";
  const port = z.coerce.number().int().min(0).max(65535).safeParse(portText);
  if (!port.success || portText.trim() === "") fail(`--port / EMULATOR_PORT must be a port number (0-65535), got "${portText}"`);
  const dataDir = args["data-dir"] ?? process.env.EMULATOR_DATA_DIR ?? ".data/emulator";
  const configPath = args.config ?? cli.defaultConfigPath;
  const appOrigin = args["app-origin"];
  if (appOrigin !== undefined) {
    const parsed = z.url({ protocol: /^https?$/ }).safeParse(appOrigin);
    if (!parsed.success || new URL(appOrigin).origin !== appOrigin.replace(/\/+$/, "")) {
      fail(`--app-origin must be an http(s) origin such as http://localhost:3100, got "${appOrigin}"`);
    }
  }

  const standinsText = args["standins-port"];
  let standinsPort: number | null = null;
  if (standinsText !== "off") {
    const parsed = z.coerce.number().int().min(0).max(65535).safeParse(standinsText ?? "");
    if (standinsText !== undefined && (!parsed.success || standinsText.trim() === "")) {
      fail(`--standins-port must be a port number (0-65535) or "off", got "${standinsText}"`);
    }
    standinsPort = standinsText !== undefined && parsed.success ? parsed.data : port.data === 0 ? 0 : port.data + 1;
    if (standinsPort > 65535) fail(`--standins-port: the port after ${port.data} is out of range; pass --standins-port`);
  }
  const delayText = args["standins-delay-ms"] ?? String(STANDIN_DEFAULT_DELAY_MS);
  const delay = z.coerce.number().int().min(0).max(600_000).safeParse(delayText);
  if (!delay.success || delayText.trim() === "") fail(`--standins-delay-ms must be a whole number of milliseconds (0-600000), got "${delayText}"`);

  let emulator;
  let origin: string;
  try {
    emulator = createEmulator({
      configPath,
      dataDir,
      reset: args.reset,
      ...(appOrigin !== undefined ? { appOrigin } : {}),
      hooksFailOpen: args["hooks-fail-open"],
    });
    ({ origin } = await emulator.listen(port.data, args.host));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") fail(`port ${port.data} is already in use (another emulator running?). Stop it or pass --port.`);
    fail((err as Error).message);
  }

  const standins = standinsPort === null ? null : createStandinServer({ delayMs: delay.data });
  let standinsOrigin: string | null = null;
  if (standins && standinsPort !== null) {
    try {
      ({ origin: standinsOrigin } = await standins.listen(standinsPort, args.host));
    } catch (err) {
      await emulator.close().catch(() => {});
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "EADDRINUSE") fail(`stand-ins port ${standinsPort} is already in use. Stop what holds it, or pass --standins-port <n|off>.`);
      fail(`stand-ins: ${(err as Error).message}`);
    }
  }

  // The handlers first: whoever waits for the ready line may signal the moment it is written.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    Promise.all([emulator.close(), standins?.close()]).then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(`emulator: error while stopping on ${signal}: ${String(err)}`);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));

  const show = (p: string) => {
    const rel = relative(process.cwd(), p);
    return rel === "" || rel.startsWith("..") ? p : rel;
  };
  console.log(
    `Authgear emulator ready at ${origin} · Admin API key ${show(emulator.files.adminKeyPem)} · webhook secret ${show(emulator.files.webhookSecret)}` +
      (standinsOrigin ? ` · enrichment stand-ins at ${standinsOrigin}/fullcontact and ${standinsOrigin}/pdl` : ""),
  );
}

