/**
 * The locale the kit's forms speak when the app names none: the browser's language, else "en". One
 * rule for the prompt and /profile, so a question reads the same in both (labels, options and
 * country names; texts the catalog lacks in it fall back to its default locale).
 */
export function browserLocale(): string {
  return typeof navigator === "undefined" ? "en" : navigator.language || "en";
}
