"use client";
/**
 * The phone field's control: a phone number as people type it, a country selector ("Hong Kong
 * (+852)") and a number field that takes spaces, dashes, brackets, a trunk "0" or a pasted "+…"
 * number, formats as they type, says what is wrong in words and hands E.164 to the form; with its
 * layout: label, hint, the selector and the number on one row, the error. What the person types is
 * read in the selected country on every change; the form gets the reading's value (E.164 when the
 * number is good).
 *
 * It carries libphonenumber's metadata (lib/catalog/phone-input.ts), so it is loaded on demand: the
 * catalog field's phone question (components/catalog-field/phone-question.tsx, its own chunk)
 * imports it, the first time a phone question is on screen, so a page or a prompt without one never
 * downloads it.
 */
import { useMemo, useState, type ChangeEvent, type ReactNode, type Ref } from "react";
import {
  formatPhoneAsYouType,
  phoneFromValue,
  phoneProblemIssue,
  phoneRegion,
  phoneRegionOptions,
  readPhoneInput,
  regionOfLanguage,
  type PhoneRegion,
} from "@/lib/catalog/phone-input";
import { useKitTranslations } from "@/lib/i18n/use-kit-translations";
import { useValidationText } from "@/components/catalog-field/use-validation-text";
import { cx } from "./cx";
import { Field, inputClassName, type FieldControlProps } from "./field";

interface PhoneFieldProps {
  /** The number input's id (its label points at it). */
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  /**
   * The form's error for this field. Its presence decides whether an error shows; the control
   * words it for what was typed and the country chosen ("That is not a valid Hong Kong number").
   */
  error?: string;
  /** The form value: E.164 once the number is good, "" when empty, else what was typed. */
  value: string;
  onChange: (value: string) => void;
  /** The country to preselect (ISO 3166-1 alpha-2) when the value does not name one; else the region of `locale`, else none. */
  defaultRegion?: string;
  /** For region names and the fallback region. */
  locale: string;
  disabled?: boolean;
  placeholder?: string;
  autoComplete?: string;
  /** The number input, e.g. to move focus to it. */
  inputRef?: Ref<HTMLInputElement>;
  /** The selector's accessible name; default the message `field.countryCode` ("Country code"). */
  countryLabel?: string;
  className?: string;
  inputClassName?: string;
}

interface State {
  region: PhoneRegion | undefined;
  text: string;
}

export default function PhoneFieldControl(props: PhoneFieldProps) {
  const t = useKitTranslations("field");
  const { value, onChange, locale } = props;
  const options = useMemo(() => phoneRegionOptions(locale), [locale]);
  const fallback = phoneRegion(props.defaultRegion) ?? regionOfLanguage(locale);
  const [state, setState] = useState<State>(() => phoneFromValue(value, fallback));
  // The value this control last handed to the form: any other value came from outside (a restored
  // draft, a confirmed guess, a reset) and is shown afresh.
  // (State, not a ref, so render reads no ref: React's pattern for adjusting state when a prop changes.)
  const [emitted, setEmitted] = useState(value);
  if (value !== emitted) {
    setEmitted(value);
    const next = phoneFromValue(value, state.region ?? fallback);
    if (next.text !== state.text || next.region !== state.region) setState(next);
  }
  const reading = useMemo(() => readPhoneInput(state.text, state.region), [state]);

  /** Shows `text` in `region` and hands the reading's value to the form; a pasted "+…" number moves the selector to its country. */
  const update = (text: string, region: PhoneRegion | undefined, followNumber: boolean) => {
    const next = readPhoneInput(text, region);
    setState({ text, region: followNumber ? (next.region ?? region) : region });
    if (next.value !== emitted) {
      setEmitted(next.value);
      onChange(next.value);
    }
  };

  const onInput = (event: ChangeEvent<HTMLInputElement>) => {
    const raw = event.target.value;
    const inputType = (event.nativeEvent as InputEvent).inputType;
    // Format while the person types at the end; leave deletions and edits in the middle alone (the caret stays put).
    const atEnd = event.target.selectionStart === null || event.target.selectionStart === raw.length;
    const inserting = typeof inputType !== "string" || inputType.startsWith("insert");
    update(atEnd && inserting ? formatPhoneAsYouType(raw, state.region) : raw, state.region, true);
  };

  const validationText = useValidationText();
  const message = props.error ? (reading.problem ? validationText(phoneProblemIssue(reading.problem, locale)) : validationText(props.error)) : undefined;

  return (
    <PhoneFieldLayout
      props={props}
      message={message}
      select={(a11y) => (
        <select {...a11y} disabled={props.disabled} value={state.region ?? ""} onChange={(event) => update(state.text, phoneRegion(event.target.value), false)}>
          <option value="">{t("choose")}</option>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
      input={(a11y) => (
        <input
          {...a11y}
          ref={props.inputRef}
          type="tel"
          inputMode="tel"
          autoComplete={props.autoComplete ?? "tel"}
          placeholder={props.placeholder}
          disabled={props.disabled}
          value={state.text}
          onChange={onInput}
          onBlur={() => {
            // Tidy what was edited in the middle once the person leaves the field.
            const formatted = formatPhoneAsYouType(state.text, state.region);
            if (formatted !== state.text && !readPhoneInput(formatted, state.region).problem) update(formatted, state.region, true);
          }}
        />
      )}
    />
  );
}

interface LayoutProps {
  props: PhoneFieldProps;
  /** The error to show (already worded). */
  message: string | undefined;
  select: (a11y: { id: string; "aria-label": string; className: string }) => ReactNode;
  input: (a11y: FieldControlProps & { className: string }) => ReactNode;
}

/** Label, hint, the selector and the number on one row, and the error: a Field whose control is the row. */
function PhoneFieldLayout({ props, message, select, input }: LayoutProps) {
  const t = useKitTranslations("field");
  const { id, label, hint } = props;
  return (
    <Field id={id} label={label} hint={hint} error={message} className={props.className}>
      {(control) => (
        <div className="flex gap-2">
          {select({ id: `${id}-country`, "aria-label": props.countryLabel ?? t("countryCode"), className: selectClassName })}
          {input({ ...control, className: cx(inputClassName, "min-w-0 flex-1", props.inputClassName) })}
        </div>
      )}
    </Field>
  );
}

const selectClassName = cx(
  "block w-40 shrink-0 rounded-md border border-slate-300 bg-white px-2 py-2 text-sm text-slate-900 shadow-sm sm:w-48",
  "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-700 disabled:bg-slate-50",
);
