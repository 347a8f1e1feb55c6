import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, beforeEach, describe, it } from "node:test";
import { decodeJwt } from "jose";
import { userNodeId } from "@/lib/authgear/global-id";
import {
  hookEventId,
  userAuthenticatedEventSchema,
  userCreatedEventSchema,
  userPreCreateEventSchema,
  userProfilePreUpdateEventSchema,
  userProfileUpdatedEventSchema,
} from "@/lib/authgear/hook-events";
import { verifyHookSignature } from "@/lib/authgear/hook-signature";
import { CLAIMS, HOOK_SIGNATURE_HEADER, PATHS } from "@/lib/authgear/protocol";
import type { Logger } from "./hooks";
import {
  adminGraphQL,
  fixturePath,
  loadFixtureConfig,
  signIn,
  SignInPageError,
  startHookServer,
  startTestEmulator,
  type HookRequest,
  type HookServer,
  type TestEmulator,
} from "./testing";

const CLIENT = { clientId: "test-jwt", redirectUri: "http://localhost:3000/auth/callback" };
const LOOKUP = `query($e: String!) { getUserByLoginID(loginIDKey: "email", loginIDValue: $e) { id customAttributes } }`;
const UPDATE = `mutation($id: ID!, $ca: UserCustomAttributes) { updateUser(input: {userID: $id, customAttributes: $ca}) { user { customAttributes } } }`;

let n = 0;
const freshEmail = () => `hooks${++n}-${Date.now()}@example.com`;

type Envelope = { type: string; seq: number; id: string; context: { preferred_languages: string[]; language: string }; payload: { user: { id: string; standard_attributes: Record<string, unknown>; custom_attributes: Record<string, unknown> } } };
const envelope = (r: HookRequest) => r.body as Envelope;
const forEmail = (email: string) => (r: HookRequest) => envelope(r)?.payload?.user?.standard_attributes?.email === email;

describe("emulator hooks", () => {
  let hooks: HookServer;
  let emu: TestEmulator;
  const notes: string[] = [];
  const logger: Logger = { info: (m) => notes.push(m), warn: (m) => notes.push(m), error: (m) => notes.push(m) };

  before(async () => {
    hooks = await startHookServer();
    emu = await startTestEmulator({ config: await loadFixtureConfig(fixturePath("hooks.yaml"), { HOOK_ORIGIN: hooks.origin }), logger });
  });
  after(async () => {
    await emu.close();
    await hooks.close();
  });
  beforeEach(() => {
    hooks.reply = () => ({ body: { is_allowed: true } });
  });

  const lookup = async (email: string) =>
    (await adminGraphQL(emu.origin, emu.dataDir, LOOKUP, { e: email })).body.data!.getUserByLoginID as { id: string; customAttributes: Record<string, unknown> } | null;

  /** Signs up `email` expecting the page to refuse; returns its alerts. */
  const refusedSignUp = async (email: string, status: number) => {
    try {
      await signIn(emu.origin, { ...CLIENT, email });
    } catch (err) {
      assert.ok(err instanceof SignInPageError, String(err));
      assert.equal(err.status, status);
      return err.alerts.join(" | ");
    }
    assert.fail("the sign-up was not refused");
  };

  it("logs and skips authgeardeno:// handlers", () => {
    assert.ok(notes.some((m) => m.includes("authgeardeno:///deno/pre-create.ts")));
  });

  it("signs every delivery with the webhook secret (hex HMAC-SHA256 of the raw body)", async () => {
    const email = freshEmail();
    await signIn(emu.origin, { ...CLIENT, email });
    await emu.emulator.settled();
    const secret = await readFile(join(emu.dataDir, "webhook-secret"), "utf8");
    assert.match(secret, /^[0-9a-zA-Z_]{32}$/);
    const delivered = hooks.requests.filter(forEmail(email));
    assert.deepEqual(delivered.map((r) => r.path).sort(), ["/events", "/events", "/pre-create"]);
    for (const r of delivered) {
      assert.equal(r.headers["content-type"], "application/json");
      const signature = r.headers[HOOK_SIGNATURE_HEADER] as string;
      assert.match(signature, /^[0-9a-f]{64}$/);
      assert.ok(verifyHookSignature(secret, r.rawBody, signature));
      assert.ok(!verifyHookSignature(secret, `${r.rawBody} `, signature), "a changed body no longer matches");
    }
  });

  it("sends user.pre_create with the new user, its identity and Authgear's context", async () => {
    const email = freshEmail();
    await signIn(emu.origin, {
      ...CLIENT,
      email,
      simulatedIp: "81.2.69.160",
      state: "st-1",
      uiLocales: ["de-CH", "en"],
      headers: { "user-agent": "HookTest/1.0", "accept-language": "fr" },
    });
    const raw = await hooks.waitFor((r) => r.path === "/pre-create" && forEmail(email)(r));
    const event = userPreCreateEventSchema.parse(raw.body);
    assert.equal(event.id, hookEventId(event.seq));
    assert.match(event.id, /^[0-9a-f]{16}$/);
    const { user, identities } = event.payload;
    assert.match(user.id, /^[0-9a-f-]{36}$/);
    assert.equal(user.standard_attributes.email, email);
    assert.equal(user.is_verified, true);
    assert.deepEqual(user.custom_attributes, {});
    assert.deepEqual(user.x_web3, {});
    assert.equal(identities[0]!.type, "login_id");
    assert.equal(identities[0]!.claims.email, email);
    const ctx = event.context;
    assert.equal(ctx.triggered_by, "user");
    assert.equal(ctx.user_id, user.id);
    assert.equal(ctx.ip_address, "81.2.69.160");
    assert.equal(ctx.geo_location_code, null);
    assert.deepEqual(ctx.preferred_languages, ["de-CH", "en"], "ui_locales win over Accept-Language");
    assert.equal(ctx.language, "de", "resolved against localization.supported_languages as Go's matcher does");
    assert.equal(ctx.user_agent, "HookTest/1.0");
    assert.equal(ctx.app_id, "gradual-test");
    assert.equal(ctx.client_id, "test-jwt");
    assert.deepEqual(ctx.oauth, { state: "st-1" });
    assert.match(String(ctx.audit_context.http_url), /\/oauth2\/authorize$/);

    // Without ui_locales: Accept-Language by q; without a simulated IP: the socket address.
    const other = freshEmail();
    await signIn(emu.origin, { ...CLIENT, email: other, headers: { "accept-language": "en;q=0.5, pt-BR" } });
    const second = userPreCreateEventSchema.parse((await hooks.waitFor((r) => r.path === "/pre-create" && forEmail(other)(r))).body);
    assert.deepEqual(second.context.preferred_languages, ["pt-BR", "en"]);
    assert.equal(second.context.language, "en", "pt-BR is not supported; en is");
    assert.match(second.context.ip_address ?? "", /^(127\.0\.0\.1|::1)$/);
    assert.ok(second.seq > event.seq);
  });

  it("gives every event of a sign-in the languages Authgear derives: ui_locales first, matched like Go's matcher", async () => {
    const cases: { uiLocales?: string[]; acceptLanguage?: string; preferred: string[]; language: string }[] = [
      { uiLocales: ["zh-TW"], acceptLanguage: "de", preferred: ["zh-TW"], language: "zh-HK" },
      { uiLocales: ["ja-JP", "en"], preferred: ["ja-JP", "en"], language: "ja" },
      { acceptLanguage: "ar-EG,ar;q=0.9,en;q=0.5", preferred: ["ar-EG", "ar", "en"], language: "ar" },
      { acceptLanguage: "fr-FR, ru;q=0.8", preferred: ["fr-FR", "ru"], language: "en" },
      { acceptLanguage: "xx-INVALID, de", preferred: [], language: "en" },
      { acceptLanguage: "../../etc/passwd", preferred: [], language: "en" },
      { uiLocales: ["not!a!tag"], acceptLanguage: "de", preferred: [], language: "en" },
      { acceptLanguage: "*", preferred: ["mul"], language: "en" },
    ];
    for (const c of cases) {
      const email = freshEmail();
      await signIn(emu.origin, {
        ...CLIENT,
        email,
        ...(c.uiLocales ? { uiLocales: c.uiLocales } : {}),
        headers: c.acceptLanguage ? { "accept-language": c.acceptLanguage } : {},
      });
      await emu.emulator.settled();
      const events = hooks.requests.filter(forEmail(email)).map(envelope);
      assert.deepEqual(events.map((e) => e.type).sort(), ["user.authenticated", "user.created", "user.pre_create"], JSON.stringify(c));
      for (const event of events) {
        assert.deepEqual(event.context.preferred_languages, c.preferred, `${event.type} ${JSON.stringify(c)}`);
        assert.equal(event.context.language, c.language, `${event.type} ${JSON.stringify(c)}`);
      }
    }
  });

  it("applies user.pre_create mutations as whole objects", async () => {
    const email = freshEmail();
    hooks.reply = (r) =>
      r.path === "/pre-create"
        ? { body: { is_allowed: true, mutations: { user: { custom_attributes: { company: "FromHook", country: "GB", internal_score: 3 }, roles: ["beta"] } } } }
        : {};
    const s = await signIn(emu.origin, { ...CLIENT, email });
    assert.deepEqual((await lookup(email))!.customAttributes, { company: "FromHook", country: "GB", internal_score: 3 });
    assert.deepEqual(decodeJwt(s.accessToken)[CLAIMS.roles], ["beta"]);
    const info = (await (await fetch(new URL(PATHS.userinfo, emu.origin), { headers: { authorization: `Bearer ${s.accessToken}` } })).json()) as Record<string, unknown>;
    assert.deepEqual(info.custom_attributes, { company: "FromHook", country: "GB" }, "internal_score is hidden from the bearer");
    await emu.emulator.settled();
    const created = userCreatedEventSchema.parse((await hooks.waitFor((r) => r.path === "/events" && envelope(r).type === "user.created" && forEmail(email)(r))).body);
    assert.deepEqual(created.payload.user.custom_attributes, { company: "FromHook", country: "GB", internal_score: 3 });
  });

  it("drops user.pre_create mutations of attributes the config does not define, as Authgear does", async () => {
    const email = freshEmail();
    hooks.reply = (r) =>
      r.path === "/pre-create" ? { body: { is_allowed: true, mutations: { user: { custom_attributes: { company: "FromHook", shoe_size: "not even a number" } } } } } : {};
    await signIn(emu.origin, { ...CLIENT, email });
    assert.deepEqual((await lookup(email))!.customAttributes, { company: "FromHook" });
    await emu.emulator.settled();
    const created = userCreatedEventSchema.parse((await hooks.waitFor((r) => r.path === "/events" && envelope(r).type === "user.created" && forEmail(email)(r))).body);
    assert.deepEqual(created.payload.user.custom_attributes, { company: "FromHook" }, "user.created shows what was stored");
  });

  it("refuses the sign-up when the mutations are invalid, and creates no user", async () => {
    const email = freshEmail();
    hooks.reply = () => ({ body: { is_allowed: true, mutations: { user: { custom_attributes: { team_size: 0 } } } } });
    assert.match(await refusedSignUp(email, 500), /ValidationFailed/);
    assert.equal(await lookup(email), null);
  });

  it("shows a hook's denial (title and reason) on the page and creates no user", async () => {
    const email = freshEmail();
    hooks.reply = () => ({ body: { is_allowed: false, title: "Sign-ups are closed", reason: "Only invited teams can join this week." } });
    const alerts = await refusedSignUp(email, 403);
    assert.match(alerts, /Sign-ups are closed/);
    assert.match(alerts, /Only invited teams can join this week\./);
    assert.equal(await lookup(email), null);
  });

  it("aborts the sign-up when the hook does not answer in time (HookDeliveryTimeout)", async () => {
    const email = freshEmail();
    hooks.reply = () => ({ delayMs: 1500, body: { is_allowed: true } });
    const started = Date.now();
    assert.match(await refusedSignUp(email, 500), /did not answer in time \(HookDeliveryTimeout\)/);
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 950 && elapsed < 1500, `gave up after the 1 s hook timeout (${elapsed} ms)`);
    assert.equal(await lookup(email), null);
  });

  it("aborts the sign-up on an invalid answer (HookInvalidResponse)", async () => {
    const replies = [
      { status: 500, body: { is_allowed: true } },
      { status: 302, body: { is_allowed: true } },
      { rawBody: "<html>oops</html>" },
      { body: { is_allowed: true, extra: 1 } },
      { body: { is_allowed: "yes" } },
      { body: { is_allowed: false, title: "t", mutations: {} } },
      { body: { is_allowed: true, mutations: { user: { nickname: "x" } } } },
      { body: { is_allowed: true, constraints: { amr: ["mfa"] } } },
    ];
    for (const reply of replies) {
      const email = freshEmail();
      hooks.reply = () => reply;
      assert.match(await refusedSignUp(email, 500), /HookInvalidResponse/, JSON.stringify(reply));
      assert.equal(await lookup(email), null);
    }
  });

  it("delivers user.created then user.authenticated on sign-up, and only user.authenticated on sign-in", async () => {
    const email = freshEmail();
    await signIn(emu.origin, { ...CLIENT, email, simulatedIp: "2001:db8::1" });
    await signIn(emu.origin, { ...CLIENT, email });
    await emu.emulator.settled();
    const events = hooks.requests.filter((r) => r.path === "/events" && forEmail(email)(r)).map(envelope).sort((a, b) => a.seq - b.seq);
    assert.deepEqual(events.map((e) => e.type), ["user.created", "user.authenticated", "user.authenticated"]);
    const authenticated = userAuthenticatedEventSchema.parse(events[1]);
    assert.equal(authenticated.payload.session.type, "idp");
    assert.equal(authenticated.payload.session.createdByIP, "2001:db8::1");
    assert.equal(authenticated.context.ip_address, "2001:db8::1");
    assert.ok(authenticated.payload.user.last_login_at);
  });

  describe("Admin API updateUser", () => {
    const signUp = async () => {
      const email = freshEmail();
      const { sub } = await signIn(emu.origin, { ...CLIENT, email });
      return { email, id: userNodeId(sub), sub };
    };
    const update = (id: string, ca: Record<string, unknown>) => adminGraphQL(emu.origin, emu.dataDir, UPDATE, { id, ca });

    it("sends user.profile.pre_update with the new values (triggered_by admin_api), applies its mutations, then user.profile.updated", async () => {
      const { email, id, sub } = await signUp();
      hooks.reply = (r) => {
        if (r.path !== "/pre-update") return {};
        const event = userProfilePreUpdateEventSchema.parse(r.body);
        return { body: { is_allowed: true, mutations: { user: { custom_attributes: { ...event.payload.user.custom_attributes, internal_score: 99 } } } } };
      };
      const res = await update(id, { company: "Acme" });
      assert.equal(res.body.errors, undefined);
      assert.deepEqual((res.body.data!.updateUser as { user: { customAttributes: unknown } }).user.customAttributes, { company: "Acme", internal_score: 99 });
      assert.deepEqual((await lookup(email))!.customAttributes, { company: "Acme", internal_score: 99 });

      const pre = userProfilePreUpdateEventSchema.parse((await hooks.waitFor((r) => r.path === "/pre-update" && forEmail(email)(r))).body);
      assert.equal(pre.context.triggered_by, "admin_api");
      assert.equal(pre.context.user_id, sub);
      assert.deepEqual(pre.payload.user.custom_attributes, { company: "Acme" }, "the payload already carries the new values");
      await emu.emulator.settled();
      const updated = userProfileUpdatedEventSchema.parse(
        (await hooks.waitFor((r) => r.path === "/events" && envelope(r).type === "user.profile.updated" && forEmail(email)(r))).body,
      );
      assert.deepEqual(updated.payload.user.custom_attributes, { company: "Acme", internal_score: 99 });
      assert.ok(updated.seq > pre.seq);
    });

    it("gives Admin API events the languages of the request's Accept-Language", async () => {
      const { email, id } = await signUp();
      hooks.reply = () => ({});
      const res = await adminGraphQL(emu.origin, emu.dataDir, UPDATE, { id, ca: { company: "Acme" } }, { headers: { "accept-language": "de-AT, en;q=0.3" } });
      assert.equal(res.body.errors, undefined);
      const pre = userProfilePreUpdateEventSchema.parse((await hooks.waitFor((r) => r.path === "/pre-update" && forEmail(email)(r))).body);
      assert.deepEqual(pre.context.preferred_languages, ["de-AT", "en"]);
      assert.equal(pre.context.language, "de");
    });

    it("drops user.profile.pre_update mutations of attributes the config does not define", async () => {
      const { email, id } = await signUp();
      hooks.reply = (r) =>
        r.path === "/pre-update" ? { body: { is_allowed: true, mutations: { user: { custom_attributes: { company: "Acme", shoe_size: 42 } } } } } : {};
      const res = await update(id, { company: "Acme" });
      assert.equal(res.body.errors, undefined);
      assert.deepEqual((res.body.data!.updateUser as { user: { customAttributes: unknown } }).user.customAttributes, { company: "Acme" });
      assert.deepEqual((await lookup(email))!.customAttributes, { company: "Acme" });
    });

    it("returns HookDisallowed with the reasons when the hook denies, and writes nothing", async () => {
      const { email, id } = await signUp();
      hooks.reply = (r) => (r.path === "/pre-update" ? { body: { is_allowed: false, title: "Locked", reason: "Profile is locked" } } : {});
      const res = await update(id, { company: "Nope" });
      assert.equal(res.body.data, null);
      const ext = res.body.errors![0]!.extensions!;
      assert.equal(ext.errorName, "Forbidden");
      assert.equal(ext.reason, "HookDisallowed");
      assert.deepEqual(ext.info, { event_type: "user.profile.pre_update", reasons: [{ title: "Locked", reason: "Profile is locked" }] });
      assert.deepEqual((await lookup(email))!.customAttributes, {});
      await emu.emulator.settled();
      assert.ok(!hooks.requests.some((r) => envelope(r)?.type === "user.profile.updated" && forEmail(email)(r)), "no updated event");
    });

    it("fails with HookDeliveryTimeout / HookInvalidResponse / ValidationFailed and writes nothing", async () => {
      const { email, id } = await signUp();
      const cases: [() => object, string][] = [
        [() => ({ delayMs: 1500 }), "HookDeliveryTimeout"],
        [() => ({ status: 503 }), "HookInvalidResponse"],
        [() => ({ body: { is_allowed: true, mutations: { user: { custom_attributes: { team_size: "many" } } } } }), "ValidationFailed"],
      ];
      for (const [reply, reason] of cases) {
        hooks.reply = (r) => (r.path === "/pre-update" ? reply() : {});
        const res = await update(id, { company: "Nope" });
        assert.equal(res.body.errors![0]!.extensions!.reason, reason);
        assert.deepEqual((await lookup(email))!.customAttributes, {}, reason);
      }
    });
  });
});
