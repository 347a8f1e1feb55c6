import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { defined } from "./defined";

describe("defined", () => {
  it("returns a present value as it is, falsy ones included", () => {
    const row = { id: 1 };
    assert.equal(defined(row, "the row"), row);
    assert.equal(defined(0, "the count"), 0);
    assert.equal(defined("", "the name"), "");
    assert.equal(defined(false, "the flag"), false);
  });

  it("throws an Error naming what is missing for undefined and null", () => {
    assert.throws(() => defined([][0], "the first sample"), { message: "the first sample is missing" });
    assert.throws(() => defined(null, "the declined_at of a decline"), { message: "the declined_at of a decline is missing" });
  });
});
