/**
 * The guide's catalog (docs/enrichment-providers.md, section 7): questions that take their suggestions
 * from enrichment fields, the company directory's own among them. `npm run typecheck` checks it, and
 * company-directory.test.ts defines it.
 */
import { defineProfileCatalog } from "@gradual/kit/catalog";

export const catalog = defineProfileCatalog({
  // Third-party sources run only after the user allowed them (the prompt's consent question).
  thirdPartyConsent: {},
  questions: [
    {
      attribute: "department",
      type: "enum",
      label: "Department",
      purpose: "So we can show you your team's spaces.",
      options: [
        { value: "engineering", label: "Engineering" },
        { value: "sales", label: "Sales" },
        { value: "operations", label: "Operations" },
        { value: "finance", label: "Finance" },
      ],
      priority: 60,
      enrichment: { field: "department", mode: "confirm" },
    },
    {
      attribute: "industry",
      type: "enum",
      label: "Industry",
      purpose: "So the examples you see are from your industry.",
      options: [
        { value: "manufacturing", label: "Manufacturing" },
        { value: "software", label: "Software" },
        { value: "other", label: "Other" },
      ],
      priority: 50,
      enrichment: {
        field: "company_industry",
        mode: "confirm",
        map: { "Industrial Automation": "manufacturing", "Computer Software": "software", "Information Technology and Services": "software" },
      },
    },
    {
      attribute: "company",
      type: "string",
      label: "Company",
      purpose: "So colleagues from your company can find each other.",
      priority: 40,
      // Asked only of users with a work email address (the work-email provider's email_type).
      when: { enriched: { email_type: ["work"] } },
      enrichment: { field: "company_name", mode: "confirm" },
    },
  ],
});
