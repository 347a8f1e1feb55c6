import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { readAdminKey, signIn, startTestEmulator, type TestEmulator } from "@/emulator/testing";
import { createAdminApiClient, type AdminApiClient } from "@/lib/authgear/admin-api.server";
import { openSqliteDatabase, type AppDatabase } from "@/lib/db/database.server";
import { createStore, type Store } from "@/lib/db/store.server";
import { createProfileService } from "@/lib/prompt/service.server";
import { profileCatalog } from "@/profile.config";
import { createAccountService } from "./account-service.server";

let emulator: TestEmulator;
let admin: AdminApiClient;
let db: AppDatabase;
let store: Store;
/** What happened, in order: the lock's entry and exit and each Admin API call. */
let events: string[];

const REDIRECT_URI = "http://localhost:3000/auth/callback";
const NOW = Date.parse("2026-03-01T09:00:00Z");

async function newUser(): Promise<{ sub: string; email: string }> {
  const email = `locale-${Math.random().toString(36).slice(2, 10)}@example.com`;
  return { sub: (await signIn(emulator.origin, { email, clientId: "gradual-web", redirectUri: REDIRECT_URI })).sub, email };
}

/** The store, with its lock recorded. */
function recordedStore(): Store {
  return {
    ...store,
    withUserLock: (sub, task) =>
      store.withUserLock(sub, async () => {
        events.push(`lock ${sub}`);
        try {
          return await task();
        } finally {
          events.push(`unlock ${sub}`);
        }
      }),
  };
}

/** The Admin API client, with its calls recorded. */
function recordedAdmin(): AdminApiClient {
  return {
    ...admin,
    getUser: (sub, options) => {
      events.push("getUser");
      return admin.getUser(sub, options);
    },
    updateStandardAttributes: (sub, attributes) => {
      events.push(`updateStandardAttributes ${JSON.stringify(attributes.locale)}`);
      return admin.updateStandardAttributes(sub, attributes);
    },
    updateCustomAttributes: (sub, attributes) => {
      events.push("updateCustomAttributes");
      return admin.updateCustomAttributes(sub, attributes);
    },
  };
}

const service = () => createAccountService({ catalog: profileCatalog, store: recordedStore(), admin: recordedAdmin(), now: () => NOW });

before(async () => {
  emulator = await startTestEmulator();
  const k = await readAdminKey(emulator.dataDir);
  admin = createAdminApiClient({ endpoint: emulator.origin, key: { privateKeyPem: k.pem, keyId: k.kid, projectId: k.projectId, source: "emulator" }, timeoutMs: 2_000 });
});

after(async () => {
  await db?.destroy();
  await emulator.close();
});

beforeEach(async () => {
  await db?.destroy();
  db = await openSqliteDatabase(":memory:");
  store = createStore(db);
  events = [];
});

describe("account service: chooseLocale writes the user's Authgear locale", () => {
  it("sets locale and keeps every other standard and custom attribute", async () => {
    const { sub, email } = await newUser();
    await admin.updateCustomAttributes(sub, { company: "Acme", team_size: 12 });
    const before = (await admin.getUser(sub))!;
    await admin.updateStandardAttributes(sub, { ...before.standardAttributes, given_name: "Aiko", zoneinfo: "Asia/Tokyo" });

    const result = await service().chooseLocale(sub, "ja");
    assert.deepEqual(result, { ok: true, locale: "ja", changed: true });

    const user = (await admin.getUser(sub))!;
    assert.equal(user.standardAttributes.locale, "ja");
    assert.equal(user.standardAttributes.email, email);
    assert.equal(user.standardAttributes.given_name, "Aiko");
    assert.equal(user.standardAttributes.zoneinfo, "Asia/Tokyo");
    assert.deepEqual(user.customAttributes, { company: "Acme", team_size: 12 });
  });

  it("reads and writes while holding the user's save lock", async () => {
    const { sub } = await newUser();
    await service().chooseLocale(sub, "de");
    assert.deepEqual(events, [`lock ${sub}`, "getUser", 'updateStandardAttributes "de"', `unlock ${sub}`]);
  });

  it("a profile save and a language choice at the same moment both stick (the lock orders them)", async () => {
    const { sub } = await newUser();
    const profile = createProfileService({ catalog: profileCatalog, store: recordedStore(), admin: recordedAdmin(), enrich: async () => ({ values: [] }), now: () => NOW, log: { warn() {}, error() {} } });
    const [saved, chosen] = await Promise.all([profile.saveValues(sub, { company: "Beta" }), service().chooseLocale(sub, "zh-HK")]);
    assert.ok(saved.ok, JSON.stringify(saved));
    assert.ok(chosen.ok, JSON.stringify(chosen));
    const user = (await admin.getUser(sub))!;
    assert.equal(user.standardAttributes.locale, "zh-HK");
    assert.equal(user.customAttributes.company, "Beta");
    // Never two read-merge-writes of one user at once: the second holds the lock only after the first let it go.
    const locks = events.filter((e) => e.startsWith("lock") || e.startsWith("unlock"));
    assert.deepEqual(locks, [`lock ${sub}`, `unlock ${sub}`, `lock ${sub}`, `unlock ${sub}`], events.join(", "));
  });

  it("writes nothing when Authgear already has that locale", async () => {
    const { sub } = await newUser();
    assert.deepEqual(await service().chooseLocale(sub, "ar"), { ok: true, locale: "ar", changed: true });
    events = [];
    assert.deepEqual(await service().chooseLocale(sub, "ar"), { ok: true, locale: "ar", changed: false });
    assert.ok(!events.some((e) => e.startsWith("updateStandardAttributes")));
  });

  for (const bad of ["xx-INVALID", "fr", "*", "../../etc/passwd", "", "EN", "de-DE"]) {
    it(`refuses ${JSON.stringify(bad)}, a locale the app does not ship, and writes nothing`, async () => {
      const { sub } = await newUser();
      const result = await service().chooseLocale(sub, bad);
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.error.code, "invalid_input");
      assert.deepEqual(events, [], "no lock, no read, no write");
      assert.equal((await admin.getUser(sub))!.standardAttributes.locale, undefined);
    });
  }

  it("answers unauthenticated for a user Authgear no longer has, writing nothing", async () => {
    const result = await service().chooseLocale("00000000-0000-4000-8000-000000000000", "de");
    assert.equal(!result.ok && result.error.code, "unauthenticated");
    assert.ok(!events.some((e) => e.startsWith("updateStandardAttributes")));
  });
});

describe("account service: the enrichment sources and consent in the view", () => {
  const providers = [
    { name: "work-email", description: "Work email domain, offline lists", thirdParty: false },
    { name: "fullcontact-person", description: "FullContact: person details from a work email", thirdParty: true },
  ];
  const at = new Date(NOW).toISOString();

  it("shows the runs the store keeps and the consent with its time; a withdrawal through the profile service forgets the third party's run", async () => {
    const { sub } = await newUser();
    await store.recordEnrichmentRuns(sub, [
      { provider: "work-email", ranAt: NOW, phase: "sign-up", outcome: "found", observations: [{ field: "email_type", value: "work", confidence: 0.99, source: "work-email", observedAt: at }], thirdParty: false },
      { provider: "fullcontact-person", ranAt: NOW + 1_000, phase: "consent", outcome: "found", observations: [{ field: "job_title", value: "Head of Operations", confidence: 0.8, source: "fullcontact-person", observedAt: at }], thirdParty: true },
    ]);
    await store.setEnrichmentConsent(sub, true, NOW);
    const account = createAccountService({ catalog: profileCatalog, store, admin, now: () => NOW, providers });
    const before = await account.view(sub);
    assert.ok(before.ok, JSON.stringify(before));
    assert.deepEqual(before.view.enrichment, {
      sources: [
        { provider: "work-email", description: "Work email domain, offline lists", thirdParty: false, ranAt: at, outcome: "found", fields: ["email_type"] },
        { provider: "fullcontact-person", description: "FullContact: person details from a work email", thirdParty: true, ranAt: new Date(NOW + 1_000).toISOString(), outcome: "found", fields: ["job_title"] },
      ],
      consent: { required: true, granted: true, at },
    });

    const profile = createProfileService({
      catalog: profileCatalog,
      store,
      admin,
      enrich: async () => ({ values: [] }),
      now: () => NOW + 60_000,
      log: { warn() {}, error() {} },
      providers: providers.map((p) => ({ ...p, fields: {}, timeBudgetMs: 100, lookup: async () => [] })),
    });
    await profile.setConsent(sub, false);
    const after = await account.view(sub);
    assert.ok(after.ok, JSON.stringify(after));
    assert.deepEqual(after.view.enrichment.sources.map((s) => s.provider), ["work-email"]);
    assert.deepEqual(after.view.enrichment.consent, { required: true, granted: false, at: new Date(NOW + 60_000).toISOString() });
  });
});
