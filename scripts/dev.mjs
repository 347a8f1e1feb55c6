#!/usr/bin/env node
// `npm run dev`: the local Authgear emulator on :3001 and `next dev` on :3000, together.
// Output is prefixed with [emulator] / [next]; one Ctrl-C stops both; if either exits, the other stops.
import { delimiter, join } from "node:path";
import concurrently from "concurrently";

const root = process.cwd();
const env = {
  ...process.env,
  // Must be in the real environment (a .env entry does not silence the banner).
  NEXT_TELEMETRY_DISABLED: "1",
  PATH: [join(root, "node_modules", ".bin"), process.env.PATH].filter(Boolean).join(delimiter),
};

const { result } = concurrently(
  [
    // --hooks-fail-open: the emulator is up before `next dev` has compiled the webhook route, and a
    // blocking hook Authgear cannot reach fails the sign-up; locally, sign-up goes on (logged).
    { name: "emulator", command: "tsx emulator/main.ts --port 3001 --hooks-fail-open", env, prefixColor: "magenta" },
    { name: "next", command: "next dev -p 3000", env, prefixColor: "cyan" },
  ],
  { prefix: "name", padPrefix: true, killOthersOn: ["failure", "success"], cwd: root },
);

result.then(
  () => process.exit(0),
  (events) => {
    // A Ctrl-C ends both with a signal; that is a normal stop, not a failure.
    const failed = events.filter((e) => e.exitCode !== 0 && e.exitCode !== "SIGINT" && e.exitCode !== "SIGTERM" && !e.killed);
    process.exit(failed.length > 0 ? 1 : 0);
  },
);
