import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readBodyCapped } from "./read-body";

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++]!);
      else controller.close();
    },
  });
}

describe("readBodyCapped", () => {
  it("returns the exact bytes of a body within the limit, across chunks", async () => {
    const result = await readBodyCapped(streamOf([new TextEncoder().encode('{"a":'), new TextEncoder().encode("1}")]), 7);
    assert.ok(result.ok);
    assert.equal(new TextDecoder().decode(result.body), '{"a":1}');
  });

  it("treats a missing body as empty", async () => {
    const result = await readBodyCapped(null, 10);
    assert.ok(result.ok);
    assert.equal(result.body.byteLength, 0);
  });

  it("stops reading and cancels the stream as soon as the limit is passed (never buffers an endless body)", async () => {
    let pulled = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
      cancel() {
        cancelled = true;
      },
    });
    const result = await readBodyCapped(endless, 1024 * 1024);
    assert.deepEqual(result, { ok: false, reason: "too_large", limit: 1024 * 1024 });
    assert.ok(cancelled, "the stream was cancelled");
    assert.ok(pulled <= 18, `read ${pulled} chunks of 64 KiB for a 1 MiB limit`);
  });

  it("accepts a body of exactly the limit and refuses one byte more", async () => {
    assert.equal((await readBodyCapped(streamOf([new Uint8Array(100)]), 100)).ok, true);
    assert.equal((await readBodyCapped(streamOf([new Uint8Array(100), new Uint8Array(1)]), 100)).ok, false);
  });
});
