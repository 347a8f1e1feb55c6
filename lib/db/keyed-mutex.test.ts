import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createKeyedMutex, createSemaphore } from "./keyed-mutex";

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

describe("createSemaphore", () => {
  it("runs at most `limit` tasks at once, the rest in arrival order, and frees a slot on failure", async () => {
    const run = createSemaphore(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        run(async () => {
          started.push(i);
          running++;
          most = Math.max(most, running);
          await tick(5);
          running--;
          if (i === 1) throw new Error("boom");
          return i;
        }),
      ),
    );
    assert.equal(most, 2);
    assert.deepEqual(started, [0, 1, 2, 3, 4, 5]);
    assert.deepEqual(results.map((r) => r.status), ["fulfilled", "rejected", "fulfilled", "fulfilled", "fulfilled", "fulfilled"]);
    assert.equal(await run(async () => "after"), "after");
  });

  it("refuses a limit below 1", () => {
    assert.throws(() => createSemaphore(0), /at least 1/);
  });
});
