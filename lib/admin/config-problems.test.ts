import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  attributeNotConfigured,
  createConfigProblemReporter,
  droppedAttributes,
  keptAttributes,
  webhookBadSignature,
  type ConfigProblemReport,
  type ConfigProblemStore,
} from "./config-problems";

function fakeStore() {
  const records: { key: string; count: number; at: number }[] = [];
  const resolved: string[][] = [];
  const open = new Set<string>();
  const store: ConfigProblemStore = {
    async recordConfigProblem(problem: ConfigProblemReport, count: number, at: number) {
      records.push({ key: problem.key, count, at });
      open.add(problem.key);
    },
    async resolveConfigProblems(keys: readonly string[]) {
      resolved.push([...keys]);
      const hit = keys.filter((k) => open.has(k));
      for (const k of hit) open.delete(k);
      return hit;
    },
  };
  return { store, records, resolved };
}

function setup() {
  let clock = 1_000_000;
  const lines: string[] = [];
  const fake = fakeStore();
  const reporter = createConfigProblemReporter({
    store: async () => fake.store,
    log: { warn: (m: string) => void lines.push(m), error: (m: string) => void lines.push(`ERROR ${m}`), info: (m: string) => void lines.push(`INFO ${m}`) },
    now: () => clock,
  });
  return { reporter, lines, ...fake, tick: (ms: number) => (clock += ms), now: () => clock };
}

describe("configuration problems", () => {
  it("finds the attributes a write did not keep, and those it kept", () => {
    const sent = { job_title: "Baker", company: "Bread Co", team_size: 4, city: null };
    const stored = { job_title: "Baker", team_size: 5 };
    assert.deepEqual(droppedAttributes(sent, stored), ["company"]);
    assert.deepEqual(keptAttributes(sent, stored), ["job_title", "team_size"], "a value a hook changed is kept, not dropped");
    assert.deepEqual(droppedAttributes({}, stored), []);
  });

  it("names the attribute and the fix", () => {
    const p = attributeNotConfigured("work_phone");
    assert.equal(p.key, "attribute_not_configured:work_phone");
    assert.match(p.message, /"work_phone" is not configured in Authgear: it was dropped on write/);
    assert.match(p.fix, /npm run authgear:config/);
    assert.match(p.fix, /Advanced → Edit Config/);
    assert.match(webhookBadSignature("allow").fix, /AUTHGEAR_WEBHOOK_SECRET.*Portal → Advanced → Hooks → Webhook Signature/);
    assert.match(webhookBadSignature("reject").message, /401/);
  });

  it("logs a problem at most once a minute, saying how often it happened in between", async () => {
    const t = setup();
    const problem = webhookBadSignature("allow");
    await t.reporter.report(problem);
    t.tick(10_000);
    await t.reporter.report(problem);
    t.tick(10_000);
    await t.reporter.report(problem);
    assert.equal(t.lines.length, 1);
    assert.match(t.lines[0]!, /^\[gradual\] Webhook requests arrive whose signature does not verify.* Fix: Set AUTHGEAR_WEBHOOK_SECRET/);
    assert.deepEqual(t.records.map((r) => r.count), [1], "a throttled kind is recorded with its log line");
    t.tick(40_000);
    await t.reporter.report(problem);
    assert.equal(t.lines.length, 2);
    assert.match(t.lines[1]!, /\(3 times in the last 60 s\)/);
    assert.deepEqual(t.records.map((r) => r.count), [1, 3], "the count since the last line");
  });

  it("records every attribute problem (each is a user's save) while logging it once a minute", async () => {
    const t = setup();
    const problem = attributeNotConfigured("company");
    await t.reporter.report(problem);
    t.tick(1_000);
    await t.reporter.report(problem);
    assert.equal(t.lines.length, 1);
    assert.deepEqual(t.records.map((r) => r.count), [1, 1]);
    await t.reporter.report(attributeNotConfigured("city"));
    assert.equal(t.lines.length, 2, "another attribute is another problem");
  });

  it("resolves what it saw at once, and checks the store for the rest at most once a minute", async () => {
    const t = setup();
    await t.reporter.report(attributeNotConfigured("company"));
    await t.reporter.resolve(["attribute_not_configured:company", "attribute_not_configured:city"], { onlyIfSeen: true });
    assert.deepEqual(t.resolved, [["attribute_not_configured:company", "attribute_not_configured:city"]]);
    assert.match(t.lines.at(-1)!, /^INFO .*resolved: attribute_not_configured:company/);
    t.tick(30_000);
    await t.reporter.resolve(["attribute_not_configured:company", "attribute_not_configured:city"], { onlyIfSeen: true });
    assert.equal(t.resolved.length, 1, "nothing seen since, and checked less than a minute ago");
    t.tick(30_000);
    await t.reporter.resolve(["attribute_not_configured:city"], { onlyIfSeen: true });
    assert.equal(t.resolved.length, 2, "another instance may have recorded it: checked again after a minute");
    // After a resolution the next occurrence is logged at once.
    await t.reporter.report(attributeNotConfigured("company"));
    assert.equal(t.lines.filter((l) => l.startsWith("[gradual]")).length, 2);
  });

  it("never throws when the store fails", async () => {
    const lines: string[] = [];
    const reporter = createConfigProblemReporter({
      store: async () => {
        throw new Error("disk full");
      },
      log: { warn: (m: string) => void lines.push(m), error: (m: string) => void lines.push(m) },
      now: () => 0,
    });
    await reporter.report(attributeNotConfigured("company"));
    await reporter.resolve(["attribute_not_configured:company"]);
    assert.ok(lines.some((l) => l.includes("could not record a problem: disk full")));
  });
});
