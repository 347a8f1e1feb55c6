/**
 * The profile service's enrichment (issue 17): phases, stored runs, consent, the verified email.
 * Against the emulator's Admin API, an in-memory store and the real enrichment service over
 * providers written here.
 */
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { readAdminKey, signIn, startTestEmulator, type TestEmulator } from "@/emulator/testing";
import { createAdminApiClient, type AdminApiClient } from "@/lib/authgear/admin-api.server";
import type { ProfileCatalog } from "@/lib/catalog/catalog";
import { openSqliteDatabase, type AppDatabase } from "@/lib/db/database.server";
import { createStore, type Store } from "@/lib/db/store.server";
import { pickFields } from "@/lib/enrichment/fields";
import { createEnrichmentService } from "@/lib/enrichment/providers.server";
import type { EnrichmentInput, EnrichmentPhase, EnrichmentProvider } from "@/lib/enrichment/types";
import { profileCatalog } from "@/profile.config";
import { createProfileService, type ProfileService } from "./service.server";

let emulator: TestEmulator;
let admin: AdminApiClient;
let db: AppDatabase;
let store: Store;
let clock: number;
let logged: string[];
const log = { warn: (m: string) => void logged.push(m), error: (m: string) => void logged.push(m) };
const T0 = Date.parse("2026-03-01T09:00:00Z");

/** An answer that never comes (the provider times out). */
const HANG = Symbol("hang");

/** What each provider was asked: phase and input. */
let asked: { provider: string; phase: EnrichmentPhase; input: EnrichmentInput }[];

/** A provider answering `value` for `field` (or what `answer` says), recording each call. */
function provider(name: string, field: "country" | "city" | "timezone", answer: (input: EnrichmentInput) => string | null | typeof HANG, flags: { thirdParty?: boolean; remote?: boolean } = {}): EnrichmentProvider {
  return {
    name,
    fields: pickFields(field),
    timeBudgetMs: 300,
    thirdParty: flags.thirdParty ?? false,
    remote: flags.remote ?? false,
    lookup: async (input, { phase, signal }) => {
      asked.push({ provider: name, phase, input });
      const value = answer(input);
      if (value === HANG) return new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason as Error), { once: true }));
      return value === null ? [] : [{ field, value, confidence: 0.9, basis: `${name} test answer` }];
    },
  };
}

/** The demo catalog without its consent question: third-party sources run without asking. */
const { thirdPartyConsent: _asked, ...withoutConsent } = profileCatalog as ProfileCatalog & { thirdPartyConsent?: unknown };
const noConsentCatalog = withoutConsent as ProfileCatalog;

function serviceWith(providers: EnrichmentProvider[], catalog: ProfileCatalog = noConsentCatalog): ProfileService {
  const consentRequired = (catalog as { thirdPartyConsent?: unknown }).thirdPartyConsent !== undefined;
  const enrichment = createEnrichmentService({ providers, budgetMs: 500, consentRequired, log, now: () => clock });
  return createProfileService({ catalog, store, admin, enrich: (...args) => enrichment.run(...args), providers: enrichment.providers, now: () => clock, log });
}

const consentCatalog = { ...noConsentCatalog, thirdPartyConsent: {} } as ProfileCatalog;

async function newUser(): Promise<{ sub: string; email: string }> {
  const email = `enr-${Math.random().toString(36).slice(2, 10)}@acme-robotics.com`;
  const { sub } = await signIn(emulator.origin, { email, clientId: "gradual-web", redirectUri: "http://localhost:3000/auth/callback" });
  return { sub, email };
}

const attributes = async (sub: string) => (await admin.getUser(sub))!.customAttributes;
const runsOf = async (sub: string) => (await store.enrichmentRuns(sub)).map((r) => [r.provider, r.phase, r.outcome, r.observations.map((o) => o.value)]);

before(async () => {
  emulator = await startTestEmulator();
  const k = await readAdminKey(emulator.dataDir);
  admin = createAdminApiClient({ endpoint: emulator.origin, key: { privateKeyPem: k.pem, keyId: k.kid, projectId: k.projectId, source: "emulator" }, timeoutMs: 1_000 });
});
after(async () => emulator.close());
beforeEach(async () => {
  await db?.destroy();
  db = await openSqliteDatabase(":memory:");
  store = createStore(db);
  clock = T0;
  logged = [];
  asked = [];
});

describe("profile service: enrichment after sign-up (user.created)", () => {
  it("runs every provider, writes fill values through the save path and records each run with what it found", async () => {
    const { sub, email } = await newUser();
    const service = serviceWith([provider("local-geo", "timezone", () => "Europe/London"), provider("person", "country", (i) => (i.email ? "GB" : null), { thirdParty: true, remote: true }), provider("quiet", "city", () => null)]);
    const changed = await service.enrichUser(sub, "after-sign-up", { ip: "81.2.69.142", email });
    assert.deepEqual(changed, ["country", "timezone"]);
    assert.deepEqual(await attributes(sub), { country: "GB", timezone: "Europe/London" });
    assert.equal((await store.provenance(sub)).country?.source, "person");
    assert.deepEqual(await runsOf(sub), [
      ["local-geo", "after-sign-up", "found", ["Europe/London"]],
      ["person", "after-sign-up", "found", ["GB"]],
      ["quiet", "after-sign-up", "nothing", []],
    ]);
    assert.ok(asked.every((a) => a.phase === "after-sign-up" && a.input.email === email));
  });

  it("records the runs without touching Authgear when nothing a question takes was found", async () => {
    const { sub } = await newUser();
    const service = serviceWith([provider("quiet", "city", () => null), provider("slow", "country", () => HANG, { remote: true })]);
    assert.deepEqual(await service.enrichUser(sub, "after-sign-up", {}), []);
    assert.deepEqual(await attributes(sub), {});
    assert.deepEqual(await runsOf(sub), [["quiet", "after-sign-up", "nothing", []], ["slow", "after-sign-up", "timeout", []]]);
  });

  it("does nothing for a user who opted out", async () => {
    const { sub } = await newUser();
    await store.setEnrichmentOptOut(sub, true, clock);
    const service = serviceWith([provider("local-geo", "timezone", () => "Europe/London")]);
    assert.deepEqual(await service.enrichUser(sub, "after-sign-up", {}), []);
    assert.deepEqual(asked, []);
    assert.deepEqual(await store.enrichmentRuns(sub), []);
  });
});

describe("profile service: third-party sources and consent", () => {
  const person = () => provider("person", "country", (i) => (i.email ? "GB" : null), { thirdParty: true, remote: true });

  it("with a catalog asking for consent, a third-party source runs for nobody who has not said yes", async () => {
    const { sub, email } = await newUser();
    const service = serviceWith([person(), provider("local-geo", "timezone", () => "Europe/London")], consentCatalog);
    await service.enrichUser(sub, "after-sign-up", { email });
    assert.deepEqual(asked.map((a) => a.provider), ["local-geo"]);
    await store.setEnrichmentConsent(sub, false, clock);
    await service.prompt({ sub, authTime: Math.floor(clock / 1000) });
    assert.deepEqual(asked.map((a) => a.provider), ["local-geo", "local-geo"]);
    assert.equal((await attributes(sub)).country, undefined);
  });

  it("right after consent only the third-party sources run, with the verified email from the Admin API, and their answer is written", async () => {
    const { sub, email } = await newUser();
    assert.equal((await admin.getUser(sub))?.standardAttributes.email_verified, true);
    const service = serviceWith([person(), provider("local-geo", "timezone", () => "Europe/London")], consentCatalog);
    await store.setEnrichmentConsent(sub, true, clock);
    await service.runAfterConsent(sub);
    assert.deepEqual(asked.map((a) => [a.provider, a.phase, a.input.email]), [["person", "consent", email]]);
    assert.equal((await attributes(sub)).country, "GB");
    assert.deepEqual(await runsOf(sub), [["person", "consent", "found", ["GB"]]]);
  });

  it("runAfterConsent never rejects: a failure is logged", async () => {
    const service = serviceWith([person()], consentCatalog);
    await service.runAfterConsent("no-such-user");
    const broken = createProfileService({
      catalog: consentCatalog,
      store,
      admin: { getUser: () => Promise.reject(new Error("Authgear is down")), updateCustomAttributes: () => Promise.reject(new Error("no")) },
      enrich: async () => ({ values: [] }),
      providers: [person()],
      now: () => clock,
      log,
    });
    await broken.runAfterConsent("u1");
    assert.match(logged.join("\n"), /enrichment after consent for u1: Authgear is down/);
  });
});

describe("profile service: enrichment at login", () => {
  it("asks with the user's verified email and records the runs of the visit's prompt", async () => {
    const { sub, email } = await newUser();
    const service = serviceWith([provider("local-geo", "timezone", () => "Europe/London")]);
    await service.prompt({ sub, authTime: Math.floor(clock / 1000) }, { ip: "81.2.69.142" });
    assert.deepEqual(asked.map((a) => [a.phase, a.input.email, a.input.ip]), [["login", email, "81.2.69.142"]]);
    assert.deepEqual(await runsOf(sub), [["local-geo", "login", "found", ["Europe/London"]]]);
    await service.explain({ sub, authTime: Math.floor(clock / 1000) });
    clock += 1;
    assert.equal((await store.enrichmentRuns(sub))[0]?.ranAt, T0, "/admin's explanation records nothing");
  });

  it("merges what a provider found earlier when it does not answer now, and a save writes it", async () => {
    const { sub } = await newUser();
    let live: string | null | typeof HANG = HANG;
    const service = serviceWith([provider("person", "country", () => live, { thirdParty: true, remote: true })]);
    await store.recordEnrichmentRuns(sub, [
      { provider: "person", ranAt: T0 - 1000, phase: "after-sign-up", outcome: "found", thirdParty: true, observations: [{ field: "country", value: "FR", confidence: 0.9, source: "person", observedAt: new Date(T0 - 1000).toISOString() }] },
      // A provider no longer built: its row is ignored.
      { provider: "gone", ranAt: T0 - 1000, phase: "after-sign-up", outcome: "found", thirdParty: false, observations: [{ field: "country", value: "DE", confidence: 1, source: "gone", observedAt: new Date(T0 - 1000).toISOString() }] },
    ]);
    const prompt = await service.prompt({ sub, authTime: Math.floor(clock / 1000) });
    assert.ok(prompt.ok);
    const submitted = await service.submit(
      { sub, authTime: Math.floor(clock / 1000) },
      { loginKey: prompt.prompt.loginKey, submissionId: "s1", answers: {}, confirmed: [], skipped: prompt.prompt.questions.map((q) => q.attribute), declined: [] },
    );
    assert.ok(submitted.ok, JSON.stringify(submitted));
    assert.equal((await attributes(sub)).country, "FR", "the stored answer reached the save");
    assert.deepEqual((await runsOf(sub)).find((r) => r[0] === "person"), ["person", "login", "timeout", ["FR"]], "a timeout keeps the stored answer");

    // Once the provider answers fresh (here: nothing), the stored answer is not merged again.
    live = null;
    clock += 1000;
    const again = serviceWith([provider("person", "country", () => live, { thirdParty: true, remote: true })]);
    const next = await again.prompt({ sub, authTime: Math.floor(clock / 1000) });
    assert.ok(next.ok);
    assert.deepEqual((await runsOf(sub)).find((r) => r[0] === "person"), ["person", "login", "nothing", []]);
  });

  it("with consent withdrawn, the third-party answers stored earlier are gone and not merged", async () => {
    const { sub } = await newUser();
    const service = serviceWith([provider("person", "country", () => HANG, { thirdParty: true, remote: true })], consentCatalog);
    await store.setEnrichmentConsent(sub, true, clock);
    await store.recordEnrichmentRuns(sub, [{ provider: "person", ranAt: T0, phase: "consent", outcome: "found", thirdParty: true, observations: [{ field: "country", value: "FR", confidence: 0.9, source: "person", observedAt: new Date(T0).toISOString() }] }]);
    await store.setEnrichmentConsent(sub, false, clock);
    const prompt = await service.prompt({ sub, authTime: Math.floor(clock / 1000) });
    assert.ok(prompt.ok);
    assert.deepEqual(asked, [], "not asked without consent");
    assert.deepEqual(await store.enrichmentRuns(sub), []);
  });
});
