/**
 * The two cookies locale negotiation reads (lib/i18n/negotiate.ts, ADR 019). Neither is a secret
 * nor proof of anything: each holds one shipped locale tag, and a value that is not one is ignored.
 * - `gradual-locale`: the language the user chose in Gradual's language menu.
 * - `gradual-authgear-locale`: the signed-in user's Authgear `locale`, as last seen; cleared at sign-out.
 *
 * Isomorphic.
 */
export const CHOSEN_LOCALE_COOKIE = "gradual-locale";
export const AUTHGEAR_LOCALE_COOKIE = "gradual-authgear-locale";
/** A year: a language choice outlives a session. */
export const LOCALE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;
