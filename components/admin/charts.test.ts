import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { placer } from "./charts";

describe("placer: the charts' boxes in reading order", () => {
  it("left to right, a box starts where it is placed", () => {
    const at = placer("ltr");
    assert.equal(at.x(170, 400), 170);
    assert.equal(at.x(0), 0);
  });

  it("right to left, the same box is mirrored: its start is at the right, the chart's width away", () => {
    const at = placer("rtl");
    // The chart is 640 wide: a 400-wide bar starting 170 from the right spans 70..470.
    assert.equal(at.x(170, 400), 70);
    assert.equal(at.x(0), 640);
    // The value text after a bar (anchored at its start) sits left of the bar's end.
    assert.equal(at.x(170 + 400 + 8), 62);
  });
});
