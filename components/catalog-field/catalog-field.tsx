"use client";
/**
 * <CatalogField />: one catalog question as a form control, the one way a question is rendered, in
 * the prompt and on /profile alike. The control is the question's (formField, lib/catalog/schemas.ts):
 * - a text, email or URL input; a number as a text input with a numeric keyboard (`inputMode`): a
 *   number input hands the form "" for "abc" or "1,5", and the schema could not say what is wrong;
 * - an enum of up to MAX_RADIO_OPTIONS options as a radio group (a fieldset named by its legend),
 *   a longer enum or a country as a select, both in the given locale;
 * - a phone number as a country selector and a number (phone-question.tsx, a chunk of its own with
 *   libphonenumber's metadata, loaded when one is on screen; the plain phone input stands in until
 *   then, or if it cannot be downloaded, and hands over what was typed and the focus).
 * Label, hint and error are wired by Field (the control's id `profile-<attribute>`, its hint
 * `-hint`, its error `-error`); a radio group's error is `<attribute>-error`, announced with the group.
 *
 * Bound to a react-hook-form form whose values are the strings typed (promptFormSchema parses and
 * checks them): the field registers itself and shows the form's error for it.
 */
import { lazy, Suspense, useRef, type ReactNode, type RefObject } from "react";
import type { UseFormReturn } from "react-hook-form";
import { useLocale } from "use-intl";
import { cx } from "@/components/ui/cx";
import { Field, inputClassName } from "@/components/ui/field";
import type { FormField } from "@/lib/catalog/schemas";
import { useKitTranslations } from "@/lib/i18n/use-kit-translations";
import type { PromptFormOutput, PromptFormValues } from "@/lib/prompt/form";
import type { PhoneQuestionProps } from "./phone-question";
import { useValidationText } from "./use-validation-text";

/** The form a CatalogField is bound to: raw strings in, the catalog's typed answers out. */
export type CatalogForm = UseFormReturn<PromptFormValues, unknown, PromptFormOutput>;

// A phone question's control and libphonenumber's metadata: a chunk of their own, loaded when one is
// on screen. Until then (or if it cannot be downloaded) the plain phone input stands in.
const PhoneQuestion = lazy<(props: PhoneQuestionProps) => ReactNode>(() => import("./phone-question").catch(() => ({ default: (props: PhoneQuestionProps) => props.fallback })));

export interface CatalogFieldProps {
  /** The question in the form's locale: formField(question, locale, catalog.defaultLocale). */
  field: FormField;
  form: CatalogForm;
  /**
   * The locale of `field` (the phone selector's country names and its fallback country follow it);
   * default: the nearest IntlProvider's (use-intl's `useLocale()`), which the field's words are in.
   */
  locale?: string;
  /** Said under the label and announced with the control; default: the question's help. */
  hint?: ReactNode;
  disabled?: boolean;
  /** The country a phone number's selector starts on when the value names none (ISO 3166-1 alpha-2). */
  phoneCountry?: string;
  /** On the question's wrapper (the radio group's fieldset). */
  className?: string;
  /** Added to the control's classes. */
  inputClassName?: string;
  /** Kept pointing at the control (the first radio, the select, the input or the phone number), to move focus to it. */
  controlRef?: RefObject<HTMLElement | null>;
  /** Shown after the control, inside the question's wrapper (the prompt's Skip buttons). */
  children?: ReactNode;
}

export function CatalogField({ field, form, locale: givenLocale, hint = field.help, disabled = false, phoneCountry, className, inputClassName: extraInputClass, controlRef: givenRef, children }: CatalogFieldProps) {
  const t = useKitTranslations("field");
  const intlLocale = useLocale();
  const locale = givenLocale ?? intlLocale;
  const name = field.name;
  const ownRef = useRef<HTMLElement | null>(null);
  const controlRef = givenRef ?? ownRef;
  const handOver = useRef(false);
  const validationText = useValidationText();
  // The form's error for the field, in the user's language (the form schema's messages are `validation` keys).
  const error = validationText(form.formState.errors[name]?.message);
  const registered = form.register(name);
  const ref = (element: HTMLElement | null) => {
    // A phone field's plain stand-in leaving while focused: the phone control that replaces it takes the focus.
    if (!element && controlRef.current === document.activeElement) handOver.current = field.control === "tel";
    controlRef.current = element;
    registered.ref(element);
  };
  const inputClass = cx(inputClassName, extraInputClass);

  if (field.control === "radio") {
    const legendId = `${name}-legend`;
    return (
      <fieldset className={cx("space-y-2", className)} aria-describedby={error ? `${name}-error` : undefined} aria-invalid={error ? true : undefined}>
        <legend id={legendId} className="text-sm font-medium text-slate-900">
          {field.label}
        </legend>
        {hint ? <div className="text-sm text-slate-600">{hint}</div> : null}
        <div className="flex flex-wrap gap-x-4 gap-y-2">
          {field.options?.map((option, index) => (
            <label key={option.value} className="flex items-center gap-2 text-sm text-slate-900">
              <input type="radio" value={option.value} disabled={disabled} {...registered} ref={index === 0 ? ref : registered.ref} />
              {option.label}
            </label>
          ))}
        </div>
        {error ? (
          <p id={`${name}-error`} className="text-sm font-medium text-red-700">
            {error}
          </p>
        ) : null}
        {children}
      </fieldset>
    );
  }

  const plain = (
    <Field label={field.label} hint={hint} error={error} id={`profile-${name}`}>
      {(control) =>
        field.control === "select" || field.control === "country" ? (
          <select {...control} {...registered} ref={ref} disabled={disabled} autoComplete={field.autoComplete} className={inputClass}>
            <option value="">{field.placeholder ?? t("choose")}</option>
            {field.options?.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        ) : (
          <input
            {...control}
            {...registered}
            ref={ref}
            disabled={disabled}
            type={field.control === "number" ? "text" : field.control}
            inputMode={field.inputMode}
            autoComplete={field.autoComplete}
            placeholder={field.placeholder}
            className={inputClass}
          />
        )
      }
    </Field>
  );

  return (
    <div className={cx("space-y-2", className)}>
      {field.control === "tel" ? (
        <Suspense fallback={plain}>
          <PhoneQuestion
            field={field}
            form={form}
            locale={locale}
            defaultRegion={phoneCountry}
            hint={hint}
            error={error}
            disabled={disabled}
            inputClassName={inputClass}
            controlRef={controlRef}
            handOver={handOver}
            fallback={plain}
          />
        </Suspense>
      ) : (
        plain
      )}
      {children}
    </div>
  );
}
