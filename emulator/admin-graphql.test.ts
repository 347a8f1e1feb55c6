import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { decodeJwt } from "jose";
import { userNodeId } from "@/lib/authgear/global-id";
import { PATHS } from "@/lib/authgear/protocol";
import { SEEDED_ADMIN_EMAIL } from "./store";
import {
  adminGraphQL,
  fixturePath,
  loadFixtureConfig,
  readAdminKey,
  refreshTokens,
  signAdminJwt,
  signIn,
  startTestEmulator,
  type TestEmulator,
  setUnconfiguredAttributes,
} from "./testing";

const CLIENT = { clientId: "test-jwt", redirectUri: "http://localhost:3000/auth/callback" };
const READ = `query($id: ID!) { node(id: $id) { ... on User { id customAttributes standardAttributes } } }`;
const UPDATE = `mutation($id: ID!, $ca: UserCustomAttributes, $sa: UserStandardAttributes) {
  updateUser(input: {userID: $id, customAttributes: $ca, standardAttributes: $sa}) { user { id customAttributes } } }`;

let n = 0;
const freshEmail = () => `admin-test${++n}-${Date.now()}@example.com`;

describe("emulator Admin API", () => {
  let emu: TestEmulator;
  const gql = (query: string, variables?: Record<string, unknown>, opts?: { jwt?: string; signal?: AbortSignal }) =>
    adminGraphQL(emu.origin, emu.dataDir, query, variables, opts);
  const newUser = async () => (await signIn(emu.origin, { ...CLIENT, email: freshEmail() })).sub;
  const customAttributesOf = async (sub: string) => {
    const res = await gql(READ, { id: userNodeId(sub) });
    return (res.body.data?.node as { customAttributes: Record<string, unknown> }).customAttributes;
  };

  before(async () => {
    emu = await startTestEmulator({ config: await loadFixtureConfig(fixturePath("basic.yaml")) });
  });
  after(() => emu.close());

  describe("authentication", () => {
    const expectForbidden = async (jwt: string | null) => {
      const res = await fetch(new URL(PATHS.adminGraphQL, emu.origin), {
        method: "POST",
        headers: { "content-type": "application/json", ...(jwt !== null ? { authorization: `Bearer ${jwt}` } : {}) },
        body: JSON.stringify({ query: "{ users(first: 1) { totalCount } }" }),
      });
      assert.equal(res.status, 403);
      assert.match(res.headers.get("content-type") ?? "", /^text\/plain/);
      assert.equal(await res.text(), "Forbidden");
    };

    it("accepts the app's JWT (aud as a string or an array, small clock skew)", async () => {
      const key = await readAdminKey(emu.dataDir);
      const now = Math.floor(Date.now() / 1000);
      for (const jwt of [
        await signAdminJwt(emu.dataDir),
        await signAdminJwt(emu.dataDir, { aud: [key.projectId] }),
        await signAdminJwt(emu.dataDir, { iat: now - 400, exp: now - 60 }),
      ]) {
        const res = await gql("{ users(first: 1) { totalCount } }", undefined, { jwt });
        assert.equal(res.status, 200);
        assert.equal(res.body.errors, undefined);
      }
    });

    it("refuses a missing token, a wrong key, a wrong aud, an expired or future token and a missing or unknown kid with 403 Forbidden", async () => {
      const now = Math.floor(Date.now() / 1000);
      const otherKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
      await expectForbidden(null);
      await expectForbidden("not.a.jwt");
      await expectForbidden(await signAdminJwt(emu.dataDir, { pem: otherKey }));
      await expectForbidden(await signAdminJwt(emu.dataDir, { aud: "another-project" }));
      await expectForbidden(await signAdminJwt(emu.dataDir, { aud: emu.origin }));
      await expectForbidden(await signAdminJwt(emu.dataDir, { iat: now - 1200, exp: now - 600 }));
      await expectForbidden(await signAdminJwt(emu.dataDir, { iat: now + 600, exp: now + 900 }));
      await expectForbidden(await signAdminJwt(emu.dataDir, { kid: null }));
      await expectForbidden(await signAdminJwt(emu.dataDir, { kid: "some-other-kid" }));
    });
  });

  describe("reads", () => {
    it("finds the seeded admin by login ID and standard attribute, with the admin role", async () => {
      const res = await gql(
        `query($e: String!) {
          byLogin: getUserByLoginID(loginIDKey: "email", loginIDValue: $e) { id isDisabled isAnonymous roles { totalCount edges { node { key } } } }
          byAttr: getUsersByStandardAttribute(attributeName: "email", attributeValue: $e) { id standardAttributes }
        }`,
        { e: SEEDED_ADMIN_EMAIL.toUpperCase() },
      );
      assert.equal(res.body.errors, undefined);
      const byLogin = res.body.data!.byLogin as { id: string; isDisabled: boolean; roles: { totalCount: number; edges: { node: { key: string } }[] } };
      assert.equal(byLogin.isDisabled, false);
      assert.deepEqual(byLogin.roles.edges.map((e) => e.node.key), ["admin"]);
      const byAttr = res.body.data!.byAttr as { id: string; standardAttributes: Record<string, unknown> }[];
      assert.equal(byAttr.length, 1);
      assert.equal(byAttr[0]!.id, byLogin.id);
      assert.equal(byAttr[0]!.standardAttributes.email, SEEDED_ADMIN_EMAIL);
      assert.equal(byAttr[0]!.standardAttributes.email_verified, true);

      const bad = await gql(`{ getUsersByStandardAttribute(attributeName: "given_name", attributeValue: "x") { id } }`);
      assert.match(bad.body.errors![0]!.message, /attributeName must be email, phone_number or preferred_username/);
    });

    it("accepts only unpadded base64url User IDs", async () => {
      const sub = await newUser();
      const good = userNodeId(sub);
      const padded = Buffer.from(`User:${sub}`).toString("base64");
      assert.ok(padded.endsWith("="), "the padded form differs from the raw one");
      const found = await gql(READ, { id: good });
      assert.equal((found.body.data!.node as { id: string }).id, good);
      assert.equal((await gql(READ, { id: padded })).body.data!.node, null);
      assert.equal((await gql(READ, { id: `${good}=` })).body.data!.node, null);

      // Standard base64 ('+' or '/') is refused as an invalid ID, not looked up. (A "User:<uuid>"
      // never encodes to '+' or '/', so the ID is built from another user ID.)
      const odd = "~~~";
      const standard = Buffer.from(`User:${odd}`).toString("base64");
      assert.match(standard, /[+/]/);
      assert.equal((await gql(UPDATE, { id: standard, ca: {} })).body.errors![0]!.message, "invalid user ID");
      assert.equal((await gql(READ, { id: standard })).body.data!.node, null);
      assert.equal((await gql(UPDATE, { id: userNodeId(odd), ca: {} })).body.errors![0]!.message, "user not found");
      assert.equal((await gql(UPDATE, { id: padded, ca: {} })).body.errors![0]!.message, "invalid user ID");
      const nodes = await gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [good, padded] });
      assert.deepEqual(nodes.body.data!.nodes, [{ id: good }, null]);
    });

    it("pages through users with cursors, newest first, every user exactly once", async () => {
      for (let i = 0; i < 3; i++) await newUser();
      const all = await gql(`{ users { totalCount edges { node { id createdAt } } } }`);
      const total = (all.body.data!.users as { totalCount: number }).totalCount;
      assert.ok(total >= 4);
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const res = await gql(
          `query($after: String) { users(first: 2, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id createdAt } } } }`,
          { after },
        );
        assert.equal(res.body.errors, undefined);
        const page = res.body.data!.users as {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
          edges: { cursor: string; node: { id: string; createdAt: string } }[];
        };
        assert.equal(page.totalCount, total);
        assert.ok(page.edges.length <= 2);
        assert.equal(page.pageInfo.hasPreviousPage, pages > 0);
        seen.push(...page.edges.map((e) => e.node.id));
        pages += 1;
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      assert.equal(seen.length, total);
      assert.equal(new Set(seen).size, total);
      const allEdges = (all.body.data!.users as { edges: { node: { id: string; createdAt: string } }[] }).edges;
      assert.deepEqual(seen, allEdges.map((e) => e.node.id));
      const times = allEdges.map((e) => e.node.createdAt);
      assert.deepEqual(times, [...times].sort().reverse(), "newest first");

      const bad = await gql(`{ users(first: 1, after: "bogus") { totalCount } }`);
      assert.match(bad.body.errors![0]!.message, /invalid cursor/);
    });
  });

  describe("updateUser", () => {
    it("replaces the whole custom-attributes object: omitted attributes are deleted, null leaves it, {} clears", async () => {
      const sub = await newUser();
      const id = userNodeId(sub);
      let res = await gql(UPDATE, { id, ca: { company: "Acme", team_size: 12, industry: "software" } });
      assert.equal(res.body.errors, undefined);
      assert.deepEqual(await customAttributesOf(sub), { company: "Acme", team_size: 12, industry: "software" });

      res = await gql(UPDATE, { id, ca: { company: "Beta" } });
      assert.deepEqual((res.body.data!.updateUser as { user: { customAttributes: unknown } }).user.customAttributes, { company: "Beta" });
      assert.deepEqual(await customAttributesOf(sub), { company: "Beta" });

      res = await gql(UPDATE, { id, ca: null });
      assert.equal(res.body.errors, undefined);
      assert.deepEqual(await customAttributesOf(sub), { company: "Beta" }, "null = unchanged");
      await gql(`mutation($id: ID!) { updateUser(input: {userID: $id}) { user { id } } }`, { id });
      assert.deepEqual(await customAttributesOf(sub), { company: "Beta" }, "absent = unchanged");

      await gql(UPDATE, { id, ca: {} });
      assert.deepEqual(await customAttributesOf(sub), {}, "{} clears");
    });

    it("ignores an inline object literal (null = not provided) but accepts a JSON string literal", async () => {
      const sub = await newUser();
      const id = userNodeId(sub);
      await gql(UPDATE, { id, ca: { company: "Before" } });
      const inline = await gql(`mutation($id: ID!) { updateUser(input: {userID: $id, customAttributes: {company: "Inline"}}) { user { customAttributes } } }`, { id });
      assert.equal(inline.body.errors, undefined);
      assert.deepEqual(await customAttributesOf(sub), { company: "Before" });
      const literal = await gql(
        `mutation($id: ID!) { updateUser(input: {userID: $id, customAttributes: "{\\"company\\":\\"Literal\\"}"}) { user { customAttributes } } }`,
        { id },
      );
      assert.equal(literal.body.errors, undefined);
      assert.deepEqual(await customAttributesOf(sub), { company: "Literal" });
    });

    it("stores an empty string, as Authgear's string type (no minLength) does", async () => {
      const sub = await newUser();
      const res = await gql(UPDATE, { id: userNodeId(sub), ca: { company: "" } });
      assert.equal(res.body.errors, undefined);
      assert.deepEqual(await customAttributesOf(sub), { company: "" });
    });

    it("refuses invalid values with ValidationFailed causes and writes nothing", async () => {
      const sub = await newUser();
      const id = userNodeId(sub);
      await gql(UPDATE, { id, ca: { company: "Kept", team_size: 5 } });
      const cases: [Record<string, unknown>, { location: string; kind: string }][] = [
        [{ company: "New", team_size: "12" }, { location: "/team_size", kind: "type" }],
        [{ company: "New", team_size: 0 }, { location: "/team_size", kind: "minimum" }],
        [{ company: "New", team_size: 100001 }, { location: "/team_size", kind: "maximum" }],
        [{ company: "New", team_size: 1.5 }, { location: "/team_size", kind: "type" }],
        [{ company: 42 }, { location: "/company", kind: "type" }],
        [{ industry: "mining" }, { location: "/industry", kind: "enum" }],
        [{ country: "UK" }, { location: "/country", kind: "format" }],
      ];
      for (const [ca, cause] of cases) {
        const res = await gql(UPDATE, { id, ca });
        assert.equal(res.status, 200);
        assert.equal(res.body.data, null, JSON.stringify(ca));
        const err = res.body.errors![0]!;
        assert.equal(err.message, "invalid value");
        assert.equal(err.extensions!.errorName, "Invalid");
        assert.equal(err.extensions!.reason, "ValidationFailed");
        const causes = (err.extensions!.info as { causes: { location: string; kind: string; details: unknown }[] }).causes;
        assert.deepEqual(
          causes.map((c) => ({ location: c.location, kind: c.kind })),
          [cause],
          JSON.stringify(ca),
        );
        assert.deepEqual(await customAttributesOf(sub), { company: "Kept", team_size: 5 }, "nothing written");
      }
    });

    it("drops attributes the config does not define, silently, as Authgear does, and validates the rest", async () => {
      const sub = await newUser();
      const id = userNodeId(sub);
      // Any value, even one no schema would accept: Authgear never looks at an unknown key.
      const res = await gql(UPDATE, { id, ca: { company: "Kept", shoe_size: 42, nickname_x: { a: [1] } } });
      assert.equal(res.body.errors, undefined);
      assert.deepEqual((res.body.data!.updateUser as { user: { customAttributes: unknown } }).user.customAttributes, { company: "Kept" }, "the answer shows what stuck");
      assert.deepEqual(await customAttributesOf(sub), { company: "Kept" });

      const invalid = await gql(UPDATE, { id, ca: { team_size: 0, shoe_size: "not even a number" } });
      const causes = (invalid.body.errors![0]!.extensions!.info as { causes: { location: string; kind: string }[] }).causes;
      assert.deepEqual(causes.map((c) => [c.location, c.kind]), [["/team_size", "minimum"]], "only configured attributes are validated");
      assert.deepEqual(await customAttributesOf(sub), { company: "Kept" });
    });

    it("treats attributes switched off with /_emulator/attributes as not configured: dropped on write, hidden on read", async () => {
      const sub = await newUser();
      const id = userNodeId(sub);
      await gql(UPDATE, { id, ca: { company: "Acme", team_size: 5 } });
      await setUnconfiguredAttributes(emu.origin, ["company"]);
      try {
        assert.deepEqual(await customAttributesOf(sub), { team_size: 5 }, "a stored value of an attribute no longer configured is not shown");
        const res = await gql(UPDATE, { id, ca: { company: "Other", team_size: 6 } });
        assert.deepEqual((res.body.data!.updateUser as { user: { customAttributes: unknown } }).user.customAttributes, { team_size: 6 });
        const state = (await (await fetch(new URL("/_emulator/attributes", emu.origin))).json()) as unknown;
        assert.deepEqual(state, { unconfigured: ["company"] });
      } finally {
        await setUnconfiguredAttributes(emu.origin, []);
      }
      assert.deepEqual(await customAttributesOf(sub), { team_size: 6 }, "the whole-object write replaced the stored company");
      const bad = await fetch(new URL("/_emulator/attributes", emu.origin), { method: "POST", headers: { "content-type": "application/json" }, body: '{"unconfigured":"company"}' });
      assert.equal(bad.status, 400);
    });

    it("commits nothing from a request in which any operation fails", async () => {
      const a = await newUser();
      const b = await newUser();
      const res = await gql(
        `mutation($a: ID!, $b: ID!, $ok: UserCustomAttributes, $bad: UserCustomAttributes) {
          first: updateUser(input: {userID: $a, customAttributes: $ok}) { user { id } }
          second: updateUser(input: {userID: $b, customAttributes: $bad}) { user { id } }
        }`,
        { a: userNodeId(a), b: userNodeId(b), ok: { company: "Applied?" }, bad: { team_size: -1 } },
      );
      assert.ok(res.body.errors?.length);
      assert.deepEqual(await customAttributesOf(a), {});
    });

    it("replaces standard attributes (derived ones ignored) and refuses an email the user does not own", async () => {
      const email = freshEmail();
      const { sub } = await signIn(emu.origin, { ...CLIENT, email });
      const id = userNodeId(sub);
      const ok = await gql(UPDATE, { id, sa: { email, email_verified: false, updated_at: 1, given_name: "Ada" } });
      assert.equal(ok.body.errors, undefined);
      const read = await gql(READ, { id });
      const std = (read.body.data!.node as { standardAttributes: Record<string, unknown> }).standardAttributes;
      assert.equal(std.given_name, "Ada");
      assert.equal(std.email, email);
      assert.equal(std.email_verified, true, "derived, not writable");
      const unowned = await gql(UPDATE, { id, sa: { email: "someone-else@example.com" } });
      assert.match(unowned.body.errors![0]!.message, /^unowned email: /);
      const invalid = await gql(UPDATE, { id, sa: { email, given_name: "" } });
      assert.equal(invalid.body.errors![0]!.extensions!.reason, "ValidationFailed");
    });
  });

  describe("the locale standard attribute", () => {
    it("stores a canonical BCP 47 tag, refuses others as Authgear's bcp47 format does, and userinfo returns it", async () => {
      const email = freshEmail();
      const session = await signIn(emu.origin, { ...CLIENT, email });
      const id = userNodeId(session.sub);
      for (const locale of ["en-us", "en_US", "xx", "iw", "", "ja jp"]) {
        const refused = await gql(UPDATE, { id, sa: { email, locale } });
        assert.equal(refused.body.errors?.[0]?.extensions?.reason, "ValidationFailed", locale);
      }
      const ok = await gql(UPDATE, { id, sa: { email, locale: "zh-HK", given_name: "Ada" } });
      assert.equal(ok.body.errors, undefined);
      const info = await fetch(new URL(PATHS.userinfo, emu.origin), { headers: { authorization: `Bearer ${session.accessToken}` } });
      const body = (await info.json()) as Record<string, unknown>;
      assert.equal(body.locale, "zh-HK");
      assert.equal(body.given_name, "Ada");
      const read = await gql(READ, { id });
      assert.equal((read.body.data!.node as { standardAttributes: Record<string, unknown> }).standardAttributes.locale, "zh-HK");
      // Authgear puts standard attributes in the ID token only for clients allowed PII in it
      // (PIIAllowedInIDToken), which the emulator does not emulate: a fresh ID token has no locale.
      const refreshed = (await (await refreshTokens(emu.origin, { clientId: CLIENT.clientId, refreshToken: session.refreshToken })).json()) as { id_token: string };
      assert.equal(decodeJwt(refreshed.id_token).locale, undefined);
    });
  });

  describe("request counts (GET /_emulator/stats)", () => {
    type Stats = { admin_api: { requests: number; queries: number; mutations: number } };
    const stats = async () => ((await (await fetch(new URL("/_emulator/stats", emu.origin))).json()) as Stats).admin_api;
    const delta = (after: Stats["admin_api"], before: Stats["admin_api"]) => ({
      requests: after.requests - before.requests,
      queries: after.queries - before.queries,
      mutations: after.mutations - before.mutations,
    });

    it("counts each round trip, and the executed ones as queries or mutations", async () => {
      const sub = await newUser();
      const id = userNodeId(sub);
      const start = await stats();
      await gql(READ, { id });
      assert.deepEqual(delta(await stats(), start), { requests: 1, queries: 1, mutations: 0 });
      const afterRead = await stats();
      await gql(UPDATE, { id, ca: {} });
      assert.deepEqual(delta(await stats(), afterRead), { requests: 1, queries: 0, mutations: 1 });
    });

    it("counts a refused request as a round trip but not as a query", async () => {
      const start = await stats();
      const refused = await gql(READ, { id: userNodeId("nobody") }, { jwt: "not-a-jwt" });
      assert.equal(refused.status, 403);
      const unparsable = await gql("query {", {});
      assert.equal(unparsable.status, 200);
      assert.deepEqual(delta(await stats(), start), { requests: 2, queries: 0, mutations: 0 });
    });

    it("answers only GET", async () => {
      const res = await fetch(new URL("/_emulator/stats", emu.origin), { method: "POST" });
      assert.equal(res.status, 405);
    });
  });

  describe("fault switch", () => {
    const setFault = (body: unknown) =>
      fetch(new URL("/_emulator/faults", emu.origin), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const COUNT = "{ users(first: 1) { totalCount } }";

    it("reports health", async () => {
      const res = await fetch(new URL("/_emulator/health", emu.origin));
      assert.equal(res.status, 200);
      assert.equal(((await res.json()) as { ok: boolean }).ok, true);
    });

    it("answers 500 for `count` requests, then recovers", async () => {
      assert.equal((await setFault({ target: "admin_api", mode: "error", count: 2 })).status, 200);
      assert.equal((await gql(COUNT)).status, 500);
      assert.equal((await gql(COUNT)).status, 500);
      assert.equal((await gql(COUNT)).status, 200);
    });

    it("answers late in slow mode until switched off", async () => {
      // The JWT is signed before the clock starts, and the delay is long enough that an answer served at
      // once never takes it: on a loaded machine signing and one request took more than 300 ms.
      const SLOW_MS = 1_000;
      const jwt = await signAdminJwt(emu.dataDir);
      await setFault({ target: "admin_api", mode: "slow", delay_ms: SLOW_MS });
      for (let i = 0; i < 2; i++) {
        const started = Date.now();
        assert.equal((await gql(COUNT, undefined, { jwt })).status, 200);
        assert.ok(Date.now() - started >= SLOW_MS - 10, "delayed");
      }
      await setFault({ target: "admin_api", mode: "off" });
      const started = Date.now();
      assert.equal((await gql(COUNT, undefined, { jwt })).status, 200);
      assert.ok(Date.now() - started < SLOW_MS - 10, "answered at once");
    });

    it("never answers in timeout mode, so the client gives up", async () => {
      await setFault({ target: "admin_api", mode: "timeout", count: 1 });
      const client = new AbortController();
      const hanging = gql(COUNT, undefined, { signal: client.signal });
      // The client gives up 300 ms after the emulator took the request (the fault switch is off again once
      // its one request arrived), not 300 ms after it started: on a loaded machine signing the JWT and
      // connecting can take longer, and the fault would then hang the next request instead.
      const deadline = Date.now() + 10_000;
      while (((await (await fetch(new URL("/_emulator/faults", emu.origin))).json()) as { mode: string }).mode !== "off") {
        assert.ok(Date.now() < deadline, "the emulator never received the request");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      setTimeout(() => client.abort(new DOMException("the client gave up", "TimeoutError")), 300);
      await assert.rejects(hanging, { name: "TimeoutError" });
      assert.equal((await gql(COUNT)).status, 200, "count 1: the next request is served");
    });

    it("refuses a malformed fault request", async () => {
      const res = await setFault({ target: "userinfo", mode: "error" });
      assert.equal(res.status, 400);
      const state = (await (await fetch(new URL("/_emulator/faults", emu.origin))).json()) as { mode: string };
      assert.equal(state.mode, "off");
    });
  });
});
