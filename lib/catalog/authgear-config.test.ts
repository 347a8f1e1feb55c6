import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { authgearConfigSchema, customAttributeConfigSchema, type CustomAttributeConfig } from "@/lib/authgear/config";
import { customAttributesConfig, customAttributesYaml, diffCustomAttributes } from "./authgear-config";
import { profileCatalog } from "@/profile.config";

const EMULATOR_CONFIG = fileURLToPath(new URL("../../emulator/authgear.yaml", import.meta.url));
const GRADUAL_ACCESS = { end_user: "readwrite", bearer: "readonly", portal_ui: "readwrite" };

/** The demo attributes the team agreed on (team brief), in Authgear's order. */
const AGREED: { name: string; type: string; minimum?: number; maximum?: number; enum?: string[] }[] = [
  { name: "job_title", type: "string" },
  { name: "company", type: "string" },
  { name: "team_size", type: "integer", minimum: 1, maximum: 100000 },
  {
    name: "industry",
    type: "enum",
    enum: ["software", "finance", "healthcare", "education", "retail", "manufacturing", "public_sector", "other"],
  },
  { name: "years_experience", type: "number", minimum: 0, maximum: 80 },
  { name: "city", type: "string" },
  { name: "country", type: "alpha2" },
  { name: "timezone", type: "string" },
  { name: "work_phone", type: "phone_number" },
  { name: "company_website", type: "url" },
  { name: "billing_email", type: "email" },
];

describe("customAttributesConfig", () => {
  const config = customAttributesConfig(profileCatalog);

  it("is exactly the agreed demo attributes, with id = name and Gradual's access control", () => {
    assert.deepEqual(
      config,
      AGREED.map(({ name, ...rule }) => ({ id: name, pointer: `/${name}`, ...rule, access_control: GRADUAL_ACCESS })),
    );
  });

  it("passes Authgear's config schema, entry by entry", () => {
    for (const entry of config) {
      const result = customAttributeConfigSchema.safeParse(entry);
      assert.equal(result.success, true, `${entry.pointer}: ${JSON.stringify(result.error?.issues)}`);
    }
  });
});

describe("customAttributesYaml", () => {
  const text = customAttributesYaml(profileCatalog);

  it("starts with a header comment saying where it comes from", () => {
    assert.match(text, /^# Generated from profile\.config\.ts by `npm run authgear:config`/);
    assert.match(text, /# Job title\n\s+- id: job_title/);
  });

  it("parses back to the same attributes in Authgear's place", () => {
    const parsed = parse(text) as { user_profile: { custom_attributes: { attributes: unknown[] } } };
    const attributes = parsed.user_profile.custom_attributes.attributes.map((a) => customAttributeConfigSchema.parse(a));
    assert.deepEqual(attributes, customAttributesConfig(profileCatalog));
  });

  it("is a valid user_profile section of a whole authgear.yaml", () => {
    const whole = {
      id: "gradual-local",
      http: { public_origin: "http://localhost:3001" },
      oauth: { clients: [{ client_id: "x", redirect_uris: ["http://localhost:3000/auth/callback"] }] },
      ...(parse(text) as object),
    };
    const result = authgearConfigSchema.safeParse(whole);
    assert.equal(result.success, true, JSON.stringify(result.error?.issues));
  });
});

describe("diffCustomAttributes", () => {
  const a: CustomAttributeConfig = { id: "a", pointer: "/a", type: "string", access_control: { end_user: "readwrite", bearer: "readonly", portal_ui: "readwrite" } };
  const n: CustomAttributeConfig = { id: "n", pointer: "/n", type: "integer", minimum: 1, maximum: 9, access_control: a.access_control };

  it("is empty when they agree", () => assert.deepEqual(diffCustomAttributes([a, n], [a, n]), []));

  it("names missing, extra and reordered attributes", () => {
    assert.deepEqual(diffCustomAttributes([a, n], [a]), [`/n: missing (expected ${JSON.stringify(n)})`]);
    assert.deepEqual(diffCustomAttributes([a], [a, n]), ["/n: not in the catalog (remove it, or add a question)"]);
    assert.deepEqual(diffCustomAttributes([a, n], [n, a]), ["order is /n, /a; expected /a, /n"]);
  });

  it("names each differing field with both values", () => {
    const changed: CustomAttributeConfig = {
      ...n,
      id: "0001",
      type: "number",
      maximum: undefined,
      access_control: { end_user: "hidden", bearer: "readonly", portal_ui: "readwrite" },
    };
    delete changed.maximum;
    assert.deepEqual(diffCustomAttributes([n], [changed]), [
      '/n: id is "0001", expected "n"',
      '/n: type is "number", expected "integer"',
      "/n: maximum is (unset), expected 9",
      '/n: access_control is {"end_user":"hidden","bearer":"readonly","portal_ui":"readwrite"}, expected {"end_user":"readwrite","bearer":"readonly","portal_ui":"readwrite"}',
    ]);
    assert.deepEqual(diffCustomAttributes([{ ...a, type: "enum", enum: ["x", "y"] }], [{ ...a, type: "enum", enum: ["y", "x"] }]), [
      '/a: enum is ["y","x"], expected ["x","y"]',
    ]);
  });
});

describe("emulator/authgear.yaml", () => {
  it("declares exactly the catalog's custom attributes (same set, order, types, limits, enum, access control)", () => {
    assert.ok(existsSync(EMULATOR_CONFIG), "emulator/authgear.yaml is missing");
    const parsed = authgearConfigSchema.safeParse(parse(readFileSync(EMULATOR_CONFIG, "utf8")));
    assert.ok(parsed.success, `emulator/authgear.yaml is not a valid Authgear config: ${JSON.stringify(parsed.error?.issues, null, 2)}`);
    const diff = diffCustomAttributes(customAttributesConfig(profileCatalog), parsed.data.user_profile.custom_attributes.attributes);
    assert.deepEqual(
      diff,
      [],
      `emulator/authgear.yaml disagrees with profile.config.ts (run \`npm run authgear:config\`):\n${diff.map((d) => `  - ${d}`).join("\n")}`,
    );
  });
});
