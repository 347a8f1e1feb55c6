/**
 * `@gradual/kit/testing` (isomorphic, framework-free): the provider contract as a test. Every
 * provider's unit test, the kit's and an app's own, calls
 *
 *   await checkEnrichmentProvider(myProvider(), { inputs: [{ email: "ana@acme-robotics.com" }] });
 *
 * which throws a ProviderContractError listing every broken rule (declaration, undeclared fields,
 * values failing their spec, a throw on empty input, a late answer, an ignored abort), and otherwise
 * returns the observations as the runner accepts them (docs/enrichment-providers.md).
 */
export {
  checkEnrichmentProvider,
  EMPTY_INPUTS,
  ProviderContractError,
  type ProviderCheckAnswer,
  type ProviderCheckOptions,
  type ProviderCheckReport,
} from "@/lib/enrichment/testing";
export { checkFieldValue } from "@/lib/enrichment/field-values";
