import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { enrich } from "./enrich";
import { checkEnrichmentProvider } from "./testing";
import { createIpgeolocationProvider } from "./ipgeolocation.server";

const now = new Date("2026-03-01T12:00:00.000Z");
const API_KEY = "test_key_0123456789";

/** The documented shape of GET /ipgeo (values for 81.2.69.142; coordinates as strings). */
const LONDON = {
  ip: "81.2.69.142",
  continent_code: "EU",
  country_code2: "GB",
  country_code3: "GBR",
  country_name: "United Kingdom",
  state_prov: "England",
  district: "City of London",
  city: "London",
  zipcode: "EC2V",
  latitude: "51.51500",
  longitude: "-0.09200",
  isp: "Andrews & Arnold Ltd",
  time_zone: { name: "Europe/London", offset: 0, current_time: "2026-03-01 12:00:00.000+0000", is_dst: false, dst_savings: 1 },
};

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

describe("ipgeolocation provider (against a local stand-in of api.ipgeolocation.io)", () => {
  let server: Server;
  let baseUrl: string;
  let handler: Handler;
  const requests: URL[] = [];
  const hanging = new Set<ServerResponse>();

  before(async () => {
    server = createServer((req, res) => {
      requests.push(new URL(req.url ?? "/", "http://stand-in"));
      handler(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    for (const res of hanging) res.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    requests.length = 0;
    handler = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(LONDON));
    };
  });

  // Answers come from loopback; the generous timeout keeps a busy machine's first request (connection
  // set-up, module loading) from looking like a hang. The hang itself is tested with its own 150 ms.
  const provider = (extra: Partial<Parameters<typeof createIpgeolocationProvider>[0]> = {}) =>
    createIpgeolocationProvider({ apiKey: API_KEY, baseUrl, timeoutMs: 5_000, ...extra });

  it("asks GET /ipgeo with the key and IP, and reads city, region, country and time zone", async () => {
    const result = await enrich([provider()], { ip: "81.2.69.142" }, { budgetMs: 1000, now, phase: "login" });
    assert.deepEqual(result.problems, []);
    assert.equal(requests.length, 1);
    assert.equal(requests[0]?.pathname, "/ipgeo");
    assert.equal(requests[0]?.searchParams.get("apiKey"), API_KEY);
    assert.equal(requests[0]?.searchParams.get("ip"), "81.2.69.142");
    const { city, region, country, timezone } = result.best;
    assert.deepEqual([city?.value, region?.value, country?.value, timezone?.value], ["London", "England", "GB", "Europe/London"]);
    assert.equal(country?.source, "ipgeolocation");
    assert.ok(country.confidence > city!.confidence);
  });

  it("keeps a base URL's path", async () => {
    await enrich([provider({ baseUrl: `${baseUrl}/v1/` })], { ip: "81.2.69.142" }, { budgetMs: 1000, now, phase: "login" });
    assert.equal(requests[0]?.pathname, "/v1/ipgeo");
  });

  it("answers a repeated IP from its cache, with the original observation time", async () => {
    const p = provider();
    const first = await enrich([p], { ip: "81.2.69.142" }, { budgetMs: 1000, now, phase: "login" });
    const later = new Date(now.getTime() + 60_000);
    const second = await enrich([p], { ip: "81.2.69.142" }, { budgetMs: 1000, now: later, phase: "login" });
    assert.equal(requests.length, 1, "the second call made no request");
    assert.deepEqual(second.values, first.values);
    assert.equal(second.best.city?.observedAt, now.toISOString());
  });

  it("asks again once the cached answer has expired", async () => {
    const clock = { t: 0 };
    const p = provider({ cache: { ttlMs: 1000 }, clock: () => clock.t });
    await enrich([p], { ip: "81.2.69.142" }, { budgetMs: 1000, now, phase: "login" });
    clock.t = 1001;
    await enrich([p], { ip: "81.2.69.142" }, { budgetMs: 1000, now, phase: "login" });
    assert.equal(requests.length, 2);
  });

  it("gives up on a hanging server within its timeout and contributes nothing", async () => {
    handler = (_req, res) => void hanging.add(res);
    const started = Date.now();
    const result = await enrich([provider({ timeoutMs: 150 })], { ip: "81.2.69.142" }, { budgetMs: 2000, now, phase: "login" });
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 1000, `took ${elapsed} ms`);
    assert.deepEqual(result.values, []);
    assert.equal(result.problems[0]?.kind, "timeout");
  });

  it("reports a non-200 answer without leaking the key, and does not cache it", async () => {
    handler = (_req, res) => {
      res.writeHead(401, { "content-type": "application/json" });
      res.end(JSON.stringify({ message: "Provided API key is not valid." }));
    };
    const p = provider();
    const result = await enrich([p], { ip: "81.2.69.142" }, { budgetMs: 1000, now, phase: "login" });
    assert.deepEqual(result.values, []);
    assert.deepEqual(result.problems, [{ provider: "ipgeolocation", kind: "error", message: "ipgeolocation.io answered HTTP 401" }]);
    assert.ok(!JSON.stringify(result).includes(API_KEY));
    await enrich([p], { ip: "81.2.69.142" }, { budgetMs: 1000, now, phase: "login" });
    assert.equal(requests.length, 2);
  });

  it("reports a body that is not JSON or not the documented shape", async () => {
    handler = (_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>maintenance</html>");
    };
    const notJson = await enrich([provider()], { ip: "81.2.69.142" }, { budgetMs: 1000, now, phase: "login" });
    assert.match(notJson.problems[0]?.message ?? "", /not JSON/);
    handler = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ city: 42, time_zone: "UTC" }));
    };
    const wrongShape = await enrich([provider()], { ip: "81.2.69.142" }, { budgetMs: 1000, now, phase: "login" });
    assert.match(wrongShape.problems[0]?.message ?? "", /unexpected body/);
    assert.deepEqual(wrongShape.values, []);
  });

  it("drops a country code Authgear refuses (AQ is not in its list) but keeps the rest, and finds the zone from coordinates", async () => {
    handler = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ip: "31.9.0.1", country_code2: "AQ", state_prov: "", city: "Pristina", latitude: "42.66", longitude: "21.17" }));
    };
    const result = await enrich([provider()], { ip: "31.9.0.1" }, { budgetMs: 1000, now, phase: "login" });
    assert.equal(result.best.country, undefined);
    assert.equal(result.best.region, undefined);
    assert.equal(result.best.city?.value, "Pristina");
    assert.equal(result.best.timezone?.value, "Europe/Belgrade");
  });

  it("never sends private, loopback or malformed addresses", async () => {
    const p = provider();
    const signal = new AbortController().signal;
    for (const ip of ["10.0.0.1", "192.168.1.1", "127.0.0.1", "::1", "fc00::1", "100.64.1.1", "", "999.1.1.1", "abc", null]) {
      assert.deepEqual(await p.lookup({ ip }, { signal, now, phase: "login" }), []);
    }
    assert.equal(requests.length, 0);
  });

  it("keeps the provider contract (checkEnrichmentProvider), declaring itself a third party", async () => {
    const p = provider({ timeoutMs: 500 });
    assert.equal(p.thirdParty, true);
    const report = await checkEnrichmentProvider(p, { now, inputs: [{ ip: "81.2.69.142" }, { ip: "10.0.0.1" }] });
    assert.deepEqual(report.answers[2]?.values.map((v) => v.field), ["country", "timezone", "region", "city"]);
  });
});
