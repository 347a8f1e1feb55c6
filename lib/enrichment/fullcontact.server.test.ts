import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { startStandins, type RunningStandins } from "@/emulator/standins/testing";
import {
  createFullContactCompanyProvider,
  createFullContactPersonProvider,
  readFullContactCompany,
  readFullContactPerson,
  type RemoteProviderOptions,
} from "./fullcontact.server";
import { RemoteProviderError } from "./remote-http.server";
import type { EnrichmentInput, Observation, ProviderContext } from "./types";

const PERSON = "/fullcontact/v3/person.enrich";
const COMPANY = "/fullcontact/v3/company.enrich";
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
    assert.ok(!error.message.includes("standin") && !error.message.includes("bad-key"), `no key in the error: ${error.message}`);
    assert.ok(!/@/.test(error.message), `no email in the error: ${error.message}`);
    return error;
  }
  assert.fail("expected the lookup to fail");
}

describe("FullContact providers against the stand-in", () => {
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
    baseUrl: `${standins.origin}/fullcontact`,
    timeoutMs: 5000,
    now: () => t,
    ...extra,
  });
  const person = (extra?: Partial<RemoteProviderOptions>) => createFullContactPersonProvider(options(extra));
  const company = (extra?: Partial<RemoteProviderOptions>) => createFullContactCompanyProvider(options(extra));
  const ana: EnrichmentInput = { email: "Ana@Acme-Robotics.com" };

  describe("fullcontact-person", () => {
    it("is a third-party remote provider declaring the person fields", () => {
      const p = person();
      assert.equal(p.name, "fullcontact-person");
      assert.equal(p.thirdParty, true);
      assert.equal(p.remote, true);
      assert.deepEqual(Object.keys(p.fields).sort(), ["company_name", "company_website", "country", "full_name", "job_title", "linkedin_url"]);
      assert.equal(p.timeBudgetMs, 5050);
    });

    it("200: POSTs the lower-cased email with the key, and maps the answer onto the fields", async () => {
      const observations = await person().lookup(ana, context());
      assert.deepEqual(values(observations), {
        full_name: "Ana Pereira",
        job_title: "Head of Operations",
        company_name: "Acme Robotics",
        company_website: "https://acme-robotics.com",
        linkedin_url: "https://www.linkedin.com/in/ana-pereira-ops",
        country: "PT",
      });
      for (const o of observations) {
        assert.equal(o.confidence, 0.8);
        assert.equal(o.basis, "FullContact person.enrich");
        assert.equal(o.observedAt, now.toISOString());
      }
      const { last } = standins.server.requests();
      assert.deepEqual(last.map((r) => [r.method, r.path, r.body]), [["POST", PERSON, { email: "ana@acme-robotics.com" }]]);
    });

    it("a found answer is cached 24 h: cached() answers it, a second lookup makes no request", async () => {
      const p = person();
      assert.equal(p.cached?.(ana, { now, phase: "sign-up" }), undefined, "nothing before the first lookup");
      const first = await p.lookup(ana, context());
      assert.deepEqual(p.cached?.({ email: "ana@acme-robotics.com " }, { now, phase: "sign-up" }), first);
      assert.deepEqual(await p.lookup(ana, context()), first);
      assert.equal(standins.count(PERSON), 1);
      t += DAY + 1;
      assert.equal(p.cached?.(ana, { now, phase: "sign-up" }), undefined, "expired after 24 h");
      await p.lookup(ana, context());
      assert.equal(standins.count(PERSON), 2);
    });

    it("202: nothing now and nothing cached; asked again at the next lookup, which finds the person", async () => {
      const p = person();
      const pending = { email: "pending-ana@acme-robotics.com" };
      assert.deepEqual(await p.lookup(pending, context()), []);
      assert.equal(p.cached?.(pending, { now, phase: "login" }), undefined);
      const later = await p.lookup(pending, context());
      assert.equal(values(later).job_title, "Head of Operations");
      assert.equal(standins.count(PERSON), 2);
    });

    it("404: nothing, remembered 24 h (cached() answers [], no second request)", async () => {
      const p = person();
      const nobody = { email: "nobody-here@acme-robotics.com" };
      assert.deepEqual(await p.lookup(nobody, context()), []);
      assert.deepEqual(p.cached?.(nobody, { now, phase: "sign-up" }), []);
      assert.deepEqual(await p.lookup(nobody, context()), []);
      assert.equal(standins.count(PERSON), 1);
      t += DAY;
      await p.lookup(nobody, context());
      assert.equal(standins.count(PERSON), 2);
    });

    it("an unknown address is a 404 too", async () => {
      assert.deepEqual(await person().lookup({ email: "stranger@example.org" }, context()), []);
      assert.equal(standins.count(PERSON), 1);
    });

    it("403 (bad key or quota): an error naming the status, not cached, the circuit stays closed", async () => {
      const p = person({ apiKey: "bad-key" });
      const error = await refusal(p.lookup(ana, context()));
      assert.equal(error.status, 403);
      assert.equal(error.message, "FullContact person.enrich answered HTTP 403: the API key was refused or its quota is spent");
      assert.equal(p.cached?.(ana, { now, phase: "login" }), undefined);
      await refusal(p.lookup(ana, context()));
      assert.equal(standins.count(PERSON), 2);
      assert.equal(p.circuit.state, "closed");
    });

    it("422 (a parameter refused): an error, the circuit stays closed", async () => {
      const p = person();
      const error = await refusal(p.lookup({ email: "invalid-x@acme-robotics.com" }, context()));
      assert.equal(error.status, 422);
      assert.match(error.message, /HTTP 422: the request's parameters were refused/);
      assert.equal(p.circuit.state, "closed");
    });

    it("429 with X-FullContact-RateDelay: the circuit opens for the delay, no request meanwhile, then one probe", async () => {
      const p = person();
      const error = await refusal(p.lookup({ email: "rate-x@acme-robotics.com" }, context()));
      assert.equal(error.status, 429);
      assert.match(error.message, /HTTP 429: rate limited \(asked to wait 5000 ms\)/);
      assert.equal(p.circuit.state, "open");
      const open = await refusal(p.lookup(ana, context()));
      assert.equal(open.kind, "circuit-open");
      assert.match(open.message, /not asked for 5 s/);
      assert.equal(standins.count(PERSON), 1, "the open circuit sent nothing");
      t += 5000;
      assert.equal(values(await p.lookup(ana, context())).job_title, "Head of Operations");
      assert.equal(p.circuit.state, "closed");
      assert.equal(standins.count(PERSON), 2);
    });

    it("503 three times in a row opens the circuit; the fourth lookup sends nothing", async () => {
      const p = person();
      for (let i = 0; i < 3; i++) {
        const error = await refusal(p.lookup({ email: `flaky-${i}@acme-robotics.com` }, context()));
        assert.equal(error.status, 503);
      }
      assert.equal(p.circuit.state, "open");
      assert.equal((await refusal(p.lookup(ana, context()))).kind, "circuit-open");
      assert.equal(standins.count(PERSON), 3);
      t += 30_000;
      assert.equal(p.circuit.state, "half-open");
    });

    it("malformed JSON: a not-json error", async () => {
      const error = await refusal(person().lookup({ email: "malformed-ana@acme-robotics.com" }, context()));
      assert.equal(error.kind, "not-json");
    });

    it("a 10 MB body: refused (too-large)", async () => {
      const error = await refusal(person().lookup({ email: "huge-ana@acme-robotics.com" }, context()));
      assert.equal(error.kind, "too-large");
    });

    it("a hang: a timeout at the provider's own timeout, counted by the circuit", async () => {
      const p = person({ timeoutMs: 200 });
      const started = Date.now();
      const error = await refusal(p.lookup({ email: "hang-ana@acme-robotics.com" }, context()));
      assert.equal(error.kind, "timeout");
      assert.ok(Date.now() - started < 3000);
      assert.equal(p.circuit.failures, 1);
    });

    it("a slow answer within the timeout is an answer", async () => {
      const observations = await person().lookup({ email: "slow-ana@acme-robotics.com" }, context());
      assert.equal(values(observations).job_title, "Head of Operations");
    });

    it("the runner's abort ends the request and is rethrown as it is, without a verdict on the service", async () => {
      const p = person();
      const controller = new AbortController();
      const reason = new DOMException("budget", "TimeoutError");
      setTimeout(() => controller.abort(reason), 50);
      await assert.rejects(p.lookup({ email: "hang-ana@acme-robotics.com" }, { ...context(), signal: controller.signal }), (e) => e === reason);
      assert.equal(p.circuit.failures, 0);
    });

    it("HTML, a bad URL and a wrong type are handed on as the service gave them (the runner drops them)", async () => {
      const html = values(await person().lookup({ email: "html-ana@acme-robotics.com" }, context()));
      assert.equal(html.job_title, '<b onclick="alert(1)">Head of Operations</b>');
      const badUrl = values(await person().lookup({ email: "badurl-ana@acme-robotics.com" }, context()));
      assert.equal(badUrl.linkedin_url, "https://www.linkedin.com/in/ana-pereira-ops/../admin");
      const wrongType = values(await person().lookup({ email: "wrongtype-ana@acme-robotics.com" }, context()));
      assert.equal(wrongType.job_title, 42);
      assert.equal(wrongType.full_name, "Ana Pereira", "the other fields are kept");
    });

    it("without a verified email: no request, nothing", async () => {
      const p = person();
      assert.deepEqual(await p.lookup({ ip: "81.2.69.142" }, context()), []);
      assert.deepEqual(await p.lookup({ email: "not-an-address" }, context()), []);
      assert.equal(p.cached?.({}, { now, phase: "sign-up" }), undefined);
      assert.equal(standins.server.requests().total, 0);
    });
  });

  describe("fullcontact-company", () => {
    it("200: POSTs the email's domain and maps name, website, industry, size and founding year", async () => {
      const observations = await company().lookup(ana, context());
      assert.deepEqual(values(observations), {
        company_name: "Acme Robotics",
        company_website: "https://www.acme-robotics.com",
        company_industry: "Computer Software",
        company_size: 140,
        company_founded: 2014,
      });
      assert.ok(observations.every((o) => o.basis === "FullContact company.enrich" && o.confidence === 0.8));
      assert.deepEqual(standins.server.requests().last.map((r) => r.body), [{ domain: "acme-robotics.com" }]);
    });

    it("one company lookup serves every colleague (the cache key is the domain)", async () => {
      const p = company();
      await p.lookup(ana, context());
      await p.lookup({ email: "bruno@acme-robotics.com" }, context());
      assert.equal(standins.count(COMPANY), 1);
    });

    it("404, 202 and 429 as for the person", async () => {
      const p = company();
      assert.deepEqual(await p.lookup({ email: "x@nobody-corp.com" }, context()), []);
      assert.deepEqual(p.cached?.({ email: "x@nobody-corp.com" }, { now, phase: "login" }), []);
      assert.deepEqual(await p.lookup({ email: "x@pending-acme-robotics.com" }, context()), []);
      assert.equal(values(await p.lookup({ email: "x@pending-acme-robotics.com" }, context())).company_name, "Acme Robotics");
      assert.equal((await refusal(p.lookup({ email: "x@rate-corp.com" }, context()))).status, 429);
      assert.equal(p.circuit.state, "open");
    });

    it("a wrong type and HTML are handed on for the runner to drop", async () => {
      assert.equal(values(await company().lookup({ email: "x@wrongtype-acme-robotics.com" }, context())).company_size, "lots");
      assert.equal(values(await company().lookup({ email: "x@html-acme-robotics.com" }, context())).company_name, "<script>Acme Robotics</script>");
    });
  });
});

describe("reading FullContact answers", () => {
  const at = now.toISOString();
  it("person: the current job's title and organization when the top-level ones are missing; country from the location text", () => {
    const answer = readFullContactPerson(
      {
        fullName: "Lee Chan",
        location: "Kowloon, Hong Kong",
        details: { employment: [{ name: "Old Co", title: "Intern", current: false }, { name: "New Co", domain: "newco.hk", title: "CTO", current: true }] },
      },
      at,
    );
    assert.equal(answer.kind, "found");
    if (answer.kind !== "found") return;
    assert.deepEqual(values(answer.observations), { full_name: "Lee Chan", job_title: "CTO", company_name: "New Co", company_website: "https://newco.hk", country: "HK" });
  });

  it("person: an answer with nothing Gradual reads is 'not found'; a body that is not an object is an error", () => {
    assert.deepEqual(readFullContactPerson({ gender: "Female" }, at), { kind: "not-found" });
    assert.throws(() => readFullContactPerson([1, 2], at), (e) => e instanceof RemoteProviderError && e.kind === "unexpected-body");
    assert.throws(() => readFullContactPerson(null, at), RemoteProviderError);
  });

  it("company: the industry from details.industries, else the category unless it is 'Other'; a founding year as text", () => {
    const a = readFullContactCompany({ name: "X", category: "Internet", founded: "1999", employees: "51-200" }, at);
    assert.ok(a.kind === "found");
    if (a.kind === "found") assert.deepEqual(values(a.observations), { company_name: "X", company_industry: "Internet", company_founded: 1999, company_size: 126 });
    const b = readFullContactCompany({ name: "Y", category: "Other", details: { industries: "nope" } }, at);
    if (b.kind === "found") assert.deepEqual(values(b.observations), { company_name: "Y" });
  });
});

describe("fullContactProviders(env) and peopleDataLabsProviders(env), on the parsed settings", async () => {
  const { fullContactProviders } = await import("./fullcontact.server");
  const { peopleDataLabsProviders } = await import("./people-data-labs.server");
  const { parseSettings } = await import("@/lib/env.server");

  it("build nothing unless switched on", () => {
    assert.deepEqual(fullContactProviders(parseSettings({})), []);
    assert.deepEqual(fullContactProviders(parseSettings({ FULLCONTACT: "off", FULLCONTACT_API_KEY: "fc_key_0123" })), []);
    assert.deepEqual(peopleDataLabsProviders(parseSettings({ PEOPLE_DATA_LABS: "off" })), []);
  });

  it("switched on: the person and the company provider, in that order, with the timeout set", () => {
    const fc = fullContactProviders(parseSettings({ FULLCONTACT: "on", NODE_ENV: "development", FULLCONTACT_TIMEOUT_MS: "1500" }));
    assert.deepEqual(fc.map((p) => [p.name, p.timeBudgetMs]), [["fullcontact-person", 1550], ["fullcontact-company", 1550]]);
    assert.deepEqual(peopleDataLabsProviders(parseSettings({ PEOPLE_DATA_LABS: "on", NODE_ENV: "development" })).map((p) => p.name), ["pdl-person", "pdl-company"]);
  });

  it("without a key in development they ask the stand-in, with the key 'standin'; with a key, the real service", async () => {
    const seen: { url: string; auth: string | null; apiKey: string | null }[] = [];
    const fetch = (async (url: URL | RequestInfo, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      seen.push({ url: url instanceof Request ? url.url : url.toString(), auth: headers.get("authorization"), apiKey: headers.get("x-api-key") });
      return new Response(JSON.stringify({ status: 404 }), { status: 404 });
    }) as typeof globalThis.fetch;
    const ctx = { signal: new AbortController().signal, now, phase: "login" as const };
    const input = { email: "ana@acme-robotics.com" };
    await fullContactProviders(parseSettings({ FULLCONTACT: "on", NODE_ENV: "development", ENRICHMENT_STANDINS_URL: "http://localhost:3102/" }), { fetch })[0]?.lookup(input, ctx);
    await fullContactProviders(parseSettings({ FULLCONTACT: "on", NODE_ENV: "production", FULLCONTACT_API_KEY: "fc_key_0123" }), { fetch })[0]?.lookup(input, ctx);
    await peopleDataLabsProviders(parseSettings({ PEOPLE_DATA_LABS: "on", NODE_ENV: "development" }), { fetch })[0]?.lookup(input, ctx);
    await peopleDataLabsProviders(parseSettings({ PEOPLE_DATA_LABS: "on", PEOPLE_DATA_LABS_API_KEY: "pdl_key_0123", PEOPLE_DATA_LABS_BASE_URL: "https://pdl.internal/proxy" }), { fetch })[1]?.lookup(input, ctx);
    assert.deepEqual(seen, [
      { url: "http://localhost:3102/fullcontact/v3/person.enrich", auth: "Bearer standin", apiKey: null },
      { url: "https://api.fullcontact.com/v3/person.enrich", auth: "Bearer fc_key_0123", apiKey: null },
      { url: "http://localhost:3002/pdl/v5/person/enrich?email=ana%40acme-robotics.com", auth: null, apiKey: "standin" },
      { url: "https://pdl.internal/proxy/v5/company/enrich?website=acme-robotics.com", auth: null, apiKey: "pdl_key_0123" },
    ]);
  });
});

describe("FullContact providers with the runner and the provider contract", async () => {
  const { enrich } = await import("./enrich");
  const { checkEnrichmentProvider } = await import("./testing");
  const { checkFieldValue } = await import("./field-values");
  let standins: RunningStandins;
  before(async () => {
    standins = await startStandins({ delayMs: 2000 });
  });
  after(() => standins.close());
  beforeEach(() => standins.server.reset());
  const options = (): RemoteProviderOptions => ({ apiKey: "standin", baseUrl: `${standins.origin}/fullcontact`, timeoutMs: 3000 });
  const ana = { email: "ana@acme-robotics.com" };

  it("both pass the provider contract against the stand-in (found, not found, pending, a refusal)", async () => {
    const inputs = [ana, { email: "omar@harbour-bank.co.uk" }, { email: "nobody-x@acme-robotics.com" }, { email: "pending-yuki@sakura-logistics.co.jp" }, { email: "invalid-x@acme-robotics.com" }];
    const person = await checkEnrichmentProvider(createFullContactPersonProvider(options()), { inputs, now, allowErrors: true });
    assert.equal(person.answers.find((a) => a.input === ana)?.values.find((v) => v.field === "job_title")?.value, "Head of Operations");
    const company = await checkEnrichmentProvider(createFullContactCompanyProvider(options()), { inputs, now, allowErrors: true });
    assert.equal(company.answers.find((a) => a.input === ana)?.values.find((v) => v.field === "company_size")?.value, 140);
  });

  it("every value they give passes its field's spec as it is (already normalised)", async () => {
    const person = createFullContactPersonProvider(options());
    const company = createFullContactCompanyProvider(options());
    for (const email of ["ana@acme-robotics.com", "omar@harbour-bank.co.uk", "yuki@sakura-logistics.co.jp"]) {
      for (const provider of [person, company]) {
        for (const o of await provider.lookup({ email }, context())) {
          const spec = provider.fields[o.field];
          assert.ok(spec, o.field);
          assert.deepEqual(checkFieldValue(spec, o.value), o.value, `${provider.name} ${o.field} ${String(o.value)}`);
        }
      }
    }
  });

  it("HTML, a URL Authgear refuses and a wrong type: dropped by the runner, which names the field and why; the rest is kept", async () => {
    for (const [email, field] of [
      ["html-ana@acme-robotics.com", "job_title"],
      ["badurl-ana@acme-robotics.com", "linkedin_url"],
      ["wrongtype-ana@acme-robotics.com", "job_title"],
    ] as const) {
      const result = await enrich([createFullContactPersonProvider(options())], { email }, { budgetMs: 5000, now, phase: "after-sign-up" });
      assert.equal(result.best[field], undefined, `${email}: ${field} dropped`);
      assert.equal(result.best.full_name?.value, "Ana Pereira", `${email}: the rest kept`);
      assert.equal(result.problems.length, 1);
      assert.equal(result.problems[0]?.kind, "invalid");
      assert.match(result.problems[0]?.message ?? "", new RegExp(field));
    }
  });

  it("sign-up asks only the cache: a miss sends nothing; after user.created's lookup, sign-up answers from the cache", async () => {
    const person = createFullContactPersonProvider(options());
    const first = await enrich([person], ana, { budgetMs: 1000, now, phase: "sign-up" });
    assert.deepEqual([first.runs, first.values], [[], []]);
    assert.equal(standins.server.requests().total, 0);
    const created = await enrich([person], ana, { budgetMs: 5000, now, phase: "after-sign-up" });
    assert.deepEqual(created.runs.map((r) => r.outcome), ["found"]);
    const again = await enrich([person], ana, { budgetMs: 1000, now, phase: "sign-up" });
    assert.deepEqual(again.runs.map((r) => r.outcome), ["cached"]);
    assert.equal(again.best.job_title?.value, "Head of Operations");
    assert.equal(again.best.job_title?.source, "fullcontact-person");
    assert.equal(standins.count(PERSON), 1);
  });

  it("a slow service (2 s) never holds the run past its budget: a timeout, the other providers' values kept", async () => {
    const started = Date.now();
    const result = await enrich([createFullContactPersonProvider(options()), createFullContactCompanyProvider(options())], { email: "slow-ana@acme-robotics.com" }, { budgetMs: 500, now, phase: "login" });
    assert.ok(Date.now() - started < 1500, `took ${Date.now() - started} ms`);
    assert.deepEqual(result.runs.map((r) => [r.provider, r.outcome]), [["fullcontact-person", "timeout"], ["fullcontact-company", "found"]]);
    assert.equal(result.best.company_name?.value, "Acme Robotics");
  });
});
