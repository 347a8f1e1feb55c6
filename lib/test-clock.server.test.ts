import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parseSettings } from "@/lib/env.server";
import { createServerClock, readClockOffset } from "./test-clock.server";

/** The clock the app runs on for this environment (lib/env.server.ts checks GRADUAL_TEST_CLOCK and finds its file). */
const clockFor = (env: Record<string, string>) => createServerClock(parseSettings(env).clockFile);

const EMULATOR = { AUTHGEAR_ENDPOINT: "http://localhost:3101", EMULATOR_DATA_DIR: "/tmp/e2e/emulator" };

describe("the app's test clock", () => {
  it("is the real clock unless GRADUAL_TEST_CLOCK=emulator", () => {
    assert.equal(clockFor({}), Date.now);
    assert.equal(clockFor({ ...EMULATOR, GRADUAL_TEST_CLOCK: "" }), Date.now);
    assert.equal(parseSettings({ ...EMULATOR, GRADUAL_TEST_CLOCK: "emulator" }).clockFile, "/tmp/e2e/emulator/clock.json");
  });

  it("refuses to start against anything but a local emulator, or with another value, saying how to fix it", () => {
    for (const env of [
      { GRADUAL_TEST_CLOCK: "emulator", AUTHGEAR_ENDPOINT: "https://myapp.authgear.cloud" },
      { GRADUAL_TEST_CLOCK: "emulator", AUTHGEAR_ENDPOINT: "https://localhost:3101" },
      { GRADUAL_TEST_CLOCK: "emulator", AUTHGEAR_ENDPOINT: "http://localhost.example.com" },
      { GRADUAL_TEST_CLOCK: "emulator", ...EMULATOR, AUTHGEAR_ADMIN_API_KEY: "-----BEGIN PRIVATE KEY-----" },
    ]) {
      assert.throws(() => clockFor(env), /GRADUAL_TEST_CLOCK=emulator .* works only against the local emulator.*Unset GRADUAL_TEST_CLOCK/, JSON.stringify(env));
    }
    assert.throws(() => clockFor({ ...EMULATOR, GRADUAL_TEST_CLOCK: "1" }), /must be unset, or "emulator"/);
    assert.doesNotThrow(() => clockFor({ GRADUAL_TEST_CLOCK: "emulator", AUTHGEAR_ENDPOINT: "http://127.0.0.1:3101" }));
    // AUTHGEAR_ENDPOINT unset is the local emulator (its default, http://localhost:3001).
    assert.doesNotThrow(() => clockFor({ GRADUAL_TEST_CLOCK: "emulator" }));
  });

  it("adds the emulator's offset from clock.json, read at every call; none without the file", () => {
    const dir = mkdtempSync(join(tmpdir(), "gradual-clock-"));
    try {
      const now = clockFor({ GRADUAL_TEST_CLOCK: "emulator", AUTHGEAR_ENDPOINT: "http://localhost:3101", EMULATOR_DATA_DIR: dir });
      assert.ok(Math.abs(now() - Date.now()) < 1000);
      writeFileSync(join(dir, "clock.json"), JSON.stringify({ offset_ms: 21 * 3_600_000 }));
      assert.ok(Math.abs(now() - (Date.now() + 21 * 3_600_000)) < 1000);
      writeFileSync(join(dir, "clock.json"), "{ not json");
      assert.throws(() => now(), /is not the emulator's test clock/);
      writeFileSync(join(dir, "clock.json"), JSON.stringify({ offset_ms: -5 }));
      assert.throws(() => readClockOffset(join(dir, "clock.json")), /is not the emulator's test clock/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
