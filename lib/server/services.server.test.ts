import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { defineEnrichment, locationProviders } from "@/lib/enrichment/config";
import { pickFields } from "@/lib/enrichment/fields";
import type { EnrichmentProvider } from "@/lib/enrichment/types";
import { createGradual } from "@/lib/kit/server";
import { EnvError } from "@/lib/env.server";
import { profileCatalog } from "@/profile.config";
import { remember } from "./remember.server";
import { createServices } from "./services.server";

const dir = mkdtempSync(join(tmpdir(), "gradual-services-"));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("the composition root", () => {
  it("builds one database, one store (one set of user locks) and one profile service per target, however often it is set up", async () => {
    const env = { SQLITE_PATH: join(dir, "a.sqlite") };
    const first = createServices(profileCatalog, env);
    const second = createServices(profileCatalog, { ...env });
    assert.equal(await first.database(), await second.database());
    assert.equal(await first.store(), await second.store());
    assert.equal(await first.profile(), await second.profile());
    assert.equal(first.hookDeps(), second.hookDeps());

    const other = createServices(profileCatalog, { SQLITE_PATH: join(dir, "b.sqlite") });
    assert.notEqual(await other.store(), await first.store());
    assert.notEqual(await other.database(), await first.database());
  });

  it("serializes one user's saves across everything built over one target", async () => {
    const env = { SQLITE_PATH: join(dir, "locks.sqlite") };
    const [a, b] = [await createServices(profileCatalog, env).store(), await createServices(profileCatalog, env).store()];
    const order: string[] = [];
    await Promise.all([
      a.withUserLock("u1", async () => {
        order.push("a");
        await new Promise((r) => setTimeout(r, 20));
        order.push("a-end");
      }),
      b.withUserLock("u1", async () => {
        order.push("b");
      }),
    ]);
    assert.deepEqual(order, ["a", "a-end", "b"]);
  });

  it("forgets a promise that failed, so the next use tries again", async () => {
    let calls = 0;
    const attempt = () => remember("test flaky", () => (++calls === 1 ? Promise.reject(new Error("down")) : Promise.resolve(calls)));
    await assert.rejects(attempt(), /down/);
    assert.equal(await attempt(), 2);
    assert.equal(await attempt(), 2);
  });

  it("reads the environment on first use, not when set up, and names every bad setting in one error", () => {
    const services = createServices(profileCatalog, { AUTHGEAR_ENDPOINT: "myapp.authgear.cloud", TRUSTED_PROXY_HOPS: "two" });
    assert.throws(
      () => services.publicAuthgearConfig(),
      (error: unknown) => {
        assert.ok(error instanceof EnvError);
        assert.equal(error.problems.length, 2);
        assert.match(error.message, /AUTHGEAR_ENDPOINT "myapp\.authgear\.cloud" is not a URL/);
        assert.match(error.message, /TRUSTED_PROXY_HOPS/);
        return true;
      },
    );
  });
});

describe("createGradual", () => {
  it("takes an option in place of its variable, checked by the same rules", () => {
    const gradual = createGradual({ catalog: profileCatalog, authgear: { endpoint: "https://myapp.authgear.cloud/", clientId: "web" } });
    assert.deepEqual(gradual.publicAuthgearConfig(), { endpoint: "https://myapp.authgear.cloud", clientID: "web" });
    const bad = createGradual({ catalog: profileCatalog, authgear: { endpoint: "ftp://example.com" } });
    assert.throws(() => bad.publicAuthgearConfig(), /AUTHGEAR_ENDPOINT "ftp:\/\/example\.com" must start with https:\/\//);
  });

  it("builds the app's enrichment providers (defineEnrichment), picked by ENRICHMENT_PROVIDERS, and refuses anything else as `enrichment`", () => {
    const crm: EnrichmentProvider = { name: "crm", fields: pickFields("job_title"), timeBudgetMs: 100, thirdParty: false, lookup: async () => [] };
    const enrichment = defineEnrichment((env) => [crm, ...locationProviders(env)]);
    const names = (source: Record<string, string>) => createServices(profileCatalog, source, undefined, enrichment).enrichment().providers.map((p) => p.name);
    assert.deepEqual(names({}), ["crm", "client", "authgear-context", "geoip"]);
    assert.deepEqual(names({ ENRICHMENT_PROVIDERS: "geoip,crm" }), ["geoip", "crm"]);
    assert.deepEqual(createServices(profileCatalog, {}).enrichment().providers.map((p) => p.name), ["client", "authgear-context", "geoip"], "default: the location providers");
    assert.throws(() => createGradual({ catalog: profileCatalog, enrichment: { build: () => [crm] } as never }), /`enrichment` must be what defineEnrichment/);
  });

  it("gives every Server Action the app re-exports, and the webhook", () => {
    const gradual = createGradual({ catalog: profileCatalog });
    assert.deepEqual(Object.keys(gradual.actions).sort(), [
      "chooseLocale",
      "dismissProfilePrompt",
      "explainUser",
      "getAdminDashboard",
      "getMyProfile",
      "getProfileCatalog",
      "getProfilePrompt",
      "rememberAuthgearLocale",
      "saveMyProfileValues",
      "setMyEnrichmentConsent",
      "setMyEnrichmentOptOut",
      "submitProfileAnswers",
      "undoMyDecline",
    ]);
    assert.equal(typeof gradual.webhook, "function");
  });

  it("answers an action without a valid token as unauthenticated, before reading anything", async () => {
    const gradual = createGradual({ catalog: profileCatalog, store: { sqlitePath: join(dir, "never.sqlite") } });
    const result = await gradual.actions.getMyProfile("", {});
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.error.code, "unauthenticated");
  });
});
