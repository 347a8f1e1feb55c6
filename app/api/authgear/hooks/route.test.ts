import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { signHookBody } from "@/lib/authgear/hook-signature";
import { HOOK_SIGNATURE_HEADER } from "@/lib/authgear/protocol";

const SECRET = "route_test_secret_0123456789abcd";
process.env.AUTHGEAR_WEBHOOK_SECRET = SECRET;
const { POST, runtime, dynamic } = await import("./route");

const URL_ = "http://localhost/api/authgear/hooks";
const event = JSON.stringify({
  id: "0000000000000001",
  seq: 1,
  type: "user.deleted",
  payload: {},
  // Now: the route refuses events more than 5 min from its clock (replay protection, lib/webhook/replay-guard.ts).
  context: { timestamp: Math.floor(Date.now() / 1000), user_id: null, triggered_by: "system", audit_context: {}, preferred_languages: [], language: "en" },
});

describe("POST /api/authgear/hooks", () => {
  it("runs on Node.js, never cached", () => {
    assert.equal(runtime, "nodejs");
    assert.equal(dynamic, "force-dynamic");
  });

  it("verifies the raw body and answers unhandled events with is_allowed", async () => {
    const res = await POST(
      new Request(URL_, { method: "POST", headers: { "content-type": "application/json", [HOOK_SIGNATURE_HEADER]: signHookBody(SECRET, event) }, body: event }),
    );
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("cache-control"), "no-store");
    assert.deepEqual(await res.json(), { is_allowed: true });
  });

  it("answers 401 for a bad signature", async () => {
    const res = await POST(
      new Request(URL_, { method: "POST", headers: { "content-type": "application/json", [HOOK_SIGNATURE_HEADER]: signHookBody("nope", event) }, body: event }),
    );
    assert.equal(res.status, 401);
  });

  it("refuses an oversized body with 400, by its Content-Length or while streaming", async () => {
    const declared = await POST(
      new Request(URL_, { method: "POST", headers: { "content-type": "application/json", "content-length": String(11 * 1024 * 1024) }, body: "{}" }),
    );
    assert.equal(declared.status, 400);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        if (sent > 200) controller.close();
        else controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const streamed = await POST(new Request(URL_, { method: "POST", headers: { "content-type": "application/json" }, body, duplex: "half" } as RequestInit));
    assert.equal(streamed.status, 400);
    assert.deepEqual(((await streamed.json()) as { error?: unknown }).error, "body_too_large");
    assert.ok(sent < 40, `pulled ${sent} chunks of 64 KiB`);
  });
});
