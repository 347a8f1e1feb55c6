/**
 * Replay protection (ReplayGuard) on its own and inside the webhook handler: a captured, correctly
 * signed request is refused when sent again, and an old one is refused outright; nothing is
 * handled twice.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { signHookBody } from "@/lib/authgear/hook-signature";
import { HOOK_SIGNATURE_HEADER } from "@/lib/authgear/protocol";
import { openSqliteDatabase } from "@/lib/db/database.server";
import { createStore } from "@/lib/db/store.server";
import type { EnrichmentInput } from "@/lib/enrichment/types";
import { profileCatalog } from "@/profile.config";
import { handleAuthgearHook, type HookDeps } from "./handler.server";
import { PendingProvenance } from "./pending-provenance";
import { REPLAY_WINDOW_MS, ReplayGuard } from "./replay-guard";

const SECRET = "replay_test_secret_0123456789abc";
const NOW = Date.parse("2026-11-29T03:00:00.000Z");
const body = (text: string) => new TextEncoder().encode(text);

describe("ReplayGuard", () => {
  it("accepts a body once within the window and refuses it again (409), however often", () => {
    const guard = new ReplayGuard();
    const ts = NOW / 1000;
    assert.deepEqual(guard.check(body("a"), ts, NOW), { ok: true });
    assert.deepEqual(guard.check(body("b"), ts, NOW), { ok: true });
    for (let i = 0; i < 3; i++) {
      const again = guard.check(body("a"), ts, NOW + 1000 * i);
      assert.equal(again.ok, false);
      assert.equal(!again.ok && again.status, 409);
      assert.equal(!again.ok && again.error, "replayed_event");
    }
  });

  it("refuses events more than 5 minutes old or ahead of this server's clock (400), with how far off they are", () => {
    const guard = new ReplayGuard();
    const old = guard.check(body("old"), (NOW - REPLAY_WINDOW_MS - 1000) / 1000, NOW);
    assert.equal(!old.ok && old.status, 400);
    assert.match(!old.ok ? old.message : "", /301 s old/);
    const future = guard.check(body("future"), (NOW + REPLAY_WINDOW_MS + 5000) / 1000, NOW);
    assert.match(!future.ok ? future.message : "", /305 s in the future/);
    assert.equal(guard.check(body("edge"), (NOW - REPLAY_WINDOW_MS) / 1000, NOW).ok, true);
    assert.equal(guard.size, 1, "refused events are not remembered");
  });

  it("forgets bodies once they are out of the window (they would be stale anyway) and never holds more than maxEntries", () => {
    const guard = new ReplayGuard({ windowMs: 1000, maxEntries: 3 });
    guard.check(body("a"), NOW / 1000, NOW);
    guard.check(body("b"), NOW / 1000, NOW + 700);
    assert.equal(guard.size, 2);
    guard.check(body("c"), (NOW + 1600) / 1000, NOW + 1600);
    assert.equal(guard.size, 2, "a expired");
    for (const t of ["d", "e", "f"]) guard.check(body(t), (NOW + 1600) / 1000, NOW + 1600);
    assert.equal(guard.size, 3);
  });
});

describe("the webhook with replay protection", () => {
  const event = (id: string, timestamp = Math.floor(NOW / 1000)) =>
    JSON.stringify({
      id,
      seq: Number.parseInt(id, 16),
      // A type Gradual does not handle: the guard runs before the type is looked at.
      type: "user.deleted",
      payload: {},
      context: { timestamp, user_id: "u1", triggered_by: "user", audit_context: {}, preferred_languages: [], language: "en" },
    });
  const request = (raw: string, signature = signHookBody(SECRET, raw)) => ({
    rawBody: raw,
    headers: { "content-type": "application/json", [HOOK_SIGNATURE_HEADER]: signature },
  });

  async function setup() {
    const store = createStore(await openSqliteDatabase(":memory:"));
    const enriched: EnrichmentInput[] = [];
    const logs: string[] = [];
    const deps: HookDeps = {
      secret: async () => SECRET,
      store: async () => store,
      save: async () => assert.fail("no write expected"),
      enrich: async (input) => (enriched.push(input), { values: [] }),
      catalog: profileCatalog,
      now: () => NOW,
      pending: new PendingProvenance({ now: () => NOW }),
      replay: new ReplayGuard(),
      log: { info: (m: string) => logs.push(m), warn: (m: string) => logs.push(m), error: (m: string) => logs.push(m) },
    };
    return { deps, logs };
  }

  it("refuses a captured request sent again (same bytes, same or re-cased signature) with 409", async () => {
    const { deps, logs } = await setup();
    const raw = event("00000000000000a1");
    assert.equal((await handleAuthgearHook(request(raw), deps)).status, 200);
    const replayed = await handleAuthgearHook(request(raw), deps);
    assert.equal(replayed.status, 409);
    assert.equal(replayed.body.error, "replayed_event");
    const recased = await handleAuthgearHook(request(raw, signHookBody(SECRET, raw).toUpperCase()), deps);
    assert.equal(recased.status, 409);
    assert.ok(logs.some((l) => /replayed_event \(event 00000000000000a1, user.deleted\)/.test(l)), logs.join("\n"));
    // A new event (another id) from Authgear is answered as usual.
    assert.equal((await handleAuthgearHook(request(event("00000000000000a2")), deps)).status, 200);
  });

  it("refuses a correctly signed event from an hour ago with 400, before handling it", async () => {
    const { deps } = await setup();
    const stale = await handleAuthgearHook(request(event("00000000000000b1", Math.floor(NOW / 1000) - 3600)), deps);
    assert.equal(stale.status, 400);
    assert.equal(stale.body.error, "stale_event");
    assert.match(String(stale.body.message), /3600 s old/);
  });

  it("does not remember requests whose signature is wrong (they cannot block the real event)", async () => {
    const { deps } = await setup();
    const raw = event("00000000000000c1");
    assert.equal((await handleAuthgearHook(request(raw, signHookBody("wrong-secret", raw)), deps)).status, 401);
    assert.equal((await handleAuthgearHook(request(raw, ""), deps)).status, 401);
    assert.equal(deps.replay!.size, 0);
    assert.equal((await handleAuthgearHook(request(raw), deps)).status, 200);
  });
});
