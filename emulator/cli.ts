/**
 * The emulator's CLI, shared by this repository's `npm run emulator` (emulator/main.ts, whose default
 * config is emulator/authgear.yaml) and the package's `gradual-emulator` bin (lib/kit/emulator-bin.ts,
 * whose default is ./authgear.yaml in the working directory):
 *   [--port 3001] [--data-dir .data/emulator] [--config <authgear.yaml>] [--reset] [--host H]
 *   [--app-origin http://localhost:3100] [--hooks-fail-open]
 * Env fallbacks: EMULATOR_PORT, EMULATOR_DATA_DIR. Prints one line (URL, Admin API key path,
 * webhook secret path) once it is ready; exits cleanly on SIGINT / SIGTERM.
 */
import { relative } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { createEmulator } from "./server";

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

  const show = (p: string) => {
    const rel = relative(process.cwd(), p);
    return rel === "" || rel.startsWith("..") ? p : rel;
  };
  console.log(
    `Authgear emulator ready at ${origin} · Admin API key ${show(emulator.files.adminKeyPem)} · webhook secret ${show(emulator.files.webhookSecret)}`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    emulator.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(`emulator: error while stopping on ${signal}: ${String(err)}`);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

