import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { authorize, exchangeCode, signIn, startTestEmulator } from "./testing";

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
