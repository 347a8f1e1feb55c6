import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { readAdminKey, setUnconfiguredAttributes, signIn, startTestEmulator, type TestEmulator } from "@/emulator/testing";
import { AdminApiError, createAdminApiClient, type AdminApiClient } from "@/lib/authgear/admin-api.server";
import { openSqliteDatabase, type AppDatabase } from "@/lib/db/database.server";
import { createStore, type Store } from "@/lib/db/store.server";
import type { EnrichedValue, EnrichmentProvider } from "@/lib/enrichment/types";
import { profileCatalog } from "@/profile.config";
import { DAY_MS } from "./planner";
import { createProfileService, type ProfileService } from "./service.server";

let emulator: TestEmulator;
let admin: AdminApiClient;
let db: AppDatabase;
let store: Store;
let clock: number;
let observations: EnrichedValue[];
let service: ProfileService;

const T0 = Date.parse("2026-03-01T09:00:00Z");
/** What the work-email provider says of a work address: the demo catalog asks Company only then (`when.enriched`). */
const WORK_ADDRESS: EnrichedValue = { field: "email_type", value: "work", confidence: 0.99, source: "work-email", observedAt: new Date(T0).toISOString() };
const REDIRECT_URI = "http://localhost:3000/auth/callback";
let logged: string[];
const silent = { warn: (m: string) => void logged.push(m), error: (m: string) => void logged.push(m) };

async function newUser(): Promise<string> {
  const email = `svc-${Math.random().toString(36).slice(2, 10)}@example.com`;
  return (await signIn(emulator.origin, { email, clientId: "gradual-web", redirectUri: REDIRECT_URI })).sub;
}

const login = (sub: string, authTime = Math.floor(clock / 1000)) => ({ sub, authTime });
let ids = 0;
const submissionId = () => `submission-${++ids}-${Math.random().toString(36).slice(2, 8)}`;

async function attributes(sub: string) {
  return (await admin.getUser(sub))!.customAttributes;
}

async function setFault(body: Record<string, unknown>) {
  const res = await fetch(`${emulator.origin}/_emulator/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ target: "admin_api", ...body }),
  });
  assert.equal(res.status, 200);
}

async function askedNow(sub: string, authTime?: number) {
  const result = await service.prompt(login(sub, authTime));
  assert.ok(result.ok, JSON.stringify(result));
  return result.prompt;
}

before(async () => {
  emulator = await startTestEmulator();
  const k = await readAdminKey(emulator.dataDir);
  admin = createAdminApiClient({ endpoint: emulator.origin, key: { privateKeyPem: k.pem, keyId: k.kid, projectId: k.projectId, source: "emulator" }, timeoutMs: 1_000 });
});

after(async () => {
  await setFault({ mode: "off" }).catch(() => undefined);
  await emulator.close();
});

beforeEach(async () => {
  await db?.destroy();
  db = await openSqliteDatabase(":memory:");
  store = createStore(db);
  clock = T0;
  observations = [WORK_ADDRESS];
  logged = [];
  service = createProfileService({
    catalog: profileCatalog,
    store,
    admin,
    enrich: async () => ({ values: observations }),
    now: () => clock,
    log: silent,
  });
});

describe("profile service: the prompt", () => {
  it("asks a new user the two highest-priority questions, and the same ones again on reload", async () => {
    const sub = await newUser();
    const first = await askedNow(sub);
    assert.deepEqual(first.questions.map((q) => q.attribute), ["job_title", "company"]);
    assert.equal(first.loginKey, `${sub}:${Math.floor(T0 / 1000)}`);
    clock += 60_000;
    const reload = await askedNow(sub, Math.floor(T0 / 1000));
    assert.deepEqual(reload.questions.map((q) => q.attribute), ["job_title", "company"]);
  });

  it("does not bring a dismissed prompt back in the same login, but asks again at the next login", async () => {
    const sub = await newUser();
    const prompt = await askedNow(sub);
    assert.deepEqual(await service.dismiss(login(sub), prompt.loginKey), { ok: true, dismissed: true });
    assert.deepEqual((await askedNow(sub)).questions, []);
    clock += 3_600_000;
    assert.deepEqual((await askedNow(sub)).questions.map((q) => q.attribute), ["job_title", "company"]);
  });

  it("refuses to dismiss another user's prompt", async () => {
    const sub = await newUser();
    const other = await newUser();
    const prompt = await askedNow(other);
    const result = await service.dismiss(login(sub), prompt.loginKey);
    assert.equal(result.ok, false);
    assert.equal((await askedNow(other)).questions.length, 2, "the other user's prompt is untouched");
  });

  it("does not ask what enrichment will fill, and offers a guess for a confirm question", async () => {
    const sub = await newUser();
    await admin.updateCustomAttributes(sub, { job_title: "Chef", company: "Acme", industry: "retail", team_size: 4, years_experience: 3 });
    observations = [
      WORK_ADDRESS,
      { field: "city", value: "London", confidence: 0.5, source: "geoip", observedAt: new Date(T0).toISOString(), prefill: true },
      { field: "country", value: "GB", confidence: 0.85, source: "geoip", observedAt: new Date(T0).toISOString(), prefill: true },
      { field: "timezone", value: "Europe/London", confidence: 0.95, source: "client", observedAt: new Date(T0).toISOString(), prefill: true },
    ];
    const prompt = await askedNow(sub);
    assert.deepEqual(prompt.questions, [
      { attribute: "city", suggestion: { value: "London", source: "geoip" } },
      { attribute: "company_website" },
    ]);
  });
});

describe("profile service: visits (still signed in, same auth_time, the clock moves on)", () => {
  const H = 3_600_000;

  it("asks nothing more within the 20-hour rest, then opens visit 2 with the next questions, which a reload resumes", async () => {
    const sub = await newUser();
    const authTime = Math.floor(T0 / 1000);
    const first = await askedNow(sub, authTime);
    const firstAsked = first.questions.map((q) => q.attribute);
    assert.deepEqual(firstAsked, ["job_title", "company"]);
    const saved = await service.submit(login(sub, authTime), { submissionId: submissionId(), loginKey: first.loginKey, answers: {}, confirmed: [], skipped: firstAsked, declined: [] });
    assert.ok(saved.ok, JSON.stringify(saved));

    for (const later of [H, 10 * H, 20 * H - 1]) {
      clock = T0 + later;
      const within = await askedNow(sub, authTime);
      assert.deepEqual([within.loginKey, within.questions], [first.loginKey, []], `+${later / H} h`);
    }
    const explainedWithin = await service.explain(login(sub, authTime));
    assert.match(explainedWithin?.summary ?? "", /^Visit 1 of the sign-in at .*: it already had its prompt; nothing is asked\.$/);

    clock = T0 + 20 * H;
    const second = await askedNow(sub, authTime);
    assert.equal(second.loginKey, `${sub}:${authTime}:v2`);
    const secondAsked = second.questions.map((q) => q.attribute);
    assert.equal(secondAsked.length, 2);
    assert.ok(!secondAsked.some((a) => firstAsked.includes(a)), "the skipped questions rest for a day");
    const explained = await service.explain(login(sub, authTime));
    assert.match(explained?.summary ?? "", /^Visit 2 of the sign-in at .*, started .* with its prompt 0 min ago \(the next visit begins with a return from 2026-03-03T01:00:00Z\)/);

    clock = T0 + 21 * H;
    const reload = await askedNow(sub, authTime);
    assert.deepEqual([reload.loginKey, reload.questions.map((q) => q.attribute)], [second.loginKey, secondAsked], "a reload in visit 2 resumes it");
    const done = await service.submit(login(sub, authTime), { submissionId: submissionId(), loginKey: second.loginKey, answers: {}, confirmed: [], skipped: [], declined: [secondAsked[0]!, secondAsked[1]!] });
    assert.ok(done.ok, JSON.stringify(done));
    const states = Object.fromEntries((await store.questionStates(sub)).map((q) => [q.attribute, q]));
    assert.equal(states[secondAsked[0]!]?.declinedAt, T0 + 21 * H);
    clock = T0 + 22 * H;
    assert.deepEqual((await askedNow(sub, authTime)).questions, [], "visit 2 had its prompt");
  });

  it("a new sign-in within the rest is a new visit 1 at once", async () => {
    const sub = await newUser();
    const first = await askedNow(sub, Math.floor(T0 / 1000));
    assert.ok((await service.dismiss(login(sub, Math.floor(T0 / 1000)), first.loginKey)).ok);
    clock = T0 + H;
    const again = await askedNow(sub, Math.floor(clock / 1000));
    assert.equal(again.loginKey, `${sub}:${Math.floor(clock / 1000)}`);
    assert.deepEqual(again.questions.map((q) => q.attribute), ["job_title", "company"]);
  });
});

describe("profile service: the phone question's country", () => {
  const answered = { job_title: "Chef", company: "Acme", industry: "retail", team_size: 4, years_experience: 3, city: "Hong Kong", timezone: "Asia/Hong_Kong", company_website: "https://acme.example" };
  const seen = (value: string) => ({ field: "country" as const, value, confidence: 0.85, source: "geoip", observedAt: new Date(T0).toISOString(), prefill: true });

  it("starts on the user's country attribute", async () => {
    const sub = await newUser();
    await admin.updateCustomAttributes(sub, { ...answered, country: "HK" });
    observations = [seen("GB")];
    assert.deepEqual((await askedNow(sub)).questions, [{ attribute: "work_phone", phoneCountry: "HK" }, { attribute: "billing_email" }]);
  });

  it("without one, on the country enrichment fills in now", async () => {
    const sub = await newUser();
    await admin.updateCustomAttributes(sub, answered);
    observations = [seen("HK")];
    assert.deepEqual((await askedNow(sub)).questions, [{ attribute: "work_phone", phoneCountry: "HK" }, { attribute: "billing_email" }]);
  });

  it("names none when nothing is known (the browser then uses its language's)", async () => {
    const sub = await newUser();
    await admin.updateCustomAttributes(sub, answered);
    const prompt = await askedNow(sub);
    assert.deepEqual(prompt.questions.slice(0, 2), [{ attribute: "country" }, { attribute: "work_phone" }]);
  });
});

describe("profile service: saving", () => {
  it("saves an answer and a skip in one whole-object write, keeping every other attribute", async () => {
    const sub = await newUser();
    await admin.updateCustomAttributes(sub, { work_phone: "+442071234567" });
    const prompt = await askedNow(sub);
    const result = await service.submit(login(sub), {
      submissionId: submissionId(),
      loginKey: prompt.loginKey,
      answers: { job_title: "Head of Data" },
      confirmed: [],
      skipped: ["company"],
      declined: [],
    });
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.outcome, { answered: ["job_title"], skipped: ["company"], declined: [], changed: ["job_title"] });
    assert.deepEqual(await attributes(sub), { work_phone: "+442071234567", job_title: "Head of Data" });
    const states = Object.fromEntries((await store.questionStates(sub)).map((s) => [s.attribute, s]));
    assert.equal(states.company?.skipCount, 1);
    assert.equal(states.job_title?.answeredAt, T0);
    assert.deepEqual(Object.entries(await store.provenance(sub)).map(([attribute, p]) => [attribute, p.source, p.value]), [["job_title", "user", "Head of Data"]]);
  });

  it("next login: different questions, the skipped one resting for a day", async () => {
    const sub = await newUser();
    const prompt = await askedNow(sub);
    await service.submit(login(sub), { submissionId: submissionId(), loginKey: prompt.loginKey, answers: { job_title: "Nurse" }, confirmed: [], skipped: ["company"], declined: [] });
    clock += 3_600_000;
    assert.deepEqual((await askedNow(sub)).questions.map((q) => q.attribute), ["industry", "years_experience"]);
    clock += DAY_MS;
    assert.deepEqual((await askedNow(sub)).questions.map((q) => q.attribute), ["company", "industry"]);
  });

  it("treats a blank question as skipped and a declined one as never again", async () => {
    const sub = await newUser();
    const prompt = await askedNow(sub);
    const result = await service.submit(login(sub), { submissionId: submissionId(), loginKey: prompt.loginKey, answers: {}, confirmed: [], skipped: [], declined: ["job_title"] });
    assert.ok(result.ok);
    assert.deepEqual(result.outcome, { answered: [], skipped: ["company"], declined: ["job_title"], changed: [] });
    clock += 400 * DAY_MS;
    assert.equal((await askedNow(sub)).questions.some((q) => q.attribute === "job_title"), false);
  });

  it("refuses attributes that were not offered, and invalid answers, writing nothing", async () => {
    const sub = await newUser();
    const prompt = await askedNow(sub);
    const base = { loginKey: prompt.loginKey, confirmed: [], skipped: [], declined: [] };
    const cases = [
      { answers: { job_title: "X", industry: "software" }, code: "not_offered" },
      { answers: { is_admin: "yes" }, code: "not_offered" },
      { answers: JSON.parse('{"__proto__": "x"}') as Record<string, string>, code: "not_offered" },
      { answers: { job_title: "" }, code: "invalid_input", field: "job_title" },
      { answers: { job_title: 42 }, code: "invalid_input", field: "job_title" },
      { answers: { job_title: "Chef" }, skipped: ["job_title"], code: "invalid_input", field: "job_title" },
    ];
    for (const c of cases) {
      const result = await service.submit(login(sub), { ...base, skipped: c.skipped ?? [], submissionId: submissionId(), answers: c.answers });
      assert.equal(result.ok, false, JSON.stringify(c));
      if (result.ok) continue;
      assert.equal(result.error.code, c.code, JSON.stringify(c));
      if (c.field) assert.ok(result.error.fieldErrors?.[c.field], JSON.stringify(result.error));
      if (c.field) assert.ok(result.error.fieldIssues?.[c.field], `a validation message for the user: ${JSON.stringify(result.error)}`);
    }
    assert.deepEqual(await attributes(sub), {});
    assert.deepEqual(await store.questionStates(sub).then((s) => s.filter((x) => x.answeredAt || x.skipCount)), []);
  });

  it("refuses a prompt of another user or another login", async () => {
    const sub = await newUser();
    const other = await newUser();
    const theirs = await askedNow(other);
    const result = await service.submit(login(sub), { submissionId: submissionId(), loginKey: theirs.loginKey, answers: { job_title: "X" }, confirmed: [], skipped: [], declined: [] });
    assert.equal(result.ok ? "ok" : result.error.code, "not_offered");
    assert.deepEqual(await attributes(other), {});
  });

  it("applies a retried submission once and returns the first outcome", async () => {
    const sub = await newUser();
    const prompt = await askedNow(sub);
    const request = { submissionId: submissionId(), loginKey: prompt.loginKey, answers: { job_title: "Pilot" }, confirmed: [], skipped: ["company"], declined: [] };
    const first = await service.submit(login(sub), request);
    const again = await service.submit(login(sub), request);
    assert.deepEqual(again, first);
    const company = (await store.questionStates(sub)).find((s) => s.attribute === "company");
    assert.equal(company?.skipCount, 1, "the skip is counted once");
  });

  it("reports Authgear failures as a typed result, saves nothing, and a retry succeeds", async () => {
    const sub = await newUser();
    const prompt = await askedNow(sub);
    const request = { submissionId: submissionId(), loginKey: prompt.loginKey, answers: { job_title: "Baker", company: "Bread Co" }, confirmed: [], skipped: [], declined: [] };
    for (const mode of ["error", "timeout"]) {
      await setFault({ mode, count: 1, delay_ms: 1_500 });
      const failed = await service.submit(login(sub), request);
      assert.equal(failed.ok ? "ok" : failed.error.code, "authgear_unavailable", mode);
      assert.match(failed.ok ? "" : failed.error.message, /nothing was saved/);
      assert.deepEqual(await store.questionStates(sub).then((s) => s.filter((x) => x.answeredAt)), []);
    }
    await setFault({ mode: "off" });
    const retried = await service.submit(login(sub), request);
    assert.ok(retried.ok, JSON.stringify(retried));
    assert.deepEqual(await attributes(sub), { job_title: "Baker", company: "Bread Co" });
  });

  it("an answer Authgear drops (attribute not configured) is no answer: the user is told, nothing is recorded, /admin's list names it, and the same answers save once it is configured", async () => {
    const sub = await newUser();
    const prompt = await askedNow(sub);
    assert.deepEqual(prompt.questions.map((q) => q.attribute), ["job_title", "company"]);
    const request = { submissionId: submissionId(), loginKey: prompt.loginKey, answers: { job_title: "Baker", company: "Bread Co" }, confirmed: [], skipped: [], declined: [] };
    await setUnconfiguredAttributes(emulator.origin, ["company"]);
    try {
      const failed = await service.submit(login(sub), request);
      assert.ok(!failed.ok);
      assert.equal(failed.error.code, "attribute_not_configured");
      assert.equal(
        failed.error.message,
        "We couldn't keep your answer to “Company”: this app's Authgear project is not set up to store it yet. Your answer is still here; we've told the team.",
      );
      assert.deepEqual(Object.keys(failed.error.fieldErrors ?? {}), ["company"]);
      // The rest of the write stood (Authgear kept it); nothing is recorded as answered.
      assert.deepEqual(await attributes(sub), { job_title: "Baker" });
      assert.deepEqual((await store.questionStates(sub)).filter((s) => s.answeredAt !== null || s.skipCount > 0), []);
      assert.equal((await store.loginPrompt(sub, prompt.loginKey))?.finishedAt, null, "the prompt is still open");
      assert.deepEqual(Object.keys(await store.provenance(sub)), ["job_title"], "no provenance for what was dropped");
      assert.equal(await store.submissionOutcome(sub, request.submissionId), null, "the submission id is not used up");
      assert.ok(
        logged.some((m) => m.includes('"company" is not configured in Authgear: it was dropped on write') && m.includes("npm run authgear:config") && m.includes("Advanced → Edit Config")),
        logged.join("\n"),
      );
      const problems = await store.configProblems();
      assert.deepEqual(problems.map((p) => [p.key, p.subject, p.count, p.resolvedAt]), [["attribute_not_configured:company", "company", 1, null]]);

      const again = await service.submit(login(sub), request);
      assert.equal(again.ok ? "ok" : again.error.code, "attribute_not_configured");
      assert.equal((await store.configProblems())[0]?.count, 2);
    } finally {
      await setUnconfiguredAttributes(emulator.origin, []);
    }
    const retried = await service.submit(login(sub), request);
    assert.ok(retried.ok, JSON.stringify(retried));
    assert.deepEqual(retried.outcome.answered, ["job_title", "company"]);
    assert.deepEqual(await attributes(sub), { job_title: "Baker", company: "Bread Co" });
    const [problem] = await store.configProblems();
    assert.equal(problem?.resolvedAt, clock, "the problem clears once a write of the attribute sticks");
  });

  it("skipping the unconfigured question saves the rest", async () => {
    const sub = await newUser();
    const prompt = await askedNow(sub);
    await setUnconfiguredAttributes(emulator.origin, ["company"]);
    try {
      const result = await service.submit(login(sub), { submissionId: submissionId(), loginKey: prompt.loginKey, answers: { job_title: "Baker" }, confirmed: [], skipped: ["company"], declined: [] });
      assert.ok(result.ok, JSON.stringify(result));
      assert.deepEqual(result.outcome.answered, ["job_title"]);
    } finally {
      await setUnconfiguredAttributes(emulator.origin, []);
    }
  });

  it("enrichment Authgear drops is reported, gets no provenance, and does not fail the user's save", async () => {
    const sub = await newUser();
    const prompt = await askedNow(sub);
    observations = [WORK_ADDRESS, { field: "timezone", value: "Europe/London", confidence: 0.95, source: "client", observedAt: new Date(T0).toISOString(), prefill: true }];
    await setUnconfiguredAttributes(emulator.origin, ["timezone"]);
    try {
      const result = await service.submit(login(sub), { submissionId: submissionId(), loginKey: prompt.loginKey, answers: { job_title: "Baker", company: "Bread Co" }, confirmed: [], skipped: [], declined: [] });
      assert.ok(result.ok, JSON.stringify(result));
      assert.deepEqual(await attributes(sub), { job_title: "Baker", company: "Bread Co" });
      assert.ok(!Object.hasOwn(await store.provenance(sub), "timezone"));
      assert.deepEqual((await store.configProblems()).map((p) => p.key), ["attribute_not_configured:timezone"]);
    } finally {
      await setUnconfiguredAttributes(emulator.origin, []);
    }
  });

  it("confirming a guess records it as confirmed; the guess is not offered again", async () => {
    const sub = await newUser();
    await admin.updateCustomAttributes(sub, { job_title: "Chef", company: "Acme", industry: "retail", team_size: 4, years_experience: 3 });
    observations = [WORK_ADDRESS, { field: "city", value: "London", confidence: 0.5, source: "geoip", observedAt: new Date(T0).toISOString(), prefill: true }];
    const prompt = await askedNow(sub);
    assert.deepEqual(prompt.questions.map((q) => q.attribute), ["city", "country"]);
    const result = await service.submit(login(sub), { submissionId: submissionId(), loginKey: prompt.loginKey, answers: { city: "London" }, confirmed: ["city"], skipped: ["country"], declined: [] });
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal((await attributes(sub)).city, "London");
    assert.deepEqual({ ...(await store.provenance(sub)).city, suggestedBy: undefined }, { source: "confirmed", confidence: 1, at: new Date(T0).toISOString(), confirmed: true, value: "London", suggestedBy: undefined });
    clock += 3_600_000;
    assert.equal((await askedNow(sub)).questions.some((q) => q.attribute === "city"), false);
  });

  it("two saves for one user at the same moment, on different attributes: both values end up in Authgear", async () => {
    const sub = await newUser();
    const prompt = await askedNow(sub);
    const base = { loginKey: prompt.loginKey, confirmed: [], skipped: [], declined: [] };
    const [a, b] = await Promise.all([
      service.submit(login(sub), { ...base, submissionId: submissionId(), answers: { job_title: "Analyst" } }),
      service.submit(login(sub), { ...base, submissionId: submissionId(), answers: { company: "Numbers Inc" } }),
    ]);
    assert.ok(a.ok && b.ok);
    assert.deepEqual(await attributes(sub), { job_title: "Analyst", company: "Numbers Inc" });
  });
});

describe("profile service: open enrichment (issue 17)", () => {
  const at = new Date(T0).toISOString();
  const guess = (field: string, value: string, source = "work-email", confidence = 0.4): EnrichedValue => ({ field, value, confidence, source, observedAt: at });

  it("asks Company of a work address only: not of a free or disposable one, nor when the address is unknown", async () => {
    assert.deepEqual((await askedNow(await newUser())).questions.map((q) => q.attribute), ["job_title", "company"]);
    for (const facts of [[{ ...WORK_ADDRESS, value: "free" }], [{ ...WORK_ADDRESS, value: "disposable" }], []]) {
      observations = facts;
      const asked = (await askedNow(await newUser())).questions.map((q) => q.attribute);
      assert.deepEqual(asked, ["job_title", "industry"], JSON.stringify(facts));
    }
  });

  it("offers a held suggestion while Authgear stays empty, and a Yes writes it, confirmed", async () => {
    const sub = await newUser();
    observations = [WORK_ADDRESS, guess("company_name", "Acme Robotics")];
    const prompt = await askedNow(sub);
    assert.deepEqual(prompt.questions, [{ attribute: "job_title" }, { attribute: "company", suggestion: { value: "Acme Robotics", source: "work-email" } }]);
    assert.equal(Object.hasOwn(await attributes(sub), "company"), false, "nothing written by showing the prompt");
    assert.equal(Object.hasOwn(await store.provenance(sub), "company"), false);

    const result = await service.submit(login(sub), { submissionId: submissionId(), loginKey: prompt.loginKey, answers: { company: "Acme Robotics" }, confirmed: ["company"], skipped: ["job_title"], declined: [] });
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.outcome.changed, ["company"]);
    assert.equal((await attributes(sub)).company, "Acme Robotics");
    const record = (await store.provenance(sub)).company;
    assert.deepEqual([record?.source, record?.confirmed, record?.value], ["confirmed", true, "Acme Robotics"]);
  });

  it("keeps who suggested a confirmed value (provenance suggestedBy)", async () => {
    const sub = await newUser();
    observations = [WORK_ADDRESS, guess("company_name", "Acme Robotics")];
    const prompt = await askedNow(sub);
    await service.submit(login(sub), { submissionId: submissionId(), loginKey: prompt.loginKey, answers: { company: "Acme Robotics" }, confirmed: ["company"], skipped: ["job_title"], declined: [] });
    assert.equal((await store.provenance(sub)).company?.suggestedBy, "work-email");
  });

  it("never writes a held suggestion with other answers, nor when the user skips it or types another value", async () => {
    const sub = await newUser();
    observations = [WORK_ADDRESS, guess("company_name", "Acme Robotics")];
    const prompt = await askedNow(sub);
    const skipped = await service.submit(login(sub), { submissionId: submissionId(), loginKey: prompt.loginKey, answers: { job_title: "Engineer" }, confirmed: [], skipped: ["company"], declined: [] });
    assert.ok(skipped.ok, JSON.stringify(skipped));
    assert.deepEqual(await attributes(sub), { job_title: "Engineer" });

    const other = await newUser();
    const second = await askedNow(other);
    const changed = await service.submit(login(other), { submissionId: submissionId(), loginKey: second.loginKey, answers: { company: "Acme Holdings" }, confirmed: [], skipped: ["job_title"], declined: [] });
    assert.ok(changed.ok, JSON.stringify(changed));
    assert.equal((await attributes(other)).company, "Acme Holdings");
    assert.equal((await store.provenance(other)).company?.source, "user");
  });

  it("offers the company website as a guess once its turn comes (Company known, higher priorities answered)", async () => {
    const sub = await newUser();
    await admin.updateCustomAttributes(sub, { job_title: "Chef", company: "Acme", industry: "retail", team_size: 4, years_experience: 3, city: "Leeds", country: "GB", timezone: "Europe/London" });
    observations = [WORK_ADDRESS, guess("company_website", "https://acme-robotics.com", "work-email", 0.6)];
    const prompt = await askedNow(sub);
    assert.deepEqual(prompt.questions, [{ attribute: "company_website", suggestion: { value: "https://acme-robotics.com", source: "work-email" } }, { attribute: "work_phone", phoneCountry: "GB" }]);
    assert.equal(Object.hasOwn(await attributes(sub), "company_website"), false);
  });
});

describe("profile service: editing values (profile page)", () => {
  it("a value Authgear drops is refused with attribute_not_configured", async () => {
    const sub = await newUser();
    await setUnconfiguredAttributes(emulator.origin, ["billing_email"]);
    try {
      const result = await service.saveValues(sub, { billing_email: "ap@example.com" });
      assert.equal(result.ok ? "ok" : result.error.code, "attribute_not_configured");
      assert.match(result.ok ? "" : result.error.message, /“Billing email”/);
      assert.deepEqual((await store.questionStates(sub)).filter((s) => s.answeredAt !== null), []);
    } finally {
      await setUnconfiguredAttributes(emulator.origin, []);
    }
  });


  it("validates each value with its catalog schema, clears with null, and writes the whole object once", async () => {
    const sub = await newUser();
    await admin.updateCustomAttributes(sub, { job_title: "Chef", city: "Paris" });
    const refused = await service.saveValues(sub, { team_size: 0, unknown_attr: "x" });
    assert.equal(refused.ok ? "ok" : refused.error.code, "invalid_input");
    assert.deepEqual(Object.keys(refused.ok ? {} : refused.error.fieldErrors ?? {}).sort(), ["team_size", "unknown_attr"]);
    assert.deepEqual(await attributes(sub), { job_title: "Chef", city: "Paris" }, "nothing written");

    const saved = await service.saveValues(sub, { company: "Acme", city: null });
    assert.ok(saved.ok, JSON.stringify(saved));
    assert.deepEqual(saved.changed, ["company", "city"]);
    assert.deepEqual(await attributes(sub), { job_title: "Chef", company: "Acme" });
    const provenance = await store.provenance(sub);
    assert.equal(provenance.company?.source, "user");
    assert.equal(provenance.city?.confirmed, true, "a deliberate clear is remembered, so enrichment will not refill it");
  });
});


describe("profile service: a value Authgear refuses although our rules accept it (its data newer than ours)", () => {
  function refusingService() {
    const refusing: AdminApiClient = {
      ...admin,
      updateCustomAttributes: () => {
        throw new AdminApiError("Authgear refused the values in updateUser (ValidationFailed): /work_phone: format {\"format\":\"phone\"}", {
          kind: "graphql",
          errorName: "Invalid",
          reason: "ValidationFailed",
          status: 200,
          info: { causes: [{ location: "/work_phone", kind: "format", details: { format: "phone" } }] },
        });
      },
    };
    return createProfileService({ catalog: profileCatalog, store, admin: refusing, enrich: async () => ({ values: [WORK_ADDRESS] }), now: () => clock, log: silent });
  }

  it("names the field and why, records nothing, and logs the rule", async () => {
    const sub = await newUser();
    await admin.updateCustomAttributes(sub, { job_title: "Chef", company: "Acme", industry: "retail", team_size: 4, years_experience: 3, city: "Hong Kong", country: "HK", timezone: "Asia/Hong_Kong", company_website: "https://acme.example" });
    const refusing = refusingService();
    const prompt = await refusing.prompt(login(sub));
    assert.ok(prompt.ok);
    assert.equal(prompt.prompt.questions[0]?.attribute, "work_phone");
    const result = await refusing.submit(login(sub), { submissionId: submissionId(), loginKey: prompt.prompt.loginKey, answers: { work_phone: "+85298765432" }, confirmed: [], skipped: [], declined: [] });
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.equal(result.error.code, "invalid_input");
    assert.match(result.error.message, /Authgear did not accept some answers, so nothing was saved/);
    assert.deepEqual(Object.keys(result.error.fieldErrors ?? {}), ["work_phone"]);
    assert.match(result.error.fieldErrors?.work_phone ?? "", /not in the form Authgear expects/);
    assert.deepEqual(result.error.fieldIssues, { work_phone: { key: "refusedByAuthgear" } });
    assert.equal((await attributes(sub)).work_phone, undefined, "nothing written");
    assert.deepEqual((await store.questionStates(sub)).filter((q) => q.answeredAt != null), [], "nothing recorded as answered");
    assert.ok(logged.some((line) => line.includes("ValidationFailed") && line.includes("/work_phone: format")), logged.join("\n"));

    const onProfile = await refusing.saveValues(sub, { work_phone: "+85298765432" });
    assert.ok(!onProfile.ok);
    assert.deepEqual([onProfile.error.code, Object.keys(onProfile.error.fieldErrors ?? {})], ["invalid_input", ["work_phone"]]);
  });
});

describe("profile service: a question Authgear dropped is not asked for a day", () => {
  it("after one user's answer was dropped, others are not asked it; a day later, and once fixed, it is asked again", async () => {
    const first = await newUser();
    const prompt = await askedNow(first);
    assert.deepEqual(prompt.questions.map((q) => q.attribute), ["job_title", "company"]);
    await setUnconfiguredAttributes(emulator.origin, ["company"]);
    try {
      const result = await service.submit(login(first), { submissionId: submissionId(), loginKey: prompt.loginKey, answers: { job_title: "Baker", company: "Bread Co" }, confirmed: [], skipped: [], declined: [] });
      assert.ok(!result.ok);
      assert.equal(result.error.code, "attribute_not_configured");

      const second = await newUser();
      const asked = (await askedNow(second)).questions.map((q) => q.attribute);
      assert.ok(!asked.includes("company"), `company is not asked: ${asked.join(", ")}`);
      const explained = await service.explain(login(second));
      assert.match(explained?.sentences.find((x) => x.attribute === "company")?.text ?? "", /Authgear dropped it on a recent write/);
    } finally {
      await setUnconfiguredAttributes(emulator.origin, []);
    }
    clock += DAY_MS;
    const third = await newUser();
    assert.deepEqual((await askedNow(third)).questions.map((q) => q.attribute), ["job_title", "company"], "asked again a day later");
    const retried = await service.submit(login(first, Math.floor(T0 / 1000)), { submissionId: submissionId(), loginKey: prompt.loginKey, answers: { job_title: "Baker", company: "Bread Co" }, confirmed: [], skipped: [], declined: [] });
    assert.ok(retried.ok, JSON.stringify(retried));
    assert.equal((await store.configProblems()).find((p) => p.subject === "company")?.resolvedAt, clock, "the write that stuck closed the problem");
  });
});

describe("profile service: consent to third-party sources", () => {
  // The providers as the app would build them; what they answer comes from `observations` (the service's `enrich`).
  const fullContact: EnrichmentProvider = {
    name: "fullcontact-person",
    description: "FullContact: person details from a work email",
    thirdParty: true,
    remote: true,
    timeBudgetMs: 3_000,
    fields: { job_title: { type: "text" }, full_name: { type: "text" } },
    lookup: async () => [],
  };
  const workEmail: EnrichmentProvider = {
    name: "work-email",
    description: "Work email domain, offline lists",
    thirdParty: false,
    timeBudgetMs: 50,
    fields: { email_type: { type: "enum", values: ["work", "free", "disposable"] } },
    lookup: async () => [],
  };
  /** The phases enrichment was asked to run, in order. */
  let phases: string[];

  function consentService(overrides: Partial<Parameters<typeof createProfileService>[0]> = {}) {
    return createProfileService({
      catalog: profileCatalog,
      store,
      admin,
      enrich: async (_input, options) => {
        phases.push((options as { phase?: string }).phase ?? "?");
        return { values: observations };
      },
      now: () => clock,
      log: silent,
      providers: [workEmail, fullContact],
      ...overrides,
    });
  }

  beforeEach(() => {
    phases = [];
  });

  const ask = async (s: ProfileService, sub: string) => {
    const result = await s.prompt(login(sub));
    assert.ok(result.ok, JSON.stringify(result));
    return result.prompt;
  };

  it("asks first, naming the third-party sources, while a question they serve is unanswered", async () => {
    const s = consentService();
    const prompt = await ask(s, await newUser());
    assert.deepEqual(prompt.questions, [
      { attribute: "@consent", consent: { sources: [{ name: "fullcontact-person", description: "FullContact: person details from a work email" }] } },
      { attribute: "job_title" },
    ]);
  });

  it("does not ask without a third-party provider, when the catalog does not ask, after an opt-out, or once a question it serves is answered", async () => {
    const asked = async (s: ProfileService, sub: string) => (await ask(s, sub)).questions.map((q) => q.attribute);
    assert.deepEqual(await asked(consentService({ providers: [workEmail] }), await newUser()), ["job_title", "company"]);
    assert.deepEqual(await asked(consentService({ catalog: { ...profileCatalog, thirdPartyConsent: undefined } }), await newUser()), ["job_title", "company"]);
    const optedOut = await newUser();
    await store.setEnrichmentOptOut(optedOut, true, clock);
    assert.equal((await asked(consentService(), optedOut)).includes("@consent"), false);
    const answered = await newUser();
    await admin.updateCustomAttributes(answered, { job_title: "Chef" });
    assert.equal((await asked(consentService(), answered)).includes("@consent"), false);
  });

  it("a yes is recorded with its time, answered in the outcome, never asked again, and starts the consent phase without waiting", async () => {
    const s = consentService();
    const sub = await newUser();
    const prompt = await ask(s, sub);
    const result = await s.submit(login(sub), { submissionId: submissionId(), loginKey: prompt.loginKey, answers: { job_title: "Chef" }, confirmed: [], skipped: [], declined: [], consent: "granted" });
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.outcome.answered, ["@consent", "job_title"]);
    assert.deepEqual(await store.enrichmentConsent(sub), { granted: true, at: T0 });
    // Started without waiting: it shows up once the event loop gets to it (within 5 s, however loaded the machine).
    for (const deadline = Date.now() + 5000; !phases.includes("consent") && Date.now() < deadline; ) await new Promise((resolve) => setImmediate(resolve));
    assert.ok(phases.includes("consent"), JSON.stringify(phases));
    clock += 2 * DAY_MS;
    assert.equal((await ask(s, sub)).questions.some((q) => q.attribute === "@consent"), false);
  });

  it("a no is recorded with its time and nothing runs for it", async () => {
    const s = consentService();
    const sub = await newUser();
    const prompt = await ask(s, sub);
    const result = await s.submit(login(sub), { submissionId: submissionId(), loginKey: prompt.loginKey, answers: {}, confirmed: [], skipped: ["job_title"], declined: [], consent: "refused" });
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(await store.enrichmentConsent(sub), { granted: false, at: T0 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(phases.includes("consent"), false);
    clock += 40 * DAY_MS;
    assert.equal((await ask(s, sub)).questions.some((q) => q.attribute === "@consent"), false);
  });

  it("Not now is a skip: nothing recorded, asked again after the usual rest", async () => {
    const s = consentService();
    const sub = await newUser();
    const prompt = await ask(s, sub);
    const result = await s.submit(login(sub), { submissionId: submissionId(), loginKey: prompt.loginKey, answers: {}, confirmed: [], skipped: ["@consent", "job_title"], declined: [] });
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.outcome.skipped, ["@consent", "job_title"]);
    assert.equal(await store.enrichmentConsent(sub), null);
    clock += 21 * 3_600_000; // the next visit (20 h rest), within the skip's day of rest
    const resting = (await ask(s, sub)).questions.map((q) => q.attribute);
    assert.ok(resting.length > 0 && !resting.includes("@consent"), JSON.stringify(resting));
    clock += 24 * 3_600_000; // the visit after that, the day's rest over
    assert.equal((await ask(s, sub)).questions[0]?.attribute, "@consent", "after the rest");
  });

  it("refuses a consent answer the prompt did not ask for, and one given and skipped at once, recording nothing", async () => {
    const plain = consentService({ providers: [workEmail] });
    const sub = await newUser();
    const prompt = await ask(plain, sub);
    const unasked = await plain.submit(login(sub), { submissionId: submissionId(), loginKey: prompt.loginKey, answers: {}, confirmed: [], skipped: [], declined: [], consent: "granted" });
    assert.equal(unasked.ok, false);
    assert.equal(!unasked.ok && unasked.error.code, "not_offered");
    assert.equal(await store.enrichmentConsent(sub), null);

    const s = consentService();
    const other = await newUser();
    const offered = await ask(s, other);
    const both = await s.submit(login(other), { submissionId: submissionId(), loginKey: offered.loginKey, answers: {}, confirmed: [], skipped: ["@consent"], declined: [], consent: "granted" });
    assert.equal(both.ok, false);
    assert.equal(await store.enrichmentConsent(other), null);
  });

  it("setConsent (/profile): a withdrawal is recorded with its time and forgets what the third-party sources found", async () => {
    const s = consentService();
    const sub = await newUser();
    const observed = [{ field: "job_title", value: "Head of Operations", confidence: 0.8, source: "fullcontact-person", observedAt: new Date(T0).toISOString() }];
    await store.recordEnrichmentRuns(sub, [
      { provider: "fullcontact-person", ranAt: T0, phase: "consent", outcome: "found", observations: observed, thirdParty: true },
      { provider: "work-email", ranAt: T0, phase: "sign-up", outcome: "found", observations: [WORK_ADDRESS], thirdParty: false },
    ]);
    await s.setConsent(sub, true);
    assert.deepEqual(await store.enrichmentConsent(sub), { granted: true, at: T0 });
    clock += 60_000;
    await s.setConsent(sub, false);
    assert.deepEqual(await store.enrichmentConsent(sub), { granted: false, at: T0 + 60_000 });
    assert.deepEqual((await store.enrichmentRuns(sub)).map((r) => r.provider), ["work-email"]);
  });
});
