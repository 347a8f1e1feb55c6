import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { parseSettings } from "@/lib/env.server";
import { AdminKeyError, EMULATOR_KEY_FILES, loadAdminApiKey } from "./admin-key.server";

const pem = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "gradual-admin-key-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeEmulatorKey(info: unknown): Promise<void> {
  await writeFile(join(dir, EMULATOR_KEY_FILES.pem), pem);
  await writeFile(join(dir, EMULATOR_KEY_FILES.info), JSON.stringify(info));
}

async function refusal(promise: Promise<unknown>): Promise<AdminKeyError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AdminKeyError, `expected AdminKeyError, got ${String(error)}`);
    return error;
  }
  assert.fail("expected the key to be refused");
}

describe("loadAdminApiKey", () => {
  it("uses AUTHGEAR_ADMIN_API_KEY, its key ID and the project ID when they are set", async () => {
    const env = parseSettings({ AUTHGEAR_ADMIN_API_KEY: pem, AUTHGEAR_ADMIN_API_KEY_ID: "kid-1", AUTHGEAR_PROJECT_ID: "myapp", EMULATOR_DATA_DIR: dir });
    assert.deepEqual(await loadAdminApiKey(env), { privateKeyPem: pem, keyId: "kid-1", projectId: "myapp", source: "env" });
  });

  it("names the missing emulator file and the ways to fix it", async () => {
    const missing = join(dir, "nothing-here");
    const error = await refusal(loadAdminApiKey(parseSettings({ EMULATOR_DATA_DIR: missing })));
    assert.match(error.message, /AUTHGEAR_ADMIN_API_KEY is not set and .*nothing-here\/admin-api-key\.(pem|json) does not exist/);
    assert.match(error.message, /npm run dev/);
    assert.match(error.message, /AUTHGEAR_ADMIN_API_KEY_ID and AUTHGEAR_PROJECT_ID/);
  });

  it("reads the emulator's key files from EMULATOR_DATA_DIR", async () => {
    await writeEmulatorKey({ kid: "emu-kid", project_id: "gradual-local", endpoint: "http://localhost:3001" });
    const key = await loadAdminApiKey(parseSettings({ EMULATOR_DATA_DIR: dir }));
    assert.deepEqual(key, { privateKeyPem: pem, keyId: "emu-kid", projectId: "gradual-local", source: "emulator" });
  });

  it("refuses an emulator key that belongs to an emulator at another endpoint", async () => {
    await writeEmulatorKey({ kid: "emu-kid", project_id: "gradual-local", endpoint: "http://localhost:3101" });
    const error = await refusal(loadAdminApiKey(parseSettings({ EMULATOR_DATA_DIR: dir })));
    assert.match(error.message, /belongs to the emulator at http:\/\/localhost:3101, but AUTHGEAR_ENDPOINT is http:\/\/localhost:3001/);
  });

  it("refuses a key description that is not the emulator's", async () => {
    await writeEmulatorKey({ key: "value" });
    const error = await refusal(loadAdminApiKey(parseSettings({ EMULATOR_DATA_DIR: dir })));
    assert.match(error.message, /admin-api-key\.json is not the emulator's key description/);
  });
});
