"use client";
/**
 * <ProfilePrompt />: the one or two questions of this login, as a titled region in the page
 * ("inline") or a non-modal dialog in the corner ("dialog"). Neither blocks the page. Built on
 * useProfilePrompt; labels, class names and callbacks can be set by the embedding app.
 */
import { Fragment, useEffect, useId, useRef, type ReactNode } from "react";
import { CatalogField } from "@/components/catalog-field/catalog-field";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import type { AbstractIntlMessages } from "use-intl";
import { confirmSentence } from "@/lib/catalog/catalog";
import { useActionErrorText } from "@/lib/i18n/action-error";
import { GradualIntlProvider } from "@/lib/i18n/intl-provider";
import { DEFAULT_LOCALE } from "@/lib/i18n/locales";
import { useKitTranslations, type KitKey } from "@/lib/i18n/use-kit-translations";
import type { ActionError } from "@/lib/actions/result";
import { markOnce, PERF_MARKS } from "@/lib/perf/marks";
import { catalogConsentTexts, consentWording, sourceNames } from "./consent-item";
import { UNREACHABLE, useProfilePrompt, type PromptConsent, type PromptItem, type UseProfilePromptOptions } from "./use-profile-prompt";

/** A failure in the user's language: the action's code as a message, or, when the server was not reached, that. */
function usePromptErrorText(): (error: ActionError | null) => string {
  const t = useKitTranslations("prompt");
  const text = useActionErrorText();
  return (error) => (error === UNREACHABLE ? t("unreachable") : text(error));
}

/**
 * The prompt's words. Each comes from the kit's messages (namespace `prompt`, in the locale of the
 * nearest IntlProvider, or of `locale`/`messages`); `labels` lays the embedder's own over them, key
 * by key: a string, or for the sentences with a value, a function of it. A question's own
 * `confirm` sentence in the catalog comes before `confirmQuestion`.
 */
export interface ProfilePromptLabels {
  heading: string;
  intro: string;
  save: string;
  saving: string;
  retry: string;
  skip: string;
  decline: string;
  undo: string;
  dismiss: string;
  /** The line that replaces a skipped question, given its label. */
  skipped: (label: string) => string;
  /** The line that replaces a declined question, given its label. */
  declined: (label: string) => string;
  /** The one-tap question for a guess, for a question without its own `confirm`: its label and the guess. */
  confirmQuestion: (label: string, value: string) => string;
  confirmYes: string;
  confirmChange: string;
  /** The line that replaces a confirmed guess, given the guess. */
  confirmed: (value: string) => string;
  whyWeAsk: string;
  saved: string;
  /** The confirmation when nothing was answered: every question was skipped or declined (the prompt saved itself). */
  savedChoices: string;
  unavailable: string;
  /**
   * The consent item's question and purpose (when the catalog asks for consent before third-party
   * sources run); the catalog's own `thirdPartyConsent` texts come before these.
   */
  consentQuestion: string;
  consentPurpose: string;
  /** Its three taps' visible words: allow, refuse, ask again at a later visit. */
  consentYes: string;
  consentNo: string;
  consentLater: string;
  /** The confirmation after the user allowed the sources (they run next; their findings are asked at a later visit). */
  consentSaved: string;
}

/** The prompt's words: the messages in the current locale, with `overrides` laid over them. */
function usePromptLabels(overrides: Partial<ProfilePromptLabels> | undefined): ProfilePromptLabels {
  const t = useKitTranslations("prompt");
  return {
    heading: t("heading"),
    intro: t("intro"),
    save: t("save"),
    saving: t("saving"),
    retry: t("retry"),
    skip: t("skip"),
    decline: t("decline"),
    undo: t("undo"),
    dismiss: t("dismiss"),
    skipped: (label) => t("skipped", { label }),
    declined: (label) => t("declined", { label }),
    confirmQuestion: (label, value) => t("confirmQuestion", { label, value }),
    confirmYes: t("confirmYes"),
    confirmChange: t("confirmChange"),
    confirmed: (value) => t("confirmed", { value }),
    whyWeAsk: t("whyWeAsk"),
    saved: t("saved"),
    savedChoices: t("savedChoices"),
    unavailable: t("unavailable"),
    consentQuestion: t("consentQuestion"),
    consentPurpose: t("consentPurpose"),
    consentYes: t("consentYes"),
    consentNo: t("consentNo"),
    consentLater: t("consentLater"),
    consentSaved: t("consentSaved"),
    ...overrides,
  };
}

export interface ProfilePromptClassNames {
  root?: string;
  heading?: string;
  question?: string;
  input?: string;
  actions?: string;
}

export interface ProfilePromptProps extends UseProfilePromptOptions {
  /**
   * "inline": a region in the page flow; "dialog": a non-modal dialog fixed in the end corner
   * (bottom right, bottom left in a right-to-left language), with no layout shift.
   */
  variant?: "inline" | "dialog";
  /**
   * The embedder's own words, laid over the kit's messages key by key (ProfilePromptLabels):
   * `{ heading: "Help us tailor your workspace", skipped: (label) => `${label} later` }`.
   */
  labels?: Partial<ProfilePromptLabels>;
  classNames?: ProfilePromptClassNames;
  /**
   * The locale of the prompt's words, labels, options and country names. Without `messages` it
   * only names the locale for the nearest IntlProvider's messages (the app's); default: that
   * provider's locale.
   */
  locale?: string;
  /**
   * The kit's messages in `locale` (`loadKitMessages(locale)` on the server, the app's overrides
   * merged in: `{ gradual: { prompt: {…}, field: {…}, validation: {…}, errors: {…} } }`). Given, the
   * prompt brings its own provider (`<GradualIntlProvider locale messages>`), for an app without
   * one; `locale` is then required.
   */
  messages?: AbstractIntlMessages;
}

/** The profile prompt: in the nearest IntlProvider's language, or in its own (`locale` and `messages`). */
export function ProfilePrompt({ messages, ...props }: ProfilePromptProps) {
  if (messages === undefined) return <PromptView {...props} />;
  return (
    <GradualIntlProvider locale={props.locale ?? DEFAULT_LOCALE} messages={messages}>
      <PromptView {...props} />
    </GradualIntlProvider>
  );
}

function PromptView({ variant = "inline", labels: labelOverrides, classNames = {}, ...options }: Omit<ProfilePromptProps, "messages">) {
  const labels = usePromptLabels(labelOverrides);
  const errorText = usePromptErrorText();
  const prompt = useProfilePrompt(options);
  const headingId = useId();
  const statusRef = useRef<HTMLParagraphElement>(null);
  const { status, items, error, outcome } = prompt;

  // The time from the return to /auth/callback to the questions on screen (lib/perf/marks.ts).
  useEffect(() => {
    if (status === "open") markOnce(PERF_MARKS.promptVisible);
  }, [status]);

  // After saving, focus moves to the confirmation (the form it replaced is gone).
  useEffect(() => {
    if (status === "saved") statusRef.current?.focus();
  }, [status]);

  // The dialog closes with Escape, like any dialog.
  useEffect(() => {
    if (variant !== "dialog" || (status !== "open" && status !== "unavailable")) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") void prompt.dismiss();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [variant, status, prompt]);

  // Nothing visible while loading or when there is nothing to ask; the hidden marker lets tests (and
  // embedding apps) tell "decided: nothing to ask" from "not decided yet".
  if (status === "loading" || status === "hidden") return <span hidden data-profile-prompt={status} />;

  const shell = (children: ReactNode) => {
    const className = cx(
      "rounded-lg border border-slate-200 bg-white p-5 shadow-sm",
      variant === "dialog" && "fixed bottom-4 end-4 z-40 max-h-[calc(100vh-2rem)] w-[min(26rem,calc(100vw-2rem))] overflow-y-auto shadow-xl",
      classNames.root,
    );
    const heading = (
      <h2 id={headingId} className={cx("text-lg font-semibold text-slate-900", classNames.heading)}>
        {labels.heading}
      </h2>
    );
    return variant === "dialog" ? (
      <div role="dialog" aria-modal="false" aria-labelledby={headingId} className={className}>
        {heading}
        {children}
      </div>
    ) : (
      <section aria-labelledby={headingId} className={className}>
        {heading}
        {children}
      </section>
    );
  };

  if (status === "saved") {
    return shell(
      <p ref={statusRef} tabIndex={-1} role="status" className="mt-2 text-sm font-medium text-emerald-800 focus:outline-none">
        {prompt.savedConsent === "granted" ? labels.consentSaved : outcome?.answered.some((a) => a !== prompt.consent?.attribute) ? labels.saved : labels.savedChoices}
      </p>,
    );
  }

  if (status === "unavailable") {
    return shell(
      <div role="alert" className="mt-2 space-y-3">
        <p className="text-sm text-slate-700">
          {labels.unavailable} {errorText(error)}
        </p>
        <div className="flex gap-3">
          <Button variant="secondary" onClick={() => prompt.reload()}>
            {labels.retry}
          </Button>
          <Button variant="ghost" onClick={() => void prompt.dismiss()}>
            {labels.dismiss}
          </Button>
        </div>
      </div>,
    );
  }

  const saving = status === "saving";
  const failed = error !== null && !saving;
  return shell(
    <form
      noValidate
      aria-labelledby={headingId}
      className="mt-1 space-y-5"
      onSubmit={(event) => {
        event.preventDefault();
        void prompt.submit();
      }}
    >
      <p className="text-sm text-slate-600">{labels.intro}</p>
      {items.map((item, index) => (
        <Fragment key={item.question.attribute}>
          {prompt.consent?.index === index ? <ConsentBlock consent={prompt.consent} catalog={options.catalog} labels={labels} classNames={classNames} prompt={prompt} disabled={saving} /> : null}
          <QuestionBlock item={item} labels={labels} classNames={classNames} prompt={prompt} disabled={saving} />
        </Fragment>
      ))}
      {prompt.consent && prompt.consent.index >= items.length ? (
        <ConsentBlock consent={prompt.consent} catalog={options.catalog} labels={labels} classNames={classNames} prompt={prompt} disabled={saving} />
      ) : null}
      {failed ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {errorText(error)}
        </div>
      ) : null}
      <div className={cx("flex flex-wrap items-center gap-3", classNames.actions)}>
        <Button type="submit" busy={saving}>
          {saving ? labels.saving : failed && error.code !== "invalid_input" ? labels.retry : labels.save}
        </Button>
        <Button variant="ghost" disabled={saving} onClick={() => void prompt.dismiss()}>
          {labels.dismiss}
        </Button>
      </div>
    </form>,
  );
}

interface QuestionBlockProps {
  item: PromptItem;
  labels: ProfilePromptLabels;
  classNames: ProfilePromptClassNames;
  prompt: ReturnType<typeof useProfilePrompt>;
  disabled: boolean;
}

function QuestionBlock({ item, labels, classNames, prompt, disabled }: QuestionBlockProps) {
  const t = useKitTranslations("prompt");
  const { field, question, choice, suggestion, confirmed } = item;
  // A button's accessible name says which question it is about (its visible word, then the label).
  const named = (key: "skipNamed" | "declineNamed" | "undoNamed" | "changeNamed", action: string) => t(key, { action, label: field.label });
  const name = question.attribute;
  const undoRef = useRef<HTMLButtonElement>(null);
  const controlRef = useRef<HTMLElement | null>(null);
  // What the block shows: a field, a guess to confirm, a confirmed guess, or a skipped/declined line.
  const mode = choice !== "answer" ? choice : suggestion ? (confirmed ? "confirmed" : "guess") : "field";
  const lastMode = useRef(mode);

  // Focus follows the user's choice: to Undo (or Change) after skipping or confirming, to the field
  // after undoing or choosing to change a guess.
  useEffect(() => {
    if (lastMode.current === mode) return;
    lastMode.current = mode;
    if (mode === "field") controlRef.current?.focus();
    else if (mode !== "guess") undoRef.current?.focus();
  }, [mode]);

  if (choice !== "answer") {
    return (
      <div className={cx("flex flex-wrap items-center gap-2 text-sm text-slate-700", classNames.question)}>
        <span>{choice === "skip" ? labels.skipped(field.label) : labels.declined(field.label)}</span>
        <Button ref={undoRef} variant="ghost" className="min-h-8 px-2 py-1" disabled={disabled} aria-label={named("undoNamed", labels.undo)} onClick={() => prompt.choose(name, "answer")}>
          {labels.undo}
        </Button>
      </div>
    );
  }

  const choiceButtons = (
    <div className="flex flex-wrap gap-2">
      <Button variant="ghost" className="min-h-8 px-2 py-1" disabled={disabled} aria-label={named("skipNamed", labels.skip)} onClick={() => prompt.choose(name, "skip")}>
        {labels.skip}
      </Button>
      <Button variant="ghost" className="min-h-8 px-2 py-1" disabled={disabled} aria-label={named("declineNamed", labels.decline)} onClick={() => prompt.choose(name, "decline")}>
        {labels.decline}
      </Button>
    </div>
  );

  const purpose = (
    <p className="text-xs text-slate-600">
      <span className="font-medium">{t("labelled", { label: labels.whyWeAsk })}</span>
      {field.purpose}
    </p>
  );

  if (suggestion && !confirmed) {
    const questionId = `${name}-confirm`;
    return (
      <div role="group" aria-labelledby={questionId} className={cx("space-y-2", classNames.question)}>
        <p id={questionId} className="text-sm font-medium text-slate-900">
          {field.confirm !== undefined ? confirmSentence(field.confirm, suggestion.label) : labels.confirmQuestion(field.label, suggestion.label)}
        </p>
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" disabled={disabled} onClick={() => prompt.confirm(name)}>
            {labels.confirmYes}
          </Button>
          <Button variant="secondary" disabled={disabled} onClick={() => prompt.change(name)}>
            {labels.confirmChange}
          </Button>
        </div>
        {purpose}
        {choiceButtons}
      </div>
    );
  }

  if (suggestion && confirmed) {
    return (
      <div className={cx("flex flex-wrap items-center gap-2 text-sm text-slate-700", classNames.question)}>
        <span>
          {t("labelled", { label: field.label })}
          {labels.confirmed(suggestion.label)}
        </span>
        <Button ref={undoRef} variant="ghost" className="min-h-8 px-2 py-1" disabled={disabled} aria-label={named("changeNamed", labels.confirmChange)} onClick={() => prompt.change(name)}>
          {labels.confirmChange}
        </Button>
      </div>
    );
  }

  const hint = (
    <>
      {field.help ? <span className="block">{field.help}</span> : null}
      <span className="block text-xs">
        <span className="font-medium">{t("labelled", { label: labels.whyWeAsk })}</span>
        {field.purpose}
      </span>
    </>
  );

  return (
    <CatalogField
      field={field}
      form={prompt.form}
      hint={hint}
      disabled={disabled}
      phoneCountry={item.phoneCountry}
      className={classNames.question}
      inputClassName={classNames.input}
      controlRef={controlRef}
    >
      {choiceButtons}
    </CatalogField>
  );
}

interface ConsentBlockProps {
  consent: PromptConsent;
  /** The catalog: its own question and purpose (its `thirdPartyConsent` option), when it gives them. */
  catalog: UseProfilePromptOptions["catalog"];
  labels: ProfilePromptLabels;
  classNames: ProfilePromptClassNames;
  prompt: ReturnType<typeof useProfilePrompt>;
  disabled: boolean;
}

/**
 * The consent item: may third-party sources look the user up? The question, why we ask, the
 * sources named, and three taps (Yes, No, Not now), as a group named by the question; each tap's
 * accessible name says what it decides (the dialog's own "Not now" closes the whole prompt). After
 * a tap, a line saying what was chosen, with Undo.
 */
function ConsentBlock({ consent, catalog, labels, classNames, prompt, disabled }: ConsentBlockProps) {
  const t = useKitTranslations("prompt");
  const id = useId();
  const undoRef = useRef<HTMLButtonElement>(null);
  const firstRef = useRef<HTMLButtonElement>(null);
  const { choice } = consent;
  const last = useRef(choice);

  // Focus follows the choice, as in the other questions: to Undo after a tap, back to Yes after Undo.
  useEffect(() => {
    if (last.current === choice) return;
    last.current = choice;
    (choice ? undoRef : firstRef).current?.focus();
  }, [choice]);

  const wording = consentWording(catalogConsentTexts(catalog), prompt.locale, catalog.defaultLocale, { question: labels.consentQuestion, purpose: labels.consentPurpose });
  const label = t("consentLabel");

  if (choice) {
    const line = choice === "granted" ? t("consentGranted") : choice === "refused" ? t("consentRefused") : t("consentSkipped");
    return (
      <div className={cx("flex flex-wrap items-center gap-2 text-sm text-slate-700", classNames.question)}>
        <span>{line}</span>
        <Button ref={undoRef} variant="ghost" className="min-h-8 px-2 py-1" disabled={disabled} aria-label={t("undoNamed", { action: labels.undo, label })} onClick={() => prompt.chooseConsent(null)}>
          {labels.undo}
        </Button>
      </div>
    );
  }

  const names = sourceNames(consent.sources, (provider) => {
    const key = `consentSource.${provider}` as KitKey<"prompt">;
    return t.has(key) ? t(key) : undefined;
  });
  return (
    <div role="group" aria-labelledby={`${id}-question`} aria-describedby={names.length > 0 ? `${id}-purpose ${id}-sources` : `${id}-purpose`} className={cx("space-y-2", classNames.question)}>
      <p id={`${id}-question`} className="text-sm font-medium text-slate-900">
        {wording.question}
      </p>
      <p id={`${id}-purpose`} className="text-xs text-slate-600">
        <span className="font-medium">{t("labelled", { label: labels.whyWeAsk })}</span>
        {wording.purpose}
      </p>
      {names.length > 0 ? (
        <p id={`${id}-sources`} className="text-xs text-slate-600">
          {t("consentSources", { count: names.length, sources: new Intl.ListFormat(prompt.locale, { type: "conjunction" }).format(names) })}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button ref={firstRef} variant="secondary" disabled={disabled} aria-label={t("consentYesNamed", { action: labels.consentYes })} onClick={() => prompt.chooseConsent("granted")}>
          {labels.consentYes}
        </Button>
        <Button variant="secondary" disabled={disabled} aria-label={t("consentNoNamed", { action: labels.consentNo })} onClick={() => prompt.chooseConsent("refused")}>
          {labels.consentNo}
        </Button>
        <Button variant="ghost" className="min-h-8 px-2 py-1" disabled={disabled} aria-label={t("consentLaterNamed", { action: labels.consentLater })} onClick={() => prompt.chooseConsent("skip")}>
          {labels.consentLater}
        </Button>
      </div>
    </div>
  );
}
