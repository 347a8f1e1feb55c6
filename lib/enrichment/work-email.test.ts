import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { domainToUnicode } from "node:url";
import { authgearUrlProblem } from "@/lib/authgear/url-rule";
import { checkEnrichmentProvider } from "./testing";
import type { Observation } from "./types";
import {
  DISPOSABLE_EMAIL_LIST,
  FREE_EMAIL_LIST,
  PUBLIC_SUFFIX_LIST,
  WORK_EMAIL_FIELDS,
  classifyEmailAddress,
  companyNameGuess,
  createWorkEmailProvider,
  emailDomainSets,
  workEmailObservations,
} from "./work-email";
import { decodePunycode, labelToUnicode } from "./work-email-punycode";

const require = createRequire(import.meta.url);
const versionOf = (name: string) => (require(`${name}/package.json`) as { version: string }).version;
const FREE = { name: "free-email-domains-typescript", version: versionOf("free-email-domains-typescript") };
const DISPOSABLE = { name: "mailchecker", version: versionOf("mailchecker") };

const now = new Date("2026-12-01T12:00:00.000Z");
const context = { signal: new AbortController().signal, now, phase: "sign-up" as const };

describe("the lists", () => {
  it("name the installed packages and their versions (read from each package.json)", () => {
    assert.deepEqual(FREE_EMAIL_LIST, FREE);
    assert.deepEqual(DISPOSABLE_EMAIL_LIST, DISPOSABLE);
    assert.deepEqual(PUBLIC_SUFFIX_LIST, { name: "Public Suffix List", version: `tldts ${versionOf("tldts")}` });
  });

  it("are loaded once: the same sets on every call, holding the real entries", () => {
    const first = emailDomainSets();
    assert.equal(emailDomainSets().free, first.free);
    assert.equal(emailDomainSets().disposable, first.disposable);
    for (const domain of ["gmail.com", "outlook.com", "yahoo.co.jp"]) assert.ok(first.free.has(domain), domain);
    for (const domain of ["mailinator.com", "guerrillamail.com"]) assert.ok(first.disposable.has(domain), domain);
    assert.ok(first.free.size > 1000 && first.disposable.size > 10_000, `${first.free.size} free, ${first.disposable.size} disposable`);
  });
});

describe("classifyEmailAddress", () => {
  it("tells free addresses by real entries of the free list", () => {
    for (const [address, domain] of [
      ["ana@gmail.com", "gmail.com"],
      ["ana@outlook.com", "outlook.com"],
      ["ana@yahoo.co.jp", "yahoo.co.jp"],
    ]) {
      assert.deepEqual(classifyEmailAddress(address), { type: "free", domain, list: FREE }, address);
    }
  });

  it("tells disposable addresses by real entries of mailchecker", () => {
    assert.deepEqual(classifyEmailAddress("ana@guerrillamail.com"), { type: "disposable", domain: "guerrillamail.com", list: DISPOSABLE });
    assert.deepEqual(classifyEmailAddress("ana@mailinator.com"), { type: "disposable", domain: "mailinator.com", list: DISPOSABLE });
  });

  it("calls a domain on both lists disposable (mailinator.com is on both)", () => {
    const { free, disposable } = emailDomainSets();
    assert.ok(free.has("mailinator.com") && disposable.has("mailinator.com"), "mailinator.com is on both lists");
    assert.equal(classifyEmailAddress("ana@mailinator.com")?.type, "disposable");
  });

  it("calls an address on neither list work, with no list named", () => {
    assert.deepEqual(classifyEmailAddress("ana@acme-robotics.com"), { type: "work", domain: "acme-robotics.com" });
    assert.deepEqual(classifyEmailAddress("ana@authgear.com"), { type: "work", domain: "authgear.com" });
  });

  it("reads the registrable domain of a subdomain (Public Suffix List)", () => {
    assert.deepEqual(classifyEmailAddress("ana@mail.acme.co.uk"), { type: "work", domain: "acme.co.uk" });
    assert.deepEqual(classifyEmailAddress("ana@eu.mail.acme-robotics.com"), { type: "work", domain: "acme-robotics.com" });
  });

  it("finds a subdomain of a listed domain, and an entry that is itself a subdomain", () => {
    assert.deepEqual(classifyEmailAddress("ana@mx.mailinator.com"), { type: "disposable", domain: "mailinator.com", list: DISPOSABLE });
    assert.deepEqual(classifyEmailAddress("ana@mail.gmail.com"), { type: "free", domain: "gmail.com", list: FREE });
    // The free list names cable.comcast.com (Comcast's subscribers' mail), not comcast.com (its staff's).
    assert.ok(emailDomainSets().free.has("cable.comcast.com") && !emailDomainSets().free.has("comcast.com"));
    assert.deepEqual(classifyEmailAddress("ana@cable.comcast.com"), { type: "free", domain: "comcast.com", list: FREE });
    assert.deepEqual(classifyEmailAddress("ana@comcast.com"), { type: "work", domain: "comcast.com" });
    assert.deepEqual(classifyEmailAddress("ana@google.com"), { type: "work", domain: "google.com" });
  });

  it("uses the private section of the Public Suffix List: a customer's name under a hosting zone is its own domain", () => {
    assert.deepEqual(classifyEmailAddress("ana@acme.github.io"), { type: "work", domain: "acme.github.io" });
    assert.deepEqual(classifyEmailAddress("ana@mail.acme.herokuapp.com"), { type: "work", domain: "acme.herokuapp.com" });
    // An address at the private suffix itself is its operator's: the ICANN registrable domain.
    assert.deepEqual(classifyEmailAddress("ana@herokuapp.com"), { type: "work", domain: "herokuapp.com" });
    assert.deepEqual(classifyEmailAddress("ana@github.io"), { type: "work", domain: "github.io" });
  });

  it("ignores a +tag, upper case, surrounding spaces and one trailing dot", () => {
    const expected = { type: "work", domain: "acme-robotics.com" };
    for (const address of ["ana+newsletter@acme-robotics.com", "ANA@ACME-ROBOTICS.COM", "Ana+X@Mail.Acme-Robotics.Com", "  ana@acme-robotics.com\n", "ana@acme-robotics.com."]) {
      assert.deepEqual(classifyEmailAddress(address), expected, JSON.stringify(address));
    }
    assert.deepEqual(classifyEmailAddress("Ana+promo@GMail.com."), { type: "free", domain: "gmail.com", list: FREE });
  });

  it("gives an IDN domain in its ASCII form, the same for its Unicode and Punycode spellings", () => {
    const expected = { type: "work", domain: "xn--bcher-kva.de" };
    assert.deepEqual(classifyEmailAddress("ana@bücher.de"), expected);
    assert.deepEqual(classifyEmailAddress("ana@xn--bcher-kva.de"), expected);
    assert.deepEqual(classifyEmailAddress("ana@BÜCHER.DE"), expected);
    assert.deepEqual(classifyEmailAddress("ana@mail.bücher.de"), expected);
    // An IDN public suffix: 中国 is xn--fiqs8s.
    assert.deepEqual(classifyEmailAddress("ana@食狮.中国"), { type: "work", domain: "xn--85x722f.xn--fiqs8s" });
    assert.deepEqual(classifyEmailAddress("ana@xn--85x722f.xn--fiqs8s"), { type: "work", domain: "xn--85x722f.xn--fiqs8s" });
    // Full-width letters and the ideographic full stop map as IDNA says.
    assert.deepEqual(classifyEmailAddress("ana@ＧＭＡＩＬ。ｃｏｍ"), { type: "free", domain: "gmail.com", list: FREE });
  });

  it("says nothing of an address without a usable domain", () => {
    for (const address of [
      "",
      "   ",
      "ana",
      "ana@",
      "@acme.com",
      "ana@.",
      "ana@.acme.com",
      "ana@acme..com",
      "ana@acme.com..",
      "ana@acme_corp.com",
      "ana@-acme.com",
      "ana@acme.com/path",
      "ana@acme.com:25",
      "ana@acme.com?x",
      "ana@acme.com#x",
      "ana@ac me.com",
      "ana@acme.%63om",
      "ana@<acme.com>",
      `ana@${"a".repeat(64)}.com`,
      `${"a".repeat(250)}@acme.com`,
    ]) {
      assert.equal(classifyEmailAddress(address), null, JSON.stringify(address));
    }
  });

  it("says nothing of IP addresses and IP literals", () => {
    for (const address of ["ana@[192.0.2.1]", "ana@[IPv6:2001:db8::1]", "ana@192.0.2.1", "ana@192.0.2.1.", "ana@0x7f.1", "ana@3221225985"]) {
      assert.equal(classifyEmailAddress(address), null, address);
    }
  });

  it("says nothing of a domain whose suffix is not on the Public Suffix List, or that is a public suffix", () => {
    for (const address of ["ana@localhost", "ana@acme.internal", "ana@acme.corp", "ana@com", "ana@co.uk", "ana@ck"]) {
      assert.equal(classifyEmailAddress(address), null, address);
    }
  });

  it("takes the domain after the last @ (a quoted local part may hold one)", () => {
    assert.deepEqual(classifyEmailAddress('"ana@gmail.com"@acme-robotics.com'), { type: "work", domain: "acme-robotics.com" });
  });

  it("never throws on what is not a string", () => {
    for (const value of [undefined, null, 42, {}, ["ana@gmail.com"], Symbol("x")]) assert.equal(classifyEmailAddress(value), null);
  });
});

describe("companyNameGuess", () => {
  it("capitalises the words of the domain's first label", () => {
    assert.equal(companyNameGuess("acme-robotics.com"), "Acme Robotics");
    assert.equal(companyNameGuess("acme.co.uk"), "Acme");
    assert.equal(companyNameGuess("authgear.com"), "Authgear");
    assert.equal(companyNameGuess("acme--works.io"), "Acme Works");
    assert.equal(companyNameGuess("3m.com"), "3m");
    assert.equal(companyNameGuess("acme.github.io"), "Acme");
  });

  it("writes an IDN label in Unicode", () => {
    assert.equal(companyNameGuess("xn--bcher-kva.de"), "Bücher");
    assert.equal(companyNameGuess("xn--85x722f.xn--fiqs8s"), "食狮");
  });

  it("gives no guess for what has no registrable domain or an invalid Punycode label", () => {
    assert.equal(companyNameGuess("co.uk"), null);
    assert.equal(companyNameGuess("localhost"), null);
    assert.equal(companyNameGuess("xn--a-9.com"), null);
  });
});

describe("Punycode decoding", () => {
  it("decodes labels as Node's IDNA does", () => {
    for (const label of ["xn--bcher-kva", "xn--85x722f", "xn--fiqs8s", "xn--mller-kva", "xn--hxargifdar", "xn--wgv71a119e", "xn--zca", "xn--ls8h"]) {
      assert.equal(labelToUnicode(label), domainToUnicode(label), label);
    }
    assert.equal(labelToUnicode("acme"), "acme");
  });

  it("refuses what is not Punycode", () => {
    assert.equal(decodePunycode("a-9"), null, "a truncated digit run");
    assert.equal(decodePunycode("ü-a"), null, "a non-ASCII basic code point");
    assert.equal(decodePunycode("99999999999"), null, "an overflow");
    assert.equal(labelToUnicode("xn--"), null);
  });
});

describe("the work-email provider", () => {
  const provider = createWorkEmailProvider();
  const tldts = `Public Suffix List (tldts ${versionOf("tldts")})`;
  const neither = `on neither ${FREE.name} ${FREE.version} nor ${DISPOSABLE.name} ${DISPOSABLE.version}`;

  it("is local and sends nothing to a third party", () => {
    assert.equal(provider.name, "work-email");
    assert.equal(provider.thirdParty, false);
    assert.equal(provider.remote, false);
    assert.deepEqual(Object.keys(provider.fields).sort(), ["company_name", "company_website", "email_domain", "email_type"]);
    for (const spec of Object.values(provider.fields)) assert.notEqual(spec.prefill, true, "a guess is never written before it is confirmed");
  });

  it("suggests the company website and a name guess for a work address, naming the lists", async () => {
    const values = await provider.lookup({ email: "ana@acme-robotics.com" }, context);
    assert.deepEqual(values, [
      { field: "email_type", value: "work", confidence: 0.99, basis: neither },
      { field: "email_domain", value: "acme-robotics.com", confidence: 0.99, basis: tldts },
      { field: "company_website", value: "https://acme-robotics.com", confidence: 0.6, basis: `${tldts}; ${neither}` },
      { field: "company_name", value: "Acme Robotics", confidence: 0.4, basis: `a guess from acme-robotics.com; ${neither}` },
    ]);
  });

  it("suggests no company for the domains reserved for documentation (RFC 2606), under any subdomain", async () => {
    for (const email of ["ana@example.com", "ana@mail.example.org", "ana@EXAMPLE.net"]) {
      const values = await provider.lookup({ email }, context);
      assert.deepEqual(values.map((v) => v.field), ["email_type", "email_domain"], email);
      assert.equal(values[0]?.value, "work", email);
    }
    // Only those three: a domain that merely contains the word is somebody's.
    assert.ok((await provider.lookup({ email: "ana@example-robotics.com" }, context)).some((v) => v.field === "company_name"));
  });

  it("gives a free or disposable address its type and domain only, naming the list that said so", async () => {
    assert.deepEqual(await provider.lookup({ email: "ana+x@GMAIL.com" }, context), [
      { field: "email_type", value: "free", confidence: 0.99, basis: `${FREE.name} ${FREE.version}` },
      { field: "email_domain", value: "gmail.com", confidence: 0.99, basis: tldts },
    ]);
    assert.deepEqual(await provider.lookup({ email: "ana@guerrillamail.com" }, context), [
      { field: "email_type", value: "disposable", confidence: 0.99, basis: `${DISPOSABLE.name} ${DISPOSABLE.version}` },
      { field: "email_domain", value: "guerrillamail.com", confidence: 0.99, basis: tldts },
    ]);
  });

  it("says nothing without a usable email, and nothing once aborted", async () => {
    for (const email of [undefined, null, "", "ana", "ana@[192.0.2.1]", "ana@localhost"]) assert.deepEqual(await provider.lookup({ email }, context), []);
    assert.deepEqual(await provider.lookup({ ip: "81.2.69.142" }, context), []);
    const aborted = new AbortController();
    aborted.abort();
    assert.deepEqual(await provider.lookup({ email: "ana@acme-robotics.com" }, { ...context, signal: aborted.signal }), []);
  });

  it("passes the provider contract on real addresses and every bad input", async () => {
    const emails = [
      "ana@acme-robotics.com",
      "ana+tag@Mail.Acme.co.uk.",
      "ana@bücher.de",
      "ana@xn--bcher-kva.de",
      "ana@食狮.中国",
      "ana@acme.github.io",
      "ana@gmail.com",
      "ana@yahoo.co.jp",
      "ana@mailinator.com",
      "ana@guerrillamail.com",
      "ana",
      "ana@",
      "@acme.com",
      "ana@[192.0.2.1]",
      "ana@192.0.2.1",
      "ana@localhost",
      "ana@acme..com",
      `ana@${"a".repeat(300)}.com`,
    ];
    for (const phase of ["sign-up", "login"] as const) {
      const report = await checkEnrichmentProvider(provider, { inputs: emails.map((email) => ({ email })), now, phase });
      const work = report.answers.find((a) => a.input.email === "ana@acme-robotics.com");
      // What the runner keeps: every observation, as the provider gave it, with its provenance.
      assert.deepEqual(
        work?.values.map(({ field, value, source }) => ({ field, value, source })),
        [
          { field: "email_type", value: "work", source: "work-email" },
          { field: "email_domain", value: "acme-robotics.com", source: "work-email" },
          { field: "company_website", value: "https://acme-robotics.com", source: "work-email" },
          { field: "company_name", value: "Acme Robotics", source: "work-email" },
        ],
      );
      assert.deepEqual(report.answers.find((a) => a.input.email === "ana@localhost")?.values, []);
    }
  });

  it("answers values of its declared types, with a website Authgear's url type accepts", () => {
    for (const email of ["ana@acme-robotics.com", "ana@bücher.de", "ana@食狮.中国", "ana@acme.github.io", "ana@gmail.com", "ana@mailinator.com"]) {
      const values: Observation[] = workEmailObservations(email);
      for (const { field, value } of values) {
        assert.ok(field in WORK_EMAIL_FIELDS, field);
        assert.equal(typeof value, "string");
      }
      const type = values.find((v) => v.field === "email_type")?.value as string;
      assert.ok(WORK_EMAIL_FIELDS.email_type.values.some((v) => v === type));
      const website = values.find((v) => v.field === "company_website")?.value;
      if (website !== undefined) assert.equal(authgearUrlProblem(String(website)), null, String(website));
      assert.equal(website !== undefined, type === "work", email);
    }
  });
});
