/**
 * `npm run authgear:check [-- --user <user id or email>] [--token <access token>]`: checks the
 * Authgear project the environment names (AUTHGEAR_ENDPOINT, AUTHGEAR_CLIENT_ID, the Admin API key
 * variables; with none set, the local emulator, as the app does) from the outside, prints each
 * finding with its fix, and exits 1 when there is any problem (2 for bad arguments or environment).
 * See lib/authgear/project-check.server.ts for what each check does.
 */
import { parseArgs } from "node:util";
import { loadAdminApiKey } from "@/lib/authgear/admin-key.server";
import { checkAuthgearProject, formatReport } from "@/lib/authgear/project-check.server";
import { parseSettings, type Settings } from "@/lib/env.server";
import { profileCatalog } from "@/profile.config";

const USAGE = "usage: npm run authgear:check [-- --user <user id or email>] [--token <access token>]";

let args: { user?: string; token?: string; help?: boolean };
try {
  args = parseArgs({
    options: { user: { type: "string" }, token: { type: "string" }, help: { type: "boolean", short: "h" } },
    strict: true,
    allowPositionals: false,
  }).values;
} catch (error) {
  console.error(`authgear:check: ${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

let settings: Settings;
try {
  settings = parseSettings(process.env);
} catch (error) {
  console.error(`authgear:check: ${(error as Error).message}`);
  process.exit(2);
}

const report = await checkAuthgearProject({
  endpoint: settings.AUTHGEAR_ENDPOINT,
  clientId: settings.AUTHGEAR_CLIENT_ID,
  adminKey: () => loadAdminApiKey(settings),
  catalog: profileCatalog,
  ...(args.user ? { user: args.user } : {}),
  ...(args.token ? { token: args.token } : {}),
});
process.stdout.write(formatReport(report, settings.AUTHGEAR_CLIENT_ID));
process.exitCode = report.problems > 0 ? 1 : 0;
