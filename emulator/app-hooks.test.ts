import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { DEFAULT_CONFIG_PATH, fixturePath, loadFixtureConfig, signIn, SignInPageError, startHookServer, startTestEmulator } from "./testing";
import { DEV_APP_ORIGIN, loadConfigFile, retargetAppHooks } from "./config";
import type { Logger } from "./hooks";

const CLIENT = { clientId: "gradual-web", redirectUri: "http://localhost:3000/auth/callback" };
const email = (label: string) => `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.com`;

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as { port: number };
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) };
}

describe("the app's hooks in the emulator", () => {
  it("retargets hook URLs on the dev app's origin, keeps others, and drops them for null", () => {
    const config = loadConfigFile(DEFAULT_CONFIG_PATH);
    assert.ok(config.hooks.blocking.every((h) => h.url.startsWith(`${DEV_APP_ORIGIN}/`)));
    const e2e = retargetAppHooks(config, "http://localhost:3100");
    assert.deepEqual(e2e.hooks.blocking, [{ event: "user.pre_create", url: "http://localhost:3100/api/authgear/hooks" }]);
    assert.deepEqual(e2e.hooks.nonBlocking.map((h) => h.url), ["http://localhost:3100/api/authgear/hooks"]);
    assert.equal(config.hooks.blocking[0]!.url, "http://localhost:3000/api/authgear/hooks", "the input is not changed");

    const mixed = { ...config, hooks: { ...config.hooks, blocking: [...config.hooks.blocking, { event: "user.pre_create", url: "https://hooks.example.com/x?y=1" }] } };
    assert.deepEqual(retargetAppHooks(mixed, "http://127.0.0.1:9/").hooks.blocking, [
      { event: "user.pre_create", url: "http://127.0.0.1:9/api/authgear/hooks" },
      { event: "user.pre_create", url: "https://hooks.example.com/x?y=1" },
    ]);
    const dropped = retargetAppHooks(mixed, null);
    assert.deepEqual(dropped.hooks.blocking, [{ event: "user.pre_create", url: "https://hooks.example.com/x?y=1" }]);
    assert.deepEqual(dropped.hooks.nonBlocking, []);
  });

  it("delivers the repository's hooks to --app-origin: pre_create, created and authenticated on sign-up", async () => {
    const hooks = await startHookServer();
    const emu = await startTestEmulator({ appOrigin: hooks.origin });
    try {
      const address = email("app-origin");
      await signIn(emu.origin, { ...CLIENT, email: address, simulatedIp: "81.2.69.142" });
      const preCreate = await hooks.waitFor((r) => (r.body as { type?: string })?.type === "user.pre_create");
      assert.equal(preCreate.path, "/api/authgear/hooks");
      assert.equal((preCreate.body as { context: { ip_address?: string } }).context.ip_address, "81.2.69.142");
      await hooks.waitFor((r) => (r.body as { type?: string })?.type === "user.created");
      await hooks.waitFor((r) => (r.body as { type?: string })?.type === "user.authenticated");
    } finally {
      await emu.close();
      await hooks.close();
    }
  });

  it("test emulators leave the dev app's hooks out by default (sign-up works with nothing on :3000)", async () => {
    const emu = await startTestEmulator();
    try {
      assert.deepEqual(emu.emulator.config.hooks.blocking, []);
      assert.deepEqual(emu.emulator.config.hooks.nonBlocking, []);
      await signIn(emu.origin, { ...CLIENT, email: email("no-hooks") });
    } finally {
      await emu.close();
    }
  });

  it("fails sign-up like Authgear when the app is down, unless --hooks-fail-open", async () => {
    const down = `http://127.0.0.1:${await closedPort()}`;
    const strict = await startTestEmulator({ appOrigin: down });
    try {
      await assert.rejects(signIn(strict.origin, { ...CLIENT, email: email("down") }), (err: unknown) => {
        assert.ok(err instanceof SignInPageError, String(err));
        assert.match(err.message, /could not be reached/);
        return true;
      });
    } finally {
      await strict.close();
    }

    const logger = recordingLogger();
    const lenient = await startTestEmulator({ appOrigin: down, hooksFailOpen: true, logger });
    try {
      const result = await signIn(lenient.origin, { ...CLIENT, email: email("down-open") });
      assert.ok(result.sub);
      assert.match(logger.lines.join("\n"), /user\.pre_create .*counted as allowed without mutations \(--hooks-fail-open/);
    } finally {
      await lenient.close();
    }
  });

  it("with --hooks-fail-open a hook that times out is skipped, but an invalid answer still fails", async () => {
    const hooks = await startHookServer();
    const logger = recordingLogger();
    const emu = await startTestEmulator({ config: await loadFixtureConfig(fixturePath("hooks.yaml"), { HOOK_ORIGIN: hooks.origin }), hooksFailOpen: true, logger });
    const client = { clientId: "test-jwt", redirectUri: "http://localhost:3000/auth/callback" };
    try {
      hooks.reply = (r) => (r.path === "/pre-create" ? { delayMs: 1_500, body: { is_allowed: true } } : { body: { is_allowed: true } });
      await signIn(emu.origin, { ...client, email: email("slow") });
      assert.match(logger.lines.join("\n"), /no answer within 1000 ms; counted as allowed/);
      hooks.reply = (r) => (r.path === "/pre-create" ? { status: 500, body: { error: "bug" } } : { body: { is_allowed: true } });
      await assert.rejects(signIn(emu.origin, { ...client, email: email("broken") }), /HookInvalidResponse|invalid answer/);
    } finally {
      await emu.close();
      await hooks.close();
    }
  });

  it("the CLI refuses an --app-origin that is not an origin", () => {
    const root = fileURLToPath(new URL("..", import.meta.url));
    for (const bad of ["localhost:3100", "http://localhost:3100/path", "ftp://localhost"]) {
      const run = spawnSync(process.execPath, ["--import", "tsx", "emulator/main.ts", "--port", "0", "--app-origin", bad], { cwd: root, encoding: "utf8", timeout: 20_000 });
      assert.equal(run.status, 1, `${bad}: ${run.stdout}${run.stderr}`);
      assert.match(run.stderr, /--app-origin must be an http\(s\) origin/);
    }
  });
});
