import assert from "node:assert/strict";
import { after, beforeEach, describe, it } from "node:test";
import type { AdminUser, CustomAttributes } from "@/lib/authgear/admin-api.server";
import { signHookBody } from "@/lib/authgear/hook-signature";
import { HOOK_SIGNATURE_HEADER } from "@/lib/authgear/protocol";
import { openSqliteDatabase, type AppDatabase } from "@/lib/db/database.server";
import { createStore, type Store } from "@/lib/db/store.server";
import { enrich as runEnrichment } from "@/lib/enrichment/enrich";
import { pickFields } from "@/lib/enrichment/fields";
import type { EnrichedValue, EnrichmentInput, EnrichmentProvider } from "@/lib/enrichment/types";
import { createProfileService } from "@/lib/prompt/service.server";
import { profileCatalog } from "@/profile.config";
import { handleAuthgearHook, type HookDeps, type HookResult } from "./handler.server";
import { PendingProvenance } from "./pending-provenance";

const SECRET = "test_secret_0123456789abcdefghijk";
const NOW = Date.parse("2026-11-29T03:00:00.000Z");
const OBSERVED = new Date(NOW).toISOString();
/** What the runner makes of the geoip provider's answer for 81.2.69.142 (location fields may be prefilled: FIELDS). */
const LONDON: EnrichedValue[] = [
  { field: "country", value: "GB", confidence: 0.85, source: "geoip", observedAt: OBSERVED, prefill: true },
  { field: "timezone", value: "Europe/London", confidence: 0.75, source: "geoip", observedAt: OBSERVED, prefill: true },
  { field: "region", value: "England", confidence: 0.6, source: "geoip", observedAt: OBSERVED, prefill: true },
  { field: "city", value: "London", confidence: 0.5, source: "geoip", observedAt: OBSERVED, prefill: true },
];

const context = (overrides: Record<string, unknown> = {}) => ({
  timestamp: Math.floor(NOW / 1000),
  user_id: "u1",
  triggered_by: "user",
  audit_context: {},
  preferred_languages: ["en-GB"],
  language: "en",
  ip_address: "81.2.69.142",
  geo_location_code: null,
  ...overrides,
});

const hookUser = (id: string, custom: Record<string, unknown> = {}) => ({
  id,
  created_at: "2026-11-29T03:00:00Z",
  updated_at: "2026-11-29T03:00:00Z",
  is_anonymous: false,
  is_verified: true,
  is_disabled: false,
  is_deactivated: false,
  is_anonymized: false,
  can_reauthenticate: true,
  standard_attributes: { email: `${id}@example.com` },
  custom_attributes: custom,
  x_web3: {},
  roles: [],
  groups: [],
});

let seq = 0;
function event(type: string, payload: Record<string, unknown>, ctx: Record<string, unknown> = {}) {
  seq += 1;
  return { id: seq.toString(16).padStart(16, "0"), seq, type, payload, context: context(ctx) };
}

function signed(body: unknown, headers: Record<string, string> = {}) {
  const rawBody = typeof body === "string" ? body : JSON.stringify(body);
  return {
    rawBody,
    headers: { "content-type": "application/json", [HOOK_SIGNATURE_HEADER]: signHookBody(SECRET, rawBody), ...headers },
  };
}

class FakeAdmin {
  users = new Map<string, CustomAttributes>();
  calls: string[] = [];
  fail: Error | null = null;
  /** Attributes the fake project does not define: dropped on write, as Authgear does. */
  unconfigured = new Set<string>();
  async getUser(sub: string): Promise<AdminUser | null> {
    this.calls.push(`getUser ${sub}`);
    if (this.fail) throw this.fail;
    const attrs = this.users.get(sub);
    return attrs ? { id: `node-${sub}`, sub, customAttributes: { ...attrs }, standardAttributes: {} } : null;
  }
  async updateCustomAttributes(sub: string, customAttributes: CustomAttributes): Promise<AdminUser> {
    this.calls.push(`update ${sub}`);
    const kept = Object.fromEntries(Object.entries(customAttributes).filter(([name]) => !this.unconfigured.has(name)));
    this.users.set(sub, kept);
    return { id: `node-${sub}`, sub, customAttributes: { ...kept }, standardAttributes: {} };
  }
}

describe("Authgear webhook handler", () => {
  let db: AppDatabase;
  let store: Store;
  let admin: FakeAdmin;
  let enrichCalls: EnrichmentInput[];
  let enrichOptions: Parameters<HookDeps["enrich"]>[1][];
  let enrichImpl: HookDeps["enrich"];
  let logs: string[];
  let deps: HookDeps;

  beforeEach(async () => {
    await db?.destroy();
    db = await openSqliteDatabase(":memory:");
    store = createStore(db);
    admin = new FakeAdmin();
    enrichCalls = [];
    enrichOptions = [];
    logs = [];
    enrichImpl = async () => ({ values: LONDON });
    const log = { info: (m: string) => logs.push(m), warn: (m: string) => logs.push(m), error: (m: string) => logs.push(m) };
    // The webhook saves through the profile service's save path, as in the app (lib/server/services.server.ts).
    const profile = createProfileService({ catalog: profileCatalog, store, admin, enrich: async () => ({ values: [] }), now: () => NOW, log });
    deps = {
      secret: async () => SECRET,
      store: async () => store,
      save: (sub, values) => profile.enrichAndWrite(sub, values),
      enrich: (input, options) => {
        enrichCalls.push(input);
        enrichOptions.push(options);
        return enrichImpl(input, options);
      },
      catalog: profileCatalog,
      now: () => NOW,
      pending: new PendingProvenance({ now: () => NOW }),
      log: { info: (m: string) => logs.push(m), warn: (m: string) => logs.push(m), error: (m: string) => logs.push(m) },
    };
  });
  after(async () => db?.destroy());

  const send = (body: unknown, headers?: Record<string, string>) => handleAuthgearHook(signed(body, headers), deps);
  const preCreate = (custom: Record<string, unknown> = {}, ctx: Record<string, unknown> = {}) =>
    event("user.pre_create", { user: hookUser("u1", custom), identities: [] }, ctx);

  describe("request checks", () => {
    it("answers a correctly signed event", async () => {
      const result = await send(event("user.deleted", { user: hookUser("u1") }));
      assert.deepEqual(result, { status: 200, body: { is_allowed: true } });
    });

    it("refuses a missing signature with 401, before parsing (reject mode)", async () => {
      deps.badSignature = "reject";
      let parsed = false;
      const { rawBody, headers } = signed(preCreate());
      const { [HOOK_SIGNATURE_HEADER]: _dropped, ...unsigned } = headers;
      deps.enrich = async () => {
        parsed = true;
        return { values: [] };
      };
      const result = await handleAuthgearHook({ rawBody, headers: unsigned }, deps);
      assert.equal(result.status, 401);
      assert.equal(result.body.error, "invalid_signature");
      assert.equal(parsed, false);
    });

    it("refuses a signature made with another secret, a malformed one, and a body altered by one byte (reject mode)", async () => {
      deps.badSignature = "reject";
      const body = JSON.stringify(preCreate());
      const other = await handleAuthgearHook(
        { rawBody: body, headers: { "content-type": "application/json", [HOOK_SIGNATURE_HEADER]: signHookBody("another-secret", body) } },
        deps,
      );
      assert.equal(other.status, 401);
      const garbage = await handleAuthgearHook({ rawBody: body, headers: { "content-type": "application/json", [HOOK_SIGNATURE_HEADER]: "zz" } }, deps);
      assert.equal(garbage.status, 401);

      const { rawBody, headers } = signed(body);
      const bytes = Buffer.from(rawBody, "utf8");
      const at = bytes.indexOf("81.2.69.142");
      bytes[at] = "9".charCodeAt(0); // 91.2.69.142: still valid JSON, a different IP
      assert.notEqual(bytes.toString("utf8"), rawBody);
      const altered = await handleAuthgearHook({ rawBody: new Uint8Array(bytes), headers }, deps);
      assert.equal(altered.status, 401);
      assert.equal(enrichCalls.length, 0, "nothing was enriched for refused requests");
    });

    it("accepts a signature in upper-case hex and reads Headers objects", async () => {
      const { rawBody, headers } = signed(event("user.deleted", { user: hookUser("u1") }));
      const h = new Headers({ "Content-Type": "application/json; charset=utf-8", [HOOK_SIGNATURE_HEADER]: headers[HOOK_SIGNATURE_HEADER].toUpperCase() });
      assert.equal((await handleAuthgearHook({ rawBody, headers: h }, deps)).status, 200);
    });

    it("re-reads a secret that changed (emulator reset) once, after a mismatch", async () => {
      let reloads = 0;
      deps.secret = async () => "the-old-secret";
      deps.reloadSecret = async () => {
        reloads += 1;
        return SECRET;
      };
      assert.equal((await send(event("user.deleted", { user: hookUser("u1") }))).status, 200);
      assert.equal(reloads, 1);
      deps.reloadSecret = async () => null;
      assert.equal((await send(event("user.deleted", { user: hookUser("u1") }))).status, 401);
    });
  });

  describe("bad signatures (AUTHGEAR_WEBHOOK_BAD_SIGNATURE)", () => {
    let clock: number;
    beforeEach(() => {
      clock = NOW;
      deps.now = () => clock;
      deps.replay = undefined;
    });
    const forged = (body: unknown, secret = "not-the-project-secret") => {
      const rawBody = JSON.stringify(body);
      return handleAuthgearHook({ rawBody, headers: { "content-type": "application/json", [HOOK_SIGNATURE_HEADER]: signHookBody(secret, rawBody) } }, deps);
    };
    const signatureLines = () => logs.filter((l) => l.includes("signature does not verify"));

    it("allow (the default): a blocking event is allowed with no mutations, nothing is enriched; other events get 401", async () => {
      assert.equal(deps.badSignature, undefined);
      assert.deepEqual(await forged(preCreate()), { status: 200, body: { is_allowed: true } });
      assert.deepEqual(await forged(event("user.profile.pre_update", { user: hookUser("u1", { city: "Rome" }) })), { status: 200, body: { is_allowed: true } });
      assert.equal(enrichCalls.length, 0);
      assert.deepEqual(await store.provenance("u1"), {}, "nothing recorded from an unverified body");
      assert.equal((await forged(event("user.authenticated", { user: hookUser("u1"), session: { id: "s", type: "offline_grant" } }))).status, 401);
      assert.equal((await handleAuthgearHook({ rawBody: "not json", headers: { "content-type": "application/json", [HOOK_SIGNATURE_HEADER]: "00" } }, deps)).status, 401);
      assert.deepEqual(admin.calls, []);
    });

    it("answers at once when the state store hangs while the problem is recorded", async () => {
      deps.store = () => new Promise(() => {});
      const started = Date.now();
      assert.deepEqual(await forged(preCreate()), { status: 200, body: { is_allowed: true } });
      assert.ok(Date.now() - started < 1_000, `answered after ${Date.now() - started} ms`);
      assert.equal(signatureLines().length, 1, "the log line does not wait for the store");
    });

    it("reject: every bad-signature request gets 401", async () => {
      deps.badSignature = "reject";
      const result = await forged(preCreate());
      assert.equal(result.status, 401);
      assert.equal(result.body.error, "invalid_signature");
      assert.equal(enrichCalls.length, 0);
    });

    it("logs at most once a minute with the fix, and /admin's list has it with its count; a verified request resolves it", async () => {
      await forged(preCreate());
      clock += 20_000;
      await forged(preCreate());
      clock += 20_000;
      await forged(preCreate());
      assert.equal(signatureLines().length, 1);
      assert.match(signatureLines()[0]!, /AUTHGEAR_WEBHOOK_SECRET does not match the project's hook signing secret/);
      assert.match(signatureLines()[0]!, /Fix: Set AUTHGEAR_WEBHOOK_SECRET .*Portal → Advanced → Hooks → Webhook Signature/);
      clock += 20_000;
      await forged(preCreate());
      assert.equal(signatureLines().length, 2);
      assert.match(signatureLines()[1]!, /\(3 times in the last 60 s\)/);
      const [problem] = await store.configProblems();
      assert.deepEqual([problem?.key, problem?.count, problem?.lastSeenAt, problem?.resolvedAt], ["webhook_bad_signature", 4, NOW + 60_000, null]);

      clock += 1_000;
      assert.equal((await send(event("user.deleted", { user: hookUser("u1") }, { timestamp: Math.floor(clock / 1000) }))).status, 200);
      assert.equal((await store.configProblems())[0]?.resolvedAt, clock);
    });
  });

  describe("request checks, continued", () => {

    it("answers 500 with a clear log line when no secret is configured", async () => {
      deps.secret = async () => {
        throw new Error("No webhook secret: AUTHGEAR_WEBHOOK_SECRET is not set");
      };
      const result = await send(preCreate());
      assert.equal(result.status, 500);
      assert.equal(result.body.error, "webhook_secret_unavailable");
      assert.match(logs.join("\n"), /AUTHGEAR_WEBHOOK_SECRET is not set/);
    });

    it("refuses other content types with 415", async () => {
      const body = preCreate();
      assert.equal((await send(body, { "content-type": "text/plain" })).status, 415);
      assert.equal((await send(body, { "content-type": "application/x-www-form-urlencoded" })).status, 415);
      const { rawBody, headers } = signed(body);
      const { "content-type": _ct, ...noType } = headers;
      const missing = await handleAuthgearHook({ rawBody, headers: noType }, deps);
      assert.equal(missing.status, 415);
      assert.equal(missing.body.error, "unsupported_media_type");
    });

    it("refuses a body over the limit with 400, even when signed", async () => {
      deps.bodyLimitBytes = 1024;
      const big = event("user.deleted", { user: hookUser("u1"), padding: "x".repeat(2000) });
      const result = await send(big);
      assert.equal(result.status, 400);
      assert.equal(result.body.error, "body_too_large");
    });

    it("refuses truncated JSON, invalid UTF-8 and non-events with 400 (signed, so parsing was reached)", async () => {
      const text = JSON.stringify(preCreate());
      const truncated = await send(text.slice(0, text.length - 7));
      assert.deepEqual([truncated.status, truncated.body.error], [400, "malformed_json"]);

      const bytes = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
      const utf8 = await handleAuthgearHook(
        { rawBody: bytes, headers: { "content-type": "application/json", [HOOK_SIGNATURE_HEADER]: signHookBody(SECRET, bytes) } },
        deps,
      );
      assert.deepEqual([utf8.status, utf8.body.error], [400, "malformed_json"]);

      const notEvent = await send({ hello: "world" });
      assert.deepEqual([notEvent.status, notEvent.body.error], [400, "invalid_event"]);
      const array = await send([1, 2]);
      assert.equal(array.status, 400);
    });

    it("refuses a handled event whose payload does not match the schema with 400", async () => {
      const bad = event("user.pre_create", { user: { id: "u1" }, identities: [] });
      const result = await send(bad);
      assert.equal(result.status, 400);
      assert.equal(result.body.error, "invalid_event");
      assert.match(String(result.body.message), /user\.pre_create/);
      const badTrigger = event("user.profile.updated", { user: hookUser("u1") }, { triggered_by: "robot" });
      assert.equal((await send(badTrigger)).status, 400);
    });

    it("allows events it does not handle, without looking at their payload", async () => {
      for (const type of ["user.deleted", "oidc.jwt.pre_create", "user.reauthenticated", "identity.email.added"]) {
        const result = await send(event(type, { anything: [1, 2, 3] }));
        assert.deepEqual(result, { status: 200, body: { is_allowed: true } }, type);
      }
      assert.equal(enrichCalls.length, 0);
    });
  });

  describe("user.pre_create", () => {
    const mutation = (result: HookResult) =>
      (result.body as { mutations?: { user?: { custom_attributes?: Record<string, unknown> } } }).mutations?.user?.custom_attributes;

    it("answers the WHOLE custom-attributes object: existing attributes kept, empty enrichable ones filled", async () => {
      const result = await send(preCreate({ job_title: "CTO", legacy_flag: "keep me" }));
      assert.equal(result.status, 200);
      assert.deepEqual(result.body, {
        is_allowed: true,
        mutations: {
          user: {
            custom_attributes: { job_title: "CTO", legacy_flag: "keep me", city: "London", country: "GB", timezone: "Europe/London" },
          },
        },
      });
      assert.deepEqual(enrichCalls, [{ ip: "81.2.69.142", hookContext: { geo_location_code: null, preferred_languages: ["en-GB"] } }]);
    });

    it("never overwrites a value already in the payload (unknown origin counts as the user's)", async () => {
      const result = await send(preCreate({ city: "Manchester" }));
      assert.deepEqual(mutation(result), { city: "Manchester", country: "GB", timezone: "Europe/London" });
    });

    it("answers without mutations when nothing changes", async () => {
      const filled = await send(preCreate({ city: "Paris", country: "FR", timezone: "Europe/Paris" }));
      assert.deepEqual(filled.body, { is_allowed: true });
      enrichImpl = async () => ({ values: [] });
      assert.deepEqual((await send(preCreate())).body, { is_allowed: true });
    });

    it("skips values the attribute's rule refuses (a bad mutation would fail the sign-up)", async () => {
      enrichImpl = async () => ({
        values: [
          { field: "country", value: "ZZ", confidence: 0.9, source: "geoip", observedAt: OBSERVED },
          { field: "timezone", value: "Europe/London", confidence: 0.75, source: "geoip", observedAt: OBSERVED },
        ],
      });
      assert.deepEqual(mutation(await send(preCreate())), { timezone: "Europe/London" });
    });

    it("does not enrich users created through the Admin API or the Portal (their IP is the caller's server)", async () => {
      for (const triggered_by of ["admin_api", "portal", "system"]) {
        assert.deepEqual((await send(preCreate({}, { triggered_by }))).body, { is_allowed: true }, triggered_by);
      }
      assert.equal(enrichCalls.length, 0);
    });

    it("passes Authgear's geo_location_code and languages to enrichment", async () => {
      await send(preCreate({}, { geo_location_code: "GB", ip_address: undefined, preferred_languages: ["de-DE", "en"] }));
      assert.deepEqual(enrichCalls[0], { ip: null, hookContext: { geo_location_code: "GB", preferred_languages: ["de-DE", "en"] } });
    });

    it("still answers within its budget when enrichment never returns (fail open)", async () => {
      deps.blockingBudgetMs = 150;
      enrichImpl = () => new Promise(() => {});
      const started = Date.now();
      const result = await send(preCreate({ job_title: "CTO" }));
      const elapsed = Date.now() - started;
      assert.deepEqual(result, { status: 200, body: { is_allowed: true } });
      assert.ok(elapsed < 1000, `answered after ${elapsed} ms`);
      assert.match(logs.join("\n"), /enrichment skipped \(no result within 150 ms\)/);
    });

    it("with the real runner, a hanging provider costs only its budget and the others still fill", async () => {
      const hanging: EnrichmentProvider = { name: "remote", fields: pickFields("city", "country"), timeBudgetMs: 5_000, thirdParty: false, lookup: () => new Promise(() => {}) };
      const local: EnrichmentProvider = { name: "geoip", fields: pickFields("country", "timezone", "city"), timeBudgetMs: 100, thirdParty: false, lookup: async () => LONDON };
      deps.enrich = (input, options) => runEnrichment([hanging, local], input, { budgetMs: 200, ...options });
      const started = Date.now();
      const result = await send(preCreate());
      const elapsed = Date.now() - started;
      assert.ok(elapsed < 1000, `answered after ${elapsed} ms`);
      assert.deepEqual(mutation(result), { city: "London", country: "GB", timezone: "Europe/London" });
    });

    it("still answers when the store is down or the warm-up fails, and enriches nothing for an opted-out id", async () => {
      deps.store = async () => {
        throw new Error("database is locked");
      };
      assert.deepEqual((await send(preCreate())).body, { is_allowed: true });
      deps.store = async () => store;
      deps.warm = async () => {
        throw new Error("geo database unreadable");
      };
      assert.deepEqual((await send(preCreate())).body, { is_allowed: true });
      deps.warm = undefined;
      await store.setEnrichmentOptOut("u1", true, NOW);
      assert.deepEqual((await send(preCreate())).body, { is_allowed: true });
      assert.equal(enrichCalls.length, 0);
    });
  });

  describe("the input and phase of each event's enrichment", () => {
    const verified = (id: string, custom: Record<string, unknown> = {}) => ({ ...hookUser(id, custom), standard_attributes: { email: `${id}@acme-robotics.com`, email_verified: true } });

    it("user.pre_create runs phase sign-up with the email Authgear verified, and no consent yet", async () => {
      await send(event("user.pre_create", { user: verified("u1"), identities: [] }));
      assert.deepEqual(enrichCalls, [{ ip: "81.2.69.142", hookContext: { geo_location_code: null, preferred_languages: ["en-GB"] }, email: "u1@acme-robotics.com" }]);
      assert.equal(enrichOptions[0]?.phase, "sign-up");
      assert.equal(enrichOptions[0]?.consent, undefined);
      assert.ok(enrichOptions[0]?.signal, "within the blocking budget");
    });

    it("an unverified address is never handed to a provider", async () => {
      await send(event("user.pre_create", { user: { ...hookUser("u1"), standard_attributes: { email: "u1@acme-robotics.com", email_verified: false } }, identities: [] }));
      assert.equal(enrichCalls[0]?.email, undefined);
    });

    it("user.created runs phase after-sign-up for the new user through the profile service, only for sign-ups by the user", async () => {
      const runs: [string, string, EnrichmentInput][] = [];
      deps.enrichUser = async (sub, phase, input) => {
        runs.push([sub, phase, input]);
        return [];
      };
      await send(event("user.created", { user: verified("u5", { job_title: "Dev" }), identities: [] }));
      assert.deepEqual(runs, [["u5", "after-sign-up", { ip: "81.2.69.142", hookContext: { geo_location_code: null, preferred_languages: ["en-GB"] }, email: "u5@acme-robotics.com" }]]);
      await send(event("user.created", { user: verified("u6"), identities: [] }, { triggered_by: "admin_api" }));
      assert.equal(runs.length, 1, "not for a user created through the Admin API or the Portal");
    });

    it("a failing run after sign-up is logged, after the provenance was recorded", async () => {
      deps.enrichUser = async () => {
        throw new Error("Admin API unreachable");
      };
      await send(preCreate({}));
      const result = await send(event("user.created", { user: hookUser("u1", { city: "London", country: "GB", timezone: "Europe/London" }), identities: [] }));
      assert.equal(result.status, 500);
      assert.equal((await store.provenance("u1")).city?.source, "geoip");
      assert.match(logs.join("\n"), /user\.created .*Admin API unreachable/);
    });

    it("user.authenticated runs phase login with the user's consent from the store", async () => {
      admin.users.set("old", {});
      await store.setEnrichmentConsent("old", true, NOW);
      await send(event("user.authenticated", { user: verified("old"), session: { id: "s1", type: "offline_grant" } }));
      assert.equal(enrichOptions[0]?.phase, "login");
      assert.equal(enrichOptions[0]?.consent, "granted");
      assert.equal(enrichCalls[0]?.email, "old@acme-robotics.com");
    });
  });

  describe("user.created", () => {
    it("records the provenance of what pre_create wrote, for the values the new user has", async () => {
      await send(preCreate({ job_title: "CTO" }));
      enrichImpl = async () => {
        throw new Error("must not recompute when pre_create's records are kept");
      };
      // Another hook later in the chain replaced the city: only country and timezone are ours.
      const created = event("user.created", { user: hookUser("u1", { job_title: "CTO", city: "Leeds", country: "GB", timezone: "Europe/London" }), identities: [] });
      assert.deepEqual(await send(created), { status: 200, body: { is_allowed: true } });
      const rows = (await store.provenance("u1"));
      assert.deepEqual(rows, {
        country: { source: "geoip", confidence: 0.85, at: OBSERVED, confirmed: false, value: "GB" },
        timezone: { source: "geoip", confidence: 0.75, at: OBSERVED, confirmed: false, value: "Europe/London" },
      });
      assert.equal(deps.pending.size, 0);
    });

    it("notices what pre_create answered and Authgear did not store (attribute not configured)", async () => {
      await send(preCreate({}));
      const created = event("user.created", { user: hookUser("u1", { city: "London", country: "GB" }), identities: [] });
      assert.equal((await send(created)).status, 200);
      assert.deepEqual((await store.configProblems()).map((p) => p.key), ["attribute_not_configured:timezone"]);
      assert.match(logs.join("\n"), /"timezone" is not configured in Authgear/);
    });

    it("recomputes from the sign-up context when the records were lost (restart, another instance)", async () => {
      const created = event("user.created", { user: hookUser("u2", { city: "London", country: "FR", timezone: "Europe/London" }), identities: [] });
      assert.equal((await send(created)).status, 200);
      assert.equal(enrichCalls.length, 1);
      const rows = (await store.provenance("u2"));
      assert.deepEqual(Object.keys(rows).sort(), ["city", "timezone"], "FR is not what enrichment says, so it is not vouched for");
      assert.equal(rows.city?.source, "geoip");
    });

    it("does nothing for a user without enrichable values", async () => {
      await send(event("user.created", { user: hookUser("u3", { job_title: "Dev" }), identities: [] }));
      assert.equal(enrichCalls.length, 0);
      assert.deepEqual(await store.provenance("u3"), {});
    });
  });

  describe("profile edits by the user", () => {
    async function seed() {
      await store.writeProvenance("u1", {
        city: { source: "geoip", confidence: 0.5, at: new Date(NOW - 1000).toISOString(), confirmed: false, value: "London" },
        country: { source: "geoip", confidence: 0.85, at: new Date(NOW - 1000).toISOString(), confirmed: false, value: "GB" },
        timezone: { source: "geoip", confidence: 0.75, at: new Date(NOW - 1000).toISOString(), confirmed: false, value: "Europe/London" },
      });
    }

    it("user.profile.updated marks changed and cleared attributes as the user's, leaves the rest", async () => {
      await seed();
      const updated = event("user.profile.updated", { user: hookUser("u1", { city: "Paris", timezone: "Europe/London", job_title: "CTO" }) });
      assert.deepEqual(await send(updated), { status: 200, body: { is_allowed: true } });
      const rows = (await store.provenance("u1"));
      assert.deepEqual(rows.city, { source: "user", confidence: 1, at: OBSERVED, confirmed: true, value: "Paris" });
      assert.deepEqual(rows.country, { source: "user", confidence: 1, at: OBSERVED, confirmed: true }, "cleared: remembered");
      assert.equal(rows.timezone?.source, "geoip", "unchanged stays enriched");
      assert.equal(rows.job_title, undefined, "no record: origin unknown, already treated as the user's");
    });

    it("ignores edits made through the Admin API (the app records its own saves)", async () => {
      await seed();
      await send(event("user.profile.updated", { user: hookUser("u1", { city: "Paris" }) }, { triggered_by: "admin_api" }));
      assert.equal((await store.provenance("u1")).city?.source, "geoip");
    });

    it("user.profile.pre_update records the same and always allows, without mutations", async () => {
      await seed();
      const result = await send(event("user.profile.pre_update", { user: hookUser("u1", { city: "Berlin", country: "GB", timezone: "Europe/London" }) }));
      assert.deepEqual(result, { status: 200, body: { is_allowed: true } });
      assert.equal((await store.provenance("u1")).city?.value, "Berlin");
      deps.store = async () => {
        throw new Error("database is locked");
      };
      const failing = await send(event("user.profile.pre_update", { user: hookUser("u1", { city: "Rome" }) }));
      assert.deepEqual(failing, { status: 200, body: { is_allowed: true } });
    });
  });

  describe("user.authenticated", () => {
    const authenticated = (id: string, custom: Record<string, unknown>, ctx: Record<string, unknown> = {}) =>
      event("user.authenticated", { user: hookUser(id, custom), session: { id: "s1", type: "offline_grant" } }, ctx);

    it("fills an existing user's empty enrichable attributes through the Admin API, whole object, with provenance", async () => {
      admin.users.set("old", { job_title: "CTO", city: "Bristol" });
      const result = await send(authenticated("old", { job_title: "CTO", city: "Bristol" }));
      assert.deepEqual(result, { status: 200, body: { is_allowed: true } });
      assert.deepEqual(admin.calls, ["getUser old", "update old"]);
      assert.deepEqual(admin.users.get("old"), { job_title: "CTO", city: "Bristol", country: "GB", timezone: "Europe/London" });
      const rows = (await store.provenance("old"));
      assert.deepEqual(Object.keys(rows).sort(), ["country", "timezone"]);
      assert.equal(rows.country?.value, "GB");
    });

    it("merges over the user as Authgear has it now, not the event's copy", async () => {
      admin.users.set("old", { job_title: "CEO", country: "IE" });
      await send(authenticated("old", {}));
      assert.deepEqual(admin.users.get("old"), { job_title: "CEO", country: "IE", city: "London", timezone: "Europe/London" });
    });

    it("skips users whose enrichable attributes are all filled, users who opted out, and empty enrichment", async () => {
      admin.users.set("full", { city: "Paris", country: "FR", timezone: "Europe/Paris" });
      await send(authenticated("full", { city: "Paris", country: "FR", timezone: "Europe/Paris" }));
      admin.users.set("out", {});
      await store.setEnrichmentOptOut("out", true, NOW);
      await send(authenticated("out", {}));
      assert.equal(enrichCalls.length, 0);
      enrichImpl = async () => ({ values: [] });
      admin.users.set("local", {});
      await send(authenticated("local", {}, { ip_address: "127.0.0.1" }));
      assert.deepEqual(admin.calls, []);
    });

    it("notices enrichment Authgear dropped (attribute not configured): logged with the fix, on /admin's list, no provenance", async () => {
      admin.users.set("old", { job_title: "CTO" });
      admin.unconfigured.add("timezone");
      assert.equal((await send(authenticated("old", {}))).status, 200);
      assert.deepEqual(admin.users.get("old"), { job_title: "CTO", country: "GB", city: "London" });
      assert.deepEqual(Object.keys((await store.provenance("old"))).sort(), ["city", "country"]);
      assert.match(logs.join("\n"), /"timezone" is not configured in Authgear: it was dropped on write.*npm run authgear:config/);
      assert.deepEqual((await store.configProblems()).map((p) => p.key), ["attribute_not_configured:timezone"]);
    });

    it("serializes with the user's save lock", async () => {
      admin.users.set("old", {});
      const order: string[] = [];
      const holding = store.withUserLock("old", async () => {
        order.push("save start");
        await new Promise((r) => setTimeout(r, 50));
        admin.users.set("old", { job_title: "saved meanwhile" });
        order.push("save end");
      });
      const hook = send(authenticated("old", {})).then(() => order.push("hook done"));
      await Promise.all([holding, hook]);
      assert.deepEqual(order, ["save start", "save end", "hook done"]);
      assert.equal(admin.users.get("old")?.job_title, "saved meanwhile", "the save made while the hook waited is kept");
    });

    it("answers 500 and logs when the Admin API fails (Authgear ignores it)", async () => {
      admin.users.set("old", {});
      admin.fail = new Error("Authgear Admin API is unreachable");
      const result = await send(authenticated("old", {}));
      assert.equal(result.status, 500);
      assert.equal(result.body.error, "processing_failed");
      assert.match(logs.join("\n"), /user\.authenticated .*unreachable/);
    });
  });
});
