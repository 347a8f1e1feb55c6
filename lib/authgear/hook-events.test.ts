import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  blockingResponseSchemaFor,
  hookEventId,
  hookEventSchema,
  userMutationHookResponseSchema,
} from "./hook-events";

const context = { timestamp: 1_700_000_000, user_id: null, triggered_by: "user", audit_context: {}, preferred_languages: [], language: "en" };
const user = { id: "u1", created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z", standard_attributes: {}, custom_attributes: {} };

describe("hook events", () => {
  it("formats event IDs as Authgear does: 16 lowercase hex digits of seq", () => {
    assert.equal(hookEventId(2623), "0000000000000a3f");
    assert.equal(hookEventId(1), "0000000000000001");
  });

  it("parses known events by type and keeps unknown fields", () => {
    const event = hookEventSchema.parse({ id: "1", seq: 1, type: "user.pre_create", context, payload: { user: { ...user, new_field: 1 }, identities: [] }, extra: true });
    assert.equal(event.type, "user.pre_create");
    assert.equal((event.payload.user as Record<string, unknown>).new_field, 1);
    assert.equal(event.payload.user.is_anonymous, false, "defaults for absent booleans");
    assert.equal(hookEventSchema.safeParse({ id: "1", seq: 1, type: "user.deleted", context, payload: { user } }).success, false);
    assert.equal(hookEventSchema.safeParse({ id: "1", seq: 1, type: "user.profile.updated", context: { ...context, triggered_by: "robot" }, payload: { user } }).success, false);
  });

  it("accepts Authgear's allow and deny responses for user events and nothing else", () => {
    const ok = (v: unknown) => userMutationHookResponseSchema.safeParse(v).success;
    assert.ok(ok({ is_allowed: true }));
    assert.ok(ok({ is_allowed: true, mutations: { user: { custom_attributes: { a: 1 }, standard_attributes: {}, roles: ["r"] } } }));
    assert.ok(ok({ is_allowed: false, title: "No", reason: "Because" }));
    assert.ok(ok({ is_allowed: false }));
    assert.ok(!ok({ is_allowed: true, extra: 1 }), "unknown top-level key");
    assert.ok(!ok({ is_allowed: true, mutations: { user: { nickname: "x" } } }), "unknown mutation key");
    assert.ok(!ok({ is_allowed: true, mutations: { jwt: { payload: {} } } }), "jwt mutations are not for user events");
    assert.ok(!ok({ is_allowed: false, title: "t", mutations: {} }), "a denial carries only title and reason");
    assert.ok(!ok({ is_allowed: true, mutations: { user: { custom_attributes: [] } } }), "whole objects only");
    assert.ok(!ok({}));
  });

  it("allows constraints and JWT mutations only for the events that take them", () => {
    const withJwt = { is_allowed: true, mutations: { jwt: { payload: { plan: "pro" } } }, constraints: { amr: ["mfa"] } };
    assert.ok(blockingResponseSchemaFor("oidc.jwt.pre_create").safeParse(withJwt).success);
    assert.ok(!blockingResponseSchemaFor("user.pre_create").safeParse(withJwt).success);
    assert.ok(!blockingResponseSchemaFor("user.profile.pre_update").safeParse(withJwt).success);
  });
});
