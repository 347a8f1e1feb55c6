import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { describe, it } from "node:test";
import { EnvError, parseSettings } from "./env.server";

const pem = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();

function problemsOf(source: Record<string, string | undefined>): string[] {
  try {
    parseSettings(source);
  } catch (error) {
    assert.ok(error instanceof EnvError, `expected EnvError, got ${String(error)}`);
    return [...error.problems];
  }
  assert.fail("expected the environment to be refused");
}

describe("parseSettings", () => {
  it("runs against the local emulator with no variables set", () => {
    const env = parseSettings({});
    assert.equal(env.AUTHGEAR_ENDPOINT, "http://localhost:3001");
    assert.equal(env.AUTHGEAR_CLIENT_ID, "gradual-web");
    assert.equal(env.EMULATOR_DATA_DIR, ".data/emulator");
    assert.equal(env.SQLITE_PATH, ".data/gradual.sqlite");
    assert.equal(env.AUTHGEAR_ADMIN_API_KEY, undefined);
  });

  it("reads AUTHGEAR_WEBHOOK_BAD_SIGNATURE: allow by default, reject on request, and names a bad value", () => {
    assert.equal(parseSettings({}).AUTHGEAR_WEBHOOK_BAD_SIGNATURE, "allow");
    assert.equal(parseSettings({ AUTHGEAR_WEBHOOK_BAD_SIGNATURE: "" }).AUTHGEAR_WEBHOOK_BAD_SIGNATURE, "allow");
    assert.equal(parseSettings({ AUTHGEAR_WEBHOOK_BAD_SIGNATURE: " Reject " }).AUTHGEAR_WEBHOOK_BAD_SIGNATURE, "reject");
    const [problem] = problemsOf({ AUTHGEAR_WEBHOOK_BAD_SIGNATURE: "deny" });
    assert.match(problem ?? "", /^AUTHGEAR_WEBHOOK_BAD_SIGNATURE must be "allow" .* or "reject" .*; got "deny"$/);
  });

  it("treats empty values (copied from .env.example) as unset", () => {
    const env = parseSettings({ AUTHGEAR_ENDPOINT: "", AUTHGEAR_CLIENT_ID: " ", AUTHGEAR_ADMIN_API_KEY: "", AUTHGEAR_ADMIN_API_KEY_ID: "" });
    assert.equal(env.AUTHGEAR_ENDPOINT, "http://localhost:3001");
    assert.equal(env.AUTHGEAR_CLIENT_ID, "gradual-web");
  });

  it("accepts a real project's settings and drops a trailing slash from the endpoint", () => {
    const env = parseSettings({
      AUTHGEAR_ENDPOINT: "https://myapp.authgear.cloud/",
      AUTHGEAR_CLIENT_ID: "a1b2c3",
      AUTHGEAR_PROJECT_ID: "myapp",
      AUTHGEAR_ADMIN_API_KEY: pem,
      AUTHGEAR_ADMIN_API_KEY_ID: "kid-1",
      AUTHGEAR_WEBHOOK_SECRET: "s3cret",
    });
    assert.equal(env.AUTHGEAR_ENDPOINT, "https://myapp.authgear.cloud");
    assert.equal(env.AUTHGEAR_ADMIN_API_KEY, pem);
  });

  it("turns \\n sequences in a one-line PEM back into line breaks", () => {
    const oneLine = pem.trim().replace(/\n/g, "\\n");
    const env = parseSettings({ AUTHGEAR_ADMIN_API_KEY: oneLine, AUTHGEAR_ADMIN_API_KEY_ID: "k", AUTHGEAR_PROJECT_ID: "p" });
    assert.equal(env.AUTHGEAR_ADMIN_API_KEY, pem.trim());
  });

  it("names AUTHGEAR_ENDPOINT and says how to fix a value that is not an origin", () => {
    const [notUrl] = problemsOf({ AUTHGEAR_ENDPOINT: "myapp.authgear.cloud" });
    assert.match(notUrl!, /^AUTHGEAR_ENDPOINT "myapp\.authgear\.cloud" is not a URL\. Set it to your Authgear project's endpoint/);
    const [withPath] = problemsOf({ AUTHGEAR_ENDPOINT: "https://myapp.authgear.cloud/oauth2" });
    assert.match(withPath!, /^AUTHGEAR_ENDPOINT .* must be an origin only, e\.g\. https:\/\/myapp\.authgear\.cloud/);
    const [ftp] = problemsOf({ AUTHGEAR_ENDPOINT: "ftp://example.com" });
    assert.match(ftp!, /^AUTHGEAR_ENDPOINT .* must start with https:\/\//);
  });

  it("refuses an Admin API key that is not a PEM private key, naming the variable", () => {
    const [problem] = problemsOf({ AUTHGEAR_ADMIN_API_KEY: "not-a-key", AUTHGEAR_ADMIN_API_KEY_ID: "k", AUTHGEAR_PROJECT_ID: "p" });
    assert.match(problem!, /^AUTHGEAR_ADMIN_API_KEY must be the PEM file downloaded from Portal → Advanced → Admin API/);
  });

  it("names each missing companion of a half-configured Admin API key", () => {
    const problems = problemsOf({ AUTHGEAR_ADMIN_API_KEY: pem });
    assert.equal(problems.length, 2);
    assert.match(problems[0]!, /^AUTHGEAR_ADMIN_API_KEY_ID is missing while AUTHGEAR_ADMIN_API_KEY is set/);
    assert.match(problems[1]!, /^AUTHGEAR_PROJECT_ID is missing while AUTHGEAR_ADMIN_API_KEY is set/);

    const [noKey] = problemsOf({ AUTHGEAR_ADMIN_API_KEY_ID: "k", AUTHGEAR_PROJECT_ID: "p" });
    assert.match(noKey!, /^AUTHGEAR_ADMIN_API_KEY is missing while AUTHGEAR_ADMIN_API_KEY_ID and AUTHGEAR_PROJECT_ID are set.*Unset all three to use the local emulator's key/);
  });

  it("lets a project ID alone through (the emulator's key is used)", () => {
    assert.equal(parseSettings({ AUTHGEAR_PROJECT_ID: "myapp" }).AUTHGEAR_PROJECT_ID, "myapp");
  });

  it("reports every bad variable at once, in one error that points to .env.example", () => {
    try {
      parseSettings({ AUTHGEAR_ENDPOINT: "nope", AUTHGEAR_ADMIN_API_KEY_ID: "k" });
      assert.fail("expected an error");
    } catch (error) {
      assert.ok(error instanceof EnvError);
      assert.match(error.message, /^Invalid environment \(see \.env\.example\):\n {2}- AUTHGEAR_ENDPOINT/);
      assert.match(error.message, /\n {2}- AUTHGEAR_ADMIN_API_KEY is missing/);
      assert.match(error.message, /\n {2}- AUTHGEAR_PROJECT_ID is missing/);
    }
  });
});

describe("choosing the state store's engine from the environment", () => {
  const target = (source: Record<string, string>) => parseSettings(source).store;

  it("uses SQLite at SQLITE_PATH (or the default) when DATABASE_URL is unset or empty", () => {
    assert.deepEqual(target({}), { engine: "sqlite", path: ".data/gradual.sqlite" });
    assert.deepEqual(target({ DATABASE_URL: " ", SQLITE_PATH: "" }), { engine: "sqlite", path: ".data/gradual.sqlite" });
    assert.deepEqual(target({ SQLITE_PATH: "/var/lib/gradual.db" }), { engine: "sqlite", path: "/var/lib/gradual.db" });
    assert.deepEqual(target({ DATABASE_URL: "sqlite:/tmp/x.db" }), { engine: "sqlite", path: "/tmp/x.db" });
  });

  it("uses PostgreSQL for postgres:// and postgresql:// URLs, labelled without credentials", () => {
    const url = "postgres://gradual:s3cret@db.internal:6432/gradual_prod?sslmode=verify-full";
    assert.deepEqual(target({ DATABASE_URL: url }), { engine: "postgres", url, label: "db.internal:6432/gradual_prod" });
    const chosen = target({ DATABASE_URL: "postgresql://app@localhost/state" });
    assert.equal(chosen.engine === "postgres" && chosen.label, "localhost:5432/state");
  });

  it("refuses other schemes and malformed URLs with a message that says what to write, never the password", () => {
    for (const [url, expected] of [
      ["mysql://root:s3cret@db/app", /"mysql:", which Gradual does not support.*postgres:\/\/user:password@host:5432\/database/],
      ["db.internal:5432/gradual", /"db.internal:", which Gradual does not support/],
      ["/var/lib/gradual.db", /has no scheme/],
      ["postgres:s3cret@db", /not a valid postgres:\/\/ URL/],
      ["sqlite:", /names no file/],
    ] as const) {
      assert.throws(() => target({ DATABASE_URL: url }), (e: Error) => {
        assert.ok(e instanceof EnvError, url);
        assert.match(e.message, expected);
        assert.doesNotMatch(e.message, /s3cret/);
        return true;
      });
    }
  });
});
