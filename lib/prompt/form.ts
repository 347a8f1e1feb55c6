/**
 * The prompt form's schema, derived from the catalog: each field holds what the user typed (a
 * string); the schema trims and parses it (parseFormValue) and checks it with the very answer
 * schema the server uses (answerSchema). A blank field is "not answered" (undefined), which the
 * server records as skipped. Each problem's message is the `validation` message it means, encoded
 * for the form (lib/catalog/validation-issues.ts): CatalogField says it in the user's language.
 * Isomorphic.
 */
import { NEVER, object, pipe, string, transform, type ZodMiniType } from "zod/mini";
import type { Question } from "../catalog/catalog";
import type { AttributeValue } from "@/lib/domain";
import { answerSchema, parseFormValue } from "../catalog/schemas";
import { encodeValidationIssue, validationIssue } from "../catalog/validation-issues";

export type PromptFormValues = Record<string, string>;
export type PromptFormOutput = Record<string, AttributeValue | undefined>;

export function promptFormSchema(questions: readonly Question[]): ZodMiniType<PromptFormOutput, PromptFormValues> {
  const shape: Record<string, ZodMiniType<AttributeValue | undefined, string>> = {};
  for (const question of questions) {
    const schema = answerSchema(question);
    shape[question.attribute] = pipe(
      // A message of its own, like every check a browser runs (browsers have no zod locale: lib/zod-messages.browser.ts).
      string({ error: encodeValidationIssue({ key: "text" }) }),
      transform((raw: string, ctx) => {
        const value = parseFormValue(question, raw);
        if (value === undefined) return undefined;
        const checked = schema.safeParse(value);
        if (checked.success) return checked.data;
        for (const issue of checked.error.issues) {
          ctx.issues.push({ code: "custom", message: encodeValidationIssue(validationIssue(issue, question.type)), input: raw });
        }
        return NEVER;
      }),
    );
  }
  return object(shape);
}
