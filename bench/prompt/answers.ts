/**
 * A valid answer for any catalog question, chosen by the question's own schema (answerSchema):
 * the first candidate it accepts. The benchmarks answer whatever the prompt offers without knowing
 * the catalog; a catalog no candidate fits fails loudly instead of saving something invalid.
 */
import { findQuestion, type ProfileCatalog } from "@/lib/catalog/catalog";
import type { AttributeValue } from "@/lib/domain";
import { answerSchema } from "@/lib/catalog/schemas";

const CANDIDATES: readonly AttributeValue[] = ["Bench answer", "GB", "+14155550100", "https://example.com/", "bench@example.com", 1, 5, 10, 100];

export function sampleAnswer(catalog: ProfileCatalog, attribute: string): AttributeValue {
  const question = findQuestion(catalog, attribute);
  if (!question) throw new Error(`${attribute} is not in the catalog`);
  const schema = answerSchema(question);
  const candidates = [...(question.options ?? []).map((o) => o.value), ...CANDIDATES, question.minimum ?? 0, question.maximum ?? 0];
  for (const candidate of candidates) if (schema.safeParse(candidate).success) return candidate;
  throw new Error(`no sample answer fits ${attribute} (${question.type})`);
}
