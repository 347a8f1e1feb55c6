import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { z } from "zod";
import type { AuthenticatedActionOptions } from "./authenticated-action.server";
import { adminAction, FORBIDDEN_MESSAGE } from "./admin-action.server";

type Verify = AuthenticatedActionOptions["verify"];
const verifyAs = (roles: string[]): Verify => (async (token: string | null) =>
  token === "good" ? { ok: true, sub: "u1", authTime: 1, roles, kind: "jwt" } : { ok: false, code: "invalid_token", message: "bad" }) as unknown as Verify;

describe("adminAction", () => {
  const schema = z.object({ n: z.number() }).strict();
  let calls = 0;
  const body = async (_user: unknown, input: { n: number }) => {
    calls++;
    return { ok: true as const, doubled: input.n * 2 };
  };

  it("runs for a user whose roles contain admin", async () => {
    const action = adminAction(schema, body, { verify: verifyAs(["editor", "admin"]) });
    assert.deepEqual(await action("good", { n: 2 }), { ok: true, doubled: 4 });
  });

  it("refuses everyone else with forbidden, without running", async () => {
    calls = 0;
    for (const roles of [[], ["editor"], ["Admin"], ["administrator"]]) {
      const action = adminAction(schema, body, { verify: verifyAs(roles) });
      assert.deepEqual(await action("good", { n: 2 }), { ok: false, error: { code: "forbidden", message: FORBIDDEN_MESSAGE } }, roles.join());
    }
    assert.equal(calls, 0);
  });

  it("an invalid token is unauthenticated, as for every action", async () => {
    const action = adminAction(schema, body, { verify: verifyAs(["admin"]) });
    const result = await action("forged", { n: 2 });
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.error.code, "unauthenticated");
  });
});
