import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { z } from "zod";
import type { AuthenticatedActionOptions } from "./authenticated-action.server";
import { authenticatedAction } from "./authenticated-action.server";

type Verify = AuthenticatedActionOptions["verify"];
const silent = { warn() {}, error() {} };
const accept: Verify = async (token) => (token === "good" ? { ok: true, sub: "u1", authTime: 100, roles: [], kind: "jwt" } : { ok: false, code: "expired", message: "expired" });

describe("authenticatedAction", () => {
  const schema = z.object({ name: z.string().min(1) }).strict();

  it("verifies the token before parsing input and before any logic", async () => {
    let ran = 0;
    const action = authenticatedAction(schema, async () => ({ ok: true as const, ran: ++ran }), { verify: accept, log: silent });
    for (const token of ["bad", "", undefined, null, 42]) {
      const result = await action(token as string, { name: 42 } as never);
      assert.equal(result.ok ? "ok" : result.error.code, "unauthenticated", String(token));
      assert.match(result.ok ? "" : result.error.message, /Sign in again/);
    }
    assert.equal(ran, 0);
  });

  it("refuses input that does not match the schema, per field, without running the logic", async () => {
    let ran = 0;
    const action = authenticatedAction(schema, async () => ({ ok: true as const, ran: ++ran }), { verify: accept, log: silent });
    for (const input of [{ name: "" }, { name: "x", extra: 1 }, null, "name", JSON.parse('{"name":"x","__proto__":{"admin":true}}')]) {
      const result = await action("good", input as never);
      assert.equal(result.ok ? "ok" : result.error.code, "invalid_input", JSON.stringify(input));
    }
    assert.equal(ran, 0);
  });

  it("hands the verified user and the parsed input to the logic", async () => {
    const action = authenticatedAction(schema, async (user, input) => ({ ok: true as const, user, input }), { verify: accept, log: silent });
    assert.deepEqual(await action("good", { name: "Ada" }), { ok: true, user: { sub: "u1", authTime: 100, roles: [] }, input: { name: "Ada" } });
  });

  it("says the session could not be checked (not 'sign in again') when Authgear's keys are unreachable", async () => {
    const unreachable: Verify = async () => ({ ok: false, code: "jwks_unreachable", message: "down" });
    const result = await authenticatedAction(schema, async () => ({ ok: true as const }), { verify: unreachable, log: silent })("t", { name: "x" });
    assert.equal(result.ok ? "ok" : result.error.code, "authgear_unavailable");
  });

  it("turns an unexpected exception into a typed result", async () => {
    const action = authenticatedAction(schema, async () => {
      throw new Error("database locked");
    }, { verify: accept, log: silent });
    const result = await action("good", { name: "x" });
    assert.equal(result.ok ? "ok" : result.error.code, "internal");
    assert.doesNotMatch(result.ok ? "" : result.error.message, /database locked/, "internals are logged, not shown");
  });
});
