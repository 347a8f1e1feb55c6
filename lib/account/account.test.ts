import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { profileCatalog } from "@/profile.config";
import { accountExport, accountView, describeSource, profileCompleteness, SOURCE_WORDS } from "./account";

const T = Date.UTC(2026, 10, 1, 12, 0, 0);
const rec = (source: string, value?: string | number, confirmed = false) => ({ source, confidence: 0.5, at: new Date(T).toISOString(), confirmed, ...(value === undefined ? {} : { value }) });

describe("describeSource", () => {
  it("names each source in words", () => {
    assert.equal(describeSource("x", rec("user", "x", true)).words, "You told us");
    assert.equal(describeSource("x", rec("confirmed", "x", true)).words, "Confirmed by you");
    assert.equal(describeSource("London", rec("geoip", "London")).words, "Estimated from your location");
    assert.equal(describeSource("London", rec("ipgeolocation", "London")).words, "Estimated from your location");
    assert.equal(describeSource("Europe/Paris", rec("client", "Europe/Paris")).words, "From your browser");
    assert.equal(describeSource("GB", rec("authgear-context", "GB")).words, "From your sign-in");
  });
  it("an empty value is Not set, whatever the record says", () => {
    for (const v of [undefined, null, ""]) assert.deepEqual(describeSource(v, rec("user", "x")), { kind: "none", words: SOURCE_WORDS.none, recorded: null, at: null, unconfirmedGuess: false });
  });
  it("no record, a record of another value, or an unknown source: set outside Gradual", () => {
    assert.equal(describeSource("x", undefined).kind, "outside");
    assert.equal(describeSource("Paris", rec("geoip", "London")).kind, "outside");
    assert.equal(describeSource(7, rec("user", "7")).kind, "outside", "values compare strictly");
    assert.equal(describeSource("x", rec("some-plugin", "x")).words, "Set outside Gradual");
  });
  it("a record without a value (older rows) is trusted; time and guess state come from it", () => {
    const s = describeSource("London", rec("geoip"));
    assert.equal(s.kind, "location");
    assert.equal(s.at, T);
    assert.equal(s.recorded, "geoip");
    assert.equal(s.unconfirmedGuess, true);
    assert.equal(describeSource("London", rec("geoip", "London", true)).unconfirmedGuess, false);
    assert.equal(describeSource("x", rec("user", "x", true)).unconfirmedGuess, false);
  });
});

describe("accountView / accountExport", () => {
  const view = accountView({
    sub: "u1",
    catalog: profileCatalog,
    attributes: { job_title: "Chef", city: "London", team_size: 12, other_app: "kept out", country: { bad: 1 } },
    provenance: {
      job_title: rec("user", "Chef", true),
      city: rec("geoip", "London"),
      timezone: rec("user", undefined, true),
    },
    declined: { billing_email: T, company: null },
    enrichmentOptOut: true,
  });

  it("lists every catalog attribute, in catalog order, and nothing else", () => {
    assert.deepEqual(view.attributes.map((a) => a.attribute), profileCatalog.questions.map((q) => q.attribute));
  });
  it("values, sources, clears and declines", () => {
    const by = Object.fromEntries(view.attributes.map((a) => [a.attribute, a]));
    assert.equal(by.job_title!.value, "Chef");
    assert.equal(by.job_title!.source.words, "You told us");
    assert.equal(by.job_title!.purpose, "So we can show you the guides that fit your role.");
    assert.equal(by.team_size!.value, 12);
    assert.equal(by.team_size!.source.kind, "outside");
    assert.equal(by.country!.value, null, "a value of the wrong shape is not shown as a value");
    assert.equal(by.timezone!.clearedByYou, true);
    assert.equal(by.city!.clearedByYou, false);
    assert.equal(by.billing_email!.declinedAt, T);
    assert.equal(by.company!.declinedAt, null);
    assert.equal(view.enrichmentOptOut, true);
  });
  it("the download holds every attribute with its source", () => {
    const out = accountExport(view, new Date(T));
    assert.equal(out.exportedAt, "2026-11-01T12:00:00.000Z");
    assert.equal(out.enrichment, "off");
    assert.deepEqual(Object.keys(out.attributes), profileCatalog.questions.map((q) => q.attribute));
    assert.deepEqual(out.attributes.city, {
      label: "City",
      purpose: "So we can tell you about events near you.",
      value: "London",
      source: "Estimated from your location",
      recordedSource: "geoip",
      at: "2026-11-01T12:00:00.000Z",
      unconfirmedGuess: true,
      clearedByYou: false,
      dontAskAgainSince: null,
    });
    assert.equal(out.attributes.billing_email!.source, "Not set");
    assert.equal(out.attributes.billing_email!.dontAskAgainSince, "2026-11-01T12:00:00.000Z");
  });
});

describe("profileCompleteness", () => {
  const viewOf = (attributes: Record<string, string | number>, declined: Record<string, number> = {}) =>
    accountView({ sub: "u1", catalog: profileCatalog, attributes, provenance: {}, declined, enrichmentOptOut: false });
  const all = profileCatalog.questions.map((q) => q.attribute);

  it("a new user: nothing answered, every question left, in catalog order", () => {
    const c = profileCompleteness(viewOf({}));
    assert.deepEqual({ answered: c.answered, total: c.total, declined: c.declined }, { answered: 0, total: all.length, declined: 0 });
    assert.deepEqual(c.left.map((a) => a.attribute), all);
  });

  it("changes after an answer: one more answered, one fewer left, the same total", () => {
    const before = profileCompleteness(viewOf({ job_title: "Chef" }));
    const after = profileCompleteness(viewOf({ job_title: "Chef", company: "Acme" }));
    assert.equal(after.answered, before.answered + 1);
    assert.equal(after.total, before.total);
    assert.equal(after.left.length, before.left.length - 1);
    assert.ok(!after.left.some((a) => a.attribute === "company"));
  });

  it("a declined empty question is not counted (we promised not to ask it); a declined one with a value still is", () => {
    const c = profileCompleteness(viewOf({ company: "Acme" }, { job_title: T, company: T }));
    assert.equal(c.declined, 1);
    assert.equal(c.total, all.length - 1);
    assert.equal(c.answered, 1);
    assert.ok(!c.left.some((a) => a.attribute === "job_title"));
  });

  it("everything answered: nothing left", () => {
    const values: Record<string, string | number> = Object.fromEntries(all.map((a) => [a, a === "team_size" || a === "years_experience" ? 3 : "x"]));
    const c = profileCompleteness(viewOf(values));
    assert.deepEqual({ answered: c.answered, total: c.total, left: c.left.length }, { answered: all.length, total: all.length, left: 0 });
  });

  it("a value of the wrong shape is not an answer", () => {
    const c = profileCompleteness(accountView({ sub: "u1", catalog: profileCatalog, attributes: { country: { bad: 1 } }, provenance: {}, declined: {}, enrichmentOptOut: false }));
    assert.equal(c.answered, 0);
    assert.ok(c.left.some((a) => a.attribute === "country"));
  });
});

describe("accountView: enrichment sources and consent (issue 17)", () => {
  const providers = [
    { name: "client", thirdParty: false },
    { name: "work-email", description: "Work email domain, offline lists", thirdParty: false },
    { name: "fullcontact-person", description: "FullContact: person details from a work email", thirdParty: true },
  ];
  const runs = [
    { provider: "fullcontact-person", ranAt: T + 60_000, phase: "consent" as const, outcome: "found", observations: [{ field: "job_title" }, { field: "full_name" }, { field: "job_title" }] },
    { provider: "retired-crm", ranAt: T - 1_000, outcome: "nothing", observations: [] },
    { provider: "work-email", ranAt: T, phase: "sign-up" as const, outcome: "found", observations: [{ field: "email_type" }, { field: "company_name" }] },
  ];
  const base = { sub: "u1", catalog: profileCatalog, attributes: {}, provenance: {}, declined: {}, enrichmentOptOut: false };

  it("lists each source's last run in the app's provider order, what it found, and whether it is a third party", () => {
    const view = accountView({ ...base, providers, runs });
    assert.deepEqual(view.enrichment.sources, [
      { provider: "work-email", description: "Work email domain, offline lists", thirdParty: false, ranAt: new Date(T).toISOString(), outcome: "found", fields: ["email_type", "company_name"] },
      { provider: "fullcontact-person", description: "FullContact: person details from a work email", thirdParty: true, ranAt: new Date(T + 60_000).toISOString(), outcome: "found", fields: ["job_title", "full_name"] },
      { provider: "retired-crm", description: "retired-crm", thirdParty: false, ranAt: new Date(T - 1_000).toISOString(), outcome: "nothing", fields: [] },
    ]);
  });

  it("consent: required when the catalog asks and a third-party provider is built; the answer with its time", () => {
    assert.deepEqual(accountView({ ...base, providers }).enrichment.consent, { required: true, granted: null, at: null });
    assert.deepEqual(accountView({ ...base, providers, consent: { granted: true, at: T } }).enrichment.consent, { required: true, granted: true, at: new Date(T).toISOString() });
    assert.deepEqual(accountView({ ...base, providers, consent: { granted: false, at: T } }).enrichment.consent, { required: true, granted: false, at: new Date(T).toISOString() });
    assert.equal(accountView({ ...base, providers: providers.slice(0, 2) }).enrichment.consent.required, false, "no third-party provider");
    assert.equal(accountView({ ...base, catalog: { ...profileCatalog, thirdPartyConsent: undefined }, providers }).enrichment.consent.required, false, "the catalog does not ask");
    assert.deepEqual(accountView(base).enrichment, { sources: [], consent: { required: false, granted: null, at: null } });
  });

  it("a value another provider of this app wrote is 'Found by a data source', an unconfirmed guess naming it", () => {
    const view = accountView({ ...base, providers, attributes: { job_title: "Head of Operations" }, provenance: { job_title: rec("fullcontact-person", "Head of Operations") } });
    const source = view.attributes.find((a) => a.attribute === "job_title")!.source;
    assert.deepEqual([source.kind, source.words, source.recorded, source.unconfirmedGuess], ["provider", "Found by a data source", "fullcontact-person", true]);
    assert.equal(describeSource("x", rec("fullcontact-person", "x")).kind, "outside", "a name the app does not build is somebody else's");
  });

  it("the download holds the sources and the consent", () => {
    const out = accountExport(accountView({ ...base, providers, runs, consent: { granted: true, at: T } }), new Date(T));
    assert.deepEqual(out.enrichmentSources.map((s) => [s.provider, s.outcome, s.fields]), [
      ["work-email", "found", ["email_type", "company_name"]],
      ["fullcontact-person", "found", ["job_title", "full_name"]],
      ["retired-crm", "nothing", []],
    ]);
    assert.deepEqual(out.thirdPartyConsent, { required: true, granted: true, at: new Date(T).toISOString() });
    assert.equal((JSON.parse(JSON.stringify(out)) as typeof out).enrichmentSources[1]?.thirdParty, true);
  });
});
