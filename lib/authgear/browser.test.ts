import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { describeAuthError } from "./browser";

describe("describeAuthError", () => {
  it("keeps what Authgear said: its code and its description, fit to show", () => {
    assert.deepEqual(describeAuthError({ error: "access_denied", error_description: "The user cancelled." }), {
      title: "access_denied",
      detail: "The user cancelled.",
      fromAuthgear: true,
    });
    assert.deepEqual(describeAuthError({ error: "server_error" }), { title: "server_error", detail: "server_error", fromAuthgear: true });
  });
  it("marks a failure in the browser as not Authgear's, so the page says it in its own words", () => {
    assert.deepEqual(describeAuthError(new TypeError("Failed to fetch")), { title: "TypeError", detail: "Failed to fetch", fromAuthgear: false });
    assert.deepEqual(describeAuthError("boom"), { title: "Error", detail: "boom", fromAuthgear: false });
  });
});
