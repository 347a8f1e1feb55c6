import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { authorize, exchangeCode, refreshTokens, signIn, startTestEmulator } from "./testing";

const CLIENT = { clientId: "gradual-web", redirectUri: "http://localhost:3000/auth/callback" };

describe("the emulator's injected clock governs every expiry", () => {
  it("signs in with a clock set a day in the past", async () => {
    const emu = await startTestEmulator({ now: () => new Date(Date.now() - 86_400_000) });
    try {
      const result = await signIn(emu.origin, { email: "past@example.com", ...CLIENT });
      assert.ok(result.accessToken.length > 0);
      assert.ok(result.sub.length > 0);
    } finally {
      await emu.close();
    }
  });

  it("refuses a code once the clock has moved past its 5-minute lifetime", async () => {
    let offset = 0;
    const emu = await startTestEmulator({ now: () => new Date(Date.now() + offset) });
    try {
      const { code, verifier } = await authorize(emu.origin, { email: "late@example.com", ...CLIENT });
      offset = 6 * 60_000;
      const response = await exchangeCode(emu.origin, { code, verifier, ...CLIENT });
      assert.equal(response.status, 400);
      assert.equal(((await response.json()) as { error: string }).error, "invalid_grant");
    } finally {
      await emu.close();
    }
  });
});

describe("POST /_emulator/clock: the test clock the e2e moves (and the app reads from clock.json)", () => {
  const post = (origin: string, body: unknown) =>
    fetch(`${origin}/_emulator/clock`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString("utf8")) as { iat: number; exp: number; auth_time: number };

  it("moves every time it issues forward; a refresh keeps auth_time; clock.json says the offset; reset clears it", async () => {
    const emu = await startTestEmulator();
    try {
      const file = join(emu.dataDir, "clock.json");
      assert.equal(existsSync(file), false, "no offset at start");
      const first = await signIn(emu.origin, { email: "clock@example.com", ...CLIENT });
      const before = claims(first.accessToken);
      const moved = await post(emu.origin, { advance_ms: 21 * 3_600_000 });
      assert.equal(moved.status, 200);
      const snapshot = (await moved.json()) as { now: string; offset_ms: number };
      assert.equal(snapshot.offset_ms, 21 * 3_600_000);
      assert.ok(Math.abs(Date.parse(snapshot.now) - (Date.now() + 21 * 3_600_000)) < 5_000);
      assert.deepEqual(JSON.parse(readFileSync(file, "utf8")), { offset_ms: 21 * 3_600_000 });

      const refreshed = await refreshTokens(emu.origin, { clientId: CLIENT.clientId, refreshToken: first.refreshToken });
      assert.equal(refreshed.status, 200);
      const after = claims(((await refreshed.json()) as { access_token: string }).access_token);
      assert.ok(after.iat - before.iat >= 21 * 3600 - 5, `iat moved 21 h: ${after.iat - before.iat} s`);
      assert.equal(after.auth_time, before.auth_time, "a refresh is the same sign-in");

      await post(emu.origin, { advance_ms: 1000 });
      assert.deepEqual(JSON.parse(readFileSync(file, "utf8")), { offset_ms: 21 * 3_600_000 + 1000 }, "advances add up");
      const reset = await post(emu.origin, { reset: true });
      assert.equal(((await reset.json()) as { offset_ms: number }).offset_ms, 0);
      assert.equal(existsSync(file), false);
      const get = await fetch(`${emu.origin}/_emulator/clock`);
      assert.equal(((await get.json()) as { offset_ms: number }).offset_ms, 0);
    } finally {
      await emu.close();
    }
  });

  it("refuses a clock going backwards, fractions, more than a year and other bodies, saying what it expects", async () => {
    const emu = await startTestEmulator();
    try {
      for (const body of [{ advance_ms: -1 }, { advance_ms: 1.5 }, { advance_ms: 367 * 86_400_000 }, { reset: false }, { advance: 5 }, "soon"]) {
        const res = await post(emu.origin, body);
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.match(((await res.json()) as { error: string }).error, /expected \{"advance_ms": N\} or \{"reset": true\}/);
      }
      const res = await fetch(`${emu.origin}/_emulator/clock`, { method: "POST", body: "{" });
      assert.equal(res.status, 400);
      assert.equal((await fetch(`${emu.origin}/_emulator/clock`, { method: "DELETE" })).status, 405);
    } finally {
      await emu.close();
    }
  });
});
