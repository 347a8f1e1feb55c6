import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { EnrichedValue } from "@/lib/enrichment/types";
import { profileCatalog } from "@/profile.config";
import type { Provenance } from "@/lib/domain";
import { mergeProfile, questionValue, type MergeInput, type MergeQuestion } from "./merge";

const now = new Date("2026-03-10T09:00:00.000Z");
const NOW = now.toISOString();
const EARLIER = "2026-03-01T09:00:00.000Z";
const LATER = "2026-03-09T09:00:00.000Z";

const questions: MergeQuestion[] = [
  { attribute: "company" },
  { attribute: "team_size" },
  { attribute: "city", enrichment: { field: "city", mode: "confirm" } },
  { attribute: "country", enrichment: { field: "country", mode: "fill" } },
  { attribute: "timezone", enrichment: { field: "timezone", mode: "fill" } },
];

/** The location fields may be prefilled (their spec says so: lib/enrichment/fields.ts); the runner copies that onto each value. */
const PREFILLED = new Set(["city", "region", "country", "timezone", "languages"]);

function seen(field: EnrichedValue["field"], value: string, observedAt = LATER, source = "geoip", confidence = 0.8): EnrichedValue {
  const prefill = PREFILLED.has(field) ? { prefill: true } : {};
  return field === "languages" ? { field, value: [value], confidence, source, observedAt, ...prefill } : { field, value, confidence, source, observedAt, ...prefill };
}

const LONDON: EnrichedValue[] = [seen("city", "London", LATER, "geoip", 0.5), seen("country", "GB", LATER, "geoip", 0.85), seen("timezone", "Europe/London", LATER, "geoip", 0.75)];

function merge(partial: Partial<MergeInput>) {
  return mergeProfile({ questions, attributes: {}, provenance: {}, now, ...partial });
}

const fromGeoip = (value: string, at = EARLIER): Provenance => ({ source: "geoip", confidence: 0.8, at, confirmed: false, value });
const fromUser = (value: string | number, at = EARLIER): Provenance => ({ source: "user", confidence: 1, at, confirmed: true, value });

describe("mergeProfile: user answers", () => {
  it("writes answers and records them as the user's", () => {
    const result = merge({ attributes: {}, answers: { company: { value: "Acme" }, team_size: { value: 12 } } });
    assert.deepEqual(result.attributes, { company: "Acme", team_size: 12 });
    assert.deepEqual(result.changed, ["company", "team_size"]);
    assert.deepEqual(result.provenance.company, { source: "user", confidence: 1, at: NOW, confirmed: true, value: "Acme" });
    assert.deepEqual(result.provenance.team_size, { source: "user", confidence: 1, at: NOW, confirmed: true, value: 12 });
  });

  it("records a confirmed suggestion as 'confirmed'", () => {
    const result = merge({ answers: { city: { value: "London", confirmed: true } }, enriched: LONDON });
    assert.equal(result.attributes.city, "London");
    assert.deepEqual(result.provenance.city, { source: "confirmed", confidence: 1, at: NOW, confirmed: true, value: "London", suggestedBy: "geoip" });
    assert.deepEqual(result.suggestions.map((s) => s.attribute), [], "an answered question gets no suggestion");
  });

  it("lets the answer win over an enriched value in the same merge", () => {
    const result = merge({ answers: { country: { value: "FR" } }, enriched: LONDON });
    assert.equal(result.attributes.country, "FR");
    assert.equal(result.provenance.country?.source, "user");
  });

  it("overwrites an enriched value with the user's answer", () => {
    const result = merge({ attributes: { country: "GB" }, provenance: { country: fromGeoip("GB") }, answers: { country: { value: "IE" } } });
    assert.equal(result.attributes.country, "IE");
    assert.deepEqual(result.changed, ["country"]);
  });

  it("re-answering the same value updates provenance but is not a change", () => {
    const result = merge({ attributes: { company: "Acme" }, provenance: { company: fromGeoip("Acme") }, answers: { company: { value: "Acme" } } });
    assert.deepEqual(result.changed, []);
    assert.equal(result.provenance.company?.source, "user");
  });

  it("ignores answers for attributes the catalog does not ask about", () => {
    const result = merge({ attributes: { nickname_x: "a" }, answers: { nickname_x: { value: "b" }, is_admin: { value: "yes" } } });
    assert.deepEqual(result.attributes, { nickname_x: "a" });
    assert.deepEqual(result.ignoredAnswers, ["nickname_x", "is_admin"]);
    assert.deepEqual(result.changed, []);
  });
});

describe("mergeProfile: clearing", () => {
  it("removes the key for null or an empty string, and says it changed", () => {
    const result = merge({ attributes: { company: "Acme", team_size: 5, city: "Paris" }, answers: { company: { value: null }, team_size: { value: "" } } });
    assert.deepEqual(result.attributes, { city: "Paris" });
    assert.equal(Object.hasOwn(result.attributes, "company"), false);
    assert.deepEqual(result.changed, ["company", "team_size"]);
  });

  it("clearing an attribute that is not set changes nothing but is remembered", () => {
    const result = merge({ attributes: {}, answers: { timezone: { value: null } } });
    assert.deepEqual(result.changed, []);
    assert.deepEqual(result.provenance.timezone, { source: "user", confidence: 1, at: NOW, confirmed: true });
  });

  it("does not refill or suggest what the user cleared", () => {
    const cleared: Provenance = { source: "user", confidence: 1, at: EARLIER, confirmed: true };
    const result = merge({ attributes: {}, provenance: { country: cleared, city: cleared }, enriched: LONDON });
    assert.equal(Object.hasOwn(result.attributes, "country"), false);
    assert.equal(result.suggestions.some((s) => s.attribute === "city"), false);
    assert.deepEqual(result.attributes, { timezone: "Europe/London" });
  });
});

describe("mergeProfile: fill mode", () => {
  it("fills empty attributes with the enriched value and its provenance", () => {
    const result = merge({ attributes: { company: "Acme" }, enriched: LONDON });
    assert.deepEqual(result.attributes, { company: "Acme", city: "London", country: "GB", timezone: "Europe/London" });
    assert.deepEqual(result.changed, ["city", "country", "timezone"]);
    assert.deepEqual(result.provenance.country, { source: "geoip", confidence: 0.85, at: LATER, confirmed: false, value: "GB" });
  });

  it("treats null and empty-string values as empty", () => {
    const result = merge({ attributes: { country: null, timezone: "" }, enriched: LONDON });
    assert.equal(result.attributes.country, "GB");
    assert.equal(result.attributes.timezone, "Europe/London");
  });

  it("never overwrites a value the user gave or confirmed, however new the observation", () => {
    const confirmed: Provenance = { source: "confirmed", confidence: 1, at: EARLIER, confirmed: true, value: "FR" };
    const result = merge({
      attributes: { country: "FR", timezone: "Europe/Paris" },
      provenance: { country: confirmed, timezone: fromUser("Europe/Paris") },
      enriched: [seen("country", "GB", "2030-01-01T00:00:00.000Z", "geoip", 1), seen("timezone", "Europe/London", "2030-01-01T00:00:00.000Z", "client", 1)],
    });
    assert.deepEqual(result.attributes, { country: "FR", timezone: "Europe/Paris" });
    assert.deepEqual(result.changed, []);
    assert.deepEqual(result.provenance, {});
  });

  it("never overwrites a value of unknown origin (no provenance)", () => {
    const result = merge({ attributes: { country: "DE" }, provenance: {}, enriched: LONDON });
    assert.equal(result.attributes.country, "DE");
    assert.deepEqual(result.changed, ["city", "timezone"]);
  });

  it("never overwrites a value changed outside Gradual since enrichment wrote it", () => {
    // Provenance says geoip wrote "GB"; an admin has since set "IE" in the Portal.
    const result = merge({ attributes: { country: "IE" }, provenance: { country: fromGeoip("GB") }, enriched: [seen("country", "GB", NOW)] });
    assert.equal(result.attributes.country, "IE");
    assert.equal(result.provenance.country, undefined);
  });

  it("refreshes an enriched value when the new observation is newer", () => {
    const result = merge({
      attributes: { country: "GB", timezone: "Europe/London" },
      provenance: { country: fromGeoip("GB", EARLIER), timezone: fromGeoip("Europe/London", EARLIER) },
      enriched: [seen("country", "PT", LATER), seen("timezone", "Europe/Lisbon", LATER)],
    });
    assert.deepEqual(result.attributes, { country: "PT", timezone: "Europe/Lisbon" });
    assert.deepEqual(result.changed, ["country", "timezone"]);
    assert.deepEqual(result.provenance.country, { source: "geoip", confidence: 0.8, at: LATER, confirmed: false, value: "PT" });
  });

  it("refreshes the provenance only, when a newer observation confirms the same value", () => {
    const result = merge({ attributes: { country: "GB" }, provenance: { country: fromGeoip("GB", EARLIER) }, enriched: [seen("country", "GB", LATER, "ipgeolocation", 0.9)] });
    assert.deepEqual(result.changed, []);
    assert.deepEqual(result.provenance.country, { source: "ipgeolocation", confidence: 0.9, at: LATER, confirmed: false, value: "GB" });
  });

  it("does not refresh from an older or equally old observation", () => {
    for (const observedAt of [EARLIER, "2026-02-01T00:00:00.000Z"]) {
      const result = merge({ attributes: { country: "GB" }, provenance: { country: fromGeoip("GB", EARLIER) }, enriched: [seen("country", "PT", observedAt)] });
      assert.equal(result.attributes.country, "GB", observedAt);
      assert.deepEqual(result.changed, []);
      assert.deepEqual(result.provenance, {});
    }
  });

  it("takes a provenance record without a value at its word", () => {
    const legacy: Provenance = { source: "geoip", confidence: 0.8, at: EARLIER, confirmed: false };
    const result = merge({ attributes: { country: "GB" }, provenance: { country: legacy }, enriched: [seen("country", "PT", LATER)] });
    assert.equal(result.attributes.country, "PT");
  });

  it("uses the most confident observation per field", () => {
    const result = merge({ enriched: [seen("timezone", "Europe/London", LATER, "geoip", 0.75), seen("timezone", "Europe/Dublin", LATER, "client", 0.95)] });
    assert.equal(result.attributes.timezone, "Europe/Dublin");
    assert.equal(result.provenance.timezone?.source, "client");
  });

  it("skips values the attribute's rule refuses", () => {
    const result = merge({ enriched: LONDON, accepts: (attribute) => attribute !== "timezone" });
    assert.deepEqual(result.attributes, { city: "London", country: "GB" });
  });

  it("writes a language list as its first tag", () => {
    const result = mergeProfile({
      questions: [{ attribute: "language", enrichment: { field: "languages", mode: "fill" } }],
      attributes: {},
      provenance: {},
      enriched: [{ field: "languages", value: ["fr-CA", "en"], confidence: 0.9, source: "client", observedAt: LATER }],
      now,
    });
    assert.deepEqual(result.attributes, { language: "fr-CA" });
  });

  it("ignores observations of fields no question uses, and questions without enrichment", () => {
    const result = merge({ enriched: [seen("region", "England"), seen("languages", "en")] });
    assert.deepEqual(result.attributes, {});
    assert.deepEqual(result.changed, []);
  });
});

describe("mergeProfile: confirm mode", () => {
  it("writes the guess when the attribute is empty, unconfirmed, and offers it for confirmation", () => {
    const result = merge({ enriched: LONDON });
    assert.equal(result.attributes.city, "London");
    assert.deepEqual(result.suggestions, [{ attribute: "city", field: "city", value: "London", source: "geoip", confidence: 0.5, observedAt: LATER, held: false }]);
    assert.equal(result.changed.includes("city"), true);
    assert.deepEqual(result.provenance.city, { source: "geoip", confidence: 0.5, at: LATER, confirmed: false, value: "London" });
  });

  it("never overwrites a value the user gave, or one of unknown origin", () => {
    for (const provenance of [{}, { city: fromUser("Paris") }]) {
      const result = merge({ attributes: { city: "Paris" }, provenance, enriched: [seen("city", "London", "2030-01-01T00:00:00.000Z")] });
      assert.equal(result.attributes.city, "Paris");
      assert.deepEqual(result.suggestions, []);
    }
  });

  it("refreshes an unconfirmed guess from a newer observation, and offers the new one", () => {
    const result = merge({ attributes: { city: "Paris" }, provenance: { city: fromGeoip("Paris") }, enriched: [seen("city", "London", "2030-01-01T00:00:00.000Z")] });
    assert.equal(result.attributes.city, "London");
    assert.equal(result.suggestions[0]?.value, "London");
  });
});

describe("mergeProfile: the whole object", () => {
  it("passes attributes the catalog does not know through untouched", () => {
    const foreign = { loyalty_tier: "gold", legacy_id: 42, flags: "a,b" };
    const result = merge({ attributes: { ...foreign, company: "Acme" }, answers: { company: { value: "Acme Ltd" } }, enriched: LONDON });
    for (const [key, value] of Object.entries(foreign)) assert.equal(result.attributes[key], value);
    assert.equal(result.attributes.company, "Acme Ltd");
  });

  it("keeps every existing key when nothing applies", () => {
    const attributes = { company: "Acme", team_size: 3, city: "Paris", other: "x" };
    const result = merge({ attributes });
    assert.deepEqual(result.attributes, attributes);
    assert.notEqual(result.attributes, attributes, "a new object, not the input");
    assert.deepEqual(result.changed, []);
    assert.deepEqual(result.provenance, {});
    assert.deepEqual(result.suggestions, []);
  });

  it("does not mutate any of its inputs", () => {
    const deepFreeze = <T>(value: T): T => {
      if (typeof value === "object" && value !== null) {
        Object.values(value).forEach(deepFreeze);
        Object.freeze(value);
      }
      return value;
    };
    const input = deepFreeze({
      questions,
      attributes: { company: "Acme", country: "GB", keep: "me" },
      provenance: { country: fromGeoip("GB", EARLIER) },
      answers: { company: { value: null }, team_size: { value: 7 } },
      enriched: [...LONDON, seen("country", "PT", LATER, "ipgeolocation", 0.9)],
      now,
    }) as MergeInput;
    const snapshot = JSON.stringify(input);
    const result = mergeProfile(input); // would throw on a write to a frozen object
    assert.equal(JSON.stringify(input), snapshot);
    assert.deepEqual(result.attributes, { keep: "me", country: "PT", team_size: 7, city: "London", timezone: "Europe/London" });
  });

  it("uses the first of duplicate questions", () => {
    const result = mergeProfile({
      questions: [
        { attribute: "country", enrichment: { field: "country", mode: "confirm" } },
        { attribute: "country", enrichment: { field: "country", mode: "fill" } },
      ],
      attributes: {},
      provenance: {},
      enriched: LONDON,
      now,
    });
    assert.deepEqual(result.attributes, { country: "GB" });
    assert.equal(result.suggestions[0]?.attribute, "country", "the first (confirm) question decides");
  });
});

describe("mergeProfile with the demo catalog (profile.config.ts)", () => {
  it("accepts the catalog's questions as they are, and applies each question's mode", () => {
    const result = mergeProfile({ questions: profileCatalog.questions, attributes: { company: "Acme" }, provenance: {}, enriched: LONDON, now });
    const byField = new Map(LONDON.map((v) => [v.field, v]));
    for (const q of profileCatalog.questions) {
      if (!q.enrichment || !byField.has(q.enrichment.field)) {
        if (q.attribute !== "company") assert.equal(Object.hasOwn(result.attributes, q.attribute), false, q.attribute);
        continue;
      }
      const expected = byField.get(q.enrichment.field)!.value;
      assert.equal(result.attributes[q.attribute], expected, q.attribute);
      assert.equal(result.suggestions.some((s) => s.attribute === q.attribute && s.value === expected), q.enrichment.mode === "confirm", q.attribute);
    }
    assert.equal(result.attributes.company, "Acme");
  });
});

const WORK: MergeQuestion[] = [
  { attribute: "company", type: "string", enrichment: { field: "company_name", mode: "confirm" } },
  { attribute: "company_website", type: "url", enrichment: { field: "company_website", mode: "confirm" } },
  { attribute: "job_title", type: "string", enrichment: { field: "job_title", mode: "fill" } },
  {
    attribute: "industry",
    type: "enum",
    options: [{ value: "software" }, { value: "finance" }],
    enrichment: { field: "company_industry", mode: "confirm", map: { "Computer Software": "software", " Banking ": "finance" } },
  },
  { attribute: "sector", type: "enum", options: [{ value: "software" }, { value: "finance" }], enrichment: { field: "sector", mode: "fill" } },
  { attribute: "team_size", type: "integer", enrichment: { field: "company_size", mode: "fill" } },
  { attribute: "years", type: "number", enrichment: { field: "years", mode: "fill" } },
  { attribute: "founded", type: "string", enrichment: { field: "company_founded", mode: "fill" } },
];

function observed(field: string, value: EnrichedValue["value"], source = "work-email", confidence = 0.6, extra: Partial<EnrichedValue> = {}): EnrichedValue {
  return { field, value, confidence, source, observedAt: LATER, ...extra };
}

function mergeWork(partial: Partial<MergeInput>) {
  return mergeProfile({ questions: WORK, attributes: {}, provenance: {}, now, ...partial });
}

describe("mergeProfile: held suggestions (confirm without prefill)", () => {
  it("writes nothing, and returns the value as a held suggestion", () => {
    const result = mergeWork({ enriched: [observed("company_name", "Acme Robotics", "work-email", 0.4), observed("company_website", "https://acme-robotics.com")] });
    assert.deepEqual(result.attributes, {});
    assert.deepEqual(result.changed, []);
    assert.deepEqual(result.provenance, {});
    assert.deepEqual(result.suggestions, [
      { attribute: "company", field: "company_name", value: "Acme Robotics", source: "work-email", confidence: 0.4, observedAt: LATER, held: true },
      { attribute: "company_website", field: "company_website", value: "https://acme-robotics.com", source: "work-email", confidence: 0.6, observedAt: LATER, held: true },
    ]);
  });

  it("holds nothing for an attribute that has a value, whoever set it, or that the user cleared", () => {
    const cleared: Provenance = { source: "user", confidence: 1, at: EARLIER, confirmed: true };
    for (const [attributes, provenance] of [
      [{ company: "Initech" }, {}],
      [{ company: "Initech" }, { company: fromUser("Initech") }],
      [{}, { company: cleared }],
    ] as const) {
      const result = mergeWork({ attributes, provenance, enriched: [observed("company_name", "Acme Robotics")] });
      assert.deepEqual(result.suggestions, [], JSON.stringify({ attributes, provenance }));
      assert.deepEqual(result.provenance, {});
    }
  });

  it("offers the best observation of the field (highest confidence)", () => {
    const result = mergeWork({ enriched: [observed("company_name", "Acme", "work-email", 0.4), observed("company_name", "Acme Robotics Inc.", "fullcontact-company", 0.8)] });
    assert.deepEqual(result.suggestions.map((x) => [x.value, x.source]), [["Acme Robotics Inc.", "fullcontact-company"]]);
  });

  it("a prefilled field is written unconfirmed instead (the location guess, as before)", () => {
    const result = mergeWork({ enriched: [observed("company_name", "Acme", "crm", 0.7, { prefill: true })] });
    assert.equal(result.attributes.company, "Acme");
    assert.equal(result.suggestions[0]?.held, false);
    assert.equal(result.provenance.company?.source, "crm");
  });

  it("fill writes any field, prefill or not", () => {
    const result = mergeWork({ enriched: [observed("job_title", "Head of Operations", "fullcontact-person", 0.8)] });
    assert.equal(result.attributes.job_title, "Head of Operations");
    assert.deepEqual(result.provenance.job_title, { source: "fullcontact-person", confidence: 0.8, at: LATER, confirmed: false, value: "Head of Operations" });
    assert.deepEqual(result.suggestions, []);
  });
});

describe("mergeProfile: confirming a suggestion records who suggested it", () => {
  it("a held suggestion: suggestedBy is the provider that offered it", () => {
    const result = mergeWork({ answers: { company: { value: "Acme Robotics", confirmed: true } }, enriched: [observed("company_name", "Acme Robotics", "work-email", 0.4)] });
    assert.equal(result.attributes.company, "Acme Robotics");
    assert.deepEqual(result.changed, ["company"]);
    assert.deepEqual(result.provenance.company, { source: "confirmed", confidence: 1, at: NOW, confirmed: true, value: "Acme Robotics", suggestedBy: "work-email" });
  });

  it("a prefilled suggestion: suggestedBy is the provider that wrote it, even without a fresh observation", () => {
    const result = merge({ attributes: { city: "Paris" }, provenance: { city: fromGeoip("Paris") }, answers: { city: { value: "Paris", confirmed: true } } });
    assert.deepEqual(result.provenance.city, { source: "confirmed", confidence: 1, at: NOW, confirmed: true, value: "Paris", suggestedBy: "geoip" });
    assert.deepEqual(result.changed, []);
  });

  it("a confirmed value no provider offered, and a typed answer, name no provider", () => {
    const confirmedOther = mergeWork({ answers: { company: { value: "Initech", confirmed: true } }, enriched: [observed("company_name", "Acme Robotics")] });
    assert.deepEqual(confirmedOther.provenance.company, { source: "confirmed", confidence: 1, at: NOW, confirmed: true, value: "Initech" });
    const typed = mergeWork({ answers: { company: { value: "Acme Robotics" } }, enriched: [observed("company_name", "Acme Robotics")] });
    assert.deepEqual(typed.provenance.company, { source: "user", confidence: 1, at: NOW, confirmed: true, value: "Acme Robotics" });
  });

  it("a mapped suggestion: the option the user confirmed is the one the map named", () => {
    const result = mergeWork({ answers: { industry: { value: "software", confirmed: true } }, enriched: [observed("company_industry", "computer software", "pdl-company", 0.8)] });
    assert.equal(result.provenance.industry?.suggestedBy, "pdl-company");
  });
});

describe("mergeProfile: a provider value in the question's terms", () => {
  it("maps provider values onto enum options, trimmed and case-insensitively", () => {
    for (const value of ["Computer Software", "computer software", "  COMPUTER SOFTWARE ", "banking"]) {
      const result = mergeWork({ enriched: [observed("company_industry", value, "pdl-company", 0.8)] });
      assert.deepEqual(result.suggestions.map((x) => x.value), [value.toLowerCase().includes("bank") ? "finance" : "software"], value);
    }
  });

  it("an unmapped value suggests nothing, even when it is itself an option", () => {
    for (const value of ["Hospital & Health Care", "software", ""]) {
      const result = mergeWork({ enriched: [observed("company_industry", value, "pdl-company", 0.8)] });
      assert.deepEqual(result.suggestions, [], value);
    }
  });

  it("an enum question without a map takes only a value that is exactly one of its options", () => {
    assert.equal(mergeWork({ enriched: [observed("sector", "finance")] }).attributes.sector, "finance");
    for (const value of ["Finance", " finance", "banking"]) {
      assert.equal(Object.hasOwn(mergeWork({ enriched: [observed("sector", value)] }).attributes, "sector"), false, value);
    }
  });

  it("writes integers to integer and number questions, numeric text too, and refuses fractions for integers", () => {
    assert.equal(mergeWork({ enriched: [observed("company_size", 125)] }).attributes.team_size, 125);
    assert.equal(mergeWork({ enriched: [observed("company_size", "40")] }).attributes.team_size, 40);
    assert.equal(Object.hasOwn(mergeWork({ enriched: [observed("company_size", 12.5)] }).attributes, "team_size"), false);
    assert.equal(Object.hasOwn(mergeWork({ enriched: [observed("company_size", "51-200")] }).attributes, "team_size"), false);
    assert.equal(mergeWork({ enriched: [observed("years", "2.5")] }).attributes.years, 2.5);
    assert.equal(mergeWork({ enriched: [observed("years", 7)] }).attributes.years, 7);
  });

  it("writes a number to a text question as text", () => {
    assert.equal(mergeWork({ enriched: [observed("company_founded", 1998)] }).attributes.founded, "1998");
  });

  it("still checks the attribute's own rule after the conversion", () => {
    const result = mergeWork({ enriched: [observed("company_size", 125)], accepts: (_attribute, value) => typeof value === "number" && value <= 100 });
    assert.equal(Object.hasOwn(result.attributes, "team_size"), false);
  });

  it("questionValue: a language list gives its first tag, an empty list or text nothing", () => {
    const q: MergeQuestion = { attribute: "language", enrichment: { field: "languages", mode: "fill" } };
    assert.equal(questionValue(q, ["de-CH", "en"]), "de-CH");
    assert.equal(questionValue(q, []), null);
    assert.equal(questionValue(q, ""), null);
  });
});
