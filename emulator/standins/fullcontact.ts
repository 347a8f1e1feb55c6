/**
 * The FullContact v3 stand-in: POST /v3/person.enrich `{"email"}` and POST /v3/company.enrich
 * `{"domain"}`, `Authorization: Bearer <key>`, answering the documented shapes (reduced to the
 * fields Gradual reads plus a few neighbours) and statuses: 200, 202, 404, 401/403, 422, 429 with
 * `X-FullContact-RateDelay`, 503. See docs/decisions/020-enrichment-stand-ins.md.
 */
import { companyFor, personFor, type ScriptPrefix, type StandinCompany, type StandinPerson } from "./people";
import type { StandinService } from "./server";

const error = (status: number, message: string) => ({ status, body: { status, message } });

function personBody(p: StandinPerson, prefix: ScriptPrefix | null): Record<string, unknown> {
  const title = prefix === "html" ? `<b onclick="alert(1)">${p.title}</b>` : prefix === "wrongtype" ? 42 : p.title;
  const linkedin = prefix === "badurl" ? `https://www.linkedin.com/${p.linkedin}/../admin` : `https://www.linkedin.com/${p.linkedin}`;
  const location = `${p.city}, ${p.region}, ${p.country}`;
  return {
    fullName: p.fullName,
    ageRange: null,
    gender: null,
    location,
    title,
    organization: p.organization,
    twitter: null,
    linkedin,
    facebook: null,
    bio: `${p.title} at ${p.organization}.`,
    avatar: null,
    website: null,
    details: {
      name: { given: p.fullName.split(" ")[0], family: p.fullName.split(" ").slice(1).join(" "), full: p.fullName },
      emails: [{ label: "work", value: p.email }],
      locations: [{ label: "work", city: p.city, region: p.region, country: p.country, countryCode: p.countryCode, formatted: location }],
      employment: [{ name: p.organization, domain: p.domain, current: true, title: p.title, start: { year: 2021, month: 3 } }],
      profiles: { linkedin: { service: "linkedin", url: linkedin } },
    },
    updated: "2026-10-01",
  };
}

function companyBody(c: StandinCompany, prefix: ScriptPrefix | null): Record<string, unknown> {
  const name = prefix === "html" ? `<script>${c.name}</script>` : c.name;
  const website = prefix === "badurl" ? `https://${c.domain}//careers` : `https://www.${c.domain}`;
  return {
    name,
    location: c.pdlCountry,
    twitter: null,
    linkedin: `https://www.linkedin.com/company/${c.domain.split(".")[0]}`,
    bio: `${c.name}.`,
    logo: null,
    website,
    founded: c.founded,
    employees: prefix === "wrongtype" ? "lots" : c.employees,
    locale: "en",
    category: c.fullContactCategory,
    details: {
      industries: [{ type: "SIC", name: c.fullContactIndustry, code: "7372" }],
      locations: [{ label: "headquarters", countryCode: c.countryCode }],
    },
    updated: "2026-10-01",
  };
}

export const fullContactStandin: StandinService = {
  name: "fullcontact",
  routes: {
    "/v3/person.enrich": { kind: "person", methods: ["POST"] },
    "/v3/company.enrich": { kind: "company", methods: ["POST"] },
  },
  authenticate(headers) {
    const auth = headers.authorization;
    if (!auth || !/^Bearer \S+$/.test(auth)) return error(401, "Access Denied: no API key was given (Authorization: Bearer <key>)");
    if (auth === "Bearer bad-key") return error(403, "Forbidden: the API key is invalid or its quota is spent");
    return null;
  },
  keyOf(kind, { json }) {
    const body = json && typeof json === "object" ? (json as Record<string, unknown>) : {};
    const value = kind === "person" ? body.email : body.domain;
    return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
  },
  badRequest: (kind) => error(422, kind === "person" ? "Invalid or missing parameter: email" : "Invalid or missing parameter: domain"),
  notFound: () => error(404, "Profile not found"),
  pending: () => ({ status: 202, body: { status: 202, message: "Queued for search. Please retry your query within about 3 minutes." } }),
  rateLimited: () => ({
    status: 429,
    body: { status: 429, message: "Rate limit exceeded" },
    headers: { "x-fullcontact-ratedelay": "5", "x-rate-limit-limit": "60", "x-rate-limit-remaining": "0", "x-rate-limit-reset": "5" },
  }),
  unavailable: () => error(503, "Service temporarily unavailable"),
  found(kind, key, prefix) {
    if (kind === "person") {
      const person = personFor(key);
      return person && personBody(person, prefix);
    }
    const company = companyFor(key);
    return company && companyBody(company, prefix);
  },
};
