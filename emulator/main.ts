/**
 * The emulator's CLI:
 *   tsx emulator/main.ts [--port 3001] [--data-dir .data/emulator] [--config emulator/authgear.yaml] [--reset] [--host H]
 *                        [--app-origin http://localhost:3100] [--hooks-fail-open]
 * Env fallbacks: EMULATOR_PORT, EMULATOR_DATA_DIR. Prints one line (URL, Admin API key path,
 * webhook secret path) once it is ready; exits cleanly on SIGINT / SIGTERM.
 */
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";
import { createEmulator } from "./server";

const USAGE = `Usage: tsx emulator/main.ts [options]
  --port <n>        port to listen on (env EMULATOR_PORT, default 3001)
  --data-dir <dir>  secrets and state (env EMULATOR_DATA_DIR, default .data/emulator)
  --config <file>   Authgear config (default emulator/authgear.yaml)
  --reset           start clean: new users, keys and webhook secret
  --host <host>     interface to bind (default: all)
  --app-origin <o>  send the app's hooks (URLs on http://localhost:3000 in the config) to this
                    origin instead, e.g. http://localhost:3100 for the e2e app
  --hooks-fail-open local development: a blocking hook that cannot be reached or times out
                    counts as allowed (logged); Authgear fails the sign-up instead
  --help            show this help`;

function fail(message: string): never {
  console.error(`emulator: ${message}`);
  process.exit(1);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
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
  const configPath = args.config ?? fileURLToPath(new URL("./authgear.yaml", import.meta.url));
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

await main();
