import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { HUGE_BODY_BYTES } from "./server";
import { startStandins, type RunningStandins } from "./testing";

describe("enrichment stand-ins (FullContact, People Data Labs)", () => {
  let standins: RunningStandins;
  before(async () => {
    standins = await startStandins({ delayMs: 250 });
  });
  after(() => standins.close());
  beforeEach(() => standins.server.reset());

  const fc = (path: string, body: unknown, key: string | null = "standin") =>
    fetch(`${standins.origin}/fullcontact/v3/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify(body),
    });
  const pdl = (path: string, query: Record<string, string>, key: string | null = "standin") =>
    fetch(`${standins.origin}/pdl/v5/${path}?${new URLSearchParams(query)}`, { headers: key ? { "x-api-key": key } : {} });

  describe("FullContact", () => {
    it("person.enrich answers a scripted person in the documented shape", async () => {
      const res = await fc("person.enrich", { email: "ana@acme-robotics.com" });
      assert.equal(res.status, 200);
      const body = (await res.json()) as Record<string, unknown>;
      assert.equal(body.fullName, "Ana Pereira");
      assert.equal(body.title, "Head of Operations");
      assert.equal(body.organization, "Acme Robotics");
      assert.equal(body.linkedin, "https://www.linkedin.com/in/ana-pereira-ops");
      assert.deepEqual((body.details as { employment: unknown[] }).employment[0], { name: "Acme Robotics", domain: "acme-robotics.com", current: true, title: "Head of Operations", start: { year: 2021, month: 3 } });
    });

    it("company.enrich answers a scripted company", async () => {
      const res = await fc("company.enrich", { domain: "harbour-bank.co.uk" });
      const body = (await res.json()) as Record<string, unknown>;
      assert.deepEqual([res.status, body.name, body.employees, body.founded], [200, "Harbour Bank", 2300, 1987]);
    });

    it("every scripted status: 202 then 200, 404, 401, 403, 422, 429 with the rate delay, 503", async () => {
      const pending = await fc("person.enrich", { email: "pending-ana@acme-robotics.com" });
      assert.equal(pending.status, 202);
      assert.equal((await fc("person.enrich", { email: "pending-ana@acme-robotics.com" })).status, 200);
      assert.equal((await fc("person.enrich", { email: "nobody-x@acme-robotics.com" })).status, 404);
      assert.equal((await fc("person.enrich", { email: "stranger@example.org" })).status, 404);
      assert.equal((await fc("person.enrich", { email: "ana@acme-robotics.com" }, null)).status, 401);
      assert.equal((await fc("person.enrich", { email: "ana@acme-robotics.com" }, "bad-key")).status, 403);
      const missing = await fc("person.enrich", {});
      assert.deepEqual([missing.status, await missing.json()], [422, { status: 422, message: "Invalid or missing parameter: email" }]);
      const rate = await fc("person.enrich", { email: "rate-x@acme-robotics.com" });
      assert.equal(rate.status, 429);
      assert.equal(rate.headers.get("x-fullcontact-ratedelay"), "5");
      assert.equal((await fc("person.enrich", { email: "flaky-x@acme-robotics.com" })).status, 503);
      assert.equal((await fc("company.enrich", { domain: "flaky-corp.com" })).status, 503);
    });

    it("slow-* waits the configured delay", async () => {
      const started = Date.now();
      const res = await fc("person.enrich", { email: "slow-ana@acme-robotics.com" });
      assert.equal(res.status, 200);
      assert.ok(Date.now() - started >= 240, `took ${Date.now() - started} ms`);
    });

    it("huge-* sends 10 MB; malformed-* sends broken JSON", async () => {
      const huge = await fc("person.enrich", { email: "huge-x@acme-robotics.com" });
      assert.ok((await huge.arrayBuffer()).byteLength > HUGE_BODY_BYTES);
      const malformed = await fc("person.enrich", { email: "malformed-x@acme-robotics.com" });
      await assert.rejects(malformed.json());
    });

    it("refuses other methods and paths", async () => {
      const get = await fetch(`${standins.origin}/fullcontact/v3/person.enrich`, { headers: { authorization: "Bearer standin" } });
      assert.equal(get.status, 405);
      assert.equal(get.headers.get("allow"), "POST");
      assert.equal((await fetch(`${standins.origin}/fullcontact/v2/person.json`)).status, 404);
    });
  });

  describe("People Data Labs", () => {
    it("person/enrich: fields under data, lower case, country names, URLs without a scheme", async () => {
      const res = await pdl("person/enrich", { email: "omar@harbour-bank.co.uk" });
      const body = (await res.json()) as { status: number; likelihood: number; data: Record<string, unknown> };
      assert.equal(res.status, 200);
      assert.equal(body.likelihood, 9);
      assert.equal(body.data.job_title, "risk analyst");
      assert.equal(body.data.location_country, "united kingdom");
      assert.equal(body.data.linkedin_url, "linkedin.com/in/omar-haddad-risk");
      assert.equal(body.data.job_company_size, "1001-5000");
    });

    it("POST works like GET; company/enrich answers at the top level", async () => {
      const post = await fetch(`${standins.origin}/pdl/v5/person/enrich`, { method: "POST", headers: { "x-api-key": "k", "content-type": "application/json" }, body: JSON.stringify({ email: "ana@acme-robotics.com" }) });
      assert.equal(post.status, 200);
      const company = (await (await pdl("company/enrich", { website: "https://www.acme-robotics.com/about" })).json()) as Record<string, unknown>;
      assert.deepEqual([company.display_name, company.website, company.size], ["Acme Robotics", "acme-robotics.com", "51-200"]);
    });

    it("errors in PDL's shape: 404, 400, 401, 429, 503", async () => {
      const nobody = await pdl("person/enrich", { email: "nobody-x@acme-robotics.com" });
      assert.deepEqual([nobody.status, await nobody.json()], [404, { status: 404, error: { type: "not_found", message: "No records were found matching your request" } }]);
      assert.equal((await pdl("person/enrich", {})).status, 400);
      assert.equal((await pdl("person/enrich", { email: "ana@acme-robotics.com" }, "bad-key")).status, 401);
      assert.equal((await pdl("person/enrich", { email: "ana@acme-robotics.com" }, null)).status, 401);
      const rate = await pdl("person/enrich", { email: "rate-x@acme-robotics.com" });
      assert.equal(rate.status, 429);
      assert.equal(((await rate.json()) as { error: { type: string } }).error.type, "rate_limit_error");
      assert.equal((await pdl("company/enrich", { website: "flaky-corp.com" })).status, 503);
    });
  });

  describe("request counter", () => {
    it("counts requests per path, keeps the bodies but never the keys, and resets", async () => {
      await fc("person.enrich", { email: "ana@acme-robotics.com" }, "secret-key-1");
      await fc("person.enrich", { email: "nobody-x@acme-robotics.com" });
      await pdl("company/enrich", { website: "acme-robotics.com" }, "secret-key-2");
      const res = await fetch(`${standins.origin}/_standins/requests`);
      const text = await res.text();
      assert.ok(!text.includes("secret-key"), "no key in the log");
      const log = JSON.parse(text) as { total: number; counts: Record<string, number>; last: { at: string; method: string; path: string; body: unknown }[] };
      assert.equal(log.total, 3);
      assert.deepEqual(log.counts, { "/fullcontact/v3/person.enrich": 2, "/pdl/v5/company/enrich": 1 });
      const { at, ...request } = log.last[2] ?? { at: "" };
      assert.ok(!Number.isNaN(Date.parse(at)));
      assert.deepEqual(request, { method: "GET", path: "/pdl/v5/company/enrich", body: { website: "acme-robotics.com" } });
      assert.equal((await fetch(`${standins.origin}/_standins/reset`, { method: "POST" })).status, 200);
      const after = (await (await fetch(`${standins.origin}/_standins/requests`)).json()) as { total: number };
      assert.equal(after.total, 0);
    });

    it("reset also forgets the 202s already given", async () => {
      assert.equal((await fc("person.enrich", { email: "pending-ana@acme-robotics.com" })).status, 202);
      standins.server.reset();
      assert.equal((await fc("person.enrich", { email: "pending-ana@acme-robotics.com" })).status, 202);
    });

    it("a hanging request is closed with the server", async () => {
      const other = await startStandins();
      const hanging = fetch(`${other.origin}/fullcontact/v3/person.enrich`, { method: "POST", headers: { authorization: "Bearer k" }, body: JSON.stringify({ email: "hang-x@acme-robotics.com" }) });
      await new Promise((r) => setTimeout(r, 50));
      await other.close();
      await assert.rejects(hanging);
    });
  });
});
