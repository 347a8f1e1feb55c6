import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { cpuModel } from "./machine";
import { formatRatio, markdownTable, replaceBetween, textTable } from "./report";
import { median, seededUint32 } from "./stats";
import { ratioOf } from "./types";

describe("bench report", () => {
  it("prints ours ÷ baseline, and says which way is better", () => {
    assert.equal(ratioOf({ value: 50, baselineValue: 200 }), 0.25);
    assert.equal(ratioOf({ value: 50, baselineValue: null }), null);
    assert.equal(ratioOf({ value: 50, baselineValue: 0 }), null);
    assert.equal(formatRatio({ metric: "m", value: 50, unit: "ms", better: "lower", baselineValue: 200, baseline: "b" }), "0.25× (better)");
    assert.equal(formatRatio({ metric: "m", value: 50, unit: "req/s", better: "higher", baselineValue: 200, baseline: "b" }), "0.25× (worse)");
    assert.equal(formatRatio({ metric: "m", value: 300, unit: "x", baselineValue: 20, baseline: "b" }), "15.0×");
    assert.equal(formatRatio({ metric: "m", value: 3, unit: "x" }), "–");
    assert.equal(formatRatio({ metric: "m", value: 162.4, unit: "MiB", better: "lower", baselineValue: 162, baseline: "b" }), "1.00× (same)");
  });

  it("lays out rows as aligned text and as Markdown with the notes below, escaping pipes", () => {
    const rows = [
      { figure: "geo", metric: "lookups", value: 1234567, unit: "lookups/s", better: "higher" as const, baseline: "lite", baselineValue: 617283.5, note: "a | b" },
      { figure: "webhook", metric: "skipped (route not found)", value: null, unit: "" },
    ];
    const text = textTable(rows).split("\n");
    assert.equal(text.length, 4);
    assert.match(text[2] as string, /1,234,567 lookups\/s +lite +617,284 lookups\/s +2\.00× \(better\)/);
    assert.match(text[3] as string, /^webhook +skipped \(route not found\) +–/);
    const md = markdownTable(rows);
    assert.match(md, /\| geo \| lookups \| 1,234,567 lookups\/s \| lite \| 617,284 lookups\/s \| 2\.00× \(better\) \|/);
    assert.match(md, /- \*\*geo: lookups\*\*: a \\\| b/);
  });

  it("replaces only the text between the markers", () => {
    const doc = "intro\n<!-- s -->\nold\n<!-- e -->\noutro\n";
    assert.equal(replaceBetween(doc, "<!-- s -->", "<!-- e -->", "new"), "intro\n<!-- s -->\nnew\n<!-- e -->\noutro\n");
    assert.throws(() => replaceBetween("no markers", "<!-- s -->", "<!-- e -->", "x"), /markers/);
  });

  it("reads the CPU model from /proc/cpuinfo text", () => {
    assert.equal(cpuModel("processor\t: 0\nmodel name\t: AMD EPYC 7B13 64-Core Processor\nflags : x\n"), "AMD EPYC 7B13 64-Core Processor");
  });

  it("median and the seeded PRNG", () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 2, 3]), 2.5);
    assert.throws(() => median([]));
    const a = seededUint32(42);
    const b = seededUint32(42);
    const xs = Array.from({ length: 5 }, () => a());
    assert.deepEqual(xs, Array.from({ length: 5 }, () => b()));
    assert.ok(xs.every((x) => Number.isInteger(x) && x >= 0 && x < 2 ** 32));
  });
});
