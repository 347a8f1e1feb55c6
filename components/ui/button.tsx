import type { ButtonHTMLAttributes, Ref } from "react";
import { cx } from "./cx";

export type ButtonVariant = "primary" | "secondary" | "ghost";

const VARIANTS: Record<ButtonVariant, string> = {
  primary: "bg-indigo-700 text-white hover:bg-indigo-800 disabled:bg-indigo-400",
  secondary: "border border-slate-300 bg-white text-slate-900 hover:bg-slate-50 disabled:text-slate-400",
  ghost: "text-indigo-800 hover:bg-indigo-50 disabled:text-slate-400",
};

export const buttonClassName = (variant: ButtonVariant = "primary", className?: string) =>
  cx(
    "inline-flex min-h-10 items-center justify-center gap-2 rounded-md px-4 py-2 text-sm font-semibold",
    "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-700 disabled:cursor-not-allowed",
    VARIANTS[variant],
    className,
  );

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  /** Shows the work in progress: disables the button and sets aria-busy (the label stays). */
  busy?: boolean;
  ref?: Ref<HTMLButtonElement>;
}

/** A button (type="button" unless told otherwise), variants named in one place. */
export function Button({ variant = "primary", busy = false, disabled, className, type = "button", children, ...rest }: ButtonProps) {
  return (
    <button
      type={type}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      className={buttonClassName(variant, className)}
      {...rest}
    >
      {children}
    </button>
  );
}
