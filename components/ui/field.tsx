"use client";
import { useId, type ReactNode } from "react";
import { cx } from "./cx";

/** What a Field hands to its control so label, hint and error are announced with it. */
export interface FieldControlProps {
  id: string;
  "aria-invalid": boolean | undefined;
  "aria-describedby": string | undefined;
}

export interface FieldProps {
  label: ReactNode;
  /** Help shown under the label, announced with the control. */
  hint?: ReactNode;
  /** The validation message; marks the control aria-invalid and is announced with it. */
  error?: string;
  /** Renders the control with the accessibility props spread onto it. */
  children: (control: FieldControlProps) => ReactNode;
  className?: string;
  /** Use a known id instead of a generated one (e.g. to match a form library's field name). */
  id?: string;
}

/**
 * One labelled form control with its hint and error, wired for assistive technology once:
 * <Field label="Company" error={errors.company?.message}>{(c) => <input {...c} {...register("company")} className={inputClassName} />}</Field>
 */
export function Field({ label, hint, error, children, className, id }: FieldProps) {
  const generated = useId();
  const controlId = id ?? `field-${generated}`;
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cx("space-y-1.5", className)}>
      <label htmlFor={controlId} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {children({ id: controlId, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {error ? (
        <p id={errorId} className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export const inputClassName = cx(
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm",
  "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-700",
  "aria-[invalid=true]:border-red-600",
);
