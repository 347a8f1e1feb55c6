import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  completedAt,
  computeDashboard,
  csvField,
  dashboardCsv,
  inRange,
  type AnalyticsEvent,
  type AnalyticsInput,
  type AnalyticsProvenance,
  type AnalyticsQuestion,
} from "./analytics";

const QUESTIONS: AnalyticsQuestion[] = [
  { attribute: "job_title", label: "Job title" },
  { attribute: "company", label: "Company" },
  { attribute: "team_size", label: "Team size", when: { known: ["company"] } },
  { attribute: "country", label: "Country" },
];

const H = 3_600_000;
const T0 = Date.UTC(2026, 10, 1);

let seq = 0;
function ev(userId: string, attribute: string, kind: AnalyticsEvent["kind"], position: number | null, at = T0 + H, loginKey: string | null = `${userId}:${seq++}`): AnalyticsEvent {
  return { userId, attribute, kind, position, loginKey, at };
}
const prov = (userId: string, attribute: string, source: string, value: string | number | null, observedAt = T0 + H): AnalyticsProvenance => ({ userId, attribute, source, value, observedAt });

function input(overrides: Partial<AnalyticsInput>): AnalyticsInput {
  return { questions: QUESTIONS, range: { from: null, to: null }, users: [], events: [], provenance: [], declines: [], logins: [], ...overrides };
}

describe("inRange", () => {
  it("is inclusive at both ends; null ends are open", () => {
    assert.equal(inRange(5, { from: 5, to: 5 }), true);
    assert.equal(inRange(4, { from: 5, to: null }), false);
    assert.equal(inRange(6, { from: null, to: 5 }), false);
    assert.equal(inRange(-1e15, { from: null, to: null }), true);
  });
});

describe("computeDashboard: shares and funnel", () => {
  // Five users, one prompt each: job title first, company second.
  const users = ["u1", "u2", "u3", "u4", "u5"];
  const events: AnalyticsEvent[] = [];
  const outcome: Record<string, [string, string]> = {
    u1: ["answered", "answered"],
    u2: ["answered", "skipped"],
    u3: ["skipped", "skipped"],
    u4: ["declined", "answered"],
    u5: ["skipped", "answered"],
  };
  for (const u of users) {
    const key = `${u}:1`;
    events.push(ev(u, "job_title", "shown", 0, T0 + H, key), ev(u, "company", "shown", 1, T0 + H, key));
    events.push(ev(u, "job_title", outcome[u]![0] as AnalyticsEvent["kind"], 0, T0 + 2 * H, key), ev(u, "company", outcome[u]![1] as AnalyticsEvent["kind"], 1, T0 + 2 * H, key));
  }
  const provenance = [
    prov("u1", "job_title", "user", "Chef"),
    prov("u2", "job_title", "user", "Pilot"),
    prov("u1", "company", "user", "Acme"),
    prov("u4", "company", "user", "Bistro"),
    prov("u5", "company", "confirmed", "Sky"),
    prov("u3", "company", "user", null), // cleared: no value
    prov("u1", "country", "geoip", "GB"),
    prov("u2", "country", "geoip", "PT"),
    prov("u2", "job_title_old", "geoip", "x"), // not in the catalog
    prov("outsider", "job_title", "user", "Ghost"), // not in the population
  ];
  const figures = computeDashboard(input({ users, events, provenance }));
  const by = Object.fromEntries(figures.attributes.map((a) => [a.attribute, a]));

  it("counts the population and, per attribute, the users whose value Gradual knows", () => {
    assert.equal(figures.population, 5);
    assert.equal(by.job_title!.users, 2);
    assert.equal(by.job_title!.share, 0.4);
    assert.equal(by.company!.users, 3, "a clear is not a value; outsiders do not count");
    assert.equal(by.company!.share, 0.6);
    assert.equal(by.team_size!.users, 0);
    assert.equal(by.team_size!.share, 0);
    assert.deepEqual(figures.attributes.map((a) => a.attribute), ["job_title", "company", "team_size", "country"], "catalog order");
  });

  it("funnel shown → answered / skipped / declined, with the rate", () => {
    assert.deepEqual(by.job_title!.funnel, { shown: 5, answered: 2, skipped: 2, declined: 1, noAnswer: 0 });
    assert.equal(by.job_title!.answerRate, 0.4);
    assert.deepEqual(by.company!.funnel, { shown: 5, answered: 3, skipped: 2, declined: 0, noAnswer: 0 });
    assert.equal(by.company!.answerRate, 0.6);
    assert.deepEqual(by.team_size!.funnel, { shown: 0, answered: 0, skipped: 0, declined: 0, noAnswer: 0 });
    assert.equal(by.team_size!.answerRate, null, "never shown: no rate, not 0");
  });

  it("answer rate by position", () => {
    assert.deepEqual(figures.positions, [
      { position: 1, shown: 5, answered: 2, answerRate: 0.4 },
      { position: 2, shown: 5, answered: 3, answerRate: 0.6 },
    ]);
  });

  it("coverage per source, most values first", () => {
    assert.deepEqual(figures.sources, [
      { source: "user", enrichment: false, values: 4, users: 3, share: 0.6, byAttribute: { job_title: 2, company: 2 } },
      { source: "geoip", enrichment: true, values: 2, users: 2, share: 0.4, byAttribute: { country: 2 } },
      { source: "confirmed", enrichment: false, values: 1, users: 1, share: 0.2, byAttribute: { company: 1 } },
    ]);
  });
});

describe("computeDashboard: what the funnel leaves out", () => {
  it("ignores events outside the range, outside a prompt (profile edits), of other users or attributes; shown without outcome is no answer", () => {
    const range = { from: T0, to: T0 + 10 * H };
    const figures = computeDashboard(
      input({
        range,
        users: ["a"],
        events: [
          ev("a", "job_title", "shown", 0, T0 - 1),
          ev("a", "job_title", "answered", 0, T0 - 1),
          ev("a", "job_title", "shown", 0, T0),
          ev("a", "job_title", "shown", 1, T0 + 10 * H),
          ev("a", "job_title", "answered", null, T0 + H, null),
          ev("a", "job_title", "undeclined", null, T0 + H, null),
          ev("a", "job_title", "shown", 0, T0 + 10 * H + 1),
          ev("b", "job_title", "shown", 0, T0 + H),
          ev("a", "retired", "shown", 0, T0 + H),
        ],
      }),
    );
    assert.deepEqual(figures.attributes[0]!.funnel, { shown: 2, answered: 0, skipped: 0, declined: 0, noAnswer: 2 });
    assert.equal(figures.attributes[0]!.answerRate, 0);
    assert.deepEqual(figures.positions, [
      { position: 1, shown: 1, answered: 0, answerRate: 0 },
      { position: 2, shown: 1, answered: 0, answerRate: 0 },
    ]);
  });

  it("an empty population has no shares, positions or sources", () => {
    const figures = computeDashboard(input({}));
    assert.equal(figures.population, 0);
    assert.equal(figures.attributes[0]!.share, null);
    assert.deepEqual(figures.positions, []);
    assert.deepEqual(figures.sources, []);
    assert.deepEqual(figures.completion, { completed: 0, incomplete: 0, distribution: [], median: null });
  });

  it("no-answer never goes negative (outcomes of a prompt shown before the range)", () => {
    const figures = computeDashboard(input({ range: { from: T0, to: null }, users: ["a"], events: [ev("a", "company", "shown", 0, T0 - 1), ev("a", "company", "skipped", 0, T0 + 1)] }));
    assert.deepEqual(figures.attributes[1]!.funnel, { shown: 0, answered: 0, skipped: 1, declined: 0, noAnswer: 0 });
    assert.equal(figures.attributes[1]!.answerRate, null);
  });
});

describe("completedAt", () => {
  it("null while any askable question is open", () => {
    assert.equal(completedAt(QUESTIONS, [prov("a", "job_title", "user", "x")], []), null);
  });
  it("the last value or decline completes it; a question whose condition fails does not hold it up", () => {
    const at = completedAt(
      QUESTIONS,
      [prov("a", "job_title", "user", "x", T0 + 1), prov("a", "country", "geoip", "GB", T0 + 5)],
      [{ userId: "a", attribute: "company", declinedAt: T0 + 3 }],
    );
    assert.equal(at, T0 + 5, "team size is asked only once company is known, and company was declined");
  });
  it("a condition that holds keeps the question open; a cleared value is not a value", () => {
    assert.equal(
      completedAt(QUESTIONS, [prov("a", "job_title", "user", "x"), prov("a", "company", "user", "Acme"), prov("a", "country", "user", "GB")], []),
      null,
    );
    assert.equal(
      completedAt(QUESTIONS, [prov("a", "job_title", "user", "x"), prov("a", "company", "user", ""), prov("a", "country", "user", "GB")], []),
      null,
    );
  });
  it("a value wins over an older decline of the same question", () => {
    const at = completedAt(
      QUESTIONS,
      ["job_title", "company", "team_size", "country"].map((a, i) => prov("a", a, "user", "v", T0 + i)),
      [{ userId: "a", attribute: "job_title", declinedAt: T0 + 99 }],
    );
    assert.equal(at, T0 + 3);
  });
});

describe("computeDashboard: logins to complete a profile", () => {
  const full = (user: string, at: number) => ["job_title", "company", "team_size", "country"].map((a) => prov(user, a, "user", 1, at));
  const logins = (user: string, times: number[]) => times.map((t, i) => ({ userId: user, loginKey: `${user}:${i}`, shownAt: t }));

  it("counts each completed user's logins with a prompt up to the completion, as a gap-free distribution with its median", () => {
    const figures = computeDashboard(
      input({
        users: ["a", "b", "c", "d", "e"],
        provenance: [...full("a", T0 + 2 * H), ...full("b", T0 + 5 * H), ...full("c", T0 + 5 * H), prov("d", "job_title", "user", "x")],
        logins: [
          ...logins("a", [T0, T0 + H, T0 + 2 * H, T0 + 9 * H]), // the 4th login came after completion
          ...logins("b", [T0, T0 + H, T0 + 2 * H, T0 + 3 * H, T0 + 4 * H]),
          ...logins("c", [T0 + H, T0 + 2 * H, T0 + 3 * H, T0 + 4 * H, T0 + 5 * H]),
          ...logins("d", [T0]),
          ...logins("zz", [T0]),
        ],
      }),
    );
    assert.deepEqual(figures.completion, {
      completed: 3,
      incomplete: 2,
      distribution: [
        { logins: 3, users: 1 },
        { logins: 4, users: 0 },
        { logins: 5, users: 2 },
      ],
      median: 5,
    });
  });

  it("counts only completions inside the range; the same login is counted once; enrichment alone completes with 0 logins", () => {
    const figures = computeDashboard(
      input({
        range: { from: T0 + 3 * H, to: T0 + 6 * H },
        users: ["early", "late", "dup", "none"],
        provenance: [...full("early", T0 + H), ...full("late", T0 + 4 * H), ...full("dup", T0 + 4 * H), ...full("none", T0 + 4 * H)],
        logins: [
          ...logins("early", [T0]),
          ...logins("late", [T0, T0 + 4 * H]),
          { userId: "dup", loginKey: "dup:1", shownAt: T0 },
          { userId: "dup", loginKey: "dup:1", shownAt: T0 },
        ],
      }),
    );
    assert.equal(figures.completion.completed, 3);
    assert.equal(figures.completion.incomplete, 0, "the early completer is complete, just outside the range");
    assert.deepEqual(figures.completion.distribution, [
      { logins: 0, users: 1 },
      { logins: 1, users: 1 },
      { logins: 2, users: 1 },
    ]);
    assert.equal(figures.completion.median, 1);
  });

  it("the median of an even count is the mean of the middle two", () => {
    const figures = computeDashboard(
      input({ users: ["a", "b"], provenance: [...full("a", T0 + H), ...full("b", T0 + H)], logins: [...logins("a", [T0]), ...logins("b", [T0, T0 + 1, T0 + 2, T0 + 3])] }),
    );
    assert.equal(figures.completion.median, 2.5);
  });
});

describe("CSV", () => {
  it("quotes what needs quoting and defuses spreadsheet formulas", () => {
    assert.equal(csvField(null), "");
    assert.equal(csvField(0.25), "0.25");
    assert.equal(csvField("plain"), "plain");
    assert.equal(csvField('a,"b"'), '"a,""b"""');
    assert.equal(csvField("line\nbreak"), '"line\nbreak"');
    assert.equal(csvField("=HYPERLINK(1)"), "'=HYPERLINK(1)");
    assert.equal(csvField("-1+2"), "'-1+2");
  });

  it("holds the same figures as the dashboard, one per line", () => {
    const figures = computeDashboard(
      input({
        range: { from: T0, to: null },
        users: ["u1", "u2"],
        events: [ev("u1", "job_title", "shown", 0, T0 + 1, "u1:1"), ev("u1", "job_title", "answered", 0, T0 + 2, "u1:1"), ev("u2", "job_title", "shown", 0, T0 + 1, "u2:1")],
        provenance: [prov("u1", "job_title", "user", "x"), prov("u2", "country", "geoip", "GB")],
      }),
    );
    const csv = dashboardCsv(figures);
    assert.ok(csv.endsWith("\r\n"));
    const lines = csv.trimEnd().split("\r\n");
    assert.equal(lines[0], "section,attribute,key,metric,value");
    assert.ok(lines.includes(`range,,,from,${new Date(T0).toISOString()}`));
    assert.ok(lines.includes("range,,,to,"));
    assert.ok(lines.includes("population,,,users,2"));
    assert.ok(lines.includes("attribute,job_title,,users_with_value,1"));
    assert.ok(lines.includes("attribute,job_title,,share,0.5"));
    assert.ok(lines.includes("funnel,job_title,,shown,2"));
    assert.ok(lines.includes("funnel,job_title,,answered,1"));
    assert.ok(lines.includes("funnel,job_title,,no_answer,1"));
    assert.ok(lines.includes("funnel,job_title,,answer_rate,0.5"));
    assert.ok(lines.includes("funnel,company,,answer_rate,"), "undefined rate: empty");
    assert.ok(lines.includes("position,,1,answer_rate,0.5"));
    assert.ok(lines.includes("source,,geoip,users,1"));
    assert.ok(lines.includes("source,country,geoip,values,1"));
    assert.ok(lines.includes("completion,,,incomplete,2"));
    assert.ok(lines.includes("completion,,,median_logins,"));
    for (const line of lines) assert.equal(line.split(",").length, 5, line);
  });
});
