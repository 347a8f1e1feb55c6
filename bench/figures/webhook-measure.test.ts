import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { verifyHookSignature } from "@/lib/authgear/hook-signature";
import { HOOK_PATH, SessionProblem, combine, measureHooks } from "./webhook-measure";

const SECRET = "bench-test-secret";

/** A stand-in for the app's route: verifies the signature, enriches user.pre_create (or not). */
async function standIn(behaviour: "good" | "no-enrichment" | "missing"): Promise<{ url: string; server: Server; seen: Set<string>; signed: { count: number } }> {
  const seen = new Set<string>();
  const signed = { count: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const send = (status: number, json: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(json));
      };
      if (behaviour === "missing" || req.url !== HOOK_PATH) return send(404, { error: "not found" });
      if (!verifyHookSignature(SECRET, body, req.headers["x-authgear-body-signature"] as string | undefined)) return send(401, { error: "bad signature" });
      const event = JSON.parse(body) as { id: string; type: string };
      seen.add(event.id);
      signed.count++;
      if (event.type !== "user.pre_create") return send(200, { is_allowed: true });
      const custom_attributes = behaviour === "good" ? { city: "London", country: "GB", timezone: "Europe/London" } : {};
      send(200, { is_allowed: true, mutations: { user: { custom_attributes } } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address !== "object") throw new Error("no address");
  return { url: `http://127.0.0.1:${address.port}`, server, seen, signed };
}

describe("bench webhook measurement", () => {
  it("combines rounds: mean rates and percentiles, summed counts", () => {
    const r = (rps: number, p50: number, code: string, n: number) => ({ requestsPerSecond: rps, p50, p90: p50 * 2, p99: p50 * 3, total: n, statusCodes: { [code]: n }, errors: 0, timeouts: 1 });
    const c = combine([r(100, 10, "200", 1000), r(300, 20, "200", 3000), r(200, 30, "500", 2)]);
    assert.equal(c.requestsPerSecond, 200);
    assert.equal(c.p50, 20);
    assert.equal(c.p99, 60);
    assert.equal(c.total, 4002);
    assert.deepEqual(c.statusCodes, { "200": 4000, "500": 2 });
    assert.equal(c.timeouts, 3);
    assert.throws(() => combine([]));
  });

  it("loads each kind of body and counts status codes; every request is a new event", async () => {
    const { url, server, seen, signed } = await standIn("good");
    try {
      const m = await measureHooks(url, SECRET, { connections: 2, durationS: 1, warmupS: 0, rounds: 1 });
      assert.deepEqual(Object.keys(m.preCreate.statusCodes), ["200"]);
      assert.deepEqual(Object.keys(m.baseline.statusCodes), ["200"]);
      assert.deepEqual(Object.keys(m.unsigned.statusCodes), ["401"]);
      assert.ok(m.preCreate.total > 10 && m.preCreate.requestsPerSecond > 0 && m.preCreate.p99 >= m.preCreate.p50);
      assert.equal(m.sample.unsignedStatus, 401);
      // Every signed request that reached the handler had its own event id (nothing replayed),
      // and at least all the counted ones did (requests still in flight at the end are not counted).
      assert.equal(seen.size, signed.count);
      assert.ok(signed.count >= m.preCreate.total + m.baseline.total + 2);
    } finally {
      server.close();
    }
  });

  it("refuses to measure a route that answers pre_create without enrichment", async () => {
    const { url, server } = await standIn("no-enrichment");
    try {
      await assert.rejects(measureHooks(url, SECRET, { connections: 1, durationS: 1, warmupS: 0, rounds: 1 }), (e: unknown) => e instanceof SessionProblem && /not enriched/.test(e.message));
    } finally {
      server.close();
    }
  });

  it("refuses to measure a missing route (404)", async () => {
    const { url, server } = await standIn("missing");
    try {
      await assert.rejects(measureHooks(url, SECRET, { connections: 1, durationS: 1, warmupS: 0, rounds: 1 }), (e: unknown) => e instanceof SessionProblem && /HTTP 404/.test(e.message));
    } finally {
      server.close();
    }
  });
});
