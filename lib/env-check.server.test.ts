import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkEnvironmentOnStartup, environmentProblems } from "./env-check.server";

describe("the start-up environment check", () => {
  it("finds nothing wrong with no variables set (the local emulator) or a real project's settings", () => {
    assert.deepEqual(environmentProblems({}), []);
    assert.deepEqual(
      environmentProblems({ AUTHGEAR_ENDPOINT: "https://myapp.authgear.cloud", DATABASE_URL: "postgres://app:pw@db:5432/gradual", TRUSTED_PROXY_HOPS: "1", PROMPT_EVENT_RETENTION_DAYS: "30" }),
      [],
    );
  });

  it("names every malformed variable at once, says how to fix it, and never repeats a password", () => {
    const problems = environmentProblems({
      AUTHGEAR_ENDPOINT: "myapp.authgear.cloud",
      AUTHGEAR_ADMIN_API_KEY: "not a pem",
      AUTHGEAR_ADMIN_API_KEY_ID: "kid",
      AUTHGEAR_PROJECT_ID: "myapp",
      TRUSTED_PROXY_HOPS: "two",
      ENRICHMENT_PROVIDERS: "geoip,Max Mind",
      DATABASE_URL: "mysql://app:s3cr3t-pw@db/gradual",
      PROMPT_EVENT_RETENTION_DAYS: "forever",
    });
    const text = problems.join("\n");
    for (const name of ["AUTHGEAR_ENDPOINT", "AUTHGEAR_ADMIN_API_KEY", "TRUSTED_PROXY_HOPS", "ENRICHMENT_PROVIDERS", "DATABASE_URL", "PROMPT_EVENT_RETENTION_DAYS"]) {
      assert.ok(problems.some((p) => p.includes(name)), `${name} is named:\n${text}`);
    }
    assert.match(text, /AUTHGEAR_ENDPOINT "myapp\.authgear\.cloud" is not a URL/);
    assert.match(text, /DATABASE_URL uses "mysql:"/);
    assert.doesNotMatch(text, /s3cr3t-pw/);
    assert.ok(!problems.some((p) => /^Invalid .*:$/.test(p)), "one line per problem, no headers");
  });

  it("refuses the e2e test clock outside the e2e run against the local emulator", () => {
    assert.deepEqual(environmentProblems({ GRADUAL_TEST_CLOCK: "emulator", AUTHGEAR_ENDPOINT: "http://localhost:3101" }), []);
    const problems = environmentProblems({ GRADUAL_TEST_CLOCK: "emulator", AUTHGEAR_ENDPOINT: "https://myapp.authgear.cloud" });
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? "", /^GRADUAL_TEST_CLOCK=emulator .* Unset GRADUAL_TEST_CLOCK\.$/);
  });

  it("logs one error block at start-up when something is wrong, nothing otherwise", () => {
    const logged: string[] = [];
    const log = { error: (m: string) => logged.push(m) };
    assert.equal(checkEnvironmentOnStartup({}, log), true);
    assert.deepEqual(logged, []);
    assert.equal(checkEnvironmentOnStartup({ SQLITE_PATH: "x.sqlite", DATABASE_URL: "sqlite:", TRUSTED_PROXY_HOPS: "-3" }, log), false);
    assert.equal(logged.length, 1);
    assert.match(logged[0]!, /the environment is invalid/);
    assert.match(logged[0]!, /\n {2}- .*TRUSTED_PROXY_HOPS/);
    assert.match(logged[0]!, /\n {2}- DATABASE_URL "sqlite:" names no file/);
  });
});
