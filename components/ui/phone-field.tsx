"use client";
/**
 * <PhoneField />: a phone number as people type it: a country selector ("Hong Kong (+852)") and a
 * number field that takes spaces, dashes, brackets, a trunk "0" or a pasted "+…" number, formats
 * as they type, says what is wrong in words and hands E.164 to the form. /profile uses it; the
 * prompt uses the same control through its own lazy module (components/profile-prompt/phone-question.tsx).
 *
 * This module is tiny on purpose: the control (phone-field-control.tsx, with libphonenumber's
 * metadata) is loaded on demand, the first time a phone field is on screen, so a page or a prompt
 * without one never downloads it. Until it has arrived, or if it cannot be downloaded, `fallback`
 * shows instead: the page's plain labelled phone input, which passes what is typed to the form
 * (the control reads it when it arrives).
 */
import { lazy, Suspense, type ReactNode, type Ref } from "react";

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
  onChange: (value: string) => void;
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
  /** Shown until the control has arrived, and instead of it if it cannot be downloaded. */
  fallback: ReactNode;
}

const Control = lazy<(props: PhoneFieldProps) => ReactNode>(() => import("./phone-field-control").catch(() => ({ default: (props: PhoneFieldProps) => props.fallback })));

export function PhoneField(props: PhoneFieldProps) {
  return (
    <Suspense fallback={props.fallback}>
      <Control {...props} />
    </Suspense>
  );
}
