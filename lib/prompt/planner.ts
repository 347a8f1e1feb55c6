/**
 * The planner: which questions (if any) this visit's prompt asks, and why every other question
 * is left out. Pure: all state comes in (catalog, current attributes, per-question history, the
 * prompt log of the sign-in's visits, the clock) and a decision comes out. The DB layer stores
 * `QuestionState` and `LoginPrompt` (lib/domain.ts), which the planner reads as `QuestionHistory`
 * and `ShownPrompt`; times are Unix epoch milliseconds.
 *
 * The unit is a visit (ADR 004): a sign-in (Authgear's `sub` + `auth_time`; a refresh keeps
 * `auth_time`) starts visit 1; while it lasts, a return `catalog.visitRestHours` or more after its
 * latest visit's prompt was shown starts the next visit. A visit keeps its number until then: reloads
 * and navigation within it resume its prompt. A clock that went backwards (now before the prompt)
 * stays in the same visit. Visits are counted by their prompts: a visit with nothing to ask leaves
 * no trace, so the next one takes its number.
 *
 * Rules, in the order a question is judged (the first that applies is its reason):
 *  1. answered                   – the attribute has a value (value present, not null, not "").
 *  2. not_configured             – Authgear dropped this attribute on a recent write (it is not defined
 *                                  in the project: a configuration problem the team is shown on /admin);
 *                                  asking would lose the answer again. `notConfigured` comes in.
 *  3. declined                   – the user chose "don't ask again" (declinedAt set); lasts until undone.
 *  4. condition_unmet            – its `when` does not hold on the current attributes and enrichment's
 *                                  facts (`when.enriched`: the field's best current value is listed).
 *  5. cooldown                   – skipped n times, the last skip less than cooldownDays[n-1] days ago
 *                                  (the last entry for later skips).
 *  6. already_prompted_this_visit – this visit already had a prompt: a finished or dismissed prompt
 *                                  asks nothing more; an unfinished one (a reload mid-answer) asks again
 *                                  exactly the questions it showed that are still eligible, never new ones.
 *  7. over_cap                   – more eligible questions than `perLogin` (the cap of one visit); the
 *                                  highest priority win, ties keep catalog order.
 *
 * The consent item (`CONSENT_QUESTION`, "May we fill in your work details from public business
 * sources?") is planned like a question of the highest priority when the service asks for it
 * (`consent`: the catalog asks first, the user has not decided) and some question that could be
 * asked takes its suggestion from one of the third-party fields: it counts toward `perLogin`, is
 * shown at most once per visit, and its "Not now" is a skip with the usual rest (rules 3, 5, 6, 7).
 * Isomorphic.
 */
import { CONSENT_QUESTION, type ConsentQuestion, type LoginPrompt, type QuestionState } from "@/lib/domain";
import type { EnrichmentField, EnrichmentFieldValue } from "@/lib/enrichment/types";
import { isEmptyValue, localize, type ProfileCatalog, type Question, type QuestionCondition } from "../catalog/catalog";

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** The current custom attributes of the user, as Authgear returns them (empty = absent, null or ""). */
export type CurrentAttributes = Readonly<Record<string, unknown>>;

/** What the planner reads of one question's history (the store's `QuestionState`; only skips are required). */
export type QuestionHistory = Pick<QuestionState, "skipCount"> & Partial<Omit<QuestionState, "attribute" | "skipCount">>;
export type PromptHistory = Readonly<Record<string, QuestionHistory | undefined>>;

/** One sign-in: Authgear's `sub` and `auth_time` (seconds) from the token. */
export interface LoginRef {
  sub: string;
  authTime: number;
}

/** What the planner reads of the prompt a visit showed (the store's `LoginPrompt`, without its key). */
export type ShownPrompt = Pick<LoginPrompt, "attributes" | "shownAt"> & Partial<Pick<LoginPrompt, "finishedAt" | "dismissedAt">>;
/** Prompts by `visitKey(login, visit)`. Only the current sign-in's visits matter; others are ignored. */
export type PromptLog = Readonly<Record<string, ShownPrompt | undefined>>;

export interface PlanInput<A extends string = string> {
  catalog: ProfileCatalog<A>;
  attributes: CurrentAttributes;
  history: PromptHistory;
  login: LoginRef;
  promptLog: PromptLog;
  /** Epoch milliseconds. */
  now: number;
  /**
   * Attributes Authgear dropped on a write recently (open configuration problems): not asked, so no
   * user types an answer that cannot be kept. The service passes those seen in the last day, so a
   * fixed project is asked again within a day and the first write that sticks closes the problem.
   */
  notConfigured?: readonly string[];
  /** Enrichment's best current value per field, for `when.enriched` (none: such conditions do not hold). */
  facts?: Readonly<Record<EnrichmentField, EnrichmentFieldValue>>;
  /**
   * Ask the consent item: the catalog wants the user's consent before third-party providers run,
   * and the user has not decided. `fields` are the fields those providers fill; the item is asked
   * only while a question that could be asked takes its suggestion from one of them.
   */
  consent?: { readonly fields: readonly EnrichmentField[] };
}

/** What a prompt asks: a catalog attribute, or the consent item. */
export type PlanItem<A extends string = string> = A | ConsentQuestion;

export type AskReason =
  /** Empty, eligible and among the `perLogin` highest priorities. */
  | "eligible"
  /** Shown earlier in this same visit by a prompt not finished or dismissed yet. */
  | "resumed";

export interface AskedQuestion<A extends string = string> {
  attribute: A;
  reason: AskReason;
}

export type LeftOutQuestion<A extends string = string> =
  | { attribute: A; reason: "answered" }
  | { attribute: A; reason: "not_configured" }
  | { attribute: A; reason: "declined"; declinedAt: number }
  | { attribute: A; reason: "condition_unmet"; condition: QuestionCondition<A> }
  | { attribute: A; reason: "cooldown"; until: number; skipCount: number; lastSkippedAt: number }
  | { attribute: A; reason: "already_prompted_this_visit"; prompt: "finished" | "dismissed" | "in_progress" }
  | { attribute: A; reason: "over_cap" };

/** Which visit of its sign-in a decision belongs to, and why. */
export interface Visit {
  /** 1 for the sign-in itself, then one more per return after the rest. */
  number: number;
  /** Its prompt-log key: `visitKey(login, number)`. */
  key: string;
  /**
   * "sign_in": the first visit of a new authentication; "rest": a return `restHours` or more after the
   * previous visit's prompt; "continuing": the visit whose prompt was shown less than `restHours` ago.
   */
  cause: "sign_in" | "rest" | "continuing";
  /** When it started: its prompt's `shownAt`, or now for a visit without a prompt yet. */
  startedAt: number;
  /** When the previous visit's prompt was shown (cause "rest"), else null. */
  previousShownAt: number | null;
  /** When a return starts the next visit (this visit's prompt + the rest), or null while it has no prompt. */
  nextVisitAt: number | null;
  restHours: number;
}

export interface PromptPlan<A extends string = string> {
  // ask and leftOut name catalog attributes and, when in play, the consent item (CONSENT_QUESTION).
  /** The prompt's key in the prompt log, i.e. the visit's: `visitKey(login, visit.number)`. */
  loginKey: string;
  visit: Visit;
  /** "new": no prompt yet this visit; "resume": this visit's prompt is unfinished; "done": it was finished or dismissed. */
  state: "new" | "resume" | "done";
  /** Best first; at most `catalog.perLogin`. */
  ask: AskedQuestion<PlanItem<A>>[];
  /** Every other catalog question, in catalog order (the consent item first, when it was in play). */
  leftOut: LeftOutQuestion<PlanItem<A>>[];
}

/**
 * The key of a sign-in, `${sub}:${authTime}`; it is also the prompt-log key of the sign-in's first
 * visit (every prompt stored before visits existed is a first visit, under the same key).
 */
export function loginKey(login: LoginRef): string {
  if (typeof login.sub !== "string" || login.sub.length === 0) throw new Error("loginKey: sub must be a non-empty string");
  // 1e11 seconds is the year 5138: a larger value is a millisecond timestamp passed by mistake.
  if (!Number.isSafeInteger(login.authTime) || login.authTime < 0 || login.authTime >= 1e11) {
    throw new Error(`loginKey: authTime must be the token's auth_time in whole seconds, got ${String(login.authTime)}`);
  }
  return `${login.sub}:${login.authTime}`;
}

/** The sign-in a `loginKey` names (auth_time after its last colon), or null for anything else. */
export function parseLoginKey(key: string): LoginRef | null {
  const colon = key.lastIndexOf(":");
  if (colon <= 0 || !/^(0|[1-9][0-9]{0,10})$/.test(key.slice(colon + 1))) return null;
  const authTime = Number(key.slice(colon + 1));
  return authTime < 1e11 ? { sub: key.slice(0, colon), authTime } : null;
}

/** The prompt-log key of a sign-in's `visit`-th visit: `${sub}:${authTime}` for the first, then `…:v2`, `…:v3`… */
export function visitKey(login: LoginRef, visit: number): string {
  if (!Number.isSafeInteger(visit) || visit < 1 || visit > 999_999) throw new Error(`visitKey: visit must be a whole number from 1, got ${String(visit)}`);
  const base = loginKey(login);
  return visit === 1 ? base : `${base}:v${visit}`;
}

/** The visit `now` belongs to, from the sign-in's prompts in `promptLog`, with that visit's prompt if it has one. */
export function currentVisit(
  input: Pick<PlanInput, "catalog" | "login" | "promptLog" | "now">,
): { visit: Visit; prompt: ShownPrompt | undefined } {
  const base = loginKey(input.login);
  const restHours = input.catalog.visitRestHours;
  // Keyed look-ups, visit 1, 2, …: visit n + 1 is only ever logged after visit n, so the first
  // missing number ends the sign-in's visits (a log of many other sign-ins costs nothing).
  let latest: { number: number; prompt: ShownPrompt } | undefined;
  for (let number = 1; number <= 999_999; number++) {
    const key = visitKey(input.login, number);
    const prompt = Object.hasOwn(input.promptLog, key) ? input.promptLog[key] : undefined;
    if (!prompt) break;
    latest = { number, prompt };
  }
  if (!latest) {
    return { visit: { number: 1, key: base, cause: "sign_in", startedAt: input.now, previousShownAt: null, nextVisitAt: null, restHours }, prompt: undefined };
  }
  const nextVisitAt = latest.prompt.shownAt + restHours * HOUR_MS;
  if (input.now >= nextVisitAt) {
    const number = latest.number + 1;
    return {
      visit: { number, key: visitKey(input.login, number), cause: "rest", startedAt: input.now, previousShownAt: latest.prompt.shownAt, nextVisitAt: null, restHours },
      prompt: undefined,
    };
  }
  return {
    visit: {
      number: latest.number,
      key: visitKey(input.login, latest.number),
      cause: "continuing",
      startedAt: latest.prompt.shownAt,
      previousShownAt: null,
      nextVisitAt,
      restHours,
    },
    prompt: latest.prompt,
  };
}

/** Days a question rests after its `skipCount`-th skip (0 for no skip). */
export function cooldownDaysAfter(catalog: Pick<ProfileCatalog, "cooldownDays">, skipCount: number): number {
  if (skipCount <= 0) return 0;
  const days = catalog.cooldownDays;
  return days[Math.min(skipCount, days.length) - 1] ?? 0;
}

/** The instant a skipped question may be asked again, or null when it is not cooling down at all. */
export function cooldownUntil(catalog: Pick<ProfileCatalog, "cooldownDays">, history: QuestionHistory | undefined): number | null {
  if (!history || history.skipCount <= 0 || history.lastSkippedAt == null) return null;
  return history.lastSkippedAt + cooldownDaysAfter(catalog, history.skipCount) * DAY_MS;
}

/**
 * True when `condition` holds on `attributes` and enrichment's `facts`. A fact is compared as
 * text (an integer as its digits, a language list by its first tag); a field with no fact never
 * holds.
 */
export function conditionHolds(
  condition: QuestionCondition | undefined,
  attributes: CurrentAttributes,
  facts: Readonly<Record<string, EnrichmentFieldValue>> = {},
): boolean {
  if (!condition) return true;
  for (const name of condition.known ?? []) {
    if (isEmptyValue(valueOf(attributes, name))) return false;
  }
  for (const [name, expected] of Object.entries(condition.equals ?? {})) {
    if (valueOf(attributes, name) !== expected) return false;
  }
  for (const [field, values] of Object.entries(condition.enriched ?? {})) {
    const fact = factText(Object.hasOwn(facts, field) ? facts[field] : undefined);
    if (fact === undefined || !values.includes(fact)) return false;
  }
  return true;
}

function factText(value: EnrichmentFieldValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  return value[0];
}

function valueOf(attributes: CurrentAttributes, name: string): unknown {
  return Object.hasOwn(attributes, name) ? attributes[name] : undefined;
}

function historyOf(history: PromptHistory, name: string): QuestionHistory | undefined {
  return Object.hasOwn(history, name) ? history[name] : undefined;
}

/** Why a question cannot be asked now regardless of this visit's prompt, or null when it could be. */
function ineligibility<A extends string>(question: Question<A>, input: PlanInput<A>): LeftOutQuestion<A> | null {
  const attribute = question.attribute;
  if (!isEmptyValue(valueOf(input.attributes, attribute))) return { attribute, reason: "answered" };
  if (input.notConfigured?.includes(attribute)) return { attribute, reason: "not_configured" };
  const history = historyOf(input.history, attribute);
  if (history?.declinedAt != null) return { attribute, reason: "declined", declinedAt: history.declinedAt };
  if (question.when && !conditionHolds(question.when, input.attributes, input.facts)) {
    return { attribute, reason: "condition_unmet", condition: question.when };
  }
  const until = cooldownUntil(input.catalog, history);
  if (history && until !== null && input.now < until) {
    return { attribute, reason: "cooldown", until, skipCount: history.skipCount, lastSkippedAt: history.lastSkippedAt as number };
  }
  return null;
}

/** Why the consent item cannot be asked now regardless of this visit's prompt (its own history: "Not now" rests), or null. */
function consentIneligibility(input: PlanInput): LeftOutQuestion<ConsentQuestion> | null {
  const history = historyOf(input.history, CONSENT_QUESTION);
  if (history?.declinedAt != null) return { attribute: CONSENT_QUESTION, reason: "declined", declinedAt: history.declinedAt };
  const until = cooldownUntil(input.catalog, history);
  if (history && until !== null && input.now < until) {
    return { attribute: CONSENT_QUESTION, reason: "cooldown", until, skipCount: history.skipCount, lastSkippedAt: history.lastSkippedAt as number };
  }
  return null;
}

/** Questions best first: higher priority, then catalog order. */
function byPriority<A extends string>(catalog: ProfileCatalog<A>): Question<A>[] {
  return catalog.questions
    .map((question, index) => ({ question, index }))
    .sort((a, b) => b.question.priority - a.question.priority || a.index - b.index)
    .map((x) => x.question);
}

/** Decides this visit's prompt. */
export function planPrompt<A extends string>(input: PlanInput<A>): PromptPlan<A> {
  if (!Number.isFinite(input.now)) throw new Error("planPrompt: now must be epoch milliseconds");
  const { catalog } = input;
  const { visit, prompt } = currentVisit(input);
  const state: PromptPlan["state"] = !prompt ? "new" : prompt.finishedAt != null || prompt.dismissedAt != null ? "done" : "resume";

  const decided = new Map<PlanItem<A>, AskedQuestion<PlanItem<A>> | LeftOutQuestion<PlanItem<A>>>();
  const eligibleQuestions: Question<A>[] = [];
  for (const question of byPriority(catalog)) {
    const reason = ineligibility(question, input);
    if (reason) decided.set(question.attribute, reason as LeftOutQuestion<PlanItem<A>>);
    else eligibleQuestions.push(question);
  }
  // The consent item comes first, while some question it would help could be asked (now or after its rest).
  const consentFields = new Set(input.consent?.fields ?? []);
  const consentHelps = catalog.questions.some((q) => {
    if (!q.enrichment || !consentFields.has(q.enrichment.field)) return false;
    const reason = decided.get(q.attribute);
    return reason === undefined || reason.reason === "cooldown";
  });
  const eligible: { attribute: PlanItem<A> }[] = [];
  if (consentHelps) {
    const reason = consentIneligibility(input);
    if (reason) decided.set(CONSENT_QUESTION, reason as LeftOutQuestion<PlanItem<A>>);
    else eligible.push({ attribute: CONSENT_QUESTION });
  }
  eligible.push(...eligibleQuestions);

  const ask: AskedQuestion<PlanItem<A>>[] = [];
  if (state === "new") {
    for (const question of eligible) {
      if (ask.length < catalog.perLogin) ask.push({ attribute: question.attribute, reason: "eligible" });
      else decided.set(question.attribute, { attribute: question.attribute, reason: "over_cap" });
    }
  } else {
    const shown = state === "resume" && prompt ? new Set(prompt.attributes) : new Set<string>();
    // Keep the prompt's own order for a resumed prompt, so the reloaded form looks the same.
    const resumable = new Set(eligible.filter((q) => shown.has(q.attribute)).map((q) => q.attribute));
    for (const name of prompt?.attributes ?? []) {
      if (resumable.has(name as PlanItem<A>) && ask.length < catalog.perLogin && !ask.some((a) => a.attribute === name)) {
        ask.push({ attribute: name as PlanItem<A>, reason: "resumed" });
      }
    }
    const promptState = state === "done" ? (prompt?.dismissedAt != null ? "dismissed" : "finished") : "in_progress";
    for (const question of eligible) {
      if (!ask.some((a) => a.attribute === question.attribute)) {
        decided.set(question.attribute, { attribute: question.attribute, reason: "already_prompted_this_visit", prompt: promptState });
      }
    }
  }

  const leftOut: LeftOutQuestion<PlanItem<A>>[] = [];
  for (const item of [CONSENT_QUESTION, ...catalog.questions.map((q) => q.attribute)] as PlanItem<A>[]) {
    const d = decided.get(item);
    if (d && d.reason !== "eligible" && d.reason !== "resumed") leftOut.push(d as LeftOutQuestion<PlanItem<A>>);
  }
  return { loginKey: visit.key, visit, state, ask, leftOut };
}

// ---------------------------------------------------------------------------------------------
// Explanations
// ---------------------------------------------------------------------------------------------

export interface PromptExplanation<A extends string = string> extends PromptPlan<A> {
  /** One sentence per catalog question, in catalog order (after the consent item's, when it was in play). */
  sentences: { attribute: PlanItem<A>; asked: boolean; text: string }[];
  /** One line saying which visit this is and what its prompt does. */
  summary: string;
}

function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, "Z");
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function ordinal(n: number): string {
  const mod100 = n % 100;
  const suffix = mod100 >= 11 && mod100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${suffix}`;
}

/** A condition in words: `company is known and industry is "software" and enrichment finds email_type "work"`. */
export function describeCondition(condition: QuestionCondition): string {
  const parts = [
    ...(condition.known ?? []).map((name) => `${name} is known`),
    ...Object.entries(condition.equals ?? {}).map(([name, value]) => `${name} is ${JSON.stringify(value)}`),
    ...Object.entries(condition.enriched ?? {}).map(([field, values]) =>
      values.length === 1
        ? `enrichment finds ${field} ${JSON.stringify(values[0])}`
        : `enrichment finds ${field} one of ${values.map((v) => JSON.stringify(v)).join(", ")}`,
    ),
  ];
  return parts.join(" and ");
}

function sentence<A extends string>(
  question: Question<A> | null,
  decision: AskedQuestion<PlanItem<A>> | LeftOutQuestion<PlanItem<A>>,
  input: PlanInput<A>,
  position: number,
): string {
  const name = question
    ? `${question.attribute} ("${localize(question.label, input.catalog.defaultLocale, input.catalog.defaultLocale)}")`
    : `${CONSENT_QUESTION} (the consent to third-party sources)`;
  switch (decision.reason) {
    case "eligible":
      return question
        ? `${name} is asked as the ${ordinal(position)} question: it is empty, nothing holds it back, and its priority (${question.priority}) is among the ${input.catalog.perLogin} highest of the questions that could be asked.`
        : `${name} is asked as the ${ordinal(position)} question: the catalog asks before third-party sources run, the user has not decided, and a question that could be asked takes its suggestion from them; it comes before every question.`;
    case "resumed":
      return `${name} is asked again: this visit's prompt showed it and has not been finished or dismissed (e.g. the page was reloaded).`;
    case "answered":
      return `${name} is not asked: it already has a value.`;
    case "not_configured":
      return `${name} is not asked: Authgear dropped it on a recent write because the project does not define it (see /admin's configuration problems); it is asked again a day after the last time that happened.`;
    case "declined":
      return `${name} is not asked: the user chose "don't ask again" at ${isoTime(decision.declinedAt)}; it stays out until they undo that.`;
    case "condition_unmet":
      return `${name} is not asked: it is asked only once ${describeCondition(decision.condition)}, which is not the case.`;
    case "cooldown": {
      const days = cooldownDaysAfter(input.catalog, decision.skipCount);
      return `${name} is not asked: skipped ${plural(decision.skipCount, "time")}, last at ${isoTime(decision.lastSkippedAt)}; it rests ${plural(days, "day")}, until ${isoTime(decision.until)}.`;
    }
    case "already_prompted_this_visit":
      return decision.prompt === "in_progress"
        ? `${name} is not asked: this visit's prompt is still open with other questions, and a prompt never gains questions.`
        : `${name} is not asked: this visit already had its prompt (${decision.prompt}); at most one prompt per visit.`;
    case "over_cap":
      return `${name} is not asked: only ${plural(input.catalog.perLogin, "question")} per visit, taken by higher-ranked ones.`;
  }
}

/** A duration in words, rounded down: "21 h", "3 days 2 h", "45 min". */
export function describeDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? plural(days, "day") : `${plural(days, "day")} ${hours % 24} h`;
}

/** The visit in words: "Visit 3 of the sign-in at …, starting … because its last prompt was shown 21 h before". */
export function describeVisit(visit: Visit, login: LoginRef, now: number): string {
  const signIn = `the sign-in at ${isoTime(login.authTime * 1000)}`;
  switch (visit.cause) {
    case "sign_in":
      return `Visit 1 of ${signIn} (a new sign-in)`;
    case "rest":
      return `Visit ${visit.number} of ${signIn}, starting ${isoTime(visit.startedAt)} because its last prompt was shown ${describeDuration(visit.startedAt - (visit.previousShownAt ?? visit.startedAt))} before (the rest is ${plural(visit.restHours, "hour")})`;
    case "continuing":
      return `Visit ${visit.number} of ${signIn}, started ${isoTime(visit.startedAt)} with its prompt ${describeDuration(now - visit.startedAt)} ago (the next visit begins with a return from ${isoTime(visit.nextVisitAt ?? now)})`;
  }
}

/** The same decision as `planPrompt`, with a human-readable sentence per question (for support and tests). */
export function explainPrompt<A extends string>(input: PlanInput<A>): PromptExplanation<A> {
  const plan = planPrompt(input);
  const decisions = new Map<PlanItem<A>, AskedQuestion<PlanItem<A>> | LeftOutQuestion<PlanItem<A>>>();
  for (const a of plan.ask) decisions.set(a.attribute, a);
  for (const l of plan.leftOut) decisions.set(l.attribute, l);
  const items: { attribute: PlanItem<A>; question: Question<A> | null }[] = [
    ...(decisions.has(CONSENT_QUESTION) ? [{ attribute: CONSENT_QUESTION as PlanItem<A>, question: null }] : []),
    ...input.catalog.questions.map((question) => ({ attribute: question.attribute, question })),
  ];
  const sentences = items.map(({ attribute, question }) => {
    const decision = decisions.get(attribute) as AskedQuestion<PlanItem<A>> | LeftOutQuestion<PlanItem<A>>;
    const asked = decision.reason === "eligible" || decision.reason === "resumed";
    return { attribute, asked, text: sentence(question, decision, input, plan.ask.findIndex((a) => a.attribute === attribute) + 1) };
  });
  const asked = plan.ask.map((a) => a.attribute).join(", ");
  const visit = describeVisit(plan.visit, input.login, input.now);
  const summary =
    plan.state === "done"
      ? `${visit}: it already had its prompt; nothing is asked.`
      : plan.ask.length === 0
        ? `${visit}: nothing to ask.`
        : plan.state === "resume"
          ? `${visit}: it resumes its open prompt: ${asked}.`
          : `${visit}: it asks ${plural(plan.ask.length, "question")}: ${asked}.`;
  return { ...plan, sentences, summary };
}
