/**
 * People Data Labs v5 (docs.peopledatalabs.com): `pdl-person` (GET /v5/person/enrich?email=…) and
 * `pdl-company` (GET /v5/company/enrich?website=…, asked only for a work address's domain), header
 * `X-Api-Key`. Third-party and remote, like FullContact (fullcontact.server.ts): built only when
 * PEOPLE_DATA_LABS=on, cached 24 h (found and 404 "no match"), circuit breaker on 429/5xx/timeouts.
 *
 * PDL's values need normalising for Authgear: `location_country` is a lower-case English NAME
 * ("united states" → "US", country-names.server.ts), URLs come without a scheme
 * ("linkedin.com/in/x" → "https://linkedin.com/in/x"), company sizes as ranges ("51-200" → 126,
 * the midpoint rounded; "10001+" → 10001). Text is lower case as PDL stores it ("head of
 * operations"); industries are PDL's (LinkedIn's) names, which catalogs map onto their options.
 * Person confidence is PDL's `likelihood` (1–10) / 10.
 */
import "server-only";
import { z } from "zod";
import type { EnrichmentSettings } from "@/lib/env.server";
import { countryCodeFromName } from "./country-names.server";
import { pickFields } from "./fields";
import { type RemoteProviderOptions } from "./fullcontact.server";
import { createRemoteProvider, emailKey, employeeCount, observations, type RemoteAnswer, type RemoteProvider, RemoteProviderError, remoteTuning, textOrRaw, withScheme, workDomainKey, yearOf } from "./remote-http.server";

/** A field read as it comes (its type is judged when it is mapped, or by the runner). */
const anything = z.unknown().optional();

export const PDL_PERSON_PROVIDER_NAME = "pdl-person";
export const PDL_COMPANY_PROVIDER_NAME = "pdl-company";
export const PDL_DEFAULT_BASE_URL = "https://api.peopledatalabs.com";
export const PDL_DEFAULT_TIMEOUT_MS = 3000;
/** PDL's company answers carry a likelihood too, but it rates the match of the query; a fixed trust (contract §1). */
export const PDL_COMPANY_CONFIDENCE = 0.8;

export const pdlPersonSchema = z.looseObject({
  status: anything,
  likelihood: anything,
  data: z.looseObject({
    full_name: anything,
    job_title: anything,
    job_company_name: anything,
    job_company_website: anything,
    job_company_industry: anything,
    job_company_size: anything,
    linkedin_url: anything,
    location_country: anything,
  }),
});

export const pdlCompanySchema = z.looseObject({
  status: anything,
  name: anything,
  display_name: anything,
  website: anything,
  industry: anything,
  size: anything,
  employee_count: anything,
  founded: anything,
});

/** PDL's likelihood 1–10 → confidence 0.1–1.0; anything else → 0.5 (a match PDL did not rate). */
export function pdlConfidence(likelihood: unknown): number {
  return typeof likelihood === "number" && Number.isInteger(likelihood) && likelihood >= 1 && likelihood <= 10 ? likelihood / 10 : 0.5;
}

function country(name: unknown): string | undefined {
  return countryCodeFromName(name) ?? undefined;
}

/** PDL person/enrich → full_name, job_title, company_name, company_website, company_industry, company_size, linkedin_url, country. */
export function readPdlPerson(body: unknown, observedAt: string): RemoteAnswer {
  const parsed = pdlPersonSchema.safeParse(body);
  if (!parsed.success) {
    throw new RemoteProviderError("unexpected-body", "People Data Labs person/enrich answered HTTP 200 without the documented `data` object", 200);
  }
  const { data, likelihood } = parsed.data;
  const confidence = pdlConfidence(likelihood);
  const basis = `People Data Labs person/enrich${typeof likelihood === "number" ? ` (likelihood ${likelihood})` : ""}`;
  const values = observations(
    [
      ["full_name", textOrRaw(data.full_name)],
      ["job_title", textOrRaw(data.job_title)],
      ["company_name", textOrRaw(data.job_company_name)],
      ["company_website", withScheme(data.job_company_website)],
      ["company_industry", textOrRaw(data.job_company_industry)],
      ["company_size", employeeCount(data.job_company_size)],
      ["linkedin_url", withScheme(data.linkedin_url)],
      ["country", country(data.location_country)],
    ],
    confidence,
    observedAt,
    basis,
  );
  return values.length > 0 ? { kind: "found", observations: values } : { kind: "not-found" };
}

/** PDL company/enrich (fields at the top level) → company_name, company_website, company_industry, company_size, company_founded. */
export function readPdlCompany(body: unknown, observedAt: string): RemoteAnswer {
  const parsed = pdlCompanySchema.safeParse(body);
  if (!parsed.success) {
    throw new RemoteProviderError("unexpected-body", "People Data Labs company/enrich answered HTTP 200 with a body that is not the documented object", 200);
  }
  const company = parsed.data;
  const values = observations(
    [
      // display_name keeps the company's own capitals ("Acme Robotics"); name is lower case.
      ["company_name", textOrRaw(company.display_name) ?? textOrRaw(company.name)],
      ["company_website", withScheme(company.website)],
      ["company_industry", textOrRaw(company.industry)],
      // The head count when PDL has it, else its size range.
      ["company_size", employeeCount(company.employee_count) ?? employeeCount(company.size)],
      ["company_founded", yearOf(company.founded)],
    ],
    PDL_COMPANY_CONFIDENCE,
    observedAt,
    "People Data Labs company/enrich",
  );
  return values.length > 0 ? { kind: "found", observations: values } : { kind: "not-found" };
}

function endpoint(base: string, path: string): URL {
  return new URL(path, base.endsWith("/") ? base : `${base}/`);
}

function refusal(status: number): string {
  if (status === 401) return "the API key was refused";
  if (status === 402) return "the account's credits are spent";
  if (status === 403) return "the API key may not use this endpoint";
  if (status === 400 || status === 422) return "the request's parameters were refused";
  return "the request was refused";
}

export function createPdlPersonProvider(options: RemoteProviderOptions): RemoteProvider {
  const base = endpoint(options.baseUrl ?? PDL_DEFAULT_BASE_URL, "v5/person/enrich");
  const headers = { "x-api-key": options.apiKey };
  return createRemoteProvider({
    name: PDL_PERSON_PROVIDER_NAME,
    description: "People Data Labs: job title, company and LinkedIn profile from your email address",
    fields: pickFields("full_name", "job_title", "company_name", "company_website", "company_industry", "company_size", "linkedin_url", "country"),
    service: "People Data Labs person/enrich",
    timeoutMs: options.timeoutMs ?? PDL_DEFAULT_TIMEOUT_MS,
    keyOf: emailKey,
    request: (email) => {
      const url = new URL(base);
      url.searchParams.set("email", email);
      return { url, method: "GET", headers };
    },
    read: readPdlPerson,
    refusal,
    ...remoteTuning(options),
  });
}

export function createPdlCompanyProvider(options: RemoteProviderOptions): RemoteProvider {
  const base = endpoint(options.baseUrl ?? PDL_DEFAULT_BASE_URL, "v5/company/enrich");
  const headers = { "x-api-key": options.apiKey };
  return createRemoteProvider({
    name: PDL_COMPANY_PROVIDER_NAME,
    description: "People Data Labs: your company's name, industry and size from your work email's domain",
    fields: pickFields("company_name", "company_website", "company_industry", "company_size", "company_founded"),
    service: "People Data Labs company/enrich",
    timeoutMs: options.timeoutMs ?? PDL_DEFAULT_TIMEOUT_MS,
    keyOf: workDomainKey,
    request: (domain) => {
      const url = new URL(base);
      url.searchParams.set("website", domain);
      return { url, method: "GET", headers };
    },
    read: readPdlCompany,
    refusal,
    ...remoteTuning(options),
  });
}

/** The variables that concern People Data Labs, as lib/env.server.ts resolves them. */
export type PeopleDataLabsSettings = Pick<EnrichmentSettings, "PEOPLE_DATA_LABS" | "PEOPLE_DATA_LABS_API_KEY" | "PEOPLE_DATA_LABS_BASE_URL" | "PEOPLE_DATA_LABS_TIMEOUT_MS">;

/**
 * `pdl-person` and `pdl-company`, or none unless PEOPLE_DATA_LABS=on. lib/env.server.ts gives the
 * key and base URL (the local stand-in's without a key in development).
 */
export function peopleDataLabsProviders(env: PeopleDataLabsSettings, extra: Pick<RemoteProviderOptions, "now" | "fetch"> = {}): RemoteProvider[] {
  if (env.PEOPLE_DATA_LABS !== "on") return [];
  if (!env.PEOPLE_DATA_LABS_API_KEY) throw new Error("PEOPLE_DATA_LABS=on needs PEOPLE_DATA_LABS_API_KEY (lib/env.server.ts sets the stand-in's in development)");
  const options: RemoteProviderOptions = { apiKey: env.PEOPLE_DATA_LABS_API_KEY, baseUrl: env.PEOPLE_DATA_LABS_BASE_URL, timeoutMs: env.PEOPLE_DATA_LABS_TIMEOUT_MS, ...extra };
  return [createPdlPersonProvider(options), createPdlCompanyProvider(options)];
}
