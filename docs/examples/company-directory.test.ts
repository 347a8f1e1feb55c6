/**
 * The guide's example provider (docs/enrichment-providers.md) against the provider contract and what
 * its users would notice; and the guide itself: every TypeScript sample in it is the text of one of
 * these example files (which `npm run typecheck` checks), and its JSON sample is the data file.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { checkEnrichmentProvider } from "@gradual/kit/testing";
import { companyDirectoryProvider, loadCompanyDirectory } from "./company-directory.server";
import { enrichmentSettingsOf, parseSettings } from "@/lib/env.server";
import { catalog } from "./catalog";
import { enrichment } from "./enrichment.config";
import { SHAPE_IS_THE_API } from "./provider-shape";

describe("the company directory provider", () => {
  const provider = companyDirectoryProvider(loadCompanyDirectory(join(import.meta.dirname, "company-directory.json")));

  it("passes the provider contract, and finds a person and their company by their email", async () => {
    const report = await checkEnrichmentProvider(provider, {
      inputs: [{ email: "hank@globex-corp.com" }, { email: " Frank@Globex-Corp.COM " }, { email: "someone@initech.com" }, { email: "nobody@elsewhere.com" }, { email: "no-at-sign" }],
    });
    const found = (email: string) => Object.fromEntries(report.answers.find((a) => a.input.email === email)?.values.map((v) => [v.field, v.value]) ?? []);
    assert.deepEqual(found("hank@globex-corp.com"), {
      company_name: "Globex Corporation",
      company_industry: "Industrial Automation",
      company_size: 420,
      job_title: "Head of Operations",
      department: "operations",
    });
    assert.equal(found(" Frank@Globex-Corp.COM ").job_title, "Firmware Engineer");
    assert.deepEqual(found("someone@initech.com"), { company_name: "Initech" });
    assert.deepEqual(found("nobody@elsewhere.com"), {});
    assert.deepEqual(found("no-at-sign"), {});
  });

  it("finds nothing for addresses that only look like keys: the object's own properties, an empty part", async () => {
    const context = { signal: new AbortController().signal, now: new Date(), phase: "login" as const };
    for (const email of ["someone@constructor", "x@__proto__", "toString@hasOwnProperty", "@globex-corp.com", "hank@"]) {
      assert.deepEqual(await provider.lookup({ email }, context), [], email);
    }
  });

  it("names the file and what is wrong when the directory cannot be used", () => {
    const dir = mkdtempSync(join(tmpdir(), "company-directory-"));
    const broken = join(dir, "broken.json");
    writeFileSync(broken, "{ not json");
    assert.throws(() => loadCompanyDirectory(broken), (e: Error) => e.message.startsWith(`Company directory ${broken}: not a readable JSON file`));
    const wrong = join(dir, "wrong.json");
    writeFileSync(wrong, JSON.stringify({ version: "1", companies: { "a.com": { name: 42 } } }));
    assert.throws(() => loadCompanyDirectory(wrong), (e: Error) => e.message.includes(wrong) && e.message.includes("companies"));
    assert.throws(() => loadCompanyDirectory(join(dir, "missing.json")), /not a readable JSON file/);
  });
});

describe("docs/enrichment-providers.md", () => {
  const guide = readFileSync(join(import.meta.dirname, "..", "enrichment-providers.md"), "utf8");
  const blocks = [...guide.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map(([, lang, body]) => ({ lang: lang ?? "", body: body ?? "" }));

  it("shows only TypeScript that is one of the example files' text (so it typechecks)", () => {
    const ts = blocks.filter((b) => b.lang === "ts");
    assert.ok(ts.length >= 5, "the guide has its samples");
    for (const { body } of ts) {
      const [first = "", ...rest] = body.split("\n");
      const file = /^\/\/ docs\/examples\/([\w.-]+\.ts)$/.exec(first)?.[1];
      assert.ok(file, `a sample names its file on its first line: ${first}`);
      const source = readFileSync(join(import.meta.dirname, file), "utf8");
      assert.ok(source.includes(rest.join("\n").trimEnd()), `the sample from ${file} is that file's text:\n${body}`);
    }
  });

  it("shows the example's data as it is", () => {
    const json = blocks.filter((b) => b.lang === "json");
    assert.equal(json.length, 1);
    assert.deepEqual(JSON.parse(json[0]?.body ?? ""), JSON.parse(readFileSync(join(import.meta.dirname, "company-directory.json"), "utf8")));
  });

  it("writes out the kit's provider type (checked by the type checker in provider-shape.ts)", () => {
    assert.equal(SHAPE_IS_THE_API, true);
  });
});

describe("the guide's registration (enrichment.config.ts)", () => {
  const names = (variables: Record<string, string>) => enrichment.build(enrichmentSettingsOf(parseSettings(variables))).map((p) => p.name);

  it("builds the directory among the kit's providers, in the config's order", () => {
    const built = names({});
    assert.ok(built.includes("company-directory"), built.join(", "));
    assert.ok(built.indexOf("work-email") < built.indexOf("company-directory"), "the kit's work-email guess comes first, the directory after");
    assert.ok(!built.some((n) => n.startsWith("fullcontact")), "FullContact is built only when switched on");
  });

  it("builds FullContact after it only when FULLCONTACT=on", () => {
    const built = names({ FULLCONTACT: "on" });
    assert.ok(built.indexOf("company-directory") < built.indexOf("fullcontact-person"), built.join(", "));
  });
});

describe("the guide's catalog (catalog.ts)", () => {
  it("is defined (its map's targets are options), asks for consent, and takes only fields the directory fills", () => {
    assert.ok(catalog.thirdPartyConsent, "third-party sources wait for the user's yes");
    const directory = companyDirectoryProvider(loadCompanyDirectory(join(import.meta.dirname, "company-directory.json")));
    for (const q of catalog.questions) {
      assert.ok(q.enrichment && Object.hasOwn(directory.fields, q.enrichment.field), `${q.attribute} takes a field the directory declares`);
    }
    const industry = catalog.questions.find((q) => q.attribute === "industry");
    assert.equal(industry?.enrichment?.map?.["Industrial Automation"], "manufacturing", "the directory's industry for Globex maps onto an option");
  });
});
