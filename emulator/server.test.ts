import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { userNodeId } from "@/lib/authgear/global-id";
import { PATHS } from "@/lib/authgear/protocol";
import { EmulatorConfigError, loadConfigFile, parseConfigYaml } from "./config";
import { SEEDED_ADMIN_EMAIL } from "./store";
import { adminGraphQL, DEFAULT_CONFIG_PATH, readAdminKey, refreshTokens, signIn, startTestEmulator } from "./testing";

const CLIENT = { clientId: "gradual-web", redirectUri: "http://localhost:3000/auth/callback" };
const LOOKUP = `query($e: String!) { getUserByLoginID(loginIDKey: "email", loginIDValue: $e) { id customAttributes } }`;

describe("emulator state and secrets", () => {
  it("keeps users, grants, tokens, keys and the webhook secret across a restart on the same data dir", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "gradual-emulator-restart-"));
    try {
      const first = await startTestEmulator({ dataDir });
      const email = `restart-${Date.now()}@example.com`;
      const s = await signIn(first.origin, { ...CLIENT, email });
      const write = await adminGraphQL(first.origin, dataDir, `mutation($id: ID!, $ca: UserCustomAttributes) { updateUser(input: {userID: $id, customAttributes: $ca}) { user { id } } }`, {
        id: userNodeId(s.sub),
        ca: { company: "Persisted Ltd" },
      });
      assert.equal(write.body.errors, undefined);
      const keyBefore = await readAdminKey(dataDir);
      const secretBefore = await readFile(join(dataDir, "webhook-secret"), "utf8");
      const jwksBefore: unknown = await (await fetch(new URL(PATHS.jwks, first.origin))).json();
      await first.close();

      const second = await startTestEmulator({ dataDir });
      try {
        const keyAfter = await readAdminKey(dataDir);
        assert.equal(keyAfter.kid, keyBefore.kid);
        assert.equal(keyAfter.pem, keyBefore.pem);
        assert.equal(keyAfter.endpoint, second.origin, "the key description follows the new origin");
        assert.equal(await readFile(join(dataDir, "webhook-secret"), "utf8"), secretBefore);

        const user = (await adminGraphQL(second.origin, dataDir, LOOKUP, { e: email })).body.data!.getUserByLoginID as { id: string; customAttributes: unknown };
        assert.equal(user.id, userNodeId(s.sub));
        assert.deepEqual(user.customAttributes, { company: "Persisted Ltd" });
        const refreshed = await refreshTokens(second.origin, { clientId: "gradual-web", refreshToken: s.refreshToken });
        assert.equal(refreshed.status, 200, "the refresh token survived");
        const { access_token } = (await refreshed.json()) as { access_token: string };
        const info = await fetch(new URL(PATHS.userinfo, second.origin), { headers: { authorization: `Bearer ${access_token}` } });
        assert.equal(info.status, 200);
        // Same signing key and kid, so tokens verified with a cached JWKS stay valid. (The old JWT
        // itself names the old origin, another port here, as its issuer.)
        assert.deepEqual(await (await fetch(new URL(PATHS.jwks, second.origin))).json(), jwksBefore);
      } finally {
        await second.close();
      }

      const reset = await startTestEmulator({ dataDir, reset: true });
      try {
        assert.notEqual((await readAdminKey(dataDir)).kid, keyBefore.kid, "new Admin API key");
        assert.notEqual(await readFile(join(dataDir, "webhook-secret"), "utf8"), secretBefore);
        assert.equal((await adminGraphQL(reset.origin, dataDir, LOOKUP, { e: email })).body.data!.getUserByLoginID, null);
        assert.notEqual((await adminGraphQL(reset.origin, dataDir, LOOKUP, { e: SEEDED_ADMIN_EMAIL })).body.data!.getUserByLoginID, null);
        const refresh = await refreshTokens(reset.origin, { clientId: "gradual-web", refreshToken: s.refreshToken });
        assert.equal(refresh.status, 400);
      } finally {
        await reset.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe("emulator config", () => {
  it("loads the repository's authgear.yaml: project, both clients, every attribute readable by the bearer", () => {
    const config = loadConfigFile(DEFAULT_CONFIG_PATH);
    assert.equal(config.projectId, "gradual-local");
    assert.equal(config.clients.get("gradual-web")?.issue_jwt_access_token, true);
    assert.equal(config.clients.get("gradual-web-opaque")?.issue_jwt_access_token, false);
    for (const client of config.clients.values()) {
      assert.deepEqual(client.redirect_uris, ["http://localhost:3000/auth/callback", "http://localhost:3100/auth/callback", "http://localhost:3104/auth/callback"]);
    }
    assert.deepEqual([...config.allowedOrigins], ["http://localhost:3000", "http://localhost:3100", "http://localhost:3104"]);
    assert.ok(config.attributes.size > 0);
    for (const attr of config.attributes.values()) {
      assert.deepEqual(attr.access_control, { end_user: "readwrite", bearer: "readonly", portal_ui: "readwrite" }, attr.pointer);
    }
    assert.deepEqual(config.localization, { fallbackLanguage: "en", supportedLanguages: ["en", "de", "ja", "zh-HK", "ar"] });
    assert.deepEqual(config.hooks.blocking, [{ event: "user.pre_create", url: "http://localhost:3000/api/authgear/hooks" }]);
    assert.deepEqual(config.hooks.nonBlocking, [
      { events: ["user.created", "user.profile.updated", "user.authenticated"], url: "http://localhost:3000/api/authgear/hooks" },
    ]);
  });

  it("names the offending path when the config is invalid", () => {
    const base = `id: p\nhttp: {public_origin: "http://localhost:3001"}\noauth: {clients: [{client_id: c, redirect_uris: ["http://localhost:3000/cb"]}]}\n`;
    const problem = (yaml: string) => {
      try {
        parseConfigYaml(yaml, "test.yaml");
      } catch (err) {
        assert.ok(err instanceof EmulatorConfigError);
        return err.message;
      }
      assert.fail("accepted");
    };
    assert.match(
      problem(`${base}user_profile: {custom_attributes: {attributes: [{id: a, pointer: /age, type: years}]}}`),
      /test\.yaml[\s\S]*user_profile\.custom_attributes\.attributes\[0\]\.type/,
    );
    assert.match(
      problem(`${base}user_profile: {custom_attributes: {attributes: [{id: a, pointer: /email, type: string}]}}`),
      /attributes\[0\]\.pointer: "email" is a reserved/,
    );
    assert.match(problem(`${base}hook: {blocking_handlers: [{event: user.pre_create, url: "ftp://x"}]}`), /hook\.blocking_handlers\[0\]\.url/);
    assert.match(problem(`${base}localization: {supported_languages: [en, de_DE]}`), /localization\.supported_languages\[1\]: "de_DE" is not a canonical BCP 47 tag/);
    assert.match(problem(`${base}localization: {fallback_language: EN}`), /localization\.fallback_language: "EN"/);
    assert.match(problem(`${base}localization: {supported_languages: []}`), /localization\.supported_languages/);
    assert.deepEqual(parseConfigYaml(base).localization, { fallbackLanguage: "en", supportedLanguages: ["en"] }, "Authgear's defaults");
    assert.deepEqual(parseConfigYaml(`${base}localization: {fallback_language: ja}`).localization, { fallbackLanguage: "ja", supportedLanguages: ["ja"] });
    assert.match(problem(`id: p\noauth: {clients: []}`), /http/);
    assert.match(problem(`id: [unclosed`), /not valid YAML/);
  });
});

describe("emulator CLI", () => {
  it("prints the URL and secret paths, serves, and exits 0 on SIGTERM", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "gradual-emulator-cli-"));
    const root = fileURLToPath(new URL("..", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", "emulator/main.ts", "--port", "0", "--data-dir", dataDir], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (d: Buffer) => {
          out += d.toString();
          if (out.includes("\n")) resolve(out.trim());
        });
        child.once("exit", (code) => reject(new Error(`exited ${code}`)));
        setTimeout(() => reject(new Error(`no output: ${out}`)), 20_000);
      });
      const origin = /ready at (http:\/\/localhost:\d+)/.exec(line)?.[1];
      assert.ok(origin, line);
      assert.ok(line.includes(join(dataDir, "admin-api-key.pem")), line);
      assert.ok(line.includes(join(dataDir, "webhook-secret")), line);
      const health = await fetch(`${origin}/_emulator/health`);
      assert.equal(health.status, 200);
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
