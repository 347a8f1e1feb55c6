import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ENRICHMENT_PHASES, type EnrichmentProvider } from "./types";
import { consentState, selectProviders, type ConsentState, type SelectOptions } from "./select";

const p = (name: string, flags: { thirdParty?: boolean; remote?: boolean; cached?: boolean } = {}): EnrichmentProvider => ({
  name,
  fields: { job_title: { type: "text" } },
  timeBudgetMs: 100,
  thirdParty: flags.thirdParty ?? false,
  ...(flags.remote !== undefined ? { remote: flags.remote } : {}),
  lookup: async () => [],
  ...(flags.cached ? { cached: () => undefined } : {}),
});

const local = p("client");
const localThirdParty = p("ipgeolocation", { thirdParty: true, remote: false });
const remoteCached = p("fullcontact-person", { thirdParty: true, remote: true, cached: true });
const remoteUncached = p("slow-remote", { thirdParty: true, remote: true });
const remoteOwn = p("own-remote", { remote: true });
const all = [local, localThirdParty, remoteCached, remoteUncached, remoteOwn];

const names = (options: Partial<SelectOptions>) =>
  selectProviders(all, { phase: "login", optOut: false, consent: null, consentRequired: false, ...options }).map((x) => x.name);

describe("selectProviders", () => {
  it("opt-out stops every provider, in every phase and whatever the consent", () => {
    for (const phase of ENRICHMENT_PHASES) {
      for (const consent of ["granted", "refused", null] as ConsentState[]) {
        for (const consentRequired of [true, false]) assert.deepEqual(names({ phase, optOut: true, consent, consentRequired }), [], `${phase} ${consent} ${consentRequired}`);
      }
    }
  });

  it("without a consent requirement every provider runs outside sign-up, in order", () => {
    for (const phase of ["after-sign-up", "login", "consent"] as const) {
      assert.deepEqual(names({ phase }), ["client", "ipgeolocation", "fullcontact-person", "slow-remote", "own-remote"]);
    }
  });

  it("with a consent requirement, third-party providers run only once the user granted it", () => {
    assert.deepEqual(names({ consentRequired: true, consent: null }), ["client", "own-remote"]);
    assert.deepEqual(names({ consentRequired: true, consent: "refused" }), ["client", "own-remote"]);
    assert.deepEqual(names({ consentRequired: true, consent: "granted" }), ["client", "ipgeolocation", "fullcontact-person", "slow-remote", "own-remote"]);
  });

  it("in sign-up a remote provider only when it has a cache to answer from", () => {
    assert.deepEqual(names({ phase: "sign-up" }), ["client", "ipgeolocation", "fullcontact-person"]);
    assert.deepEqual(names({ phase: "sign-up", consentRequired: true, consent: null }), ["client"]);
    assert.deepEqual(names({ phase: "sign-up", consentRequired: true, consent: "granted" }), ["client", "ipgeolocation", "fullcontact-person"]);
  });

  it("`enabled` keeps only the named providers, in the providers' order", () => {
    assert.deepEqual(names({ enabled: ["own-remote", "client", "unknown"] }), ["client", "own-remote"]);
    assert.deepEqual(names({ enabled: [] }), []);
  });

  it("is pure: the input list is untouched", () => {
    const copy = [...all];
    names({ optOut: true });
    names({ consentRequired: true });
    assert.deepEqual(all, copy);
  });

  it("consentState reads the store's record", () => {
    assert.equal(consentState(null), null);
    assert.equal(consentState(undefined), null);
    assert.equal(consentState({ granted: true }), "granted");
    assert.equal(consentState({ granted: false }), "refused");
  });
});
