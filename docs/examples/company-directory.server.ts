import "server-only";
/**
 * An enrichment provider of your own (docs/enrichment-providers.md): a company directory kept as a
 * JSON file (company-directory.json beside this file), looked up by the user's verified email.
 * Local data: no third party, not remote, answers in microseconds. `npm run typecheck` checks this
 * file and company-directory.test.ts runs the provider contract on it.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { pickFields, type EnrichmentProvider, type Observation } from "@gradual/kit/enrichment";

/** A field of this provider's own (not in the shared vocabulary): declared with its own spec. */
export const DEPARTMENTS = ["engineering", "sales", "operations", "finance"] as const;

const directorySchema = z.object({
  version: z.string().min(1),
  /** By the email's domain, lower case. */
  companies: z.record(
    z.string(),
    z.object({ name: z.string(), industry: z.string().optional(), employees: z.number().int().positive().optional() }).strict(),
  ),
  /** By the whole address, lower case. */
  people: z.record(z.string(), z.object({ title: z.string().optional(), department: z.enum(DEPARTMENTS).optional() }).strict()).default({}),
});
export type CompanyDirectory = z.infer<typeof directorySchema>;

/** Reads and checks the directory once, at start-up: a broken file is an error that names it, not a provider that answers nonsense. */
export function loadCompanyDirectory(file: string): CompanyDirectory {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`Company directory ${file}: not a readable JSON file (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = directorySchema.safeParse(raw);
  if (!parsed.success) throw new Error(`Company directory ${file}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** `record[key]` when the record has it as its own entry ("constructor" or "__proto__" is no company). */
function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

export function companyDirectoryProvider(directory: CompanyDirectory): EnrichmentProvider {
  const basis = `company directory ${directory.version}`;
  return {
    name: "company-directory",
    description: "Our company directory",
    fields: {
      ...pickFields("company_name", "company_industry", "company_size", "job_title"),
      department: { type: "enum", values: DEPARTMENTS },
    },
    timeBudgetMs: 50,
    thirdParty: false,
    async lookup(input, { signal }) {
      if (signal.aborted || !input.email) return [];
      const email = input.email.trim().toLowerCase();
      const at = email.lastIndexOf("@");
      if (at < 1 || at === email.length - 1) return [];
      const observations: Observation[] = [];
      const company = own(directory.companies, email.slice(at + 1));
      if (company) {
        observations.push({ field: "company_name", value: company.name, confidence: 0.9, basis });
        if (company.industry) observations.push({ field: "company_industry", value: company.industry, confidence: 0.9, basis });
        if (company.employees) observations.push({ field: "company_size", value: company.employees, confidence: 0.8, basis });
      }
      const person = own(directory.people, email);
      if (person?.title) observations.push({ field: "job_title", value: person.title, confidence: 0.9, basis });
      if (person?.department) observations.push({ field: "department", value: person.department, confidence: 0.9, basis });
      return observations;
    },
  };
}
