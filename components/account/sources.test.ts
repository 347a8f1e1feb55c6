import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { normalizeProfileCatalog, type ProfileCatalog } from "@/lib/catalog/catalog";
import { profileCatalog } from "@/profile.config";
import { consentState, fieldWords, foundWords } from "./sources";

const vocabulary: Record<string, string> = { job_title: "Job title (vocabulary)", company_size: "Company size" };
const kitWord = (field: string) => vocabulary[field];

describe("fieldWords: a provider field in the user's words", () => {
  it("the label of the catalog question that takes its suggestion from the field, in the page's locale", () => {
    assert.equal(fieldWords("city", profileCatalog, "de", kitWord), "Stadt");
    assert.equal(fieldWords("country", profileCatalog, "en", kitWord), "Country");
    assert.equal(fieldWords("timezone", profileCatalog, "ja", kitWord), fieldWords("timezone", profileCatalog, "ja-JP", kitWord));
  });

  it("the catalog's label wins over the kit's word for the same field", () => {
    const catalog: ProfileCatalog = normalizeProfileCatalog({
      questions: [{ attribute: "role", type: "string", label: { en: "Your role", de: "Ihre Rolle" }, purpose: "p", priority: 1, enrichment: { field: "job_title" as never, mode: "confirm" } }],
    });
    assert.equal(fieldWords("job_title", catalog, "de", kitWord), "Ihre Rolle");
  });

  it("the kit's word for a shared field no question takes; a custom field by its name, underscores as spaces", () => {
    assert.equal(fieldWords("company_size", profileCatalog, "en", kitWord), "Company size");
    assert.equal(fieldWords("cost_centre_code", profileCatalog, "en", kitWord), "cost centre code");
  });
});

describe("foundWords", () => {
  it("names each field once, in the source's order", () => {
    const words = (f: string) => fieldWords(f, profileCatalog, "en", kitWord);
    assert.deepEqual(foundWords({ fields: ["company_size", "city", "company_size"] }, words), ["Company size", "City"]);
    assert.deepEqual(foundWords({ fields: [] }, words), []);
  });

  it("two fields with the same words are said once", () => {
    assert.deepEqual(foundWords({ fields: ["a", "b"] }, () => "Same"), ["Same"]);
  });
});

describe("consentState: what the consent part says and what its button does", () => {
  it("granted: Withdraw (sends granted: false), with the time", () => {
    assert.deepEqual(consentState({ required: true, granted: true, at: "2026-12-01T10:00:00.000Z" }), { state: "granted", at: Date.parse("2026-12-01T10:00:00.000Z"), offer: { granted: false } });
  });

  it("refused: Allow, with the time of the refusal", () => {
    assert.deepEqual(consentState({ required: true, granted: false, at: "2026-12-01T10:00:00.000Z" }), { state: "refused", at: Date.parse("2026-12-01T10:00:00.000Z"), offer: { granted: true } });
  });

  it("undecided: Allow, no time", () => {
    assert.deepEqual(consentState({ required: true, granted: null, at: null }), { state: "undecided", at: null, offer: { granted: true } });
  });

  it("an unreadable time is no time", () => {
    assert.equal(consentState({ required: true, granted: true, at: "soon" }).at, null);
  });
});
