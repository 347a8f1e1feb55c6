import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { consentSubmission, consentWording, findConsentItem, isConsentChoice, sourceNames } from "./consent-item";

const fullContact = { name: "fullcontact-person", description: "FullContact: people" };
const pdl = { name: "pdl-person", description: "People Data Labs: people" };

describe("findConsentItem: the consent item among the prompt's questions", () => {
  it("is the question with a consent part, at its place in the server's order", () => {
    const found = findConsentItem([{ attribute: "job_title" }, { attribute: "@consent", consent: { sources: [fullContact] } }]);
    assert.deepEqual(found, { attribute: "@consent", index: 1, offer: { sources: [fullContact] } });
    assert.equal(findConsentItem([{ attribute: "@consent", consent: { sources: [] } }, { attribute: "city" }])?.index, 0);
  });

  it("is absent when no question has a consent part (an attribute's name alone does not make one)", () => {
    assert.equal(findConsentItem([]), null);
    assert.equal(findConsentItem([{ attribute: "job_title" }, { attribute: "city" }]), null);
    assert.equal(findConsentItem([{ attribute: "@consent" }]), null);
  });
});

describe("consentSubmission: what submit carries for the item's tap", () => {
  it("Yes and No are the decision, sent as consent; nothing is skipped", () => {
    assert.deepEqual(consentSubmission("@consent", "granted"), { consent: "granted", skipped: [] });
    assert.deepEqual(consentSubmission("@consent", "refused"), { consent: "refused", skipped: [] });
  });

  it("Not now is a skip of the item, with no decision", () => {
    assert.deepEqual(consentSubmission("@consent", "skip"), { skipped: ["@consent"] });
  });

  it("untouched: neither a decision nor a skip", () => {
    assert.deepEqual(consentSubmission("@consent", null), { skipped: [] });
  });
});

describe("isConsentChoice (a draft restored from session storage is checked)", () => {
  it("takes the three taps and nothing else", () => {
    for (const choice of ["granted", "refused", "skip"]) assert.equal(isConsentChoice(choice), true);
    for (const other of [null, undefined, "", "yes", "answer", 1, {}]) assert.equal(isConsentChoice(other), false);
  });
});

describe("sourceNames: how the item names its sources", () => {
  it("by description, in the server's order", () => {
    assert.deepEqual(sourceNames([fullContact, pdl]), ["FullContact: people", "People Data Labs: people"]);
  });

  it("by name when there is no description (or a blank one)", () => {
    assert.deepEqual(sourceNames([{ name: "company-directory" }, { name: "crm", description: "  " }]), ["company-directory", "crm"]);
  });

  it("a kit provider by the kit's words in the page's language, before its own description", () => {
    const de = (name: string) => (name === "fullcontact-person" ? "FullContact (Ihre Position)" : undefined);
    assert.deepEqual(sourceNames([fullContact, pdl, { name: "crm" }], de), ["FullContact (Ihre Position)", "People Data Labs: people", "crm"]);
  });

  it("each once", () => {
    assert.deepEqual(sourceNames([fullContact, { name: "fullcontact-company", description: "FullContact: people" }, fullContact]), ["FullContact: people"]);
  });
});

describe("consentWording: the catalog's texts, else the kit's", () => {
  const kit = { question: "May we fill in your work details from public business sources?", purpose: "Kit purpose" };

  it("the kit's default messages when the catalog gives none", () => {
    assert.deepEqual(consentWording(undefined, "de", "en", kit), kit);
    assert.deepEqual(consentWording({}, "de", "en", kit), kit);
  });

  it("the catalog's own question and purpose in the locale, along the fallback chain", () => {
    const texts = { question: { en: "May we look you up?", de: "Dürfen wir Sie nachschlagen?" }, purpose: "Only to suggest your job title." };
    assert.deepEqual(consentWording(texts, "de-CH", "en", kit), { question: "Dürfen wir Sie nachschlagen?", purpose: "Only to suggest your job title." });
    assert.deepEqual(consentWording(texts, "ja", "en", kit), { question: "May we look you up?", purpose: "Only to suggest your job title." });
  });

  it("each text on its own: the catalog's question with the kit's purpose", () => {
    assert.deepEqual(consentWording({ question: "Look us up?" }, "en", "en", kit), { question: "Look us up?", purpose: "Kit purpose" });
  });
});
