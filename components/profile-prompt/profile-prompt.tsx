"use client";
/**
 * <ProfilePrompt />: the one or two questions of this login, as a titled region in the page
 * ("inline") or a non-modal dialog in the corner ("dialog"). Neither blocks the page. Built on
 * useProfilePrompt; labels, class names and callbacks can be set by the embedding app.
 */
import { useEffect, useId, useRef, type ReactNode } from "react";
import { CatalogField } from "@/components/catalog-field/catalog-field";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { useKitTranslations } from "@/lib/i18n/use-kit-translations";
import { markOnce, PERF_MARKS } from "@/lib/perf/marks";
import { useProfilePrompt, type PromptItem, type UseProfilePromptOptions } from "./use-profile-prompt";

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
  skipped: (label: string) => string;
  declined: (label: string) => string;
  confirmQuestion: (label: string, value: string) => string;
  confirmYes: string;
  confirmChange: string;
  confirmed: (value: string) => string;
  whyWeAsk: string;
  saved: string;
  /** The confirmation when nothing was answered: every question was skipped or declined (the prompt saved itself). */
  savedChoices: string;
  unavailable: string;
}

export const DEFAULT_LABELS: ProfilePromptLabels = {
  heading: "Complete your profile",
  intro: "A quick question or two. Answer what you like and skip the rest.",
  save: "Save",
  saving: "Saving…",
  retry: "Retry",
  skip: "Skip",
  decline: "Don't ask again",
  undo: "Undo",
  dismiss: "Not now",
  skipped: (label) => `${label}: skipped for now.`,
  declined: (label) => `${label}: we won't ask again.`,
  confirmQuestion: (label, value) => (label.toLowerCase() === "city" ? `Are you in ${value}?` : `Is your ${label.toLowerCase()} ${value}?`),
  confirmYes: "Yes",
  confirmChange: "Change",
  confirmed: (value) => `${value}, confirmed.`,
  whyWeAsk: "Why we ask",
  saved: "Thanks, your profile is updated.",
  savedChoices: "Got it. You can answer these later on your profile page.",
  unavailable: "Your profile questions could not be loaded.",
};

export interface ProfilePromptClassNames {
  root?: string;
  heading?: string;
  question?: string;
  input?: string;
  actions?: string;
}

export interface ProfilePromptProps extends UseProfilePromptOptions {
  /** "inline": a region in the page flow; "dialog": a non-modal dialog fixed in the corner (no layout shift). */
  variant?: "inline" | "dialog";
  labels?: Partial<ProfilePromptLabels>;
  classNames?: ProfilePromptClassNames;
}

export function ProfilePrompt({ variant = "inline", labels: labelOverrides, classNames = {}, ...options }: ProfilePromptProps) {
  const t = useKitTranslations("prompt");
  const labels = { ...DEFAULT_LABELS, heading: t("heading"), ...labelOverrides };
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
      variant === "dialog" && "fixed bottom-4 right-4 z-40 max-h-[calc(100vh-2rem)] w-[min(26rem,calc(100vw-2rem))] overflow-y-auto shadow-xl",
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
        {outcome?.answered.length ? labels.saved : labels.savedChoices}
      </p>,
    );
  }

  if (status === "unavailable") {
    return shell(
      <div role="alert" className="mt-2 space-y-3">
        <p className="text-sm text-slate-700">
          {labels.unavailable} {error?.message}
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
      {items.map((item) => (
        <QuestionBlock key={item.question.attribute} item={item} labels={labels} classNames={classNames} prompt={prompt} disabled={saving} />
      ))}
      {failed ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {error.message}
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
  const { field, question, choice, suggestion, confirmed } = item;
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
        <Button ref={undoRef} variant="ghost" className="min-h-8 px-2 py-1" disabled={disabled} onClick={() => prompt.choose(name, "answer")}>
          {labels.undo}
          <span className="sr-only"> ({field.label})</span>
        </Button>
      </div>
    );
  }

  const choiceButtons = (
    <div className="flex flex-wrap gap-2">
      <Button variant="ghost" className="min-h-8 px-2 py-1" disabled={disabled} onClick={() => prompt.choose(name, "skip")}>
        {labels.skip}
        <span className="sr-only"> {field.label}</span>
      </Button>
      <Button variant="ghost" className="min-h-8 px-2 py-1" disabled={disabled} onClick={() => prompt.choose(name, "decline")}>
        {labels.decline}
        <span className="sr-only"> about {field.label}</span>
      </Button>
    </div>
  );

  const purpose = (
    <p className="text-xs text-slate-600">
      <span className="font-medium">{labels.whyWeAsk}:</span> {field.purpose}
    </p>
  );

  if (suggestion && !confirmed) {
    const questionId = `${name}-confirm`;
    return (
      <div role="group" aria-labelledby={questionId} className={cx("space-y-2", classNames.question)}>
        <p id={questionId} className="text-sm font-medium text-slate-900">
          {labels.confirmQuestion(field.label, suggestion.label)}
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
          {field.label}: {labels.confirmed(suggestion.label)}
        </span>
        <Button ref={undoRef} variant="ghost" className="min-h-8 px-2 py-1" disabled={disabled} onClick={() => prompt.change(name)}>
          {labels.confirmChange}
          <span className="sr-only"> {field.label}</span>
        </Button>
      </div>
    );
  }

  const hint = (
    <>
      {field.help ? <span className="block">{field.help}</span> : null}
      <span className="block text-xs">
        <span className="font-medium">{labels.whyWeAsk}:</span> {field.purpose}
      </span>
    </>
  );

  return (
    <CatalogField
      field={field}
      form={prompt.form}
      locale={prompt.locale}
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
