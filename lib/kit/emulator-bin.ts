#!/usr/bin/env node
/**
 * The package's `gradual-emulator` bin: `gradual-emulator --config authgear.yaml --port 3201 --reset`
 * (`--help` lists the options, emulator/cli.ts). Without `--config` it runs ./authgear.yaml.
 */
import { resolve } from "node:path";
import { runEmulatorCli } from "@/emulator/cli";

await runEmulatorCli(process.argv.slice(2), {
  command: "gradual-emulator",
  defaultConfigPath: resolve("authgear.yaml"),
  defaultConfigLabel: "./authgear.yaml",
});
