/**
 * FullContact v3 (docs.fullcontact.com): `fullcontact-person` (POST /v3/person.enrich
 * `{"email": …}`) and `fullcontact-company` (POST /v3/company.enrich `{"domain": …}`, asked only
 * for a work address's domain), `Authorization: Bearer <key>`. Third-party and remote: built only
 * when FULLCONTACT=on, never asked in the sign-up hook (only their cache), each answer (found or
 * "nothing found") kept 24 h in memory, a 202 ("still being processed") asked again at a later run,
 * a circuit breaker after repeated 429/5xx/timeouts (honouring `X-FullContact-RateDelay`).
 * The API key stays in this module's closure: it is in no message, log line or error.
 */
import "server-only";
import { z } from "zod";
import type { EnrichmentSettings } from "@/lib/env.server";
import { countryCodeFromName } from "./country-names.server";
import { pickFields } from "./fields";
import { createRemoteProvider, emailKey, employeeCount, observations, type RemoteAnswer, type RemoteProvider, RemoteProviderError, remoteTuning, textOrRaw, websiteOfDomain, withScheme, workDomainKey, yearOf } from "./remote-http.server";

/** A field read as it comes (its type is judged when it is mapped, or by the runner). */
const anything = z.unknown().optional();

export const FULLCONTACT_PERSON_PROVIDER_NAME = "fullcontact-person";
export const FULLCONTACT_COMPANY_PROVIDER_NAME = "fullcontact-company";
export const FULLCONTACT_DEFAULT_BASE_URL = "https://api.fullcontact.com";
export const FULLCONTACT_DEFAULT_TIMEOUT_MS = 3000;
/** FullContact gives no score: a fixed trust (contract §1). */
export const FULLCONTACT_CONFIDENCE = 0.8;
export const FULLCONTACT_PERSON_BASIS = "FullContact person.enrich";
export const FULLCONTACT_COMPANY_BASIS = "FullContact company.enrich";

export interface RemoteProviderOptions {
  apiKey: string;
  /** Default https://api.fullcontact.com (the stand-in in development: emulator/standins/). */
  baseUrl?: string;
  timeoutMs?: number;
  /** Clock in milliseconds (cache, circuit breaker). */
  now?: () => number;
  fetch?: typeof fetch;
  cache?: { maxEntries?: number; ttlMs?: number };
  breaker?: { failureThreshold?: number; coolDownMs?: number; maxCoolDownMs?: number };
}

// The documented answers, reduced to what is read. Every field is optional and of unknown type:
// a value of the wrong type is handed to the runner as it is, which drops it and says why.
const employment = z.looseObject({ name: anything, domain: anything, title: anything, current: anything });
const location = z.looseObject({ country: anything, countryCode: anything });
const listOf = <T extends z.ZodType>(item: T) =>
  z
    .array(z.unknown())
    .catch([])
    .transform((items) => items.flatMap((i) => (item.safeParse(i).success ? [item.parse(i)] : [])));

export const fullContactPersonSchema = z.looseObject({
  fullName: anything,
  title: anything,
  organization: anything,
  location: anything,
  linkedin: anything,
  details: z
    .looseObject({ employment: listOf(employment).optional(), locations: listOf(location).optional() })
    .optional()
    .catch(undefined),
});

export const fullContactCompanySchema = z.looseObject({
  name: anything,
  website: anything,
  category: anything,
  employees: anything,
  founded: anything,
  details: z
    .looseObject({ industries: listOf(z.looseObject({ name: anything, type: anything })).optional() })
    .optional()
    .catch(undefined),
});

function unexpected(service: string): never {
  throw new RemoteProviderError("unexpected-body", `${service} answered HTTP 200 with a body that is not the documented object`, 200);
}

/** The country of a person: a location's `countryCode`, else the last part of `location` ("Boulder, Colorado, United States"). */
function personCountry(body: z.infer<typeof fullContactPersonSchema>): string | undefined {
  for (const place of body.details?.locations ?? []) {
    if (typeof place.countryCode === "string" && place.countryCode.trim()) return place.countryCode.trim().toUpperCase();
    const named = countryCodeFromName(place.country);
    if (named) return named;
  }
  if (typeof body.location === "string") {
    const last = body.location.split(",").pop();
    return countryCodeFromName(last?.trim()) ?? undefined;
  }
  return undefined;
}

/** FullContact person.enrich → full_name, job_title, company_name, company_website, linkedin_url, country. */
export function readFullContactPerson(body: unknown, observedAt: string): RemoteAnswer {
  const parsed = fullContactPersonSchema.safeParse(body);
  if (!parsed.success) unexpected("FullContact person.enrich");
  const person = parsed.data;
  const jobs = person.details?.employment ?? [];
  const job = jobs.find((e) => e.current === true) ?? jobs[0];
  const values = observations(
    [
      ["full_name", textOrRaw(person.fullName)],
      ["job_title", textOrRaw(person.title) ?? textOrRaw(job?.title)],
      ["company_name", textOrRaw(person.organization) ?? textOrRaw(job?.name)],
      ["company_website", websiteOfDomain(job?.domain)],
      ["linkedin_url", withScheme(person.linkedin)],
      ["country", personCountry(person)],
    ],
    FULLCONTACT_CONFIDENCE,
    observedAt,
    FULLCONTACT_PERSON_BASIS,
  );
  return values.length > 0 ? { kind: "found", observations: values } : { kind: "not-found" };
}

/** FullContact company.enrich → company_name, company_website, company_industry, company_size, company_founded. */
export function readFullContactCompany(body: unknown, observedAt: string): RemoteAnswer {
  const parsed = fullContactCompanySchema.safeParse(body);
  if (!parsed.success) unexpected("FullContact company.enrich");
  const company = parsed.data;
  const industry = (company.details?.industries ?? []).map((i) => textOrRaw(i.name)).find((n) => n !== undefined);
  const category = textOrRaw(company.category);
  const values = observations(
    [
      ["company_name", textOrRaw(company.name)],
      ["company_website", withScheme(company.website)],
      // "Other" is FullContact's category for "no category", not an industry.
      ["company_industry", industry ?? (category === "Other" ? undefined : category)],
      ["company_size", employeeCount(company.employees)],
      ["company_founded", yearOf(company.founded)],
    ],
    FULLCONTACT_CONFIDENCE,
    observedAt,
    FULLCONTACT_COMPANY_BASIS,
  );
  return values.length > 0 ? { kind: "found", observations: values } : { kind: "not-found" };
}

function endpoint(base: string, path: string): URL {
  return new URL(path, base.endsWith("/") ? base : `${base}/`);
}

function refusal(status: number): string {
  if (status === 401 || status === 403) return "the API key was refused or its quota is spent";
  if (status === 400 || status === 422) return "the request's parameters were refused";
  return "the request was refused";
}

export function createFullContactPersonProvider(options: RemoteProviderOptions): RemoteProvider {
  const url = endpoint(options.baseUrl ?? FULLCONTACT_DEFAULT_BASE_URL, "v3/person.enrich");
  const headers = { authorization: `Bearer ${options.apiKey}` };
  return createRemoteProvider({
    name: FULLCONTACT_PERSON_PROVIDER_NAME,
    description: "FullContact: job title, company and LinkedIn profile from your email address",
    fields: pickFields("full_name", "job_title", "company_name", "company_website", "linkedin_url", "country"),
    service: FULLCONTACT_PERSON_BASIS,
    timeoutMs: options.timeoutMs ?? FULLCONTACT_DEFAULT_TIMEOUT_MS,
    keyOf: emailKey,
    request: (email) => ({ url, method: "POST", headers, json: { email } }),
    read: readFullContactPerson,
    refusal,
    ...remoteTuning(options),
  });
}

export function createFullContactCompanyProvider(options: RemoteProviderOptions): RemoteProvider {
  const url = endpoint(options.baseUrl ?? FULLCONTACT_DEFAULT_BASE_URL, "v3/company.enrich");
  const headers = { authorization: `Bearer ${options.apiKey}` };
  return createRemoteProvider({
    name: FULLCONTACT_COMPANY_PROVIDER_NAME,
    description: "FullContact: your company's name, industry and size from your work email's domain",
    fields: pickFields("company_name", "company_website", "company_industry", "company_size", "company_founded"),
    service: FULLCONTACT_COMPANY_BASIS,
    timeoutMs: options.timeoutMs ?? FULLCONTACT_DEFAULT_TIMEOUT_MS,
    keyOf: workDomainKey,
    request: (domain) => ({ url, method: "POST", headers, json: { domain } }),
    read: readFullContactCompany,
    refusal,
    ...remoteTuning(options),
  });
}

/** The variables that concern FullContact, as lib/env.server.ts resolves them (a key and base URL of the stand-in in development). */
export type FullContactSettings = Pick<EnrichmentSettings, "FULLCONTACT" | "FULLCONTACT_API_KEY" | "FULLCONTACT_BASE_URL" | "FULLCONTACT_TIMEOUT_MS">;

/**
 * `fullcontact-person` and `fullcontact-company`, or none unless FULLCONTACT=on (a third party:
 * off until the app switches it on). lib/env.server.ts gives the key and base URL: the local
 * stand-in's without a key in development, and refuses FULLCONTACT=on without a key in production.
 * Build once per process: the cache and the circuit breaker live in the providers.
 */
export function fullContactProviders(env: FullContactSettings, extra: Pick<RemoteProviderOptions, "now" | "fetch"> = {}): RemoteProvider[] {
  if (env.FULLCONTACT !== "on") return [];
  if (!env.FULLCONTACT_API_KEY) throw new Error("FULLCONTACT=on needs FULLCONTACT_API_KEY (lib/env.server.ts sets the stand-in's in development)");
  const options: RemoteProviderOptions = { apiKey: env.FULLCONTACT_API_KEY, baseUrl: env.FULLCONTACT_BASE_URL, timeoutMs: env.FULLCONTACT_TIMEOUT_MS, ...extra };
  return [createFullContactPersonProvider(options), createFullContactCompanyProvider(options)];
}
