import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { timeZoneAt } from "./time-zone-at";

describe("timeZoneAt", () => {
  it("finds the zone of a city's coordinates", () => {
    assert.equal(timeZoneAt(51.5143, -0.0912), "Europe/London");
    assert.equal(timeZoneAt(37.422, -122.085), "America/Los_Angeles");
    assert.equal(timeZoneAt(-33.8688, 151.209), "Australia/Sydney");
  });

  it("gives null for open sea, missing and impossible coordinates", () => {
    assert.equal(timeZoneAt(0, 0), null);
    assert.equal(timeZoneAt(undefined, 10), null);
    assert.equal(timeZoneAt(91, 0), null);
    assert.equal(timeZoneAt(Number.NaN, 0), null);
  });
});
