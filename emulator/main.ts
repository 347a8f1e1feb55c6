/**
 * `npm run emulator` (tsx emulator/main.ts [options]; `--help` lists them): this repository's local
 * Authgear on emulator/authgear.yaml unless `--config` says otherwise. The options are emulator/cli.ts's.
 */
import { fileURLToPath } from "node:url";
import { runEmulatorCli } from "./cli";

await runEmulatorCli(process.argv.slice(2), {
  command: "tsx emulator/main.ts",
  defaultConfigPath: fileURLToPath(new URL("./authgear.yaml", import.meta.url)),
  defaultConfigLabel: "emulator/authgear.yaml",
});
