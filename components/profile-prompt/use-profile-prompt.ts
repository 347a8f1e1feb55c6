"use client";
/**
 * The profile prompt without its looks: loads this login's questions, keeps the user's choices
 * (answer, skip, don't ask again, confirm a guess), validates with the catalog's schemas
 * (react-hook-form + zodResolver), saves through the Server Actions, and never loses what was typed:
 * the draft (typed values, skips, declines, confirmations) lives in session storage until it is
 * saved, so a failed save, a reload or an expired session keeps it, and Retry re-sends it with the
 * same submission id (applied once). When every question is decided by a tap (skipped, declined,
 * confirmed), the prompt saves itself (prompt-progress.ts).
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useForm, type UseFormReturn } from "react-hook-form";
import { useLocale } from "use-intl";
import { loadPhoneRule } from "#kit/phone-rule";
import { collectClientHints } from "@/lib/enrichment/client-hints";
import { findQuestion, type ProfileCatalog, type Question } from "@/lib/catalog/catalog";
import { promptFormSchema, type PromptFormOutput, type PromptFormValues } from "@/lib/prompt/form";
import type { ActionError, ActionResult } from "@/lib/actions/result";
import type { ProfilePromptView, PromptQuestion, SubmitOutcome } from "@/lib/prompt/prompt-types";
import { formField, type FormField } from "@/lib/catalog/schemas";
import { encodeValidationIssue } from "@/lib/catalog/validation-issues";
import type { ProfilePromptActions } from "@/components/actions";
import { consentSubmission, findConsentItem, isConsentChoice, type ConsentChoice, type ConsentSource } from "./consent-item";
import { askForProfilePrompt, takeEarlyProfilePrompt } from "./early-prompt";
import { autoSaveKey, type QuestionChoice } from "./prompt-progress";

/** What the user chose for one question; the consent item's tap. */
export type { QuestionChoice, ConsentChoice };

/**
 * The consent item, when this prompt asks it (consent-item.ts): may third-party sources look the
 * user up? Not a catalog question: three taps and no field.
 */
export interface PromptConsent {
  /** Its name among the prompt's questions (`@consent`). */
  attribute: string;
  /** Its place among the prompt's questions (the items' order, the server's). */
  index: number;
  /** The sources it asks about, as the server names them. */
  sources: readonly ConsentSource[];
  /** The user's tap; null while untouched. */
  choice: ConsentChoice | null;
}

export interface PromptItem {
  question: Question;
  field: FormField;
  /** A guess to confirm with one tap. */
  suggestion?: PromptQuestion["suggestion"] & { label: string };
  choice: QuestionChoice;
  /** The user tapped "Yes" on the suggestion. */
  confirmed: boolean;
  /** For a phone question: the country its selector starts on, when the server knows the user's. */
  phoneCountry?: string;
}

export type PromptStatus =
  /** Fetching this login's questions. */
  | "loading"
  /** Nothing to ask (or the prompt was closed): render nothing. */
  | "hidden"
  | "open"
  | "saving"
  /** Saved: show the short confirmation, then hide. */
  | "saved"
  /** The questions could not be loaded; `error` says why, `reload()` tries again. */
  | "unavailable";

export interface UseProfilePromptOptions {
  /** The signed-in user's Authgear access token (e.g. `useSession().accessToken`). */
  getAccessToken: () => Promise<string>;
  /** The app's question catalog (the one its Server Actions were created with). */
  catalog: ProfileCatalog;
  /** The Server Actions, from the app's own "use server" module. */
  actions: ProfilePromptActions;
  /**
   * The locale of the catalog's texts (labels, options) and country names; default: the nearest
   * IntlProvider's (use-intl's `useLocale()`), the language the prompt's words are in.
   */
  locale?: string;
  onSaved?: (outcome: SubmitOutcome) => void;
  onSkipped?: (attributes: string[]) => void;
  onDismissed?: () => void;
  /** How long the confirmation stays before the prompt goes away; default 4000 ms. */
  confirmationMs?: number;
}

export interface ProfilePromptController {
  status: PromptStatus;
  items: PromptItem[];
  form: UseFormReturn<PromptFormValues, unknown, PromptFormOutput>;
  /** The last failure (load or save), with a message a person understands. */
  error: ActionError | null;
  outcome: SubmitOutcome | null;
  /** The consent item, when this prompt asks it. */
  consent: PromptConsent | null;
  /** The consent decision this prompt saved ("granted" once the user allowed the sources and it was saved). */
  savedConsent: ConsentChoice | null;
  /** The locale of the labels and country names. */
  locale: string;
  choose(attribute: string, choice: QuestionChoice): void;
  /** A tap on the consent item (null: Undo). */
  chooseConsent(choice: ConsentChoice | null): void;
  /** "Yes" on a suggestion: the guess becomes the answer, confirmed. */
  confirm(attribute: string): void;
  /** "Change" on a suggestion: an ordinary field, pre-filled with the guess. */
  change(attribute: string): void;
  /** Validates and saves; also what Retry calls (the same submission id until it succeeds). */
  submit(): Promise<void>;
  dismiss(): Promise<void>;
  reload(): void;
}

interface Draft {
  values: PromptFormValues;
  choices: Record<string, QuestionChoice>;
  confirmed: string[];
  /** The consent item's tap. */
  consent: ConsentChoice | null;
  /** Suggestions the user set aside with "Change" (their own answer is in `values`). */
  changed: string[];
  submissionId: string;
}

const DRAFT_PREFIX = "gradual:profile-prompt:";

function newSubmissionId(): string {
  return crypto.randomUUID().replaceAll("-", "");
}

function readDraft(loginKey: string): Draft | null {
  try {
    const raw = window.sessionStorage.getItem(DRAFT_PREFIX + loginKey);
    if (!raw) return null;
    // Whatever is stored is checked before use: storage can hold anything.
    const draft = JSON.parse(raw) as Partial<Record<keyof Draft, unknown>>;
    if (typeof draft.submissionId !== "string" || typeof draft.values !== "object" || draft.values === null) return null;
    return {
      values: draft.values as PromptFormValues,
      choices: (draft.choices ?? {}) as Draft["choices"],
      confirmed: Array.isArray(draft.confirmed) ? (draft.confirmed as string[]) : [],
      consent: isConsentChoice(draft.consent) ? draft.consent : null,
      changed: Array.isArray(draft.changed) ? draft.changed.filter((a): a is string => typeof a === "string") : [],
      submissionId: draft.submissionId,
    };
  } catch {
    return null; // storage disabled or corrupt: start afresh
  }
}

/** The question without its suggestion (the user chose "Change": their own answer now). */
function withoutSuggestion(question: PromptQuestion): PromptQuestion {
  const { suggestion: _setAside, ...rest } = question;
  return rest;
}

function writeDraft(loginKey: string, draft: Draft | null): void {
  try {
    if (draft) window.sessionStorage.setItem(DRAFT_PREFIX + loginKey, JSON.stringify(draft));
    else window.sessionStorage.removeItem(DRAFT_PREFIX + loginKey);
  } catch {
    // storage full or disabled: the form still works, only a reload would lose the draft
  }
}

function formatSuggestion(field: FormField, value: string | number): string {
  const option = field.options?.find((o) => o.value === String(value));
  return option?.label ?? String(value);
}

/** The failure when the server could not be reached at all (the prompt words it as such). */
export const UNREACHABLE: ActionError = { code: "internal", message: "We couldn't reach the server. Check your connection; your answers are kept here. Try again." };

/** Network failures of the action call itself (offline, server down) as an ActionError. */
async function call<T>(run: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await run();
  } catch {
    return { ok: false, error: UNREACHABLE };
  }
}

export function useProfilePrompt(options: UseProfilePromptOptions): ProfilePromptController {
  const { catalog, actions } = options;
  const confirmationMs = options.confirmationMs ?? 4_000;
  const callbacks = useRef(options);
  callbacks.current = options;

  const [status, setStatus] = useState<PromptStatus>("loading");
  const [view, setView] = useState<ProfilePromptView | null>(null);
  const intlLocale = useLocale();
  const locale = options.locale ?? intlLocale;
  const [choices, setChoices] = useState<Record<string, QuestionChoice>>({});
  const [confirmed, setConfirmed] = useState<string[]>([]);
  const [consentChoice, setConsentChoice] = useState<ConsentChoice | null>(null);
  const [changed, setChanged] = useState<string[]>([]);
  const [savedConsent, setSavedConsent] = useState<ConsentChoice | null>(null);
  const [error, setError] = useState<ActionError | null>(null);
  const [outcome, setOutcome] = useState<SubmitOutcome | null>(null);
  const [attempt, setAttempt] = useState(0);
  const submissionId = useRef<string>("");

  const questions = useMemo(
    () => (view?.questions ?? []).map((q) => findQuestion(catalog, q.attribute)).filter((q): q is Question => q !== undefined),
    [view, catalog],
  );
  const answering = useMemo(() => questions.filter((q) => (choices[q.attribute] ?? "answer") === "answer"), [questions, choices]);
  const resolver = useMemo(() => zodResolver(promptFormSchema(answering)), [answering]);
  const form = useForm<PromptFormValues, unknown, PromptFormOutput>({ resolver, mode: "onSubmit", reValidateMode: "onChange", shouldFocusError: true });

  // Load this login's questions (again on reload()).
  useEffect(() => {
    const run = { cancelled: false };
    setStatus("loading");
    setError(null);
    void (async () => {
      // The sign-in callback may have asked already, with the same action (early-prompt.ts).
      const early = attempt === 0 ? takeEarlyProfilePrompt(actions.getProfilePrompt) : null;
      const result = await call(() => early ?? askForProfilePrompt(actions.getProfilePrompt, () => callbacks.current.getAccessToken()));
      if (run.cancelled) return;
      if (!result.ok) {
        setError(result.error);
        setStatus("unavailable");
        return;
      }
      const prompt = result.prompt;
      // The catalog's questions this page knows, and the consent item (no catalog question of its own).
      const known = prompt.questions.filter((q) => findQuestion(catalog, q.attribute));
      const consentItem = findConsentItem(prompt.questions);
      if (known.length === 0 && !consentItem) {
        setStatus("hidden");
        return;
      }
      const draft = readDraft(prompt.loginKey);
      submissionId.current = draft?.submissionId ?? newSubmissionId();
      const values: PromptFormValues = {};
      for (const q of known) values[q.attribute] = draft?.values[q.attribute] ?? "";
      form.reset(values);
      setChoices(draft?.choices ?? {});
      setConfirmed(draft?.confirmed ?? []);
      setConsentChoice(draft?.consent ?? null);
      setChanged(draft?.changed ?? []);
      // A suggestion set aside with "Change" before a reload stays aside: the typed answer is in the draft.
      const changed = new Set(draft?.changed ?? []);
      setView({
        ...prompt,
        questions: prompt.questions
          .filter((q, i) => i === consentItem?.index || findQuestion(catalog, q.attribute))
          .map((q) => (changed.has(q.attribute) ? withoutSuggestion(q) : q)),
      });
      setStatus("open");
    })();
    return () => {
      run.cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load once per attempt
  }, [attempt]);

  // Keep the draft in session storage while the prompt is open. watch() re-renders on every change,
  // which is what this needs; the rule warns that React Compiler cannot memoise around it, and this
  // app does not use React Compiler (next.config.mjs has no reactCompiler), so nothing is lost.
  // eslint-disable-next-line react-hooks/incompatible-library -- see above
  const values = form.watch();
  const serializedValues = JSON.stringify(values);
  useEffect(() => {
    if (!view || (status !== "open" && status !== "saving")) return;
    writeDraft(view.loginKey, { values: JSON.parse(serializedValues) as PromptFormValues, choices, confirmed, consent: consentChoice, changed, submissionId: submissionId.current });
  }, [view, status, serializedValues, choices, confirmed, consentChoice, changed]);

  // Saved: the confirmation stays a moment, then the prompt goes away.
  useEffect(() => {
    if (status !== "saved") return;
    const timer = window.setTimeout(() => setStatus("hidden"), confirmationMs);
    return () => window.clearTimeout(timer);
  }, [status, confirmationMs]);

  const items: PromptItem[] = useMemo(
    () =>
      questions.map((question) => {
        const field = formField(question, locale, catalog.defaultLocale);
        const offered = view?.questions.find((q) => q.attribute === question.attribute);
        const raw = offered?.suggestion;
        const item: PromptItem = { question, field, choice: choices[question.attribute] ?? "answer", confirmed: confirmed.includes(question.attribute) };
        if (raw) item.suggestion = { ...raw, label: formatSuggestion(field, raw.value) };
        if (offered?.phoneCountry) item.phoneCountry = offered.phoneCountry;
        return item;
      }),
    [questions, locale, catalog.defaultLocale, view, choices, confirmed],
  );

  const consent: PromptConsent | null = useMemo(() => {
    const found = view ? findConsentItem(view.questions) : null;
    if (!view || !found) return null;
    // Its place among the items: the catalog questions before it in the server's order.
    const index = view.questions.slice(0, found.index).filter((q) => findQuestion(catalog, q.attribute)).length;
    return { attribute: found.attribute, index, sources: found.offer.sources, choice: consentChoice };
  }, [view, catalog, consentChoice]);

  const chooseConsent = useCallback((choice: ConsentChoice | null) => setConsentChoice(choice), []);

  const choose = useCallback(
    (attribute: string, choice: QuestionChoice) => {
      setChoices((c) => ({ ...c, [attribute]: choice }));
      if (choice !== "answer") {
        form.clearErrors(attribute);
        setConfirmed((c) => c.filter((a) => a !== attribute));
      }
    },
    [form],
  );

  const confirm = useCallback(
    (attribute: string) => {
      const suggestion = view?.questions.find((q) => q.attribute === attribute)?.suggestion;
      if (!suggestion) return;
      form.setValue(attribute, String(suggestion.value), { shouldDirty: true });
      setChoices((c) => ({ ...c, [attribute]: "answer" }));
      setConfirmed((c) => (c.includes(attribute) ? c : [...c, attribute]));
    },
    [form, view],
  );

  const change = useCallback(
    (attribute: string) => {
      const suggestion = view?.questions.find((q) => q.attribute === attribute)?.suggestion;
      setConfirmed((c) => c.filter((a) => a !== attribute));
      setChoices((c) => ({ ...c, [attribute]: "answer" }));
      if (suggestion && !form.getValues(attribute)) form.setValue(attribute, String(suggestion.value));
      // Hide the suggestion: the user is typing their own answer now (kept so across a reload: the draft).
      setChanged((c) => (c.includes(attribute) ? c : [...c, attribute]));
      setView((v) => (v ? { ...v, questions: v.questions.map((q) => (q.attribute === attribute ? withoutSuggestion(q) : q)) } : v));
    },
    [form, view],
  );

  const save = useCallback(
    async (answers: PromptFormOutput) => {
      if (!view) return;
      setStatus("saving");
      setError(null);
      const clean: Record<string, string | number> = {};
      for (const [attribute, value] of Object.entries(answers)) if (value !== undefined) clean[attribute] = value;
      const pick = (choice: QuestionChoice) => questions.map((q) => q.attribute).filter((a) => (choices[a] ?? "answer") === choice);
      const decided = consent ? consentSubmission(consent.attribute, consent.choice) : { skipped: [] };
      const request = {
        submissionId: submissionId.current,
        loginKey: view.loginKey,
        answers: clean,
        confirmed: confirmed.filter((a) => clean[a] !== undefined && String(clean[a]) === String(view.questions.find((q) => q.attribute === a)?.suggestion?.value)),
        skipped: [...pick("skip"), ...decided.skipped],
        declined: pick("decline"),
        ...(decided.consent ? { consent: decided.consent } : {}),
        clientHints: collectClientHints(),
      };
      const result = await call(async () => actions.submitProfileAnswers(await callbacks.current.getAccessToken(), request));
      if (!result.ok) {
        setError(result.error);
        // The server's refusal per field, in the user's language when it names the message (fieldIssues).
        const { fieldErrors = {}, fieldIssues = {} } = result.error;
        for (const attribute of new Set([...Object.keys(fieldIssues), ...Object.keys(fieldErrors)])) {
          if (!(attribute in answers)) continue;
          const issue = fieldIssues[attribute];
          const message = issue ? encodeValidationIssue(issue) : (fieldErrors[attribute] as string);
          form.setError(attribute, { type: "server", message }, { shouldFocus: true });
        }
        setStatus("open");
        return;
      }
      writeDraft(view.loginKey, null);
      setSavedConsent(consent?.choice ?? null);
      setOutcome(result.outcome);
      setStatus("saved");
      callbacks.current.onSaved?.(result.outcome);
      const skipped = [...result.outcome.skipped, ...result.outcome.declined];
      if (skipped.length > 0) callbacks.current.onSkipped?.(skipped);
    },
    [view, questions, choices, confirmed, consent, actions, form],
  );

  // A phone answer is checked with libphonenumber's metadata, which browsers load only for a phone
  // question (its control starts the download, phone-question.tsx); Save waits for it.
  const phoneAsked = answering.some((q) => q.type === "phone_number");

  const submit = useCallback(async () => {
    if (phoneAsked) {
      try {
        await loadPhoneRule();
      } catch {
        setError(UNREACHABLE); // the phone rule's code did not download
        return;
      }
    }
    await form.handleSubmit(save)();
  }, [form, save, phoneAsked]);

  const dismiss = useCallback(async () => {
    if (!view) return;
    setStatus("hidden");
    writeDraft(view.loginKey, null);
    callbacks.current.onDismissed?.();
    // Best effort: if it fails, the prompt may come back on reload, which loses nothing.
    await call(async () => actions.dismissProfilePrompt(await callbacks.current.getAccessToken(), { loginKey: view.loginKey }));
  }, [view, actions]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  // Every question decided by a tap (or restored so from the draft after a reload): save those
  // choices now, once per set of choices; a failed attempt waits for Retry (or a new choice).
  const decided = useMemo(() => autoSaveKey(items, consent), [items, consent]);
  const autoSaved = useRef<string | null>(null);
  useEffect(() => {
    if (status !== "open" || decided === autoSaved.current) return;
    autoSaved.current = decided;
    if (decided) void submit();
  }, [status, decided, submit]);

  return { status, items, form, error, outcome, consent, savedConsent, locale, choose, chooseConsent, confirm, change, submit, dismiss, reload };
}
