import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { ActionHttpError, callAction, findAction, parseActionResponse } from "./flight";

// Bodies as `next start` (Next 16) answered the profile actions.
const PROMPT =
  '0:{"a":"$@1","q":"","i":false,"b":"kNniQJ4A5oAAxdZh26lal"}\n1:{"ok":true,"prompt":{"loginKey":"7bc08f2e:1795922702","questions":[{"attribute":"load_001"},{"attribute":"load_002"}]}}\n';
const FAILED = '0:{"a":"$@1","q":"","i":false,"b":"kNniQJ4A5oAAxdZh26lal"}\n1:E{"digest":"285756362"}\n';

test("parseActionResponse: the result row the root row points at", () => {
  assert.deepEqual(parseActionResponse(PROMPT), {
    ok: true,
    prompt: { loginKey: "7bc08f2e:1795922702", questions: [{ attribute: "load_001" }, { attribute: "load_002" }] },
  });
});

test("parseActionResponse: Flight's escapes: $$ is a dollar, $undefined is left out, inline results", () => {
  assert.deepEqual(parseActionResponse('0:{"a":{"ok":true,"v":"$$5","gone":"$undefined"},"b":"x"}\n'), { ok: true, v: "$5" });
});

test("parseActionResponse: an error row, a missing row, an unknown encoding and a missing root all throw", () => {
  assert.throws(() => parseActionResponse(FAILED), /failed on the server/);
  assert.throws(() => parseActionResponse('0:{"a":"$@2"}\n'), /missing row 2/);
  assert.throws(() => parseActionResponse('0:{"a":"$@1"}\n1:{"when":"$D2026-01-01"}\n'), /does not decode/);
  assert.throws(() => parseActionResponse('1:{"ok":true}\n'), /no action result row/);
  assert.throws(() => parseActionResponse("<html>"), /unexpected Flight line/);
});

test("callAction: the request a browser makes (headers, escaped JSON arguments), the response decoded; HTTP failures throw", async (t) => {
  let seen: { headers: Record<string, unknown>; body: string; url: string } | null = null;
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      seen = { headers: req.headers, body, url: req.url ?? "" };
      if (req.url === "/broken") {
        res.writeHead(409, { "content-type": "text/plain" }).end("Server Action unavailable.");
        return;
      }
      res.writeHead(200, { "content-type": "text/x-component" }).end(PROMPT);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  t.after(() => server.close());
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const result = await callAction(origin, { id: "7fabc", path: "/" }, ["token", { values: { load_001: "$dollar" } }]);
  assert.equal((result as { ok: boolean }).ok, true);
  assert.ok(seen);
  const request = seen as { headers: Record<string, unknown>; body: string; url: string };
  assert.equal(request.headers["next-action"], "7fabc");
  assert.equal(request.headers.accept, "text/x-component");
  assert.equal(request.headers.origin, origin);
  // React's encodeReply escapes a leading "$": unescaped, the server reads "$d…" as a reference.
  assert.equal(request.body, '["token",{"values":{"load_001":"$$dollar"}}]');
  await assert.rejects(callAction(origin, { id: "7fabc", path: "/broken" }, []), (e: unknown) => e instanceof ActionHttpError && e.status === 409);
});

test("findAction: the action's id and a page of the app's own that registers it, never Next's 404 page", async () => {
  const dir = await mkdtemp(join(tmpdir(), "gradual-flight-"));
  try {
    await mkdir(join(dir, "server"));
    const workers = (...names: string[]) => Object.fromEntries(names.map((n) => [n, {}]));
    const node = {
      "7fa": { filename: "bench/load/actions.ts", exportedName: "saveLoadValues", workers: workers("app/_not-found/page", "app/api/authgear/hooks/route", "app/page", "app/profile/page") },
      "7fb": { filename: "app/actions.ts", exportedName: "getMyProfile", workers: workers("app/profile/page") },
      "7fc": { filename: "app/actions.ts", exportedName: "onlyInRoutes", workers: workers("app/_not-found/page", "app/api/authgear/hooks/route") },
    };
    await writeFile(join(dir, "server", "server-reference-manifest.json"), JSON.stringify({ node }));
    assert.deepEqual(await findAction(dir, "bench/load/actions.ts", "saveLoadValues"), { id: "7fa", path: "/" });
    assert.deepEqual(await findAction(dir, "app/actions.ts", "getMyProfile"), { id: "7fb", path: "/profile" });
    await assert.rejects(findAction(dir, "app/actions.ts", "onlyInRoutes"), /registered with no page/);
    await assert.rejects(findAction(dir, "app/actions.ts", "missing"), /is not in/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
