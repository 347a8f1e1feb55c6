"use client";
/**
 * A phone question: the phone control (components/ui/phone-field-control.tsx) wired to the
 * CatalogField's form. A chunk of its own, with the control and libphonenumber's metadata:
 * catalog-field.tsx loads it only when a phone question is on screen, and shows the plain phone
 * input until it is there, so a prompt or a page without a phone question does not grow.
 */
import { useEffect, useRef, type ReactNode, type RefObject } from "react";
import PhoneFieldControl from "@/components/ui/phone-field-control";
import { loadPhoneRule } from "#kit/phone-rule";
import type { FormField } from "@/lib/catalog/schemas";
import type { CatalogForm } from "./catalog-field";

export interface PhoneQuestionProps {
  field: FormField;
  form: CatalogForm;
  locale: string;
  /** The country the selector starts on when the value names none. */
  defaultRegion: string | undefined;
  hint: ReactNode;
  error: string | undefined;
  disabled: boolean;
  inputClassName: string;
  /** The question's control, for the caller's focus handling. */
  controlRef: RefObject<HTMLElement | null>;
  /** The plain stand-in had focus when this replaced it: take it over (once; this never clears it). */
  handOver: RefObject<boolean>;
  /** Shown instead if this module's code could not be downloaded (see catalog-field.tsx). */
  fallback: ReactNode;
}

export default function PhoneQuestion({ field, form, locale, defaultRegion, hint, error, disabled, inputClassName, controlRef, handOver }: PhoneQuestionProps) {
  const name = field.name;
  const registered = form.register(name);
  const focus = useRef<{ element?: HTMLInputElement; proxy?: { focus(): void } }>({}).current;
  const tookOver = useRef(false);

  // The form's schema checks phone numbers with the phone rule: fetch it now, not on Save (Save retries and says so if this fails).
  useEffect(() => void loadPhoneRule().catch(() => undefined), []);

  // The input shows what was typed while the form holds E.164: react-hook-form gets only a way to
  // focus it (for an error), never the element, whose text it would overwrite with the value.
  const inputRef = (element: HTMLInputElement | null) => {
    controlRef.current = element;
    if (!element) {
      registered.ref(null);
      return;
    }
    if (focus.element !== element) Object.assign(focus, { element, proxy: { focus: () => element.focus() } });
    registered.ref(focus.proxy);
    // Once per instance: the ref callback runs again on every render, and the flag is the field's to set.
    if (handOver.current && !tookOver.current) element.focus();
    tookOver.current = handOver.current;
  };

  return (
    <PhoneFieldControl
      id={`profile-${name}`}
      label={field.label}
      hint={hint}
      error={error}
      value={form.getValues(name)}
      onChange={(value) => form.setValue(name, value, { shouldDirty: true, shouldValidate: form.formState.isSubmitted })}
      defaultRegion={defaultRegion}
      locale={locale}
      disabled={disabled}
      placeholder={field.placeholder}
      autoComplete={field.autoComplete}
      inputRef={inputRef}
      inputClassName={inputClassName}
    />
  );
}
