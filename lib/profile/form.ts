/**
 * The prompt form's schema, derived from the catalog: each field holds what the user typed (a
 * string); the schema trims and parses it (parseFormValue) and checks it with the very answer
 * schema the server uses (answerSchema). A blank field is "not answered" (undefined), which the
 * server records as skipped. Isomorphic.
 */
import { z } from "zod";
import type { Question } from "./catalog";
import { answerSchema, parseFormValue, type AnswerValue } from "./schemas";

export type PromptFormValues = Record<string, string>;
export type PromptFormOutput = Record<string, AnswerValue | undefined>;

export function promptFormSchema(questions: readonly Question[]): z.ZodType<PromptFormOutput, PromptFormValues> {
  const shape: Record<string, z.ZodType<AnswerValue | undefined, string>> = {};
  for (const question of questions) {
    const schema = answerSchema(question);
    shape[question.attribute] = z
      .string()
      .transform((raw, ctx) => {
        const value = parseFormValue(question, raw);
        if (value === undefined) return undefined;
        const checked = schema.safeParse(value);
        if (checked.success) return checked.data;
        for (const issue of checked.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
        return z.NEVER;
      });
  }
  return z.object(shape) as unknown as z.ZodType<PromptFormOutput, PromptFormValues>;
}
