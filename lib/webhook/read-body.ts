/**
 * Reads a request body up to a byte limit without ever holding more than the limit (plus one
 * chunk): the stream is cancelled as soon as the limit is passed. Isomorphic (web streams).
 */

export const HOOK_BODY_LIMIT_BYTES = 1024 * 1024;

export type CappedBody = { ok: true; body: Uint8Array } | { ok: false; reason: "too_large"; limit: number };

export async function readBodyCapped(stream: ReadableStream<Uint8Array> | null, limit: number): Promise<CappedBody> {
  if (!stream) return { ok: true, body: new Uint8Array(0) };
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel("body too large").catch(() => {});
        return { ok: false, reason: "too_large", limit };
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, body };
}
