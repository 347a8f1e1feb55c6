import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { anyHookEventSchema, hookEventSchema, userPreCreateEventSchema } from "@/lib/authgear/hook-events";
import { verifyHookSignature } from "@/lib/authgear/hook-signature";
import { BENCH_SIGNUP_IP, UNHANDLED_EVENT_TYPE, preCreateEvent, signedRequest, unhandledEvent } from "./webhook-events";

describe("bench webhook events", () => {
  it("user.pre_create is a valid event from the sign-up IP, for a user with no custom attributes yet", () => {
    const event = userPreCreateEventSchema.parse(preCreateEvent(7, new Date("2026-06-01T12:00:00Z")));
    assert.equal(event.id, "0000000000000007");
    assert.equal(event.context.ip_address, BENCH_SIGNUP_IP);
    assert.equal(event.context.timestamp, Date.parse("2026-06-01T12:00:00Z") / 1000);
    assert.deepEqual(event.payload.user.custom_attributes, {});
    assert.equal(event.payload.identities.length, 1);
  });

  it("the baseline event is well-formed but of a type the typed union does not handle", () => {
    const event = unhandledEvent(8);
    assert.equal(anyHookEventSchema.parse(event).type, UNHANDLED_EVENT_TYPE);
    assert.equal(hookEventSchema.safeParse(event).success, false);
  });

  it("every request is a different body, signed over its exact bytes (or unsigned)", () => {
    const a = signedRequest(preCreateEvent(1), "s3cret");
    const b = signedRequest(preCreateEvent(2), "s3cret");
    assert.notEqual(a.body, b.body);
    assert.ok(verifyHookSignature("s3cret", a.body, a.headers["x-authgear-body-signature"]));
    assert.ok(!verifyHookSignature("other", a.body, a.headers["x-authgear-body-signature"]));
    assert.equal(signedRequest(preCreateEvent(3), null).headers["x-authgear-body-signature"], undefined);
  });
});
