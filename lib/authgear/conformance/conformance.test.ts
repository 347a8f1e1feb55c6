/**
 * The conformance suite (issue #14): every value runs through
 *   (a) the browser form's validation (promptFormSchema, with the phone rule loaded),
 *   (b) the Server Action's validation (answersSchema, exactly as the profile service's submit uses it),
 *   (c) the emulator's Admin API updateUser (in-process, over HTTP),
 * and each must agree with Authgear's verdict: Authgear's and Go's own test vectors
 * (authgear-vectors.ts) and a generated corpus of phone numbers judged by libphonenumber-js max
 * (phone-corpus.ts). The app's deliberate extra strictness is APP_STRICTER, listed explicitly:
 * the emulator must accept those values, the form and the Server Action must refuse them.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { userNodeId } from "@/lib/authgear/global-id";
import { loadPhoneRule, phoneRuleLoaded } from "@/lib/authgear/phone-rule";
import { customAttributesYaml } from "@/lib/catalog/authgear-config";
import type { Question, QuestionInput } from "@/lib/catalog/catalog";
import { defineProfileCatalog } from "@/lib/catalog/define-catalog";
import { promptFormSchema } from "@/lib/prompt/form";
import { answersSchema } from "@/lib/catalog/schemas";
import { parseConfigYaml } from "@/emulator/config";
import { adminGraphQL, signAdminJwt, signIn, startTestEmulator, type TestEmulator } from "@/emulator/testing";
import type { CustomAttributeType } from "../custom-attributes";
import { APP_STRICTER, VECTOR_GROUPS, type Vector } from "./authgear-vectors";
import { phoneCorpus } from "./phone-corpus";

const base = { label: "Label", purpose: "Why", priority: 1 } as const;
const QUESTIONS: Record<CustomAttributeType, QuestionInput> = {
  string: { attribute: "a_string", type: "string", ...base },
  number: { attribute: "a_number", type: "number", minimum: 0, maximum: 80, ...base },
  integer: { attribute: "an_integer", type: "integer", minimum: 1, maximum: 100000, ...base },
  enum: {
    attribute: "an_enum",
    type: "enum",
    options: [
      { value: "software", label: "Software" },
      { value: "finance", label: "Finance" },
      { value: "other", label: "Other" },
    ],
    ...base,
  },
  phone_number: { attribute: "a_phone", type: "phone_number", ...base },
  email: { attribute: "an_email", type: "email", ...base },
  url: { attribute: "a_url", type: "url", ...base },
  alpha2: { attribute: "a_country", type: "alpha2", ...base },
};
const catalog = defineProfileCatalog({ questions: Object.values(QUESTIONS) });
const question = (type: CustomAttributeType) => catalog.questions.find((q) => q.type === type) as Question;

const CONFIG = `id: conformance
http:
  public_origin: http://localhost:3001
  allowed_origins: [http://localhost:3000]
oauth:
  clients:
    - client_id: test-jwt
      redirect_uris: [http://localhost:3000/auth/callback]
      issue_jwt_access_token: true
${customAttributesYaml(catalog)}`;

interface Case extends Vector {
  source: string;
}
const corpus = phoneCorpus();
const CASES: Case[] = [
  ...VECTOR_GROUPS.flatMap((g) => g.vectors.map((v) => ({ ...v, source: g.source.split(" (")[0]! }))),
  ...corpus.map((c) => ({ type: "phone_number" as const, value: c.value, accepted: c.accepted, source: `corpus ${c.region} ${c.mutation}` })),
];
const key = (v: Pick<Vector, "type" | "value">) => `${v.type} ${JSON.stringify(v.value)}`;
const stricter = new Set(APP_STRICTER.map(key));
/** The app's verdict: Authgear's, except for the listed values the app refuses on purpose. */
const appAccepts = (c: Vector) => c.accepted && !stricter.has(key(c));

/** What the form holds for a value: only strings (for numbers, the digits typed) can be typed. */
function typed(c: Vector): string | null {
  if (c.type === "number" || c.type === "integer") return typeof c.value === "number" ? String(c.value) : null;
  return typeof c.value === "string" ? c.value : null;
}
/** Whether the form passes the typed text on as it is (no trimming or separators to drop). */
const asTyped = (c: Vector, raw: string) => raw.trim() === raw && (c.type !== "phone_number" || !/[\s\-.()]/.test(raw));

describe("conformance with Authgear's value rules", () => {
  let emu: TestEmulator;
  let jwt: string;
  let userId: string;
  /** Authgear's verdict as the emulator's updateUser gives it. */
  const emulatorAccepts = async (type: CustomAttributeType, value: unknown): Promise<boolean> => {
    const res = await adminGraphQL(
      emu.origin,
      emu.dataDir,
      `mutation($id: ID!, $ca: UserCustomAttributes) { updateUser(input: {userID: $id, customAttributes: $ca}) { user { id } } }`,
      { id: userId, ca: { [question(type).attribute]: value } },
      { jwt },
    );
    assert.equal(res.status, 200);
    if (res.body.errors === undefined) return true;
    const error = res.body.errors[0]!;
    assert.equal(error.extensions?.reason, "ValidationFailed", `${type} ${JSON.stringify(value)}: ${error.message}`);
    return false;
  };

  before(async () => {
    emu = await startTestEmulator({ config: parseConfigYaml(CONFIG, "conformance") });
    jwt = await signAdminJwt(emu.dataDir);
    userId = userNodeId((await signIn(emu.origin, { clientId: "test-jwt", redirectUri: "http://localhost:3000/auth/callback", email: "conformance@example.com" })).sub);
    await loadPhoneRule();
  });
  after(() => emu.close());

  it("has Authgear's vectors for every type and a phone corpus of ≥ 500 numbers across ≥ 50 regions, valid and invalid", () => {
    for (const type of Object.keys(QUESTIONS) as CustomAttributeType[]) {
      assert.ok(CASES.some((c) => c.type === type && c.accepted), `an accepted ${type}`);
      assert.ok(CASES.some((c) => c.type === type && !c.accepted), `a refused ${type}`);
    }
    assert.ok(corpus.length >= 500, `${corpus.length} phone numbers`);
    assert.ok(new Set(corpus.map((c) => c.region)).size >= 50, "regions");
    assert.ok(corpus.filter((c) => c.accepted).length >= 200, "valid numbers");
    assert.ok(corpus.filter((c) => !c.accepted).length >= 200, "invalid numbers");
    assert.equal(new Set(CASES.map(key)).size, new Set(CASES.map((c) => `${key(c)} ${c.accepted}`)).size, "no value with two verdicts");
  });

  it("the emulator's updateUser judges every value as Authgear does, the app's stricter values included", async () => {
    const wrong: string[] = [];
    const all = [...CASES, ...APP_STRICTER.map((v) => ({ ...v, source: "APP_STRICTER" }))];
    for (let i = 0; i < all.length; i += 32) {
      await Promise.all(
        all.slice(i, i + 32).map(async (c) => {
          if ((await emulatorAccepts(c.type, c.value)) !== c.accepted) wrong.push(`${key(c)} should be ${c.accepted ? "accepted" : "refused"} (${c.source})`);
        }),
      );
    }
    assert.deepEqual(wrong, []);
  });

  it("the Server Action's answersSchema accepts exactly what Authgear accepts, less the app's stricter values", () => {
    const wrong = CASES.concat(APP_STRICTER.map((v) => ({ ...v, source: "APP_STRICTER" }))).flatMap((c) => {
      const q = question(c.type);
      const ok = answersSchema(catalog, [q.attribute]).safeParse({ [q.attribute]: c.value }).success;
      return ok === appAccepts(c) ? [] : [`${key(c)} should be ${appAccepts(c) ? "accepted" : "refused"} (${c.source})`];
    });
    assert.deepEqual(wrong, []);
  });

  it("the browser form accepts exactly what the app accepts, and whatever it sends Authgear accepts", async () => {
    assert.ok(phoneRuleLoaded());
    const wrong: string[] = [];
    const sent = new Set<string>();
    const all = CASES.concat(APP_STRICTER.map((v) => ({ ...v, source: "APP_STRICTER" })));
    // Parse and send in batches: the emulator runs in this process, so one long synchronous parse
    // of every value would leave its keep-alive sockets idle past their timeout, and a request
    // would then race the server closing its socket ("fetch failed").
    for (let i = 0; i < all.length; i += 32) {
      const outputs: Vector[] = [];
      for (const c of all.slice(i, i + 32)) {
        const raw = typed(c);
        if (raw === null) continue;
        const q = question(c.type);
        const result = promptFormSchema([q]).safeParse({ [q.attribute]: raw });
        const output = result.success ? result.data[q.attribute] : undefined;
        if (output !== undefined && !sent.has(key({ type: c.type, value: output }))) {
          sent.add(key({ type: c.type, value: output }));
          outputs.push({ type: c.type, value: output, accepted: true });
        }
        if (asTyped(c, raw) && (output !== undefined) !== appAccepts(c)) {
          wrong.push(`${key(c)} should be ${appAccepts(c) ? "accepted" : "refused"} by the form (${c.source})`);
        }
      }
      await Promise.all(
        outputs.map(async (s) => {
          if (!(await emulatorAccepts(s.type, s.value))) wrong.push(`the form sent ${key(s)}, which Authgear refuses`);
        }),
      );
    }
    assert.ok(sent.size > 0, "the form sent values");
    assert.deepEqual(wrong, []);
  });

  it("the app's stricter values are only ones Authgear accepts", () => {
    for (const v of APP_STRICTER) assert.equal(v.accepted, true, key(v));
  });
});
