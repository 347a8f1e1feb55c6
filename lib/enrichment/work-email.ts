/**
 * The `work-email` provider (issue 17, ADR 005): what the user's verified email address says,
 * offline. Its registrable domain comes from the Public Suffix List (tldts); the domain is then
 * looked up in a list of free providers and a list of disposable ones, both npm packages whose
 * version every answer names. A work address (on neither list) also suggests the company's
 * website and a guess of its name, as confirm questions (neither field is `prefill`).
 *
 * Isomorphic and free of zod, but the lists are large (tens of thousands of domains): import it
 * from server code only, never from a client component.
 *
 * Rules (tested in work-email.test.ts):
 * - The address's domain is what follows its last `@`, trimmed, one trailing dot dropped, then
 *   put in its ASCII form by the WHATWG URL parser (IDNA: lower case, Unicode → Punycode), so
 *   `bücher.de` and `xn--bcher-kva.de` are one domain. No `@`, an empty local part or domain,
 *   an IP address or `[IP literal]`, a name whose suffix is not on the Public Suffix List
 *   (`localhost`, `acme.internal`): null, nothing is said.
 * - The registrable domain uses both sections of the Public Suffix List, ICANN and private: a
 *   private suffix (github.io, herokuapp.com, dynv6.net, za.com) is a zone whose operator hands
 *   out names to unrelated customers, so `ana@acme.github.io` works at acme.github.io, not at
 *   GitHub. An address at such a suffix itself (`ana@herokuapp.com`) belongs to its operator:
 *   its ICANN registrable domain. `mail.acme.co.uk` → `acme.co.uk`.
 * - A list entry covers that domain and every name under it, as mailchecker's own check does: the
 *   address's host and each of its parent domains (down to two labels) are looked up, so
 *   `ana@mx.mailinator.com` is disposable and `ana@austin.rr.com` free (the free list names
 *   `austin.rr.com`, not `rr.com`).
 * - A domain on both lists is disposable: the disposable list is the more specific and stronger
 *   signal (the free list counts many throwaway services as "free"; mailinator.com is on both),
 *   and an address that will not receive mail tomorrow should not be treated as a personal one.
 * - The company-name guess is the registrable domain's first label (the part before the public
 *   suffix), in Unicode, split at hyphens, each word with its first letter in
 *   upper case: `acme-robotics.com` → "Acme Robotics", `xn--bcher-kva.de` → "Bücher". Only a
 *   guess (confidence 0.4): it is asked as a confirm question.
 * - example.com, example.net and example.org (RFC 2606: reserved for documentation) are work
 *   addresses by the lists, but suggest no company: nobody works at Example.
 */
import mailchecker from "mailchecker";
import mailcheckerPackage from "mailchecker/package.json" with { type: "json" };
import { freeEmailDomains } from "free-email-domains-typescript";
import freeEmailDomainsPackage from "free-email-domains-typescript/package.json" with { type: "json" };
import { parse } from "tldts";
import tldtsPackage from "tldts/package.json" with { type: "json" };
import { pickFields, type EmailType } from "./fields";
import type { EnrichmentInput, EnrichmentProvider, Observation } from "./types";
import { labelToUnicode } from "./work-email-punycode";

export const WORK_EMAIL_PROVIDER_NAME = "work-email";

/** A list an answer rests on: the npm package and its version, read from its package.json at build time. */
export interface EmailDomainList {
  readonly name: string;
  readonly version: string;
}

/**
 * Free email providers: HubSpot's list of the domains its forms block as free, as an npm package
 * with no install script. Not `free-email-domains`: every 1.x version of it downloads its sources
 * (HubSpot's list and two disposable lists, from GitHub) in a postinstall script, which fails the
 * install where only the npm registry can be reached, and elsewhere replaces the list its version
 * names with whatever those sources hold that day.
 */
export const FREE_EMAIL_LIST: EmailDomainList = { name: freeEmailDomainsPackage.name, version: freeEmailDomainsPackage.version };
/** Disposable (throwaway) addresses. */
export const DISPOSABLE_EMAIL_LIST: EmailDomainList = { name: mailcheckerPackage.name, version: mailcheckerPackage.version };
/** The Public Suffix List, as tldts ships it. */
export const PUBLIC_SUFFIX_LIST: EmailDomainList = { name: "Public Suffix List", version: `tldts ${tldtsPackage.version}` };

export const listBasis = (list: EmailDomainList) => (list.name === PUBLIC_SUFFIX_LIST.name ? `${list.name} (${list.version})` : `${list.name} ${list.version}`);

export interface EmailClassification {
  readonly type: EmailType;
  /** The registrable domain, lower case, in its ASCII (Punycode) form, e.g. `acme.co.uk`, `xn--bcher-kva.de`. */
  readonly domain: string;
  /** The list the address was found on (free or disposable); absent for a work address, which is on neither. */
  readonly list?: EmailDomainList;
}

/** RFC 5321's limit on a forward path (an address), in octets; longer is not an address. */
const MAX_ADDRESS_LENGTH = 254;
/** Characters that cannot be in a domain name, or that would make the URL parser read something else than a host. */
const NOT_IN_A_HOST = /[\s/\\?#@:%[\]<>"'`{}|^]/u;
/** Already ASCII: only lower-cased (the URL parser would give the same, at several times the cost). */
const ASCII_HOST = /^[A-Za-z0-9.-]+$/;

/** RFC 1035: a host name of at most 253 characters (without the trailing dot), labels of 1–63. */
const MAX_HOST_LENGTH = 253;
const LDH_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

let freeSet: ReadonlySet<string> | undefined;

/**
 * The two lists as sets, each made once, at first use. The free list is an array in its package,
 * turned into a Set here on the first call; mailchecker builds its own Set when its module is
 * evaluated, and that Set is used as it is (not copied; nothing here adds to it).
 */
export function emailDomainSets(): { free: ReadonlySet<string>; disposable: ReadonlySet<string> } {
  freeSet ??= new Set(freeEmailDomains);
  return { free: freeSet, disposable: mailchecker.blacklist() };
}

/** The ASCII form of an address's domain: lower case, Punycode, without a trailing dot; null when it is no domain name. */
function asciiDomain(address: string): string | null {
  const at = address.lastIndexOf("@");
  if (at <= 0) return null;
  let domain = address.slice(at + 1);
  if (domain.endsWith(".")) domain = domain.slice(0, -1);
  if (domain === "" || NOT_IN_A_HOST.test(domain)) return null;
  let host: string;
  if (ASCII_HOST.test(domain)) host = domain.toLowerCase();
  else {
    // IDNA (UTS 46) as browsers do it: Unicode to Punycode, full-width forms and the ideographic full stop mapped.
    try {
      host = new URL(`http://${domain}/`).hostname;
    } catch {
      return null;
    }
  }
  // A mail domain is a host name of letters, digits and hyphens (RFC 5321 section 4.1.2): this also
  // refuses empty labels (`a..b`, a second trailing dot), underscores and what the parser made an IPv6 literal.
  if (host.length > MAX_HOST_LENGTH || !host.split(".").every((label) => LDH_LABEL.test(label))) return null;
  return host;
}

/** Whether the set names the host or one of its parent domains (down to two labels). */
function listed(host: string, set: ReadonlySet<string>): boolean {
  for (let name = host, dot = name.indexOf("."); dot !== -1; name = name.slice(dot + 1), dot = name.indexOf(".")) {
    if (set.has(name)) return true;
  }
  return false;
}

/** tldts is given a checked host name, not a URL: no extraction or second validation. */
const ICANN_OPTIONS = { extractHostname: false, validateHostname: false, mixedInputs: false } as const;
const PRIVATE_OPTIONS = { ...ICANN_OPTIONS, allowPrivateDomains: true } as const;

/** The registrable domain of an ASCII host and its first label (before the public suffix), or null. */
function registrable(host: string): { domain: string; label: string } | null {
  const withPrivate = parse(host, PRIVATE_OPTIONS);
  if (withPrivate.isIp) return null;
  if (withPrivate.domain && withPrivate.domainWithoutSuffix && (withPrivate.isIcann || withPrivate.isPrivate)) {
    return { domain: withPrivate.domain, label: withPrivate.domainWithoutSuffix };
  }
  // The host is a private suffix itself: its operator's own (ICANN) registrable domain.
  const icann = parse(host, ICANN_OPTIONS);
  if (icann.domain && icann.domainWithoutSuffix && icann.isIcann) return { domain: icann.domain, label: icann.domainWithoutSuffix };
  return null;
}

/**
 * What kind of address this is, and its registrable domain; null when it has no domain that the
 * Public Suffix List knows (see the rules at the top of this module). Never throws.
 */
export function classifyEmailAddress(address: unknown): EmailClassification | null {
  return classify(address)?.classification ?? null;
}

/** classifyEmailAddress, with the registrable domain's first label (for the name guess, without a second parse). */
function classify(address: unknown): { classification: EmailClassification; label: string } | null {
  if (typeof address !== "string") return null;
  const trimmed = address.trim();
  if (trimmed.length > MAX_ADDRESS_LENGTH) return null;
  const host = asciiDomain(trimmed);
  if (!host) return null;
  const site = registrable(host);
  if (!site) return null;
  const { free, disposable } = emailDomainSets();
  const { domain, label } = site;
  if (listed(host, disposable)) return { classification: { type: "disposable", domain, list: DISPOSABLE_EMAIL_LIST }, label };
  if (listed(host, free)) return { classification: { type: "free", domain, list: FREE_EMAIL_LIST }, label };
  return { classification: { type: "work", domain }, label };
}

/** The name guess from a registrable domain's first label (ASCII form). */
function nameFromLabel(asciiLabel: string): string | null {
  const label = labelToUnicode(asciiLabel);
  if (!label) return null;
  const words = label.split("-").filter((word) => word !== "");
  if (words.length === 0) return null;
  // Not locale-dependent (a Turkish "i" stays "I"); the user confirms or corrects the guess.
  return words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(" ");
}

/** The company-name guess for a registrable domain (see the rule at the top); null when its first label gives no words. */
export function companyNameGuess(domain: string): string | null {
  const site = registrable(domain);
  return site ? nameFromLabel(site.label) : null;
}

/** The fields work-email fills (the shared vocabulary, fields.ts); none is `prefill`: a guess is only written once confirmed. */
export const WORK_EMAIL_FIELDS = pickFields("email_type", "email_domain", "company_website", "company_name");

export const WORK_EMAIL_CONFIDENCE = { email_type: 0.99, email_domain: 0.99, company_website: 0.6, company_name: 0.4 } as const;

const SUFFIX_BASIS = listBasis(PUBLIC_SUFFIX_LIST);
const NEITHER_BASIS = `on neither ${listBasis(FREE_EMAIL_LIST)} nor ${listBasis(DISPOSABLE_EMAIL_LIST)}`;

/**
 * The second-level names RFC 2606 reserves for documentation and examples (the reserved top-level
 * names .example, .test, .invalid and .localhost are on no public suffix list, so they say nothing
 * already): an address there is classified, but suggests no company website or name.
 */
export const DOCUMENTATION_DOMAINS: ReadonlySet<string> = new Set(["example.com", "example.net", "example.org"]);

/** The observations for one address: email_type and email_domain for every classifiable one, company_* for a work address only. */
export function workEmailObservations(email: EnrichmentInput["email"]): Observation[] {
  const classified = classify(email);
  if (!classified) return [];
  const { type, domain, list } = classified.classification;
  const suffixes = SUFFIX_BASIS;
  const lists = NEITHER_BASIS;
  const observations: Observation[] = [
    { field: "email_type", value: type, confidence: WORK_EMAIL_CONFIDENCE.email_type, basis: list ? listBasis(list) : lists },
    { field: "email_domain", value: domain, confidence: WORK_EMAIL_CONFIDENCE.email_domain, basis: suffixes },
  ];
  // Reserved for documentation (RFC 2606): a work address by the lists, but nobody's company website or name.
  if (type !== "work" || DOCUMENTATION_DOMAINS.has(domain)) return observations;
  observations.push({ field: "company_website", value: `https://${domain}`, confidence: WORK_EMAIL_CONFIDENCE.company_website, basis: `${suffixes}; ${lists}` });
  const name = nameFromLabel(classified.label);
  if (name) observations.push({ field: "company_name", value: name, confidence: WORK_EMAIL_CONFIDENCE.company_name, basis: `a guess from ${domain}; ${lists}` });
  return observations;
}

/** The provider: local, no third party, answers in microseconds (the first call builds the free list's Set, about a millisecond). */
export function createWorkEmailProvider(): EnrichmentProvider {
  return {
    name: WORK_EMAIL_PROVIDER_NAME,
    description: "Work email domain, from offline lists (Public Suffix List, free and disposable email providers)",
    fields: WORK_EMAIL_FIELDS,
    timeBudgetMs: 50,
    thirdParty: false,
    remote: false,
    async lookup(input, { signal }) {
      if (signal.aborted) return [];
      return workEmailObservations(input.email);
    },
  };
}
