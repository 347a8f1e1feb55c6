import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { startStandins, type RunningStandins } from "@/emulator/standins/testing";
import type { RemoteProviderOptions } from "./fullcontact.server";
import { createPdlCompanyProvider, createPdlPersonProvider, pdlConfidence, readPdlCompany, readPdlPerson } from "./people-data-labs.server";
import { RemoteProviderError } from "./remote-http.server";
import type { EnrichmentInput, Observation, ProviderContext } from "./types";

const PERSON = "/pdl/v5/person/enrich";
const COMPANY = "/pdl/v5/company/enrich";
const DAY = 24 * 60 * 60 * 1000;
const now = new Date("2026-12-01T10:00:00.000Z");

function context(): ProviderContext {
  return { signal: new AbortController().signal, now, phase: "after-sign-up" };
}
const values = (observations: readonly Observation[]) => Object.fromEntries(observations.map((o) => [o.field, o.value]));

async function refusal(promise: Promise<unknown>): Promise<RemoteProviderError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof RemoteProviderError, `expected a RemoteProviderError, got ${String(error)}`);
    assert.ok(!error.message.includes("standin") && !error.message.includes("bad-key") && !/@/.test(error.message), error.message);
    return error;
  }
  assert.fail("expected the lookup to fail");
}

describe("People Data Labs providers against the stand-in", () => {
  let standins: RunningStandins;
  let t = now.getTime();
  before(async () => {
    standins = await startStandins({ delayMs: 300 });
  });
  after(() => standins.close());
  beforeEach(() => {
    standins.server.reset();
    t = now.getTime();
  });

  const options = (extra: Partial<RemoteProviderOptions> = {}): RemoteProviderOptions => ({
    apiKey: "standin",
    baseUrl: `${standins.origin}/pdl`,
    timeoutMs: 5000,
    now: () => t,
    ...extra,
  });
  const person = (extra?: Partial<RemoteProviderOptions>) => createPdlPersonProvider(options(extra));
  const company = (extra?: Partial<RemoteProviderOptions>) => createPdlCompanyProvider(options(extra));
  const ana: EnrichmentInput = { email: "ana@acme-robotics.com" };

  describe("pdl-person", () => {
    it("is a third-party remote provider declaring the person and employer fields", () => {
      const p = person();
      assert.equal(p.name, "pdl-person");
      assert.ok(p.thirdParty && p.remote);
      assert.deepEqual(Object.keys(p.fields).sort(), ["company_industry", "company_name", "company_size", "company_website", "country", "full_name", "job_title", "linkedin_url"]);
    });

    it("200: GETs with the email, and normalises: country name → code, URLs get https://, the size range → its midpoint", async () => {
      const observations = await person().lookup({ email: "ANA@acme-robotics.com" }, context());
      assert.deepEqual(values(observations), {
        full_name: "ana pereira",
        job_title: "head of operations",
        company_name: "acme robotics",
        company_website: "https://acme-robotics.com",
        company_industry: "computer software",
        company_size: 126,
        linkedin_url: "https://linkedin.com/in/ana-pereira-ops",
        country: "PT",
      });
      for (const o of observations) {
        assert.equal(o.confidence, 0.8, "likelihood 8 → 0.8");
        assert.equal(o.basis, "People Data Labs person/enrich (likelihood 8)");
      }
      assert.deepEqual(standins.server.requests().last.map((r) => [r.method, r.path, r.body]), [["GET", PERSON, { email: "ana@acme-robotics.com" }]]);
    });

    it("the confidence follows the likelihood", async () => {
      const yuki = await person().lookup({ email: "yuki@sakura-logistics.co.jp" }, context());
      assert.ok(yuki.every((o) => o.confidence === 0.6));
      assert.equal(values(yuki).company_size, 10001, "10001+ → its lower bound");
      assert.equal(values(yuki).country, "JP");
    });

    it("found and 404 answers are cached 24 h; a second lookup makes no request", async () => {
      const p = person();
      await p.lookup(ana, context());
      await p.lookup(ana, context());
      const nobody = { email: "nobody-x@acme-robotics.com" };
      assert.deepEqual(await p.lookup(nobody, context()), []);
      assert.deepEqual(p.cached?.(nobody, { now, phase: "sign-up" }), []);
      await p.lookup(nobody, context());
      assert.equal(standins.count(PERSON), 2);
      t += DAY;
      assert.equal(p.cached?.(ana, { now, phase: "sign-up" }), undefined);
    });

    it("PDL has no 202: a pending-* address answers at once", async () => {
      assert.equal(values(await person().lookup({ email: "pending-ana@acme-robotics.com" }, context())).job_title, "head of operations");
    });

    it("401 (bad key) and 400 (a parameter refused): errors naming the status; the circuit stays closed", async () => {
      const bad = person({ apiKey: "bad-key" });
      const unauthorized = await refusal(bad.lookup(ana, context()));
      assert.equal(unauthorized.status, 401);
      assert.equal(unauthorized.message, "People Data Labs person/enrich answered HTTP 401: the API key was refused");
      const invalid = await refusal(person().lookup({ email: "invalid-x@acme-robotics.com" }, context()));
      assert.equal(invalid.status, 400);
      assert.equal(bad.circuit.state, "closed");
    });

    it("429 with Retry-After opens the circuit for the delay", async () => {
      const p = person();
      const error = await refusal(p.lookup({ email: "rate-x@acme-robotics.com" }, context()));
      assert.match(error.message, /HTTP 429: rate limited \(asked to wait 5000 ms\)/);
      assert.equal((await refusal(p.lookup(ana, context()))).kind, "circuit-open");
      assert.equal(standins.count(PERSON), 1);
      t += 5000;
      await p.lookup(ana, context());
      assert.equal(p.circuit.state, "closed");
    });

    it("503 three times opens the circuit", async () => {
      const p = person();
      for (let i = 0; i < 3; i++) assert.equal((await refusal(p.lookup({ email: `flaky-${i}@acme-robotics.com` }, context()))).status, 503);
      assert.equal((await refusal(p.lookup(ana, context()))).kind, "circuit-open");
    });

    it("malformed JSON, a 10 MB body and a hang are errors of their kind", async () => {
      assert.equal((await refusal(person().lookup({ email: "malformed-x@acme-robotics.com" }, context()))).kind, "not-json");
      assert.equal((await refusal(person().lookup({ email: "huge-x@acme-robotics.com" }, context()))).kind, "too-large");
      assert.equal((await refusal(person({ timeoutMs: 200 }).lookup({ email: "hang-x@acme-robotics.com" }, context()))).kind, "timeout");
    });

    it("HTML, a bad URL and a wrong type are handed on as PDL gave them (the runner drops them)", async () => {
      assert.equal(values(await person().lookup({ email: "html-ana@acme-robotics.com" }, context())).job_title, "<img src=x onerror=alert(1)>head of operations");
      assert.equal(values(await person().lookup({ email: "badurl-ana@acme-robotics.com" }, context())).linkedin_url, "https://linkedin.com/in/ana-pereira-ops/../admin");
      assert.equal(values(await person().lookup({ email: "wrongtype-ana@acme-robotics.com" }, context())).job_title, 42);
    });
  });

  describe("pdl-company", () => {
    it("200: GETs with the domain as website; display name, head count and founding year", async () => {
      const observations = await company().lookup({ email: "omar@harbour-bank.co.uk" }, context());
      assert.deepEqual(values(observations), {
        company_name: "Harbour Bank",
        company_website: "https://harbour-bank.co.uk",
        company_industry: "banking",
        company_size: 2300,
        company_founded: 1987,
      });
      assert.ok(observations.every((o) => o.confidence === 0.8 && o.basis === "People Data Labs company/enrich"));
      assert.deepEqual(standins.server.requests().last.map((r) => r.body), [{ website: "harbour-bank.co.uk" }]);
    });

    it("404 cached; 429 opens the circuit", async () => {
      const p = company();
      assert.deepEqual(await p.lookup({ email: "a@nobody-corp.com" }, context()), []);
      await p.lookup({ email: "b@nobody-corp.com" }, context());
      assert.equal(standins.count(COMPANY), 1);
      assert.equal((await refusal(p.lookup({ email: "a@rate-corp.com" }, context()))).status, 429);
      assert.equal(p.circuit.state, "open");
    });
  });
});

describe("reading PDL answers", () => {
  const at = now.toISOString();
  it("likelihood → confidence", () => {
    assert.equal(pdlConfidence(10), 1);
    assert.equal(pdlConfidence(1), 0.1);
    for (const odd of [0, 11, 7.5, "8", null]) assert.equal(pdlConfidence(odd), 0.5);
  });
  it("a person answer without `data` is an unexpected body; an empty `data` is 'not found'", () => {
    assert.throws(() => readPdlPerson({ status: 200, likelihood: 5 }, at), (e) => e instanceof RemoteProviderError && e.kind === "unexpected-body");
    assert.deepEqual(readPdlPerson({ status: 200, likelihood: 5, data: { full_name: null } }, at), { kind: "not-found" });
  });
  it("an unknown country name is left out, not guessed", () => {
    const answer = readPdlPerson({ likelihood: 5, data: { job_title: "cto", location_country: "atlantis" } }, at);
    assert.ok(answer.kind === "found");
    if (answer.kind === "found") assert.deepEqual(values(answer.observations), { job_title: "cto" });
  });
  it("a company's size range is read when there is no head count; name when there is no display name", () => {
    const answer = readPdlCompany({ name: "acme", size: "201-500" }, at);
    if (answer.kind === "found") assert.deepEqual(values(answer.observations), { company_name: "acme", company_size: 351 });
    else assert.fail(answer.kind);
  });
});

describe("PDL providers with the runner and the provider contract", async () => {
  const { enrich } = await import("./enrich");
  const { checkEnrichmentProvider } = await import("./testing");
  const { checkFieldValue } = await import("./field-values");
  let standins: RunningStandins;
  before(async () => {
    standins = await startStandins();
  });
  after(() => standins.close());
  const options = (): RemoteProviderOptions => ({ apiKey: "standin", baseUrl: `${standins.origin}/pdl`, timeoutMs: 3000 });
  const emails = ["ana@acme-robotics.com", "omar@harbour-bank.co.uk", "yuki@sakura-logistics.co.jp"];

  it("both pass the provider contract against the stand-in", async () => {
    const inputs = [...emails.map((email) => ({ email })), { email: "nobody-x@acme-robotics.com" }, { email: "invalid-x@acme-robotics.com" }];
    await checkEnrichmentProvider(createPdlPersonProvider(options()), { inputs, now, allowErrors: true });
    await checkEnrichmentProvider(createPdlCompanyProvider(options()), { inputs, now, allowErrors: true });
  });

  it("every normalised value passes its field's spec as it is (country code, https URLs, integer sizes)", async () => {
    for (const provider of [createPdlPersonProvider(options()), createPdlCompanyProvider(options())]) {
      for (const email of emails) {
        for (const o of await provider.lookup({ email }, context())) {
          const spec = provider.fields[o.field];
          assert.ok(spec, o.field);
          assert.deepEqual(checkFieldValue(spec, o.value), o.value, `${provider.name} ${o.field} ${String(o.value)}`);
        }
      }
    }
  });

  it("HTML, a bad URL and a wrong type are dropped by the runner with a problem naming the field", async () => {
    for (const [email, field] of [
      ["html-ana@acme-robotics.com", "job_title"],
      ["badurl-ana@acme-robotics.com", "linkedin_url"],
      ["wrongtype-ana@acme-robotics.com", "job_title"],
    ] as const) {
      const result = await enrich([createPdlPersonProvider(options())], { email }, { budgetMs: 5000, now, phase: "after-sign-up" });
      assert.equal(result.best[field], undefined, email);
      assert.equal(result.best.country?.value, "PT");
      assert.match(result.problems[0]?.message ?? "", new RegExp(field));
    }
    const company = await enrich([createPdlCompanyProvider(options())], { email: "x@wrongtype-acme-robotics.com" }, { budgetMs: 5000, now, phase: "login" });
    assert.equal(company.best.company_size, undefined);
    assert.equal(company.best.company_name?.value, "Acme Robotics");
    assert.match(company.problems[0]?.message ?? "", /company_size/);
  });
});
