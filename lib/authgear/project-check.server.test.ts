import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { readAdminKey, setUnconfiguredAttributes, signIn, startTestEmulator, type TestEmulator } from "@/emulator/testing";
import { profileCatalog } from "@/profile.config";
import { createAdminApiClient, type AdminApiClient } from "./admin-api.server";
import type { AdminApiKey } from "./admin-key.server";
import { checkAuthgearProject, formatReport, sampleValue, type ProjectCheckOptions } from "./project-check.server";

const REDIRECT_URI = "http://localhost:3000/auth/callback";
let emulator: TestEmulator;
let key: AdminApiKey;
let admin: AdminApiClient;

const email = (label: string) => `check-${label}-${Math.random().toString(36).slice(2, 10)}@example.com`;
const options = (overrides: Partial<ProjectCheckOptions> = {}): ProjectCheckOptions => ({
  endpoint: emulator.origin,
  clientId: "gradual-web",
  adminKey: key,
  catalog: profileCatalog,
  timeoutMs: 2_000,
  ...overrides,
});
const statusOf = (report: Awaited<ReturnType<typeof checkAuthgearProject>>) => report.results.map((r) => `${r.check}:${r.status}`);

before(async () => {
  emulator = await startTestEmulator();
  const k = await readAdminKey(emulator.dataDir);
  key = { privateKeyPem: k.pem, keyId: k.kid, projectId: k.projectId, source: "emulator" };
  admin = createAdminApiClient({ endpoint: emulator.origin, key });
});
after(async () => {
  await setUnconfiguredAttributes(emulator.origin, []).catch(() => undefined);
  await emulator.close();
});

describe("npm run authgear:check", () => {
  it("passes against the emulator with a named user and a JWT access token, and puts the user's attributes back", async () => {
    const address = email("pass");
    const session = await signIn(emulator.origin, { email: address, clientId: "gradual-web", redirectUri: REDIRECT_URI });
    await admin.updateCustomAttributes(session.sub, { job_title: "Chef" });
    const before = (await admin.getUser(session.sub))!.customAttributes;
    const report = await checkAuthgearProject(options({ user: address, token: session.accessToken }));
    assert.equal(report.problems, 0, formatReport(report, "gradual-web"));
    assert.deepEqual(statusOf(report), ["issuer:ok", "jwks:ok", "admin_api:ok", "attributes:ok", "access_token:ok"]);
    assert.match(report.results[3]!.detail, /11 of 11 catalog attributes round-trip/);
    assert.deepEqual((await admin.getUser(session.sub))!.customAttributes, before, "nothing of the user's changed");
    const text = formatReport(report, "gradual-web");
    assert.match(text, /^Checking the Authgear project at http:\/\/localhost:\d+ \(client "gradual-web"\)\n/);
    assert.match(text, /No problems found\.\n$/);
  });

  it("skips the attribute and token checks with a note when --user and --token are not given", async () => {
    const report = await checkAuthgearProject(options());
    assert.equal(report.problems, 0);
    assert.deepEqual(statusOf(report), ["issuer:ok", "jwks:ok", "admin_api:ok", "attributes:skipped", "access_token:skipped"]);
    const text = formatReport(report, "gradual-web");
    assert.match(text, /skipped {2}attributes: .*\n +To check it: Pass --user <user id or email>/);
    assert.match(text, /To check it: Pass --token <access token>/);
  });

  it("reports an issuer that is not AUTHGEAR_ENDPOINT, with the value to set", async () => {
    const other = emulator.origin.replace("localhost", "127.0.0.1");
    const report = await checkAuthgearProject(options({ endpoint: other }));
    const issuer = report.results.find((r) => r.check === "issuer")!;
    assert.equal(issuer.status, "problem");
    assert.match(issuer.detail, /issuer is "http:\/\/localhost:\d+", not AUTHGEAR_ENDPOINT "http:\/\/127\.0\.0\.1:\d+"/);
    assert.equal(issuer.fix, `Set AUTHGEAR_ENDPOINT=${emulator.origin} (the issuer; with a custom domain, that domain).`);
  });

  it("reports an endpoint that answers nothing: discovery, JWKS and Admin API", async () => {
    const report = await checkAuthgearProject(options({ endpoint: "http://127.0.0.1:9", timeoutMs: 500 }));
    assert.deepEqual(statusOf(report).slice(0, 3), ["issuer:problem", "jwks:problem", "admin_api:problem"]);
  });

  it("reports an Admin API key the project does not know", async () => {
    const { generateKeyPairSync } = await import("node:crypto");
    const pem = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const report = await checkAuthgearProject(options({ adminKey: { ...key, privateKeyPem: pem, keyId: "not-the-key" }, user: "someone@example.com" }));
    const result = report.results.find((r) => r.check === "admin_api")!;
    assert.equal(result.status, "problem");
    assert.match(result.detail, /403 Forbidden/);
    assert.match(result.fix ?? "", /Advanced → Admin API/);
    assert.equal(report.results.find((r) => r.check === "attributes")?.status, "skipped");
  });

  it("reports a catalog attribute the project does not define, and still puts the user's attributes back", async () => {
    const address = email("unconfigured");
    const { sub } = await signIn(emulator.origin, { email: address, clientId: "gradual-web", redirectUri: REDIRECT_URI });
    await admin.updateCustomAttributes(sub, { job_title: "Chef" });
    await setUnconfiguredAttributes(emulator.origin, ["work_phone"]);
    try {
      const report = await checkAuthgearProject(options({ user: sub }));
      assert.equal(report.problems, 1, formatReport(report, "gradual-web"));
      const problem = report.results.find((r) => r.status === "problem")!;
      assert.equal(problem.detail, 'Custom attribute "work_phone" is not configured in Authgear: it was dropped on write (a test write).');
      assert.match(problem.fix ?? "", /npm run authgear:config.*Advanced → Edit Config/);
    } finally {
      await setUnconfiguredAttributes(emulator.origin, []);
    }
    assert.deepEqual((await admin.getUser(sub))!.customAttributes, { job_title: "Chef" });
  });

  it("reports a user it cannot find", async () => {
    const report = await checkAuthgearProject(options({ user: "nobody-here@example.com" }));
    const result = report.results.find((r) => r.check === "attributes")!;
    assert.equal(result.status, "problem");
    assert.match(result.detail, /No user nobody-here@example\.com/);
  });

  it("reports an opaque access token, and a JWT of another client", async () => {
    const opaque = await signIn(emulator.origin, { email: email("opaque"), clientId: "gradual-web-opaque", redirectUri: REDIRECT_URI });
    const report = await checkAuthgearProject(options({ token: opaque.accessToken }));
    const result = report.results.find((r) => r.check === "access_token")!;
    assert.equal(result.status, "problem");
    assert.match(result.detail, /opaque, not a JWT/);
    assert.match(result.fix ?? "", /Issue JWT as access token/);

    const jwt = await signIn(emulator.origin, { email: email("client"), clientId: "gradual-web", redirectUri: REDIRECT_URI });
    const wrongClient = await checkAuthgearProject(options({ token: jwt.accessToken, clientId: "another-app" }));
    const wrong = wrongClient.results.find((r) => r.check === "access_token")!;
    assert.equal(wrong.status, "problem");
    assert.match(wrong.detail, /wrong_client/);
  });

  it("has a valid sample for every catalog attribute", () => {
    for (const q of profileCatalog.questions) assert.notEqual(sampleValue(q), undefined, q.attribute);
  });
});
