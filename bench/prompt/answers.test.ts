import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { answerSchema } from "@/lib/catalog/schemas";
import { profileCatalog } from "@/profile.config";
import { loadCatalog } from "../load/catalog";
import { sampleAnswer } from "./answers";

describe("sampleAnswer", () => {
  for (const [name, catalog] of [["demo", profileCatalog], ["load", loadCatalog]] as const) {
    it(`answers every question of the ${name} catalog with a value its schema accepts`, () => {
      for (const question of catalog.questions) {
        const value = sampleAnswer(catalog, question.attribute);
        assert.ok(answerSchema(question).safeParse(value).success, `${question.attribute}: ${String(value)}`);
      }
    });
  }

  it("refuses an attribute the catalog does not have", () => {
    assert.throws(() => sampleAnswer(profileCatalog, "no_such_attribute"), /not in the catalog/);
  });
});
