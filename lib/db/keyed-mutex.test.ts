import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createKeyedMutex } from "./keyed-mutex";

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("createKeyedMutex", () => {
  it("runs tasks of one key one at a time, in arrival order", async () => {
    const run = createKeyedMutex();
    const log: string[] = [];
    const task = (name: string, ms: number) => run("u1", async () => {
      log.push(`${name}:start`);
      await tick(ms);
      log.push(`${name}:end`);
      return name;
    });
    const results = await Promise.all([task("a", 20), task("b", 1), task("c", 5)]);
    assert.deepEqual(results, ["a", "b", "c"]);
    assert.deepEqual(log, ["a:start", "a:end", "b:start", "b:end", "c:start", "c:end"]);
  });

  it("runs different keys in parallel", async () => {
    const run = createKeyedMutex();
    const log: string[] = [];
    await Promise.all([
      run("u1", async () => { log.push("u1:start"); await tick(20); log.push("u1:end"); }),
      run("u2", async () => { log.push("u2:start"); await tick(1); log.push("u2:end"); }),
    ]);
    assert.deepEqual(log, ["u1:start", "u2:start", "u2:end", "u1:end"]);
  });

  it("releases the key when a task fails", async () => {
    const run = createKeyedMutex();
    await assert.rejects(run("u1", async () => { throw new Error("boom"); }), /boom/);
    assert.equal(await run("u1", async () => "next"), "next");
  });
});
