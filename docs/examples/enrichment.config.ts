/**
 * The guide's registration (docs/enrichment-providers.md, section 4): the app's providers in
 * priority order, the company directory among the kit's. `npm run typecheck` checks it, and
 * company-directory.test.ts builds it.
 */
import { join } from "node:path";
import { defineEnrichment, fullContactProviders, locationProviders, workEmailProvider } from "@gradual/kit/enrichment";
import { companyDirectoryProvider, loadCompanyDirectory } from "./company-directory.server";

export const enrichment = defineEnrichment((env) => [
  ...locationProviders(env),
  workEmailProvider(),
  // Read once, from where the app runs (Next.js: the project root); a standalone build must copy the file.
  companyDirectoryProvider(loadCompanyDirectory(join(process.cwd(), "docs/examples/company-directory.json"))),
  ...fullContactProviders(env),
]);
