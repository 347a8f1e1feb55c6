import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { verifiedEmail } from "./verified-email";

describe("verifiedEmail", () => {
  it("gives the address only when Authgear says it is verified", () => {
    assert.equal(verifiedEmail({ email: "ana@acme-robotics.com", email_verified: true }), "ana@acme-robotics.com");
    assert.equal(verifiedEmail({ email: " ana+news@acme-robotics.com ", email_verified: true }), "ana+news@acme-robotics.com");
    assert.equal(verifiedEmail({ email: "ana@acme-robotics.com", email_verified: false }), null);
    assert.equal(verifiedEmail({ email: "ana@acme-robotics.com" }), null);
    assert.equal(verifiedEmail({ email: "ana@acme-robotics.com", email_verified: "true" }), null);
  });

  it("is null for what is not an address", () => {
    for (const email of [undefined, null, 42, "", "ana", `${"a".repeat(250)}@x.com`]) assert.equal(verifiedEmail({ email, email_verified: true }), null, String(email));
    assert.equal(verifiedEmail(null), null);
    assert.equal(verifiedEmail(undefined), null);
  });
});
