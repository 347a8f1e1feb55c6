import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { compileMessages } from "./messages.server";

/** True when every object in `value` is a plain one (React passes only those to client components). */
function plainThroughout(value: unknown): boolean {
  if (value === null || typeof value !== "object") return true;
  if (!Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value).every(plainThroughout);
}

describe("compileMessages", () => {
  it("gives plain objects only, plurals and selects included, so the messages can reach a client component", () => {
    const compiled = compileMessages({
      a: { plural: "{count, plural, one {# visit} other {# visits}}", select: "{kind, select, shown {Shown} other {{kind}}}", plain: "Hello" },
    });
    assert.ok(plainThroughout(compiled));
    assert.equal((compiled.a as Record<string, unknown>).plain, "Hello");
  });

  it("names the key of a message that is not ICU", () => {
    assert.throws(() => compileMessages({ admin: { broken: "{count, plural, one {x}" } }), /admin\.broken/);
  });
});
