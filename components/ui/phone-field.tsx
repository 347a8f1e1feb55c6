"use client";
/**
 * <PhoneField />: a phone number as people type it: a country selector ("Hong Kong (+852)") and a
 * number field that takes spaces, dashes, brackets, a trunk "0" or a pasted "+…" number, formats
 * as they type, says what is wrong in words and hands E.164 to the form. The prompt and /profile
 * both use it.
 *
 * This module is light: the control itself (phone-field-control.tsx, with libphonenumber's
 * metadata) is loaded on demand, the first time a phone field is on screen, so a page or a prompt
 * without one never downloads it. Until it has arrived (or if it cannot be downloaded) the same
 * layout shows a plain labelled phone input that passes what is typed on to the form.
 */
import { lazy, Suspense, useLayoutEffect, useRef, type ReactNode, type Ref } from "react";
import { cx } from "./cx";
import { inputClassName } from "./field";

export interface PhoneFieldProps {
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
  onChange(value: string): void;
  /** The country to preselect (ISO 3166-1 alpha-2) when the value does not name one; else the region of `locale`, else none. */
  defaultRegion?: string;
  /** For region names and the fallback region; default: the browser's language. */
  locale?: string;
  disabled?: boolean;
  placeholder?: string;
  autoComplete?: string;
  /** The number input, e.g. to move focus to it. */
  inputRef?: Ref<HTMLInputElement>;
  /** The selector's accessible name; default "Country code". */
  countryLabel?: string;
  className?: string;
  inputClassName?: string;
}

const Control = lazy(() =>
  import("./phone-field-control").catch((error: unknown) => {
    console.warn("The phone field's code could not be loaded; a plain phone input is shown instead.", error);
    return { default: PlainPhoneField };
  }),
);

/** Starts downloading the control (and libphonenumber's metadata) before a phone field renders. */
export function preloadPhoneField(): void {
  void import("./phone-field-control").catch(() => undefined);
}

export function PhoneField(props: PhoneFieldProps) {
  return (
    <Suspense fallback={<PlainPhoneField {...props} />}>
      <Control {...props} />
    </Suspense>
  );
}

interface LayoutProps {
  props: PhoneFieldProps;
  /** The error to show (already worded). */
  message: string | undefined;
  select: (a11y: { id: string; "aria-label": string; className: string }) => ReactNode;
  input: (a11y: { id: string; "aria-invalid": true | undefined; "aria-describedby": string | undefined; className: string }) => ReactNode;
}

/** The field's layout, shared by the control and its plain stand-in so nothing moves when the control arrives. */
export function PhoneFieldLayout({ props, message, select, input }: LayoutProps) {
  const { id, label, hint } = props;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = message ? `${id}-error` : undefined;
  return (
    <div className={cx("space-y-1.5", props.className)}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      {hint ? (
        <div id={hintId} className="text-sm text-slate-600">
          {hint}
        </div>
      ) : null}
      <div className="flex gap-2">
        {select({ id: `${id}-country`, "aria-label": props.countryLabel ?? "Country code", className: selectClassName })}
        {input({
          id,
          "aria-invalid": message ? true : undefined,
          "aria-describedby": [hintId, errorId].filter(Boolean).join(" ") || undefined,
          className: cx(inputClassName, "min-w-0 flex-1", props.inputClassName),
        })}
      </div>
      {message ? (
        <p id={errorId} className="text-sm font-medium text-red-700">
          {message}
        </p>
      ) : null}
    </div>
  );
}

const selectClassName = cx(
  "block w-36 shrink-0 rounded-md border border-slate-300 bg-white px-2 py-2 text-sm text-slate-900 shadow-sm sm:w-44",
  "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-700 disabled:bg-slate-50",
);

/** The id of a stand-in input that had focus when the control replaced it: the control takes the focus over. */
let focusHandedOver: string | null = null;

/** For the control: whether the stand-in it replaces had focus (asked once). */
export function takeHandedOverFocus(id: string): boolean {
  const had = focusHandedOver === id;
  if (had) focusHandedOver = null;
  return had;
}

/** The stand-in: the same layout, a selector that waits for the control, a phone input that passes the text on. */
function PlainPhoneField(props: PhoneFieldProps) {
  const input = useRef<HTMLInputElement | null>(null);
  // Runs before the input leaves the page, while it may still have focus.
  useLayoutEffect(() => () => void (focusHandedOver = input.current && document.activeElement === input.current ? props.id : focusHandedOver), [props.id]);
  const setRef = (element: HTMLInputElement | null) => {
    input.current = element;
    if (typeof props.inputRef === "function") props.inputRef(element);
    else if (props.inputRef) props.inputRef.current = element;
  };
  return (
    <PhoneFieldLayout
      props={props}
      message={props.error}
      select={(a11y) => (
        <select {...a11y} disabled value="">
          <option value="">Choose…</option>
        </select>
      )}
      input={(a11y) => (
        <input
          {...a11y}
          ref={setRef}
          type="tel"
          inputMode="tel"
          autoComplete={props.autoComplete ?? "tel"}
          placeholder={props.placeholder}
          disabled={props.disabled}
          value={props.value}
          onChange={(event) => props.onChange(event.target.value)}
        />
      )}
    />
  );
}
