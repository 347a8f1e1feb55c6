import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { markOnce, PERF_MARKS } from "./marks";

describe("markOnce", () => {
  beforeEach(() => performance.clearMarks());

  it("sets a mark once per page load, keeping the first time", async () => {
    markOnce(PERF_MARKS.promptVisible);
    const [first] = performance.getEntriesByName(PERF_MARKS.promptVisible, "mark");
    await new Promise((r) => setTimeout(r, 5));
    markOnce(PERF_MARKS.promptVisible);
    const marks = performance.getEntriesByName(PERF_MARKS.promptVisible, "mark");
    assert.equal(marks.length, 1);
    assert.equal(marks[0]!.startTime, first!.startTime);
  });

  it("keeps the marks apart", () => {
    markOnce(PERF_MARKS.homeSignedIn);
    markOnce(PERF_MARKS.promptVisible);
    assert.deepEqual(
      performance.getEntriesByType("mark").map((m) => m.name),
      [PERF_MARKS.homeSignedIn, PERF_MARKS.promptVisible],
    );
  });

  it("names every mark under gradual:", () => {
    for (const name of Object.values(PERF_MARKS)) assert.match(name, /^gradual:[a-z-]+$/);
  });
});
