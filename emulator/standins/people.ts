/**
 * The stand-ins' scripted world (docs/decisions/020-enrichment-stand-ins.md has the table): a few
 * people and companies with the answers FullContact and People Data Labs would give, and address
 * prefixes that script a status code or a fault. Shared by the FullContact and PDL stand-ins, so
 * both services know the same people.
 */

export interface StandinPerson {
  email: string;
  fullName: string;
  title: string;
  organization: string;
  /** The employer's registrable domain. */
  domain: string;
  /** LinkedIn profile path, e.g. "in/ana-pereira". */
  linkedin: string;
  city: string;
  region: string;
  country: string;
  countryCode: string;
  /** PDL's spelling of the country (lower case English name). */
  pdlCountry: string;
  /** PDL's likelihood 1–10. */
  likelihood: number;
}

export interface StandinCompany {
  domain: string;
  name: string;
  /** FullContact `details.industries[]` (SIC) and PDL `industry` (LinkedIn's names, lower case). */
  fullContactIndustry: string;
  pdlIndustry: string;
  fullContactCategory: string;
  employees: number;
  /** PDL's size range. */
  size: string;
  founded: number;
  countryCode: string;
  pdlCountry: string;
}

export const STANDIN_COMPANIES: readonly StandinCompany[] = [
  {
    domain: "acme-robotics.com",
    name: "Acme Robotics",
    fullContactIndustry: "Computer Software",
    pdlIndustry: "computer software",
    fullContactCategory: "Technology",
    employees: 140,
    size: "51-200",
    founded: 2014,
    countryCode: "PT",
    pdlCountry: "portugal",
  },
  {
    domain: "harbour-bank.co.uk",
    name: "Harbour Bank",
    fullContactIndustry: "Banking",
    pdlIndustry: "banking",
    fullContactCategory: "Finance",
    employees: 2300,
    size: "1001-5000",
    founded: 1987,
    countryCode: "GB",
    pdlCountry: "united kingdom",
  },
  {
    domain: "sakura-logistics.co.jp",
    name: "Sakura Logistics",
    fullContactIndustry: "Logistics and Supply Chain",
    pdlIndustry: "logistics and supply chain",
    fullContactCategory: "Transportation",
    employees: 12000,
    size: "10001+",
    founded: 1962,
    countryCode: "JP",
    pdlCountry: "japan",
  },
];

export const STANDIN_PEOPLE: readonly StandinPerson[] = [
  {
    email: "ana@acme-robotics.com",
    fullName: "Ana Pereira",
    title: "Head of Operations",
    organization: "Acme Robotics",
    domain: "acme-robotics.com",
    linkedin: "in/ana-pereira-ops",
    city: "Lisbon",
    region: "Lisbon",
    country: "Portugal",
    countryCode: "PT",
    pdlCountry: "portugal",
    likelihood: 8,
  },
  {
    email: "omar@harbour-bank.co.uk",
    fullName: "Omar Haddad",
    title: "Risk Analyst",
    organization: "Harbour Bank",
    domain: "harbour-bank.co.uk",
    linkedin: "in/omar-haddad-risk",
    city: "London",
    region: "England",
    country: "United Kingdom",
    countryCode: "GB",
    pdlCountry: "united kingdom",
    likelihood: 9,
  },
  {
    email: "yuki@sakura-logistics.co.jp",
    fullName: "Yuki Tanaka",
    title: "Software Engineer",
    organization: "Sakura Logistics",
    domain: "sakura-logistics.co.jp",
    linkedin: "in/yuki-tanaka-dev",
    city: "Tokyo",
    region: "Tokyo",
    country: "Japan",
    countryCode: "JP",
    pdlCountry: "japan",
    likelihood: 6,
  },
];

/**
 * What an address (person endpoints: the email's local part) or a domain (company endpoints: its
 * first label) scripts, by prefix. Anything without a prefix is looked up; unknown → 404.
 */
export const SCRIPT_PREFIXES = [
  "pending", // 202 on the first request for this address, then 200
  "nobody", // 404
  "invalid", // the service refuses the parameter: FullContact 422, PDL 400
  "rate", // 429 with the rate-delay header
  "flaky", // 503
  "slow", // the answer after the stand-in's delay (default 2000 ms)
  "hang", // never answers (the client's timeout must end it)
  "malformed", // 200 with a body that is not JSON
  "huge", // 200 with a 10 MB body
  "html", // 200, the job title / company name wrapped in markup
  "badurl", // 200, a LinkedIn URL / website Authgear's url type refuses (a `..` segment)
  "wrongtype", // 200, the job title / employee count of the wrong JSON type
] as const;
export type ScriptPrefix = (typeof SCRIPT_PREFIXES)[number];

/** The prefix of "pending-ana" ("pending") and the rest ("ana"), or no prefix. */
export function scriptOf(label: string): { prefix: ScriptPrefix | null; rest: string } {
  const lower = label.toLowerCase();
  for (const prefix of SCRIPT_PREFIXES) {
    if (lower === prefix || lower.startsWith(`${prefix}-`)) return { prefix, rest: lower.slice(prefix.length + 1) };
  }
  return { prefix: null, rest: lower };
}

/**
 * The person an email stands for: scripted people by address; a prefixed address
 * ("slow-ana@acme-robotics.com") is the person of the rest ("ana@…") or, when there is none, a
 * generic employee of the domain (so `slow-*`, `pending-*` and the faults answer a full record).
 */
export function personFor(email: string): StandinPerson | null {
  const lower = email.toLowerCase();
  const at = lower.lastIndexOf("@");
  if (at < 1) return null;
  const local = lower.slice(0, at);
  const domain = lower.slice(at + 1);
  const { prefix, rest } = scriptOf(local);
  const address = prefix ? `${rest}@${domain}` : lower;
  const known = STANDIN_PEOPLE.find((p) => p.email === address);
  if (known) return known;
  if (!prefix) return null;
  const company = companyFor(domain);
  return {
    email: lower,
    fullName: "Sam Lee",
    title: "Operations Analyst",
    organization: company?.name ?? "Example Company",
    domain,
    linkedin: "in/sam-lee-ops",
    city: "Lisbon",
    region: "Lisbon",
    country: "Portugal",
    countryCode: "PT",
    pdlCountry: "portugal",
    likelihood: 7,
  };
}

/** The company of a domain; a prefixed first label ("slow-acme-robotics.com") is the company of the rest, else a generic one. */
export function companyFor(domain: string): StandinCompany | null {
  const lower = domain.toLowerCase().replace(/^www\./, "");
  const known = STANDIN_COMPANIES.find((c) => c.domain === lower);
  if (known) return known;
  const dot = lower.indexOf(".");
  const { prefix, rest } = scriptOf(dot < 0 ? lower : lower.slice(0, dot));
  if (!prefix) return null;
  const restDomain = `${rest}${dot < 0 ? "" : lower.slice(dot)}`;
  return (
    STANDIN_COMPANIES.find((c) => c.domain === restDomain) ?? {
      domain: lower,
      name: "Example Company",
      fullContactIndustry: "Management Consulting",
      pdlIndustry: "management consulting",
      fullContactCategory: "Business",
      employees: 30,
      size: "11-50",
      founded: 2009,
      countryCode: "PT",
      pdlCountry: "portugal",
    }
  );
}
