import "server-only";
/**
 * The profile prompt's server side, with its I/O injected: what to ask after a login, and saving
 * the answers. Server Actions (lib/server/actions.server.ts) call it after verifying the access token; tests call it
 * with the emulator's Admin API and an in-memory store.
 *
 * Save path (`mergeAndWrite`, the only one: the prompt, /profile and the webhook go through it),
 * for every submission: check the submission id (a retry returns the first outcome),
 * check that every attribute was offered by this login's prompt, validate every answer with the
 * catalog's schema, then, holding the user's save lock: re-read the user from Authgear, merge
 * answers with pending enrichment (lib/prompt/merge.ts), write the WHOLE custom-attributes object
 * once, and record provenance and outcomes. Nothing is written when any check fails.
 *
 * After the write, the attributes Authgear returns are compared with those sent: Authgear silently
 * drops an attribute its project does not define (ADR 015). A dropped attribute is a configuration
 * problem, not an answer: it is logged and recorded for /admin, gets no provenance, and when the
 * user answered it the save fails with `attribute_not_configured` (nothing recorded as answered,
 * the submission id not used up), so the same answers can be saved once the team fixes the config.
 *
 * Enrichment in the prompt (ADR 005): the planner gets enrichment's best value per field as facts
 * (`when.enriched`); a `confirm` suggestion merge holds (not written to Authgear) is offered like an
 * unconfirmed guess. When the catalog asks before third-party providers run (`thirdPartyConsent`),
 * at least one such provider is built and the user has not decided, the planner may add the
 * consent item (CONSENT_QUESTION); its answer (`consent` in the submission) is recorded with its
 * time under the user's lock, and a yes starts the consent phase's lookups without waiting for them.
 */
import { AdminApiError, type AdminApiClient, type AdminUser } from "@/lib/authgear/admin-api.server";
import { createConfigProblemReporter, type ConfigProblemReporter } from "@/lib/admin/config-problems";
import type { Store } from "@/lib/db/store.server";
import { acceptObservations, type EnrichmentRun } from "@/lib/enrichment/enrich";
import type { EnrichmentRunOptions } from "@/lib/enrichment/providers.server";
import { catalogRequiresConsent, consentState, selectProviders, type ConsentState } from "@/lib/enrichment/select";
import { pickBest, type EnrichedValue, type EnrichmentFieldValue, type EnrichmentInput, type EnrichmentPhase, type EnrichmentProvider } from "@/lib/enrichment/types";
import { verifiedEmail } from "@/lib/enrichment/verified-email";
import { findQuestion, isEmptyValue, localize, type ProfileCatalog } from "../catalog/catalog";
import { CONSENT_QUESTION, type AttributeValue, type Provenance } from "@/lib/domain";
import { CONFIRMED_SOURCE, USER_SOURCE, mergeProfile, type UserAnswer } from "./merge";
import { DAY_MS, explainPrompt, loginKey, planPrompt, type LoginRef, type PromptExplanation, type PromptHistory, type PromptLog } from "./planner";
import { adminFailure } from "@/lib/actions/admin-failure.server";
import { failure, type ActionResult } from "@/lib/actions/result";
import {
  type ConsentSource,
  type ProfilePromptView,
  type PromptQuestion,
  type SubmitOutcome,
  type SubmitRequest,
} from "./prompt-types";
import { answerSchema, answersSchema } from "../catalog/schemas";
import { validationIssue, type ValidationIssue } from "../catalog/validation-issues";

// Its functions are properties, not methods: they are closures, passed on unbound (`now: deps.now`).
export interface ProfileServiceDeps<A extends string = string> {
  catalog: ProfileCatalog<A>;
  store: Store;
  admin: Pick<AdminApiClient, "getUser" | "updateCustomAttributes">;
  /**
   * Runs enrichment's providers for a phase, selected by the opt-out and consent given, within the
   * phase's budget; never throws (lib/enrichment/providers.server.ts's EnrichmentService.run).
   */
  enrich: (input: EnrichmentInput, options: EnrichmentRunOptions) => Promise<{ values: EnrichedValue[]; runs?: EnrichmentRun[] }>;
  /**
   * The providers behind `enrich`: their specs check the observations stored from earlier runs
   * (merged at login), their `thirdParty` says which run after consent; the consent item names the
   * third-party ones and is asked only for questions their fields serve. Default none.
   */
  providers?: readonly EnrichmentProvider[];
  /** Epoch milliseconds. */
  now: () => number;
  log?: Pick<Console, "warn" | "error">;
  /** Where configuration problems go (default: logged and recorded in `store`). */
  problems?: ConfigProblemReporter;
}

/** Where the request came from, for enrichment only (never stored). */
export interface RequestContext {
  ip?: string | null;
  clientHints?: EnrichmentInput["clientHints"];
}

type Submit = Omit<Required<SubmitRequest>, "clientHints" | "consent"> & Pick<SubmitRequest, "consent">;

const MESSAGES = {
  unknownUser: "We couldn't find your account. Sign out and sign in again.",
  consentNotOffered: "This prompt did not ask for your consent, so nothing was saved. Reload the page to see your current questions.",
  notOffered: (names: string[]) =>
    `${names.map((n) => `"${n}"`).join(", ")} ${names.length === 1 ? "was" : "were"} not asked in this prompt, so nothing was saved.`,
  invalid: "Some answers need a second look. Nothing was saved yet.",
  noPrompt: "This prompt is no longer open (it belongs to another sign-in or visit). Reload the page to see your current questions.",
  notConfigured: (labels: string[]) =>
    `We couldn't keep your ${labels.length === 1 ? "answer" : "answers"} to ${quoteList(labels)}: this app's Authgear project is not set up to store ${labels.length === 1 ? "it" : "them"} yet. Your ${labels.length === 1 ? "answer is" : "answers are"} still here; we've told the team.`,
  notConfiguredField: "This answer can't be kept yet: the team has been told. You can skip this question for now.",
  refusedValues: "Authgear did not accept some answers, so nothing was saved. They are still here: check the marked ones and save again.",
  refusedField: (kind: string) => `Authgear did not accept this value (${REFUSAL_REASONS[kind] ?? `its rule "${kind}"`}). Check it and save again.`,
} as const;

/** Authgear's ValidationFailed cause kinds (JSON-schema keywords), in words. */
const REFUSAL_REASONS: Readonly<Record<string, string>> = {
  format: "it is not in the form Authgear expects for this kind of value",
  minimum: "it is below the smallest value allowed",
  maximum: "it is above the largest value allowed",
  minLength: "it is empty",
  enum: "it is not one of the options",
  type: "it is the wrong kind of value",
};

/**
 * The fields a ValidationFailed answer names (cause locations such as `/work_phone`), each with why
 * in words, or null when the error is another one. Our rules are Authgear's (lib/authgear/), so this
 * happens only when Authgear's rules moved on (e.g. newer phone-number data than ours): the user
 * sees which answer and why and keeps it; the log line (the error's message) names the rule.
 */
function refusedFields(error: AdminApiError, isQuestion: (attribute: string) => boolean): Record<string, string> | null {
  if (error.kind !== "graphql" || error.reason !== "ValidationFailed") return null;
  const causes: unknown = error.info?.causes;
  if (!Array.isArray(causes)) return null;
  const fields: Record<string, string> = {};
  for (const cause of causes as unknown[]) {
    if (typeof cause !== "object" || cause === null) continue;
    const { location, kind } = cause as { location?: unknown; kind?: unknown };
    if (typeof location !== "string") continue;
    const attribute = location.replace(/^\//, "").split("/")[0] ?? "";
    if (!isQuestion(attribute) || Object.hasOwn(fields, attribute)) continue;
    fields[attribute] = MESSAGES.refusedField(typeof kind === "string" ? kind : "invalid");
  }
  return Object.keys(fields).length > 0 ? fields : null;
}

function quoteList(items: string[]): string {
  const quoted = items.map((i) => `“${i}”`);
  return quoted.length <= 1 ? (quoted[0] ?? "") : `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
}

/** The user's answers to these attributes did not stick: Authgear's project does not define them. */
export class AttributesNotConfiguredError extends Error {
  override name = "AttributesNotConfiguredError";
  constructor(readonly attributes: string[]) {
    super(`Authgear dropped ${attributes.map((a) => `"${a}"`).join(", ")} on write (not configured)`);
  }
}

export function createProfileService<A extends string>(deps: ProfileServiceDeps<A>) {
  const { catalog, store, admin } = deps;
  const log = deps.log ?? console;
  const thirdParty = (deps.providers ?? []).filter((p) => p.thirdParty);
  /** The catalog asks before third-party providers run, and there is one to ask about. */
  const consentInPlay = catalogRequiresConsent(catalog) && thirdParty.length > 0;
  const consentFields = [...new Set(thirdParty.flatMap((p) => Object.keys(p.fields)))];
  const consentSources: ConsentSource[] = thirdParty.map((p) => ({ name: p.name, description: p.description ?? p.name }));
  const problems = deps.problems ?? createConfigProblemReporter({ store: async () => store, log, now: deps.now });

  /** A failed write as the user sees it: the answers Authgear refused, marked, or the general failure. */
  function writeFailure(error: AdminApiError) {
    const fields = refusedFields(error, (attribute) => findQuestion(catalog, attribute) !== undefined);
    return fields
      ? failure("invalid_input", MESSAGES.refusedValues, fields, Object.fromEntries(Object.keys(fields).map((a) => [a, { key: "refusedByAuthgear" } as const])))
      : adminFailure(error);
  }

  const label = (attribute: string) => {
    const question = findQuestion(catalog, attribute);
    return question ? localize(question.label, catalog.defaultLocale, catalog.defaultLocale) : attribute;
  };

  /** The failure for answers Authgear did not keep: the message, and each field's own line. */
  const notConfigured = (error: AttributesNotConfiguredError) =>
    failure(
      "attribute_not_configured",
      MESSAGES.notConfigured(error.attributes.map(label)),
      Object.fromEntries(error.attributes.map((a) => [a, MESSAGES.notConfiguredField])),
      Object.fromEntries(error.attributes.map((a) => [a, { key: "notConfigured" } as const])),
    );

  const accepts = (attribute: string, value: AttributeValue) => {
    const question = findQuestion(catalog, attribute);
    return question ? answerSchema(question).safeParse(value).success : false;
  };

  const providers = deps.providers ?? [];
  const consentRequired = catalogRequiresConsent(catalog);
  const providerNamed = (name: string) => providers.find((p) => p.name === name);

  /** Outcomes of a fresh run that answered: the stored answer of that provider is replaced, not merged. */
  const ANSWERED = new Set(["found", "nothing", "cached", "invalid"]);

  /**
   * The observations stored from earlier runs (enrichment_run) of the providers that may run now
   * and did not answer in this run (not asked, timed out, failed), checked again against the
   * provider's current specs: a lookup after sign-up, or after consent, reaches the next prompt.
   */
  function storedValues(stored: Awaited<ReturnType<Store["enrichmentRuns"]>>, fresh: readonly EnrichmentRun[] | undefined, consent: ConsentState, now: number): EnrichedValue[] {
    const answered = new Set((fresh ?? []).filter((r) => ANSWERED.has(r.outcome)).map((r) => r.provider));
    const out: EnrichedValue[] = [];
    for (const run of stored) {
      const provider = providerNamed(run.provider);
      if (!provider || answered.has(run.provider) || run.observations.length === 0) continue;
      if (selectProviders([provider], { phase: "login", optOut: false, consent, consentRequired }).length === 0) continue;
      out.push(...acceptObservations(provider, run.observations, new Date(now)).values);
    }
    return out;
  }

  /** Stores each run as its provider's last, with what it found. */
  async function recordRuns(sub: string, result: { values: readonly EnrichedValue[]; runs?: readonly EnrichmentRun[] }, phase: EnrichmentPhase, now: number): Promise<void> {
    const runs = result.runs ?? [];
    if (runs.length === 0) return;
    await store.recordEnrichmentRuns(
      sub,
      runs.map((run) => ({
        provider: run.provider,
        ranAt: now,
        phase,
        outcome: run.outcome,
        observations: result.values.filter((v) => v.source === run.provider),
        thirdParty: providerNamed(run.provider)?.thirdParty ?? false,
      })),
    );
  }

  /**
   * Enrichment at login (the prompt, its submit): phase `login` for the user's request (IP, client
   * hints, verified email), selected by their opt-out and consent, plus the stored observations of
   * providers that did not answer fresh. `record` stores the runs (the prompt and its save; not
   * /admin's explanation); a store failure there costs the record, never the prompt.
   */
  async function enriched(sub: string, context: RequestContext, now: number, email: Promise<string | null> | string | null, record: boolean): Promise<EnrichedValue[]> {
    const [optOut, consentRecord, stored] = await Promise.all([store.enrichmentOptOut(sub), store.enrichmentConsent(sub), store.enrichmentRuns(sub)]);
    if (optOut) return [];
    const consent = consentState(consentRecord);
    const address = await email;
    const input: EnrichmentInput = { ip: context.ip ?? null, clientHints: context.clientHints ?? null, ...(address ? { email: address } : {}) };
    const result = await deps.enrich(input, { now: new Date(now), phase: "login", consent });
    if (record) {
      await recordRuns(sub, result, "login", now).catch((error: unknown) => log.warn(`[gradual] enrichment runs for ${sub} not recorded: ${(error as Error).message}`));
    }
    return [...result.values, ...storedValues(stored, result.runs, consent, now)];
  }

  /**
   * A run outside any prompt (phase after-sign-up from the user.created event, consent right after
   * the user allowed third-party sources): selected by the user's opt-out and consent, then, when it
   * found something a question takes, through THE save path (fill values written, held guesses
   * kept for the prompt); its runs recorded under the user's lock either way.
   */
  async function runAndWrite(sub: string, phase: EnrichmentPhase, input: EnrichmentInput, only?: readonly string[]): Promise<string[] | null> {
    const now = deps.now();
    const [optOut, consentRecord] = await Promise.all([store.enrichmentOptOut(sub), store.enrichmentConsent(sub)]);
    if (optOut) return [];
    const result = await deps.enrich(input, { now: new Date(now), phase, consent: consentState(consentRecord), ...(only ? { only } : {}) });
    const asked = result.values.some((v) => catalog.questions.some((q) => q.enrichment?.field === v.field));
    if (!asked) {
      await store.withUserLock(sub, () => recordRuns(sub, result, phase, now));
      return [];
    }
    return mergeAndWrite(sub, {}, result.values, now, async (merged) => {
      await recordRuns(sub, result, phase, now);
      return merged.changed;
    });
  }

  async function history(sub: string): Promise<PromptHistory> {
    const out: Record<string, PromptHistory[string]> = {};
    for (const s of await store.questionStates(sub)) out[s.attribute] = s;
    return out;
  }

  /**
   * Confirm-mode attributes holding a guess the user has not confirmed: the prompt treats them as
   * unanswered and offers the guess. (The value is the one the record describes, so a value somebody
   * changed since, in the Portal say, is no guess any more.)
   */
  function unconfirmedGuesses(attributes: Record<string, unknown>, provenance: Record<string, Provenance>) {
    const guesses = new Map<string, { value: AttributeValue; source: string }>();
    for (const q of catalog.questions) {
      if (q.enrichment?.mode !== "confirm") continue;
      const value = attributes[q.attribute];
      const record = provenance[q.attribute];
      if (isEmptyValue(value) || !record || record.confirmed) continue;
      if (record.source === USER_SOURCE || record.source === CONFIRMED_SOURCE) continue;
      if (record.value !== undefined && record.value !== value) continue;
      guesses.set(q.attribute, { value: value as AttributeValue, source: record.source });
    }
    return guesses;
  }

  /**
   * The consent item is wanted: the catalog asks, a third-party provider is built, the user has
   * neither opted out of enrichment nor decided yet (the planner then checks a question it serves).
   */
  async function consentWanted(sub: string): Promise<boolean> {
    if (!consentInPlay) return false;
    const [optOut, decision] = await Promise.all([store.enrichmentOptOut(sub), store.enrichmentConsent(sub)]);
    return !optOut && decision === null;
  }

  /** Enrichment's best current value per field: the planner's facts for `when.enriched`. */
  function factsOf(values: readonly EnrichedValue[]): Record<string, EnrichmentFieldValue> {
    const facts: Record<string, EnrichmentFieldValue> = {};
    for (const [field, best] of Object.entries(pickBest(values))) if (best) facts[field] = best.value;
    return facts;
  }

  /** Everything the planner needs, read once: Authgear (one read), the store, enrichment. */
  async function situation(login: LoginRef, context: RequestContext, now: number, record: boolean) {
    const signIn = loginKey(login);
    const reading = admin.getUser(login.sub);
    const email = reading.then((u) => verifiedEmail(u?.standardAttributes), () => null);
    const [user, questionHistory, prompts, provenance, values, problems, askConsent] = await Promise.all([
      reading,
      history(login.sub),
      store.signInPrompts(login.sub, signIn),
      store.provenance(login.sub),
      enriched(login.sub, context, now, email, record),
      store.configProblems(),
      consentWanted(login.sub),
    ]);
    if (!user) return null;
    // What the user's attributes will be once pending enrichment is written (with the next save):
    // a question enrichment can fill is not asked.
    const pending = mergeProfile({ questions: catalog.questions, attributes: user.customAttributes, provenance, enriched: values, now: new Date(now), accepts });
    const guesses = unconfirmedGuesses(pending.attributes, { ...provenance, ...pending.provenance });
    // Suggestions Gradual holds until the user confirms them: the attribute is empty, the guess is offered.
    for (const s of pending.suggestions) if (s.held && !guesses.has(s.attribute)) guesses.set(s.attribute, { value: s.value, source: s.source });
    const planning: Record<string, unknown> = { ...pending.attributes };
    for (const attribute of guesses.keys()) delete planning[attribute];
    const input = {
      catalog,
      attributes: planning,
      history: questionHistory,
      login,
      promptLog: Object.fromEntries(prompts.map((p) => [p.loginKey, p])) as PromptLog,
      now,
      facts: factsOf(values),
      ...(askConsent ? { consent: { fields: consentFields } } : {}),
      // Dropped by Authgear within the last day and not fixed since (a write that stuck resolves it).
      notConfigured: problems
        .filter((p) => p.kind === "attribute_not_configured" && p.resolvedAt === null && now - p.lastSeenAt < DAY_MS)
        .map((p) => p.subject),
    };
    return { signIn, input, guesses, phoneCountry: phoneCountry(pending.attributes, values) };
  }

  /**
   * Where a phone question's country selector starts: the user's country attribute (confirmed, or
   * filled by enrichment with this save), else the country enrichment estimates now.
   */
  function phoneCountry(attributes: Record<string, unknown>, values: readonly EnrichedValue[]): string | undefined {
    for (const q of catalog.questions) {
      const value = attributes[q.attribute];
      if (q.type === "alpha2" && typeof value === "string" && value !== "") return value;
    }
    const country = pickBest(values).country?.value;
    return typeof country === "string" && country !== "" ? country : undefined;
  }

  /**
   * THE save path (prompt and profile page alike): holding the user's save lock, re-read the user
   * from Authgear, merge answers with enrichment, write the whole custom-attributes object once
   * (only when something changed), compare what Authgear kept with what was sent, store provenance
   * of what was kept, then run `after` (still under the lock).
   * Returns null when the user no longer exists. Admin API failures propagate as AdminApiError;
   * answers Authgear dropped as AttributesNotConfiguredError, after the rest of the write (which
   * Authgear kept: the other answers and enrichment) has its provenance and `after` has NOT run.
   */
  async function mergeAndWrite<T>(
    sub: string,
    answers: Record<string, UserAnswer>,
    enrichment: readonly EnrichedValue[] | ((user: AdminUser) => Promise<readonly EnrichedValue[]>),
    now: number,
    after: (merged: ReturnType<typeof mergeProfile>) => Promise<T>,
  ): Promise<T | null> {
    return store.withUserLock(sub, async () => {
      const user = await admin.getUser(sub);
      if (!user) return null;
      const [provenance, values] = await Promise.all([store.provenance(sub), typeof enrichment === "function" ? enrichment(user) : enrichment]);
      const merged = mergeProfile({
        questions: catalog.questions,
        attributes: user.customAttributes,
        provenance,
        answers,
        enriched: values,
        now: new Date(now),
        accepts,
      });
      let dropped: string[] = [];
      if (merged.changed.length > 0) {
        const written = await admin.updateCustomAttributes(sub, merged.attributes);
        dropped = await problems.afterWrite(merged.attributes, written.customAttributes);
      }
      const keptProvenance = Object.fromEntries(Object.entries(merged.provenance).filter(([attribute]) => !dropped.includes(attribute)));
      await store.writeProvenance(sub, keptProvenance);
      const unkept = dropped.filter((attribute) => answers[attribute] !== undefined && answers[attribute].value !== null);
      if (unkept.length > 0) throw new AttributesNotConfiguredError(unkept);
      return after(merged);
    });
  }

  /**
   * The user's answer to the consent question, with its time (the caller holds the user's lock). A
   * no, or a withdrawal, also forgets what the third-party providers found for the user (the store
   * deletes their runs, which hold their held suggestions).
   */
  async function recordConsent(sub: string, granted: boolean, now: number): Promise<void> {
    await store.setEnrichmentConsent(sub, granted, now);
  }

  /** After a yes: the consent phase's lookups, started without waiting for them (runAfterConsent never rejects; it logs). */
  function startAfterConsent(sub: string, context: RequestContext = {}): void {
    void service.runAfterConsent(sub, context);
  }

  const service = {
    /** This visit's prompt: decides (or resumes) it and records that it was shown. */
    async prompt(login: LoginRef, context: RequestContext = {}): Promise<ActionResult<{ prompt: ProfilePromptView }>> {
      const now = deps.now();
      try {
        const s = await situation(login, context, now, true);
        if (!s) return failure("unauthenticated", MESSAGES.unknownUser);
        const plan = planPrompt(s.input);
        const attributes = plan.ask.map((a) => a.attribute);
        if (plan.state === "new" && attributes.length > 0) await store.recordPromptShown(login.sub, plan.loginKey, attributes, now, s.signIn);
        const questions: PromptQuestion[] = attributes.map((attribute) => {
          if (attribute === CONSENT_QUESTION) return { attribute, consent: { sources: consentSources } };
          const question: PromptQuestion = { attribute };
          const suggestion = s.guesses.get(attribute);
          if (suggestion) question.suggestion = suggestion;
          if (s.phoneCountry && findQuestion(catalog, attribute)?.type === "phone_number") question.phoneCountry = s.phoneCountry;
          return question;
        });
        return { ok: true, prompt: { loginKey: plan.loginKey, questions } };
      } catch (error) {
        if (error instanceof AdminApiError) {
          log.warn(`[gradual] prompt for ${login.sub}: Admin API ${error.kind}: ${error.message}`);
          return adminFailure(error);
        }
        throw error;
      }
    },

    /** The planner's decision for this user with its reasons (support, /admin), now or `at` (epoch ms); records nothing. */
    async explain(login: LoginRef, at: number = deps.now()): Promise<PromptExplanation<A> | null> {
      const s = await situation(login, {}, at, false);
      return s ? explainPrompt(s.input) : null;
    },

    /** Saves a prompt's answers, skips and declines (see the file comment for the order of checks). */
    async submit(login: LoginRef, request: Submit, context: RequestContext = {}): Promise<ActionResult<{ outcome: SubmitOutcome }>> {
      const sub = login.sub;
      const earlier = await store.submissionOutcome<SubmitOutcome>(sub, request.submissionId);
      if (earlier) return { ok: true, outcome: earlier };

      // The prompt must be one of this user's (a loginKey starts with the user's sub).
      if (!request.loginKey.startsWith(`${sub}:`)) return failure("not_offered", MESSAGES.noPrompt);
      const prompt = await store.loginPrompt(sub, request.loginKey);
      if (!prompt) return failure("not_offered", MESSAGES.noPrompt);
      const offered = prompt.attributes;

      const mentioned = [...Object.keys(request.answers), ...request.confirmed, ...request.skipped, ...request.declined];
      const notOffered = [...new Set(mentioned.filter((a) => !offered.includes(a)))];
      if (notOffered.length > 0) return failure("not_offered", MESSAGES.notOffered(notOffered));
      const consent = request.consent;
      if (consent !== undefined && !offered.includes(CONSENT_QUESTION)) return failure("not_offered", MESSAGES.consentNotOffered);

      const parsed = answersSchema(catalog, offered.filter((a) => a !== CONSENT_QUESTION) as A[]).safeParse(request.answers);
      if (!parsed.success) {
        const fieldErrors: Record<string, string> = {};
        const fieldIssues: Record<string, ValidationIssue> = {};
        for (const issue of parsed.error.issues) {
          const attribute = String(issue.path[0] ?? "");
          if (!attribute || fieldErrors[attribute]) continue;
          fieldErrors[attribute] = issue.message;
          const question = findQuestion(catalog, attribute);
          if (question) fieldIssues[attribute] = validationIssue(issue, question.type);
        }
        return failure("invalid_input", MESSAGES.invalid, fieldErrors, fieldIssues);
      }
      const answers = parsed.data as Record<string, AttributeValue | undefined>;
      // The consent item is answered by `consent`; left without one it is skipped ("Not now"), like a blank question.
      const answered = offered.filter((a) => (a === CONSENT_QUESTION ? consent !== undefined : answers[a] !== undefined));
      const conflicting = answered.filter((a) => request.skipped.includes(a) || request.declined.includes(a));
      if (conflicting.length > 0) {
        return failure(
          "invalid_input",
          MESSAGES.invalid,
          Object.fromEntries(conflicting.map((a) => [a, "Answered and skipped at once: choose one"])),
          Object.fromEntries(conflicting.map((a) => [a, { key: "answeredAndSkipped" } as const])),
        );
      }
      const unconfirmable = request.confirmed.filter((a) => answers[a] === undefined);
      if (unconfirmable.length > 0) {
        return failure(
          "invalid_input",
          MESSAGES.invalid,
          Object.fromEntries(unconfirmable.map((a) => [a, "Confirmed without a value"])),
          Object.fromEntries(unconfirmable.map((a) => [a, { key: "confirmedWithoutValue" } as const])),
        );
      }
      const declined = offered.filter((a) => request.declined.includes(a));
      // A question left blank on Save counts as skipped, like pressing Skip.
      const skipped = offered.filter((a) => !answered.includes(a) && !declined.includes(a));

      const now = deps.now();
      // Enrichment with the user as this save reads them (their verified email), under the save's lock.
      const values = (user: AdminUser) => enriched(sub, context, now, verifiedEmail(user.standardAttributes), true);
      try {
        const userAnswers: Record<string, UserAnswer> = {};
        for (const a of answered) {
          const value = answers[a];
          if (value !== undefined) userAnswers[a] = { value, confirmed: request.confirmed.includes(a) };
        }
        const outcome = await mergeAndWrite(sub, userAnswers, values, now, async (merged): Promise<SubmitOutcome> => {
          if (consent !== undefined) await recordConsent(sub, consent === "granted", now);
          const position = (a: string) => offered.indexOf(a);
          await store.recordOutcomes(
            sub,
            request.loginKey,
            [
              ...answered.map((attribute) => ({ attribute, outcome: "answered" as const, position: position(attribute) })),
              ...skipped.map((attribute) => ({ attribute, outcome: "skipped" as const, position: position(attribute) })),
              ...declined.map((attribute) => ({ attribute, outcome: "declined" as const, position: position(attribute) })),
            ],
            now,
          );
          await store.recordPromptFinished(sub, request.loginKey, now);
          const result: SubmitOutcome = { answered, skipped, declined, changed: merged.changed };
          await store.recordSubmission(sub, request.submissionId, result, now);
          return result;
        });
        if (!outcome) return failure("unauthenticated", MESSAGES.unknownUser);
        if (consent === "granted") startAfterConsent(sub, context);
        return { ok: true, outcome };
      } catch (error) {
        if (error instanceof AttributesNotConfiguredError) return notConfigured(error);
        if (error instanceof AdminApiError) {
          log.warn(`[gradual] save for ${sub}: Admin API ${error.kind}: ${error.message}`);
          return writeFailure(error);
        }
        throw error;
      }
    },

    /**
     * Saves values outside the prompt (the profile page): each value is validated with its catalog
     * schema (null clears the attribute), then goes through the same merge and whole-object write.
     * No enrichment is applied here: the user is editing what they see.
     */
    async saveValues(sub: string, values: Record<string, AttributeValue | null>): Promise<ActionResult<{ changed: string[] }>> {
      const fieldErrors: Record<string, string> = {};
      const fieldIssues: Record<string, ValidationIssue> = {};
      const answers: Record<string, UserAnswer> = {};
      for (const [attribute, value] of Object.entries(values)) {
        const question = findQuestion(catalog, attribute);
        if (!question) {
          fieldErrors[attribute] = "Not a profile question";
          continue;
        }
        if (value === null) {
          answers[attribute] = { value: null };
          continue;
        }
        const checked = answerSchema(question).safeParse(value);
        if (checked.success) {
          answers[attribute] = { value: checked.data };
          continue;
        }
        const issue = checked.error.issues[0];
        fieldErrors[attribute] = issue?.message ?? "Invalid value";
        fieldIssues[attribute] = issue ? validationIssue(issue, question.type) : { key: "invalid" };
      }
      if (Object.keys(fieldErrors).length > 0) {
        return failure("invalid_input", MESSAGES.invalid, fieldErrors, Object.keys(fieldIssues).length > 0 ? fieldIssues : undefined);
      }
      const now = deps.now();
      try {
        const changed = await mergeAndWrite(sub, answers, [], now, async (merged) => {
          const answered = Object.entries(answers).flatMap(([a, answer]) => (answer.value === null ? [] : [a]));
          if (answered.length > 0) await store.recordOutcomes(sub, null, answered.map((attribute) => ({ attribute, outcome: "answered" as const, position: null })), now);
          return merged.changed;
        });
        if (!changed) return failure("unauthenticated", MESSAGES.unknownUser);
        return { ok: true, changed };
      } catch (error) {
        if (error instanceof AttributesNotConfiguredError) return notConfigured(error);
        if (error instanceof AdminApiError) {
          log.warn(`[gradual] profile edit for ${sub}: Admin API ${error.kind}: ${error.message}`);
          return writeFailure(error);
        }
        throw error;
      }
    },

    /**
     * Writes enrichment for an existing user outside any prompt (the webhook's user.authenticated):
     * the same save path with no answers. The attributes that changed, or null when the user is
     * gone. Admin API failures propagate (the webhook logs them).
     */
    async enrichAndWrite(sub: string, values: readonly EnrichedValue[]): Promise<string[] | null> {
      return mergeAndWrite(sub, {}, values, deps.now(), async (merged) => merged.changed);
    },

    /**
     * A run for an existing user outside any prompt (the webhook's user.created: phase
     * after-sign-up, every selected provider, remote ones within their own budgets): its fill values
     * through the save path, its runs recorded. The attributes that changed, or null when the user is gone.
     */
    async enrichUser(sub: string, phase: "after-sign-up" | "consent", input: EnrichmentInput): Promise<string[] | null> {
      return runAndWrite(sub, phase, input);
    },

    /**
     * Right after the user allowed third-party sources: runs them (phase consent) with the user's
     * verified email, records the runs and writes fill values, in the background. The caller (the
     * consent action) does not wait: the promise never rejects, a failure is logged.
     */
    runAfterConsent(sub: string, context: RequestContext = {}): Promise<void> {
      const thirdParty = providers.filter((p) => p.thirdParty).map((p) => p.name);
      if (thirdParty.length === 0) return Promise.resolve();
      return (async () => {
        const user = await admin.getUser(sub);
        if (!user) return;
        const email = verifiedEmail(user.standardAttributes);
        await runAndWrite(sub, "consent", { ip: context.ip ?? null, clientHints: context.clientHints ?? null, ...(email ? { email } : {}) }, thirdParty);
      })().catch((error: unknown) => {
        log.error(`[gradual] enrichment after consent for ${sub}: ${error instanceof Error ? error.message : String(error)}`);
      });
    },

    /** The user closed the prompt ("Not now"): it does not come back in this visit. */
    async dismiss(login: LoginRef, key: string): Promise<ActionResult<{ dismissed: true }>> {
      if (!key.startsWith(`${login.sub}:`)) return failure("not_offered", MESSAGES.noPrompt);
      await store.recordPromptDismissed(login.sub, key, deps.now());
      return { ok: true, dismissed: true };
    },

    /**
     * The user's consent to third-party sources, given or withdrawn outside the prompt (/profile's
     * setMyEnrichmentConsent): recorded with its time under the user's lock; a yes starts the consent
     * phase's lookups without waiting, a withdrawal forgets what those sources found.
     */
    async setConsent(sub: string, granted: boolean): Promise<void> {
      const now = deps.now();
      await store.withUserLock(sub, () => recordConsent(sub, granted, now));
      if (granted) startAfterConsent(sub);
    },
  };
  return service;
}

export type ProfileService = ReturnType<typeof createProfileService>;
