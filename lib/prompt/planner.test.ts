import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { QuestionInput } from "../catalog/catalog";
import { defineProfileCatalog } from "../catalog/define-catalog";
import {
  DAY_MS,
  conditionHolds,
  cooldownDaysAfter,
  cooldownUntil,
  describeDuration,
  explainPrompt,
  loginKey,
  parseLoginKey,
  planPrompt,
  visitKey,
  type CurrentAttributes,
  type ShownPrompt,
  type PlanInput,
  type PromptHistory,
  type PromptLog,
} from "./planner";
import { profileCatalog } from "@/profile.config";

const NOW = Date.UTC(2026, 2, 10, 12, 0, 0);
const LOGIN = { sub: "user-1", authTime: 1_773_000_000 };
const KEY = `user-1:${LOGIN.authTime}`;

const q = (attribute: string, priority: number, extra: Partial<QuestionInput> = {}): QuestionInput => ({
  attribute,
  type: "string",
  label: attribute.toUpperCase(),
  purpose: "p",
  priority,
  ...extra,
});

/** a..e, priorities 50,40,30,20,10 (catalog order = priority order). */
function simpleCatalog(perLogin = 2) {
  return defineProfileCatalog({ perLogin, questions: [q("a", 50), q("b", 40), q("c", 30), q("d", 20), q("e", 10)] });
}

function plan<A extends string>(input: Partial<PlanInput<A>> & Pick<PlanInput<A>, "catalog">) {
  return planPrompt<A>({ attributes: {}, history: {}, login: LOGIN, promptLog: {}, now: NOW, ...input });
}
const asked = (p: { ask: { attribute: string }[] }) => p.ask.map((a) => a.attribute);
const reasonOf = (p: { leftOut: { attribute: string; reason: string }[] }, attribute: string) =>
  p.leftOut.find((l) => l.attribute === attribute)?.reason;

describe("planPrompt: cap per login", () => {
  for (const perLogin of [1, 2, 3]) {
    it(`asks at most ${perLogin}, the highest priorities, the rest over_cap`, () => {
      const result = plan({ catalog: simpleCatalog(perLogin) });
      assert.deepEqual(asked(result), ["a", "b", "c"].slice(0, perLogin));
      assert.ok(result.ask.every((a) => a.reason === "eligible"));
      const overCap = result.leftOut.filter((l) => l.reason === "over_cap").map((l) => l.attribute);
      assert.deepEqual(overCap, ["a", "b", "c", "d", "e"].slice(perLogin));
      assert.equal(result.state, "new");
      assert.equal(result.loginKey, KEY);
    });
  }

  it("asks fewer when fewer are empty, and nothing when all are answered", () => {
    const all = { a: "1", b: "1", c: "1", d: "1", e: "1" };
    assert.deepEqual(asked(plan({ catalog: simpleCatalog(3), attributes: { ...all, d: undefined } })), ["d"]);
    const none = plan({ catalog: simpleCatalog(3), attributes: all });
    assert.deepEqual(none.ask, []);
    assert.ok(none.leftOut.every((l) => l.reason === "answered"));
  });

  it("lists every catalog question exactly once, left-outs in catalog order", () => {
    const result = plan({ catalog: simpleCatalog(2), attributes: { c: "x" } });
    const all = [...asked(result), ...result.leftOut.map((l) => l.attribute)].sort();
    assert.deepEqual(all, ["a", "b", "c", "d", "e"]);
    assert.deepEqual(result.leftOut.map((l) => l.attribute), ["c", "d", "e"]);
  });
});

describe("planPrompt: only empty attributes", () => {
  it("treats a missing key, null and the empty string as empty", () => {
    for (const attributes of [{}, { a: null }, { a: "" }, { a: undefined }] as CurrentAttributes[]) {
      assert.deepEqual(asked(plan({ catalog: simpleCatalog(1), attributes })), ["a"], JSON.stringify(attributes));
    }
  });

  it("treats any value, including 0, false and a space, as answered", () => {
    for (const value of ["x", 0, false, " "]) {
      const result = plan({ catalog: simpleCatalog(1), attributes: { a: value } });
      assert.deepEqual(asked(result), ["b"], JSON.stringify(value));
      assert.equal(reasonOf(result, "a"), "answered");
    }
  });

  it("uses the attribute's value, not answeredAt, to decide", () => {
    const history: PromptHistory = { a: { skipCount: 0, answeredAt: NOW - DAY_MS } };
    assert.deepEqual(asked(plan({ catalog: simpleCatalog(1), history })), ["a"], "answer later cleared: ask again");
  });

  it("ignores inherited properties of the attributes object", () => {
    const attributes = Object.create({ a: "inherited" }) as CurrentAttributes;
    assert.deepEqual(asked(plan({ catalog: simpleCatalog(1), attributes })), ["a"]);
  });
});

describe("planPrompt: conditions", () => {
  const catalog = defineProfileCatalog({
    perLogin: 3,
    questions: [
      q("company", 10),
      q("industry", 5, { type: "enum", options: [{ value: "software", label: "Software" }, { value: "finance", label: "Finance" }] }),
      q("team_size", 100, { type: "integer", when: { known: ["company"] } }),
      q("stack", 90, { when: { equals: { industry: "software" } } }),
      q("both", 80, { when: { known: ["company"], equals: { industry: "software" } } }),
    ],
  });

  it("known: waits until the named attribute has a value", () => {
    const before = plan({ catalog });
    assert.equal(reasonOf(before, "team_size"), "condition_unmet");
    const unmet = before.leftOut.find((l) => l.attribute === "team_size");
    assert.deepEqual(unmet?.reason === "condition_unmet" && unmet.condition, { known: ["company"] });
    assert.equal(reasonOf(plan({ catalog, attributes: { company: "" } }), "team_size"), "condition_unmet");
    assert.equal(reasonOf(plan({ catalog, attributes: { company: null } }), "team_size"), "condition_unmet");
    assert.deepEqual(asked(plan({ catalog, attributes: { company: "Acme" } })).slice(0, 1), ["team_size"]);
  });

  it("equals: only for that exact value", () => {
    assert.equal(reasonOf(plan({ catalog }), "stack"), "condition_unmet");
    assert.equal(reasonOf(plan({ catalog, attributes: { industry: "finance" } }), "stack"), "condition_unmet");
    assert.ok(asked(plan({ catalog, attributes: { industry: "software" } })).includes("stack"));
  });

  it("all parts of a condition must hold", () => {
    assert.equal(reasonOf(plan({ catalog, attributes: { industry: "software" } }), "both"), "condition_unmet");
    assert.equal(reasonOf(plan({ catalog, attributes: { company: "Acme", industry: "finance" } }), "both"), "condition_unmet");
    assert.deepEqual(asked(plan({ catalog, attributes: { company: "Acme", industry: "software" } })), ["team_size", "stack", "both"]);
  });

  it("an answered question reports answered, not its condition", () => {
    assert.equal(reasonOf(plan({ catalog, attributes: { team_size: 5 } }), "team_size"), "answered");
  });

  it("conditionHolds compares exactly (no type coercion)", () => {
    assert.equal(conditionHolds({ equals: { n: 5 } }, { n: "5" }), false);
    assert.equal(conditionHolds({ equals: { n: 5 } }, { n: 5 }), true);
    assert.equal(conditionHolds(undefined, {}), true);
  });
});

describe("planPrompt: skip cooldown", () => {
  const catalog = simpleCatalog(1);
  const skipped = (skipCount: number, ago: number): PromptHistory => ({ a: { skipCount, lastSkippedAt: NOW - ago } });

  for (const [skipCount, days] of [
    [1, 1],
    [2, 7],
    [3, 30],
    [4, 30],
    [12, 30],
  ] as const) {
    it(`after skip #${skipCount}: rests ${days} days, asked again exactly then`, () => {
      assert.equal(cooldownDaysAfter(catalog, skipCount), days);
      const resting = plan({ catalog, history: skipped(skipCount, days * DAY_MS - 1) });
      assert.deepEqual(asked(resting), ["b"]);
      const left = resting.leftOut.find((l) => l.attribute === "a");
      assert.equal(left?.reason, "cooldown");
      assert.equal(left?.reason === "cooldown" && left.until, NOW + 1);
      assert.equal(left?.reason === "cooldown" && left.skipCount, skipCount);
      assert.deepEqual(asked(plan({ catalog, history: skipped(skipCount, days * DAY_MS) })), ["a"], "boundary: due");
      assert.deepEqual(asked(plan({ catalog, history: skipped(skipCount, days * DAY_MS + 1) })), ["a"]);
    });
  }

  it("a skip that shows no lastSkippedAt, or no skip at all, does not rest", () => {
    assert.equal(cooldownUntil(catalog, { skipCount: 2, lastSkippedAt: null }), null);
    assert.equal(cooldownUntil(catalog, { skipCount: 0, lastSkippedAt: NOW }), null);
    assert.deepEqual(asked(plan({ catalog, history: { a: { skipCount: 2 } } })), ["a"]);
  });

  it("follows the catalog's own cooldown list", () => {
    const custom = defineProfileCatalog({ perLogin: 1, cooldownDays: [3], questions: [q("a", 2), q("b", 1)] });
    assert.equal(cooldownDaysAfter(custom, 1), 3);
    assert.equal(cooldownDaysAfter(custom, 5), 3);
    assert.deepEqual(asked(plan({ catalog: custom, history: { a: { skipCount: 5, lastSkippedAt: NOW - 3 * DAY_MS + 1 } } })), ["b"]);
  });
});

describe("planPrompt: don't ask again", () => {
  const catalog = simpleCatalog(1);
  it("leaves a declined question out for good, whatever its skip history", () => {
    const declinedAt = NOW - 400 * DAY_MS;
    const result = plan({ catalog, history: { a: { skipCount: 0, declinedAt } } });
    assert.deepEqual(asked(result), ["b"]);
    const left = result.leftOut.find((l) => l.attribute === "a");
    assert.deepEqual(left, { attribute: "a", reason: "declined", declinedAt });
    assert.equal(reasonOf(plan({ catalog, history: { a: { skipCount: 3, lastSkippedAt: NOW, declinedAt } } }), "a"), "declined");
  });

  it("asks again once undone (declinedAt back to null)", () => {
    assert.deepEqual(asked(plan({ catalog, history: { a: { skipCount: 0, declinedAt: null } } })), ["a"]);
  });

  it("a declined question that has a value is reported as answered", () => {
    assert.equal(reasonOf(plan({ catalog, attributes: { a: "x" }, history: { a: { skipCount: 0, declinedAt: NOW } } }), "a"), "answered");
  });
});

describe("planPrompt: attributes Authgear does not store (not_configured)", () => {
  it("leaves them out so nobody types an answer that would be dropped, and asks the next ones", () => {
    const result = plan({ catalog: simpleCatalog(2), notConfigured: ["a"] });
    assert.deepEqual(asked(result), ["b", "c"]);
    assert.equal(reasonOf(result, "a"), "not_configured");
  });

  it("an attribute that has a value is still answered; unknown names change nothing", () => {
    const result = plan({ catalog: simpleCatalog(2), attributes: { a: "x" }, notConfigured: ["a", "zz"] });
    assert.equal(reasonOf(result, "a"), "answered");
    assert.deepEqual(asked(result), ["b", "c"]);
  });

  it("explain says why, and where the team sees it", () => {
    const explanation = explainPrompt({ catalog: simpleCatalog(2), attributes: {}, history: {}, login: LOGIN, promptLog: {}, now: NOW, notConfigured: ["a"] });
    const a = explanation.sentences.find((x) => x.attribute === "a");
    assert.match(a?.text ?? "", /not asked: Authgear dropped it on a recent write .*configuration problems/);
  });
});

describe("planPrompt: one prompt per login", () => {
  const catalog = simpleCatalog(2);
  const log = (prompt: ShownPrompt, key = KEY): PromptLog => ({ [key]: prompt });

  it("a dismissed prompt: this login asks nothing more", () => {
    const result = plan({ catalog, promptLog: log({ attributes: ["a", "b"], shownAt: NOW - 1000, dismissedAt: NOW - 500 }) });
    assert.equal(result.state, "done");
    assert.deepEqual(result.ask, []);
    assert.deepEqual(
      result.leftOut.map((l) => [l.attribute, l.reason, l.reason === "already_prompted_this_visit" ? l.prompt : ""]),
      ["a", "b", "c", "d", "e"].map((a) => [a, "already_prompted_this_visit", "dismissed"]),
    );
  });

  it("a finished prompt: nothing more, while other reasons still show", () => {
    const result = plan({
      catalog,
      attributes: { a: "x" },
      promptLog: log({ attributes: ["a", "b"], shownAt: NOW - 1000, finishedAt: NOW - 500 }),
    });
    assert.deepEqual(result.ask, []);
    assert.equal(reasonOf(result, "a"), "answered");
    const b = result.leftOut.find((l) => l.attribute === "b");
    assert.deepEqual(b, { attribute: "b", reason: "already_prompted_this_visit", prompt: "finished" });
  });

  it("a new login asks again; other logins' prompts do not count", () => {
    const promptLog = log({ attributes: ["a", "b"], shownAt: NOW - 1000, dismissedAt: NOW - 500 });
    const next = plan({ catalog, promptLog, login: { sub: "user-1", authTime: LOGIN.authTime + 3600 } });
    assert.equal(next.state, "new");
    assert.deepEqual(asked(next), ["a", "b"]);
    const otherUser = plan({ catalog, promptLog, login: { sub: "user-2", authTime: LOGIN.authTime } });
    assert.deepEqual(asked(otherUser), ["a", "b"]);
  });

  it("a reload mid-prompt returns the same questions, in the prompt's order", () => {
    const promptLog = log({ attributes: ["c", "b"], shownAt: NOW - 1000 });
    const result = plan({ catalog, promptLog });
    assert.equal(result.state, "resume");
    assert.deepEqual(result.ask, [
      { attribute: "c", reason: "resumed" },
      { attribute: "b", reason: "resumed" },
    ]);
    assert.deepEqual(result.leftOut.find((l) => l.attribute === "a"), { attribute: "a", reason: "already_prompted_this_visit", prompt: "in_progress" });
    assert.deepEqual(plan({ catalog, promptLog }), result, "deterministic on repeated reloads");
  });

  it("a resumed prompt drops questions answered, skipped or declined meanwhile, and never gains any", () => {
    const promptLog = log({ attributes: ["a", "b"], shownAt: NOW - 1000 });
    assert.deepEqual(asked(plan({ catalog, promptLog, attributes: { a: "x" } })), ["b"]);
    assert.deepEqual(asked(plan({ catalog, promptLog, history: { b: { skipCount: 1, lastSkippedAt: NOW - 10 } } })), ["a"]);
    assert.deepEqual(asked(plan({ catalog, promptLog, history: { a: { skipCount: 0, declinedAt: NOW - 10 } } })), ["b"]);
    const empty = plan({ catalog, promptLog, attributes: { a: "x", b: "y" } });
    assert.equal(empty.state, "resume");
    assert.deepEqual(empty.ask, []);
    assert.equal(reasonOf(empty, "c"), "already_prompted_this_visit");
  });

  it("a resumed prompt ignores attributes the catalog no longer has and respects a lower cap", () => {
    const promptLog = log({ attributes: ["gone", "b", "a", "c"], shownAt: NOW - 1000 });
    assert.deepEqual(asked(plan({ catalog: simpleCatalog(2), promptLog })), ["b", "a"]);
  });

  it("never asks the same question twice in one login: show, reload, finish, reload", () => {
    const first = plan({ catalog });
    const prompt: ShownPrompt = { attributes: asked(first), shownAt: NOW };
    const reload = plan({ catalog, promptLog: log(prompt), now: NOW + 5000 });
    assert.deepEqual(asked(reload), asked(first));
    const afterAnswer = plan({
      catalog,
      attributes: { a: "x" },
      history: { b: { skipCount: 1, lastSkippedAt: NOW + 9000 } },
      promptLog: log({ ...prompt, finishedAt: NOW + 9000 }),
      now: NOW + 10_000,
    });
    assert.deepEqual(afterAnswer.ask, []);
    const nextLogin = plan({
      catalog,
      attributes: { a: "x" },
      history: { b: { skipCount: 1, lastSkippedAt: NOW + 9000 } },
      promptLog: log({ ...prompt, finishedAt: NOW + 9000 }),
      login: { sub: LOGIN.sub, authTime: LOGIN.authTime + 60 },
      now: NOW + 60_000,
    });
    assert.deepEqual(asked(nextLogin), ["c", "d"], "b rests after its skip");
  });

  it("looks the login up safely, whatever keys the log has", () => {
    const promptLog = JSON.parse(`{"__proto__": {"attributes": ["a"], "shownAt": 1, "dismissedAt": 2}}`) as PromptLog;
    assert.equal(plan({ catalog, promptLog }).state, "new");
  });
});

describe("planPrompt: ordering", () => {
  it("breaks priority ties by catalog order", () => {
    const tied = defineProfileCatalog({ perLogin: 3, questions: [q("x", 5), q("y", 9), q("z", 5), q("w", 5)] });
    assert.deepEqual(asked(plan({ catalog: tied })), ["y", "x", "z"]);
    const reordered = defineProfileCatalog({ perLogin: 3, questions: [q("w", 5), q("z", 5), q("y", 9), q("x", 5)] });
    assert.deepEqual(asked(plan({ catalog: reordered })), ["y", "w", "z"]);
  });

  it("handles negative and fractional priorities", () => {
    const catalog = defineProfileCatalog({ perLogin: 2, questions: [q("x", -1), q("y", 0.5), q("z", 0.25)] });
    assert.deepEqual(asked(plan({ catalog })), ["y", "z"]);
  });
});

describe("planPrompt: the demo catalog", () => {
  it("asks job_title and company first (of a work address), then industry and team_size", () => {
    assert.deepEqual(asked(plan({ catalog: profileCatalog, facts: { email_type: "work" } })), ["job_title", "company"]);
    assert.deepEqual(asked(plan({ catalog: profileCatalog })), ["job_title", "industry"], "no email known: no company question");
    const second = plan({
      catalog: profileCatalog,
      attributes: { job_title: "CTO", company: "Acme" },
      login: { sub: "user-1", authTime: LOGIN.authTime + 1 },
    });
    assert.deepEqual(asked(second), ["industry", "team_size"]);
  });

  it("does not ask team_size or company_website before company is known", () => {
    const result = plan({ catalog: profileCatalog, attributes: { job_title: "CTO" } });
    assert.equal(reasonOf(result, "team_size"), "condition_unmet");
    assert.equal(reasonOf(result, "company_website"), "condition_unmet");
  });
});

describe("planPrompt: inputs", () => {
  it("builds the login key from sub and auth_time and refuses a malformed login", () => {
    assert.equal(loginKey({ sub: "abc", authTime: 17 }), "abc:17");
    assert.throws(() => loginKey({ sub: "", authTime: 17 }), /sub must be a non-empty string/);
    assert.throws(() => loginKey({ sub: "abc", authTime: 1.5 }), /auth_time in whole seconds/);
    assert.throws(() => loginKey({ sub: "abc", authTime: Date.now() }), /auth_time in whole seconds/);
    assert.throws(() => plan({ catalog: simpleCatalog(), now: Number.NaN }), /now must be epoch milliseconds/);
  });

  it("does not change its input", () => {
    const input: PlanInput = Object.freeze({
      catalog: simpleCatalog(),
      attributes: Object.freeze({ a: "x" }),
      history: Object.freeze({ b: Object.freeze({ skipCount: 1, lastSkippedAt: NOW }) }),
      login: Object.freeze({ ...LOGIN }),
      promptLog: Object.freeze({}),
      now: NOW,
    });
    assert.doesNotThrow(() => planPrompt(input));
  });
});

describe("explainPrompt", () => {
  const catalog = defineProfileCatalog({
    perLogin: 1,
    questions: [
      q("company", 10),
      q("team_size", 100, { type: "integer", when: { known: ["company"] } }),
      q("city", 9),
      q("phone", 8),
      q("site", 7),
      q("extra", 1),
    ],
  });
  const input: PlanInput = {
    catalog,
    attributes: {},
    history: {
      city: { skipCount: 2, lastSkippedAt: NOW - DAY_MS },
      phone: { skipCount: 0, declinedAt: Date.UTC(2026, 0, 2) },
    },
    login: LOGIN,
    promptLog: {},
    now: NOW,
  };

  it("returns the same decision as planPrompt", () => {
    const { sentences, summary, ...plan } = explainPrompt(input);
    assert.deepEqual(plan, planPrompt(input));
    assert.equal(sentences.length, catalog.questions.length);
    assert.match(summary, /asks 1 question: company/);
  });

  it("says in words why each question is or is not asked", () => {
    const text = Object.fromEntries(explainPrompt(input).sentences.map((s) => [s.attribute, s.text]));
    assert.match(text.company ?? "", /^company \("COMPANY"\) is asked as the 1st question/);
    assert.match(text.team_size ?? "", /only once company is known/);
    assert.match(text.city ?? "", /skipped 2 times.*rests 7 days, until 2026-03-16T12:00:00Z/);
    assert.match(text.phone ?? "", /don't ask again.*2026-01-02T00:00:00Z/);
    assert.match(text.site ?? "", /only 1 question per visit/);
    const answered = explainPrompt({ ...input, attributes: { company: "Acme", team_size: 3 } });
    assert.match(answered.sentences.find((s) => s.attribute === "company")?.text ?? "", /already has a value/);
  });

  it("explains the per-login rule and a resumed prompt", () => {
    const done = explainPrompt({ ...input, promptLog: { [KEY]: { attributes: ["company"], shownAt: NOW, dismissedAt: NOW } } });
    assert.match(done.summary, /already had its prompt; nothing is asked/);
    assert.match(done.sentences.find((s) => s.attribute === "company")?.text ?? "", /already had its prompt \(dismissed\)/);
    const resumed = explainPrompt({ ...input, promptLog: { [KEY]: { attributes: ["company"], shownAt: NOW } } });
    assert.match(resumed.summary, /resumes its open prompt: company/);
    assert.match(resumed.sentences.find((s) => s.attribute === "company")?.text ?? "", /asked again: this visit's prompt showed it/);
    assert.match(resumed.sentences.find((s) => s.attribute === "extra")?.text ?? "", /never gains questions/);
  });
});

describe("planPrompt: visits (a sign-in stays signed in; the clock moves on)", () => {
  const catalog = simpleCatalog(2); // visitRestHours 20 by default
  const H = 3_600_000;
  const REST = 20 * H;
  const V2 = `${KEY}:v2`;
  const V3 = `${KEY}:v3`;
  const shown = (attributes: string[], shownAt: number, end: Partial<ShownPrompt> = {}): ShownPrompt => ({ attributes, shownAt, ...end });

  it("a new sign-in is visit 1, keyed like a login always was", () => {
    const result = plan({ catalog });
    assert.deepEqual(result.visit, { number: 1, key: KEY, cause: "sign_in", startedAt: NOW, previousShownAt: null, nextVisitAt: null, restHours: 20 });
    assert.equal(result.loginKey, KEY);
    assert.equal(visitKey(LOGIN, 1), KEY);
    assert.equal(visitKey(LOGIN, 2), V2);
  });

  it("a reload within the rest resumes the same visit's prompt; after the rest the same sign-in is visit 2 and asks the next questions", () => {
    const promptLog: PromptLog = { [KEY]: shown(["a", "b"], NOW, { finishedAt: NOW + 1000 }) };
    const history = { b: { skipCount: 1, lastSkippedAt: NOW + 1000 } };
    const attributes = { a: "x" };
    const within = plan({ catalog, promptLog, history, attributes, now: NOW + REST - 1 });
    assert.equal(within.state, "done");
    assert.deepEqual(within.ask, []);
    assert.equal(within.visit.number, 1);
    assert.equal(within.visit.cause, "continuing");
    assert.equal(within.visit.nextVisitAt, NOW + REST);
    const after = plan({ catalog, promptLog, history, attributes, now: NOW + REST });
    assert.equal(after.state, "new");
    assert.equal(after.loginKey, V2);
    assert.deepEqual(after.visit, { number: 2, key: V2, cause: "rest", startedAt: NOW + REST, previousShownAt: NOW, nextVisitAt: null, restHours: 20 });
    assert.deepEqual(asked(after), ["c", "d"], "a is answered; b rests after its skip (1 day, more than the 20 h since)");
  });

  it("an open (unfinished) prompt resumes within the rest, and after the rest its questions are asked afresh in a new visit", () => {
    const promptLog: PromptLog = { [KEY]: shown(["c", "b"], NOW) };
    const reload = plan({ catalog, promptLog, now: NOW + 19 * H });
    assert.equal(reload.state, "resume");
    assert.equal(reload.loginKey, KEY);
    assert.deepEqual(asked(reload), ["c", "b"]);
    const next = plan({ catalog, promptLog, now: NOW + 21 * H });
    assert.equal(next.state, "new");
    assert.equal(next.loginKey, V2);
    assert.deepEqual(asked(next), ["a", "b"], "a new visit plans from scratch: best first");
  });

  it("a prompt dismissed (Not now) in the previous visit asks the same questions again in the next one", () => {
    const promptLog: PromptLog = { [KEY]: shown(["a", "b"], NOW, { dismissedAt: NOW + 5 }) };
    assert.equal(plan({ catalog, promptLog, now: NOW + 2 * H }).state, "done");
    const next = plan({ catalog, promptLog, now: NOW + 20 * H });
    assert.deepEqual([next.state, next.visit.number, asked(next)], ["new", 2, ["a", "b"]]);
  });

  it("the rest counts from the latest visit's prompt: visit 2 shown, visit 3 only 20 h after it", () => {
    const promptLog: PromptLog = {
      [KEY]: shown(["a", "b"], NOW, { finishedAt: NOW }),
      [V2]: shown(["c", "d"], NOW + 30 * H, { finishedAt: NOW + 30 * H }),
    };
    const attributes = { a: "1", b: "2" };
    const inV2 = plan({ catalog, promptLog, attributes, now: NOW + 45 * H });
    assert.deepEqual([inV2.state, inV2.visit.number, inV2.loginKey, inV2.visit.startedAt], ["done", 2, V2, NOW + 30 * H]);
    const v3 = plan({ catalog, promptLog, attributes, now: NOW + 50 * H });
    assert.deepEqual([v3.state, v3.visit.number, v3.loginKey, v3.visit.previousShownAt], ["new", 3, V3, NOW + 30 * H]);
    assert.deepEqual(asked(v3), ["c", "d"], "nothing skipped: the unanswered c and d come back");
  });

  it("never asks the same question twice in one visit: show, finish, reload many times within the rest", () => {
    const first = plan({ catalog, now: NOW });
    const promptLog: PromptLog = { [KEY]: shown(asked(first), NOW, { finishedAt: NOW + 1000 }) };
    for (const later of [1, H, 5 * H, REST - 1]) {
      const reload = plan({ catalog, promptLog, now: NOW + later });
      assert.deepEqual([reload.state, reload.ask], ["done", []], `at +${later} ms`);
    }
  });

  it("a new sign-in (new auth_time) is a new visit 1 at once, even within the rest", () => {
    const promptLog: PromptLog = { [KEY]: shown(["a", "b"], NOW, { finishedAt: NOW }) };
    const login = { sub: LOGIN.sub, authTime: LOGIN.authTime + 60 };
    const result = plan({ catalog, promptLog, login, now: NOW + 60_000 });
    assert.deepEqual([result.state, result.visit.number, result.visit.cause, result.loginKey], ["new", 1, "sign_in", `user-1:${LOGIN.authTime + 60}`]);
    assert.deepEqual(asked(result), ["a", "b"]);
  });

  it("a clock that went backwards stays in the current visit (never a new one)", () => {
    const promptLog: PromptLog = { [KEY]: shown(["a", "b"], NOW, { finishedAt: NOW }) };
    const earlier = plan({ catalog, promptLog, now: NOW - 30 * H });
    assert.deepEqual([earlier.state, earlier.visit.number, earlier.visit.cause], ["done", 1, "continuing"]);
    const promptLog2: PromptLog = { ...promptLog, [V2]: shown(["c"], NOW + 25 * H) };
    const back = plan({ catalog, promptLog: promptLog2, now: NOW + 21 * H });
    assert.deepEqual([back.state, back.visit.number, asked(back)], ["resume", 2, ["c"]]);
  });

  it("cooldowns are unchanged by visits: a question skipped yesterday rests its day across visits", () => {
    const promptLog: PromptLog = { [KEY]: shown(["a", "b"], NOW, { finishedAt: NOW }) };
    const history = { a: { skipCount: 1, lastSkippedAt: NOW }, b: { skipCount: 2, lastSkippedAt: NOW } };
    const v2 = plan({ catalog, promptLog, history, now: NOW + 20 * H });
    assert.deepEqual(asked(v2), ["c", "d"]);
    assert.equal(reasonOf(v2, "a"), "cooldown");
    const v2later = plan({ catalog, promptLog: { ...promptLog, [V2]: shown(["c", "d"], NOW + 20 * H, { finishedAt: NOW + 20 * H }) }, history, attributes: { c: 1, d: 1 }, now: NOW + 40 * H });
    assert.deepEqual(asked(v2later), ["a", "e"], "visit 3: a's day is over, b rests 7 days");
  });

  it("honours the catalog's visitRestHours", () => {
    const short = defineProfileCatalog({ visitRestHours: 2, questions: [q("a", 2), q("b", 1)] });
    const promptLog: PromptLog = { [KEY]: shown(["a", "b"], NOW, { dismissedAt: NOW }) };
    assert.equal(plan({ catalog: short, promptLog, now: NOW + 2 * H - 1 }).state, "done");
    assert.equal(plan({ catalog: short, promptLog, now: NOW + 2 * H }).state, "new");
  });

  it("ignores other sign-ins' visits and keys that only look like visits", () => {
    const promptLog: PromptLog = {
      [`user-1:${LOGIN.authTime + 1}`]: shown(["a"], NOW, { finishedAt: NOW }),
      [`user-1:${LOGIN.authTime}0:v2`]: shown(["a"], NOW, { finishedAt: NOW }),
      [`${KEY}:v0`]: shown(["a"], NOW, { finishedAt: NOW }),
      [`${KEY}:v02`]: shown(["a"], NOW, { finishedAt: NOW }),
      [`${KEY}:x`]: shown(["a"], NOW, { finishedAt: NOW }),
    };
    const result = plan({ catalog, promptLog, now: NOW + H });
    assert.deepEqual([result.state, result.visit.number], ["new", 1]);
    assert.throws(() => visitKey(LOGIN, 0), /visit must be a whole number/);
    const gap = plan({ catalog, promptLog: { [KEY]: shown(["a"], NOW, { finishedAt: NOW }), [V3]: shown(["b"], NOW + 30 * H) }, now: NOW + H });
    assert.deepEqual([gap.state, gap.visit.number], ["done", 1], "visits are consecutive: a visit 3 without a visit 2 is not this sign-in's");
  });

  it("reads a sign-in back from its key", () => {
    assert.deepEqual(parseLoginKey(KEY), LOGIN);
    assert.deepEqual(parseLoginKey("a:b:17"), { sub: "a:b", authTime: 17 });
    for (const bad of ["", ":17", "abc", "abc:", "abc:1.5", "abc:017", `${KEY}:v2`, `abc:${Date.now()}`]) assert.equal(parseLoginKey(bad), null, bad);
  });

  it("explains which visit a decision belongs to and why", () => {
    const promptLog: PromptLog = { [KEY]: shown(["a", "b"], NOW, { finishedAt: NOW }) };
    const v1 = explainPrompt({ catalog, attributes: {}, history: {}, login: LOGIN, promptLog: {}, now: NOW });
    assert.match(v1.summary, /^Visit 1 of the sign-in at 2026-03-08T\S+Z \(a new sign-in\): it asks 2 questions: a, b\.$/);
    const within = explainPrompt({ catalog, attributes: {}, history: {}, login: LOGIN, promptLog, now: NOW + 3 * H });
    const signedIn = new Date(LOGIN.authTime * 1000).toISOString().replace(".000Z", "Z");
    assert.equal(
      within.summary,
      `Visit 1 of the sign-in at ${signedIn}, started 2026-03-10T12:00:00Z with its prompt 3 h ago (the next visit begins with a return from 2026-03-11T08:00:00Z): it already had its prompt; nothing is asked.`,
    );
    assert.match(within.sentences.find((s) => s.attribute === "c")?.text ?? "", /this visit already had its prompt \(finished\); at most one prompt per visit\.$/);
    const v2 = explainPrompt({ catalog, attributes: {}, history: {}, login: LOGIN, promptLog, now: NOW + 21 * H });
    assert.equal(
      v2.summary,
      `Visit 2 of the sign-in at ${signedIn}, starting 2026-03-11T09:00:00Z because its last prompt was shown 21 h before (the rest is 20 hours): it asks 2 questions: a, b.`,
    );
    assert.equal(describeDuration(3 * 24 * H + 2 * H + 5), "3 days 2 h");
    assert.equal(describeDuration(45 * 60_000), "45 min");
  });
});

describe("planPrompt: when.enriched (enrichment's facts)", () => {
  const catalog = defineProfileCatalog({
    questions: [q("company", 50, { when: { enriched: { email_type: ["work"] } } }), q("plan", 40, { when: { enriched: { company_size: ["1", "2"] } } }), q("other", 10)],
  });

  it("asks a question once the field's best value is one of the listed ones", () => {
    assert.deepEqual(asked(plan({ catalog, facts: { email_type: "work" } })), ["company", "other"]);
  });

  it("leaves it out for another value, and when enrichment has no value for the field", () => {
    for (const facts of [{ email_type: "free" }, { email_type: "disposable" }, {}, undefined] as (Record<string, string> | undefined)[]) {
      const result = plan({ catalog, ...(facts ? { facts } : {}) });
      assert.equal(reasonOf(result, "company"), "condition_unmet", JSON.stringify(facts));
      assert.deepEqual(asked(result), ["other"]);
    }
  });

  it("compares an integer fact as its digits and a list by its first entry", () => {
    assert.equal(conditionHolds({ enriched: { company_size: ["2"] } }, {}, { company_size: 2 }), true);
    assert.equal(conditionHolds({ enriched: { company_size: ["2"] } }, {}, { company_size: 20 }), false);
    assert.equal(conditionHolds({ enriched: { languages: ["de"] } }, {}, { languages: ["de", "en"] }), true);
    assert.equal(conditionHolds({ enriched: { languages: ["en"] } }, {}, { languages: ["de", "en"] }), false);
    assert.equal(conditionHolds({ enriched: { languages: ["en"] } }, {}, { languages: [] }), false);
  });

  it("all parts must hold: attributes and facts together", () => {
    const when = { known: ["company"], enriched: { email_type: ["work"] } } as const;
    assert.equal(conditionHolds(when, { company: "Acme" }, { email_type: "work" }), true);
    assert.equal(conditionHolds(when, {}, { email_type: "work" }), false);
    assert.equal(conditionHolds(when, { company: "Acme" }, { email_type: "free" }), false);
  });

  it("never reads a fact from the facts object's prototype", () => {
    assert.equal(conditionHolds({ enriched: { toString: ["x"] } }, {}, {}), false);
  });

  it("explains the condition in words", () => {
    const explanation = explainPrompt({ catalog, attributes: {}, history: {}, login: LOGIN, promptLog: {}, now: NOW, facts: { email_type: "free" } });
    assert.match(explanation.sentences[0]?.text ?? "", /company \("COMPANY"\) is not asked: it is asked only once enrichment finds email_type "work", which is not the case/);
    assert.match(explanation.sentences[1]?.text ?? "", /enrichment finds company_size one of "1", "2"/);
  });

  it("the demo catalog asks company only of a work address", () => {
    const work = plan({ catalog: profileCatalog, facts: { email_type: "work" } });
    const free = plan({ catalog: profileCatalog, facts: { email_type: "free" } });
    assert.ok(asked(work).includes("company"), JSON.stringify(asked(work)));
    assert.equal(reasonOf(free, "company"), "condition_unmet");
  });
});

describe("planPrompt: the consent item", () => {
  // company and website take their suggestions from third-party fields; city does not.
  const catalog = defineProfileCatalog({
    thirdPartyConsent: {},
    questions: [
      q("company", 50, { enrichment: { field: "company_name", mode: "confirm" } }),
      q("title", 45, { enrichment: { field: "job_title", mode: "confirm" } }),
      q("city", 40, { enrichment: { field: "city", mode: "confirm" } }),
      q("other", 10),
    ],
  });
  const consent = { fields: ["job_title", "company_size"] };

  it("comes first and counts toward perLogin while a question it helps could be asked", () => {
    const result = plan({ catalog, consent });
    assert.deepEqual(asked(result), ["@consent", "company"]);
    assert.equal(result.ask[0]?.reason, "eligible");
    assert.equal(reasonOf(result, "title"), "over_cap");
  });

  it("is not asked without `consent` (no third-party source, or the user decided)", () => {
    const result = plan({ catalog });
    assert.deepEqual(asked(result), ["company", "title"]);
    assert.equal(result.leftOut.some((l) => l.attribute === "@consent"), false);
  });

  it("is not asked when no question it helps could be asked: answered, declined, condition unmet or not configured", () => {
    for (const input of [
      { attributes: { title: "Chef" } },
      { history: { title: { skipCount: 0, declinedAt: NOW - DAY_MS } } },
      { notConfigured: ["title"] },
      { consent: { fields: ["company_size"] } },
    ]) {
      const result = plan({ catalog, consent, ...input });
      assert.equal(asked(result).includes("@consent"), false, JSON.stringify(input));
    }
    const conditional = defineProfileCatalog({
      questions: [q("title", 45, { enrichment: { field: "job_title", mode: "confirm" }, when: { enriched: { email_type: ["work"] } } }), q("other", 10)],
    });
    assert.deepEqual(asked(plan({ catalog: conditional, consent, facts: { email_type: "free" } })), ["other"]);
    assert.deepEqual(asked(plan({ catalog: conditional, consent, facts: { email_type: "work" } })), ["@consent", "title"]);
  });

  it("is still asked while the question it helps rests after a skip (the lookup then has time to run)", () => {
    const result = plan({ catalog, consent, history: { title: { skipCount: 1, lastSkippedAt: NOW - 60_000 } } });
    assert.deepEqual(asked(result), ["@consent", "company"]);
  });

  it("its Not now is a skip with the usual rest, its history keyed by @consent", () => {
    const history = { "@consent": { skipCount: 1, lastSkippedAt: NOW - 60_000 } };
    const resting = plan({ catalog, consent, history });
    assert.deepEqual(asked(resting), ["company", "title"]);
    const left = resting.leftOut.find((l) => l.attribute === "@consent");
    assert.equal(left?.reason, "cooldown");
    assert.equal(resting.leftOut[0]?.attribute, "@consent", "listed first");
    assert.deepEqual(asked(plan({ catalog, consent, history, now: NOW + DAY_MS })), ["@consent", "company"]);
  });

  it("is never asked twice in one visit: a finished prompt asks nothing more, a reload resumes it", () => {
    const shown: ShownPrompt = { attributes: ["@consent", "company"], shownAt: NOW - 60_000 };
    const resumed = plan({ catalog, consent, promptLog: { [KEY]: shown } });
    assert.deepEqual(asked(resumed), ["@consent", "company"]);
    assert.ok(resumed.ask.every((a) => a.reason === "resumed"));
    const finished = plan({ catalog, consent, promptLog: { [KEY]: { ...shown, finishedAt: NOW - 30_000 } } });
    assert.deepEqual(asked(finished), []);
    assert.equal(reasonOf(finished, "@consent"), "already_prompted_this_visit");
    // Decided meanwhile (the service passes no `consent` then): the reload drops it.
    assert.deepEqual(asked(plan({ catalog, promptLog: { [KEY]: shown } })), ["company"]);
  });

  it("with perLogin 1 it is the whole prompt", () => {
    const one = defineProfileCatalog({ perLogin: 1, questions: [q("title", 45, { enrichment: { field: "job_title", mode: "confirm" } })] });
    assert.deepEqual(asked(plan({ catalog: one, consent })), ["@consent"]);
    assert.equal(reasonOf(plan({ catalog: one, consent }), "title"), "over_cap");
  });

  it("explains it first, in words", () => {
    const explanation = explainPrompt({ catalog, attributes: {}, history: {}, login: LOGIN, promptLog: {}, now: NOW, consent });
    assert.equal(explanation.sentences[0]?.attribute, "@consent");
    assert.match(explanation.sentences[0]?.text ?? "", /^@consent \(the consent to third-party sources\) is asked as the 1st question/);
    assert.equal(explanation.sentences.length, catalog.questions.length + 1);
    assert.match(explanation.summary, /asks 2 questions: @consent, company/);
    const resting = explainPrompt({ catalog, attributes: {}, history: { "@consent": { skipCount: 1, lastSkippedAt: NOW } }, login: LOGIN, promptLog: {}, now: NOW, consent });
    assert.match(resting.sentences[0]?.text ?? "", /^@consent \(the consent to third-party sources\) is not asked: skipped 1 time/);
    assert.equal(explainPrompt({ catalog, attributes: {}, history: {}, login: LOGIN, promptLog: {}, now: NOW }).sentences.length, catalog.questions.length);
  });
});
