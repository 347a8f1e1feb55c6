import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { employeeCount, emailKey, remoteJson, RemoteProviderError, requestedDelayMs, websiteOfDomain, withScheme, workDomainKey } from "./remote-http.server";

const SECRET = "sk_live_secret_0123456789";

describe("remoteJson", () => {
  let server: Server;
  let base: string;
  const routes = new Map<string, (req: IncomingMessage, res: ServerResponse) => void>();
  const open = new Set<ServerResponse>();
  let bytesSent = 0;

  before(async () => {
    server = createServer((req, res) => {
      open.add(res);
      res.once("close", () => open.delete(res));
      const route = routes.get(new URL(req.url ?? "/", "http://x").pathname);
      if (route) route(req, res);
      else res.writeHead(404).end();
    });
    routes.set("/json", (req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        res.writeHead(201, { "content-type": "application/json" });
        res.end(JSON.stringify({ method: req.method, auth: req.headers.authorization, type: req.headers["content-type"], body: body ? (JSON.parse(body) as unknown) : null }));
      });
    });
    routes.set("/empty", (_req, res) => res.writeHead(202).end());
    routes.set("/not-json", (_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<html>oops</html>"));
    routes.set("/declared-huge", (_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(10 * 1024 * 1024) });
      res.write("{");
    });
    routes.set("/streamed-huge", (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(64 * 1024, "a");
      bytesSent = 0;
      const pump = () => {
        while (bytesSent < 10 * 1024 * 1024 && !res.destroyed) {
          bytesSent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        if (!res.destroyed) res.end();
      };
      pump();
    });
    routes.set("/hang", () => {});
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    for (const res of open) res.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const ask = (path: string, extra: Partial<Parameters<typeof remoteJson>[0]> = {}) =>
    remoteJson({
      service: "Test API",
      url: new URL(`${path}?key=${SECRET}`, base),
      method: "GET",
      headers: { authorization: `Bearer ${SECRET}` },
      timeoutMs: 5000,
      signal: new AbortController().signal,
      ...extra,
    });

  async function refusal(promise: Promise<unknown>): Promise<RemoteProviderError> {
    try {
      await promise;
    } catch (error) {
      assert.ok(error instanceof RemoteProviderError, `expected a RemoteProviderError, got ${String(error)}`);
      assert.ok(!error.message.includes(SECRET) && !error.message.includes(base), `the error names no key or URL: ${error.message}`);
      return error;
    }
    assert.fail("expected a refusal");
  }

  it("sends JSON with the headers and returns any status with its parsed body", async () => {
    const response = await ask("/json", { method: "POST", json: { email: "ana@acme-robotics.com" } });
    assert.equal(response.status, 201);
    assert.deepEqual(response.body, { method: "POST", auth: `Bearer ${SECRET}`, type: "application/json", body: { email: "ana@acme-robotics.com" } });
  });

  it("an empty body is undefined, not an error", async () => {
    const response = await ask("/empty");
    assert.equal(response.status, 202);
    assert.equal(response.body, undefined);
  });

  it("a body that is not JSON is a not-json error naming the service and status", async () => {
    const error = await refusal(ask("/not-json"));
    assert.equal(error.kind, "not-json");
    assert.match(error.message, /^Test API answered HTTP 200 with a body that is not JSON$/);
  });

  it("a declared 10 MB body is refused without reading it", async () => {
    const error = await refusal(ask("/declared-huge"));
    assert.equal(error.kind, "too-large");
    assert.match(error.message, /10485760 bytes, over the 1048576-byte limit/);
  });

  it("a streamed 10 MB body is refused after the first megabyte, not buffered whole", async () => {
    const error = await refusal(ask("/streamed-huge"));
    assert.equal(error.kind, "too-large");
    // The server got the cancel long before it sent it all (socket buffers allow some slack).
    assert.ok(bytesSent < 6 * 1024 * 1024, `sent ${bytesSent} bytes`);
  });

  it("a hang ends at the timeout as a timeout error", async () => {
    const started = Date.now();
    const error = await refusal(ask("/hang", { timeoutMs: 150 }));
    assert.equal(error.kind, "timeout");
    assert.equal(error.message, "Test API did not answer within 150 ms");
    assert.ok(Date.now() - started < 2000);
  });

  it("the runner's abort wins: its reason is thrown as it is", async () => {
    const controller = new AbortController();
    const reason = new Error("budget spent");
    setTimeout(() => controller.abort(reason), 50);
    await assert.rejects(ask("/hang", { signal: controller.signal }), (e) => e === reason);
    const already = AbortSignal.abort(reason);
    await assert.rejects(ask("/json", { signal: already }), (e) => e === reason);
  });

  it("an unreachable service is a network error without the URL", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await refusal(remoteJson({ service: "Test API", url: new URL(`http://127.0.0.1:${port}/x?key=${SECRET}`), method: "GET", headers: {}, timeoutMs: 2000, signal: new AbortController().signal }));
    assert.equal(error.kind, "network");
    assert.match(error.message, /^Test API could not be reached/);
  });
});

describe("requestedDelayMs", () => {
  const now = Date.parse("2026-12-01T00:00:00Z");
  it("reads X-FullContact-RateDelay (seconds, fractional) before Retry-After", () => {
    assert.equal(requestedDelayMs(new Headers({ "x-fullcontact-ratedelay": "1.5", "retry-after": "30" }), now), 1500);
    assert.equal(requestedDelayMs(new Headers({ "retry-after": "30" }), now), 30_000);
  });
  it("reads a Retry-After date", () => {
    assert.equal(requestedDelayMs(new Headers({ "retry-after": "Tue, 01 Dec 2026 00:00:10 GMT" }), now), 10_000);
  });
  it("is undefined for nothing or nonsense, and capped at a day", () => {
    assert.equal(requestedDelayMs(new Headers(), now), undefined);
    assert.equal(requestedDelayMs(new Headers({ "retry-after": "soon" }), now), undefined);
    assert.equal(requestedDelayMs(new Headers({ "x-fullcontact-ratedelay": "-1" }), now), undefined);
    assert.equal(requestedDelayMs(new Headers({ "retry-after": "99999999" }), now), 24 * 60 * 60 * 1000);
  });
});

describe("normalisation helpers", () => {
  it("employeeCount: ranges → midpoint rounded, open ranges → lower bound, numbers as they are", () => {
    assert.equal(employeeCount("51-200"), 126);
    assert.equal(employeeCount("1-10"), 6);
    assert.equal(employeeCount("1001-5000"), 3001);
    assert.equal(employeeCount("10001+"), 10001);
    assert.equal(employeeCount("1,200"), 1200);
    assert.equal(employeeCount(350), 350);
    assert.equal(employeeCount(null), undefined);
    assert.equal(employeeCount(""), undefined);
    assert.equal(employeeCount("lots"), "lots", "kept for the runner to refuse");
    assert.equal(employeeCount("200-51"), "200-51");
  });
  it("withScheme: https:// in front of a URL without a scheme, others kept", () => {
    assert.equal(withScheme("linkedin.com/in/ana"), "https://linkedin.com/in/ana");
    assert.equal(withScheme("  www.acme.com "), "https://www.acme.com");
    assert.equal(withScheme("http://acme.com"), "http://acme.com");
    assert.equal(withScheme(""), undefined);
    assert.equal(withScheme(null), undefined);
    assert.equal(withScheme(7), 7);
  });
  it("websiteOfDomain only for a domain", () => {
    assert.equal(websiteOfDomain("Acme-Robotics.com"), "https://acme-robotics.com");
    assert.equal(websiteOfDomain("not a domain"), undefined);
    assert.equal(websiteOfDomain(undefined), undefined);
  });
  it("emailKey: trimmed, lower case; null without a usable address", () => {
    assert.equal(emailKey({ email: "  Ana@Acme-Robotics.COM " }), "ana@acme-robotics.com");
    assert.equal(emailKey({ email: "ana+tag@acme-robotics.com" }), "ana+tag@acme-robotics.com");
    for (const email of [undefined, null, "", "ana", "@acme.com", "ana@", "a b@acme.com"]) assert.equal(emailKey({ email }), null, String(email));
  });
  it("workDomainKey: the domain in ASCII (punycode) form", () => {
    assert.equal(workDomainKey({ email: "Ana@Acme-Robotics.com" }), "acme-robotics.com");
    assert.equal(workDomainKey({ email: "jörg@bücher.de" }), "xn--bcher-kva.de");
    assert.equal(workDomainKey({ email: "ana@localhost" }), null);
    assert.equal(workDomainKey({}), null);
  });
});
