/**
 * `@gradual/kit/emulator`: the local Authgear (emulator/, ADR 002) for an app's own tests and
 * development, on the app's own authgear.yaml (its OAuth client, its custom attributes, its webhook).
 *
 *   const authgear = await startEmulator({ config: "authgear.yaml", dataDir: ".data/emulator", port: 3201 });
 *   // … AUTHGEAR_ENDPOINT = authgear.url, EMULATOR_DATA_DIR = authgear.dataDir for the app …
 *   await authgear.close();
 *
 * The `gradual-emulator` bin (lib/kit/emulator-bin.ts) does the same from a shell or a Playwright
 * `webServer`. `adminGraphQL` calls the emulator's Admin API with the key it wrote, as a test reads
 * what Authgear holds; `userNodeId` turns a `sub` into the Admin API's user ID.
 */
import { createEmulator, type EmulatorFiles } from "@/emulator/server";
import type { Logger } from "@/emulator/hooks";

export { adminGraphQL } from "@/emulator/testing";
export { userNodeId } from "@/lib/authgear/global-id";
export type { EmulatorFiles } from "@/emulator/server";
export type { Logger } from "@/emulator/hooks";

export interface StartEmulatorOptions {
  /** An authgear.yaml: its path, or the document already parsed (an object). Validated at start. */
  config: string | Record<string, unknown>;
  /** Where the emulator keeps its users, keys and the webhook secret (created if missing). */
  dataDir: string;
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind; default all. */
  host?: string;
  /** Start clean (new users, keys and webhook secret); default true, as tests want. */
  reset?: boolean;
  /**
   * Send the hooks the config addresses to http://localhost:3000 to this origin instead (e.g. the
   * app under test on another port), or null to drop them; default: as configured.
   */
  appOrigin?: string | null;
  /** Local development only: a blocking hook that cannot be reached counts as allowed (Authgear fails the sign-up). */
  hooksFailOpen?: boolean;
  /** Where its log lines go; default the console. */
  logger?: Logger;
}

export interface RunningEmulator {
  /** Its origin, e.g. http://localhost:3201: the app's AUTHGEAR_ENDPOINT. */
  url: string;
  port: number;
  /** The data directory (absolute) and the key and secret files the app reads from it (EMULATOR_DATA_DIR). */
  dataDir: string;
  files: EmulatorFiles;
  /** Resolves when every non-blocking hook delivery started so far has finished. */
  settled(): Promise<void>;
  /** Stops the server, drops open connections and aborts hook deliveries still in flight. */
  close(): Promise<void>;
}

/** Starts the emulator and resolves once it answers, with its URL. */
export async function startEmulator(options: StartEmulatorOptions): Promise<RunningEmulator> {
  const emulator = createEmulator({
    ...(typeof options.config === "string" ? { configPath: options.config } : { config: options.config }),
    dataDir: options.dataDir,
    reset: options.reset ?? true,
    ...(options.appOrigin !== undefined ? { appOrigin: options.appOrigin } : {}),
    ...(options.hooksFailOpen ? { hooksFailOpen: true } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const { port, origin } = await emulator.listen(options.port ?? 0, options.host);
  return {
    url: origin,
    port,
    dataDir: emulator.files.dataDir,
    files: emulator.files,
    settled: () => emulator.settled(),
    close: () => emulator.close(),
  };
}
