/**
 * The People Data Labs v5 stand-in: GET or POST /v5/person/enrich (`email`) and /v5/company/enrich
 * (`website`), header `X-Api-Key`, answering the documented shapes (person fields under `data`,
 * lower-case values, country names, URLs without a scheme; company fields at the top level) and
 * errors as `{"status", "error": {"type", "message"}}`: 200, 404, 400, 401, 429, 503. PDL has no
 * 202 (it answers synchronously): `pending-*` addresses answer 200 at once here. See
 * docs/decisions/020-enrichment-stand-ins.md.
 */
import { companyFor, personFor, type ScriptPrefix, type StandinCompany, type StandinPerson } from "./people";
import type { StandinService } from "./server";

const error = (status: number, type: string, message: string) => ({ status, body: { status, error: { type, message } } });

function personBody(p: StandinPerson, prefix: ScriptPrefix | null): Record<string, unknown> {
  const title = p.title.toLowerCase();
  return {
    status: 200,
    likelihood: p.likelihood,
    data: {
      full_name: p.fullName.toLowerCase(),
      first_name: p.fullName.split(" ")[0]?.toLowerCase(),
      job_title: prefix === "html" ? `<img src=x onerror=alert(1)>${title}` : prefix === "wrongtype" ? 42 : title,
      job_company_name: p.organization.toLowerCase(),
      job_company_website: p.domain,
      job_company_industry: companyFor(p.domain)?.pdlIndustry ?? null,
      job_company_size: companyFor(p.domain)?.size ?? null,
      linkedin_url: prefix === "badurl" ? `linkedin.com/${p.linkedin}/../admin` : `linkedin.com/${p.linkedin}`,
      location_name: `${p.city}, ${p.region}, ${p.pdlCountry}`.toLowerCase(),
      location_locality: p.city.toLowerCase(),
      location_country: p.pdlCountry,
      work_email: p.email,
    },
  };
}

function companyBody(c: StandinCompany, prefix: ScriptPrefix | null): Record<string, unknown> {
  return {
    status: 200,
    likelihood: 9,
    name: c.name.toLowerCase(),
    display_name: prefix === "html" ? `<script>${c.name}</script>` : c.name,
    website: prefix === "badurl" ? `${c.domain}//careers` : c.domain,
    industry: c.pdlIndustry,
    size: c.size,
    employee_count: prefix === "wrongtype" ? "lots" : c.employees,
    founded: c.founded,
    linkedin_url: `linkedin.com/company/${c.domain.split(".")[0]}`,
    location: { country: c.pdlCountry },
  };
}

export const pdlStandin: StandinService = {
  name: "pdl",
  routes: {
    "/v5/person/enrich": { kind: "person", methods: ["GET", "POST"] },
    "/v5/company/enrich": { kind: "company", methods: ["GET", "POST"] },
  },
  authenticate(headers) {
    const key = headers["x-api-key"];
    if (!key) return error(401, "authentication_error", "No API key was given (X-Api-Key)");
    if (key === "bad-key") return error(401, "authentication_error", "The API key is invalid");
    return null;
  },
  keyOf(kind, { json, query }) {
    const body = json && typeof json === "object" ? (json as Record<string, unknown>) : {};
    const name = kind === "person" ? "email" : "website";
    const value = query.get(name) ?? body[name];
    if (typeof value !== "string" || value.trim() === "") return null;
    // A website may come as a URL: PDL matches on its host.
    return kind === "person" ? value.trim() : value.trim().replace(/^https?:\/\//i, "").replace(/\/.*$/, "");
  },
  badRequest: (kind) =>
    error(400, "invalid_request_error", kind === "person" ? "The request needs at least one identifier, e.g. email" : "The request needs website, name, profile or ticker"),
  notFound: () => error(404, "not_found", "No records were found matching your request"),
  pending: null,
  rateLimited: () => ({
    ...error(429, "rate_limit_error", "An error occurred due to requests hitting the API too quick"),
    headers: { "retry-after": "5" },
  }),
  unavailable: () => error(503, "service_unavailable", "The service is temporarily unavailable"),
  found(kind, key, prefix) {
    if (kind === "person") {
      const person = personFor(key);
      return person && personBody(person, prefix);
    }
    const company = companyFor(key);
    return company && companyBody(company, prefix);
  },
};
