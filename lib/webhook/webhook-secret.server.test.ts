import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createWebhookSecretSource, loadWebhookSecret, WebhookSecretError } from "./webhook-secret.server";

describe("webhook secret", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "gradual-webhook-secret-"));
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  it("prefers AUTHGEAR_WEBHOOK_SECRET", async () => {
    assert.deepEqual(await loadWebhookSecret({ AUTHGEAR_WEBHOOK_SECRET: "from-env", EMULATOR_DATA_DIR: dir }), { secret: "from-env", source: "env" });
  });

  it("otherwise reads the emulator's webhook-secret file, trimmed", async () => {
    await writeFile(join(dir, "webhook-secret"), "abcDEF_123\n");
    const loaded = await loadWebhookSecret({ AUTHGEAR_WEBHOOK_SECRET: undefined, EMULATOR_DATA_DIR: dir });
    assert.deepEqual(loaded, { secret: "abcDEF_123", source: "emulator", path: join(dir, "webhook-secret") });
  });

  it("says what to do when neither exists, or the file is empty", async () => {
    const missing = join(dir, "nowhere");
    await assert.rejects(loadWebhookSecret({ AUTHGEAR_WEBHOOK_SECRET: undefined, EMULATOR_DATA_DIR: missing }), (err: unknown) => {
      assert.ok(err instanceof WebhookSecretError);
      assert.match(err.message, /AUTHGEAR_WEBHOOK_SECRET is not set/);
      assert.ok(err.message.includes(join(missing, "webhook-secret")), err.message);
      assert.match(err.message, /does not exist/);
      return true;
    });
    const empty = join(dir, "empty");
    await import("node:fs/promises").then((fs) => fs.mkdir(empty));
    await writeFile(join(empty, "webhook-secret"), "  \n");
    await assert.rejects(loadWebhookSecret({ AUTHGEAR_WEBHOOK_SECRET: undefined, EMULATOR_DATA_DIR: empty }), /is empty/);
  });

  it("caches, retries after a failure, and re-reads an emulator secret that changed", async () => {
    let loads = 0;
    let current: string | null = null;
    const source = createWebhookSecretSource(async () => {
      loads += 1;
      if (current === null) throw new WebhookSecretError("no file yet");
      return { secret: current, source: "emulator", path: "x" };
    });
    await assert.rejects(source.secret(), /no file yet/);
    current = "first";
    assert.equal(await source.secret(), "first");
    assert.equal(await source.secret(), "first");
    assert.equal(loads, 2, "cached after the first success");
    assert.equal(await source.reload(), null, "unchanged");
    current = "second";
    assert.equal(await source.reload(), "second");
    assert.equal(await source.secret(), "second");
  });

  it("never re-reads an environment secret", async () => {
    let loads = 0;
    const source = createWebhookSecretSource(async () => {
      loads += 1;
      return { secret: "env", source: "env" };
    });
    assert.equal(await source.secret(), "env");
    assert.equal(await source.reload(), null);
    assert.equal(loads, 1);
  });
});
