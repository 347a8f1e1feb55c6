/**
 * The words a page shows in a locale, from the same catalogs the app serves (lib/i18n/messages for
 * the kit, app/_i18n/messages for the app), formatted with use-intl's full ICU formatter: a test
 * finds a German button by its German name without copying the catalog. The catalogs themselves
 * are checked by lib/i18n/messages.test.ts (every key in every locale, valid ICU); a test that
 * reads a name from here fails when the page shows another language, or the key is missing.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createTranslator, type AbstractIntlMessages } from "use-intl";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";

type Values = Record<string, string | number | Date>;

function catalog(dir: string, locale: Locale): AbstractIntlMessages {
  return JSON.parse(readFileSync(join(process.cwd(), dir, `${locale}.json`), "utf8")) as AbstractIntlMessages;
}

/** A translator over one catalog: `words("home.signIn")`, `words("home.signedInAs", { identity })`. */
export interface Words {
  (key: string, values?: Values): string;
}

function translator(dir: string, locale: Locale): Words {
  const t = createTranslator({ locale, messages: catalog(dir, locale), timeZone: "UTC" });
  // Rich-text tags (<strong>…</strong>) are dropped: a page's text as getByText and accessible names see it.
  return (key, values) => t.markup(key as never, { ...values, strong: (chunks: string) => chunks } as never);
}

/** The app's words (app/_i18n/messages: site, home, footer, callback, errors, inline…). */
export function appWords(locale: Locale = DEFAULT_LOCALE): Words {
  return translator("app/_i18n/messages", locale);
}

/** The kit's words (lib/i18n/messages: prompt, field, validation, profile, language, session, admin, errors). */
export function kitWords(locale: Locale = DEFAULT_LOCALE): Words {
  return translator("lib/i18n/messages", locale);
}
