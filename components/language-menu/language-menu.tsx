"use client";
/**
 * The language menu (issue 16, ADR 019): a native `<select>` of the shipped locales, each named in
 * itself (with its `lang`), and a button that applies the choice. A button rather than a change on
 * select: in Chromium and Firefox the arrow keys change a closed select's value one step at a time,
 * and each step would reload the page in another language under a keyboard user's fingers.
 *
 * Applying calls the app's `chooseLocale` Server Action with the access token when signed in
 * (null otherwise): it sets the language cookie and, signed in, saves the user's Authgear `locale`.
 * Then the page is rendered again on the server, in the new language (`router.refresh()`).
 *
 * Needs use-intl's provider (the app's NextIntlClientProvider or <GradualIntlProvider>) and
 * <AuthgearProvider>.
 */
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { useLocale } from "use-intl";
import type { LanguageMenuActions } from "@/components/actions";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { useSession } from "@/lib/authgear/session";
import { useActionErrorText } from "@/lib/i18n/action-error";
import { LOCALE_NAMES, LOCALES, isLocale, type Locale } from "@/lib/i18n/locales";
import { useKitTranslations } from "@/lib/i18n/use-kit-translations";

export interface LanguageMenuProps {
  /** The app's Server Actions (from its "use server" file). */
  actions: Pick<LanguageMenuActions, "chooseLocale">;
  className?: string;
}

export function LanguageMenu({ actions, className }: LanguageMenuProps) {
  const t = useKitTranslations("language");
  const errorText = useActionErrorText();
  const current = useLocale();
  const session = useSession();
  const router = useRouter();
  const selectId = useId();
  const errorId = useId();
  // The user's pick before they apply it; the page's locale otherwise (also after a refresh brought it).
  const [picked, setPicked] = useState<Locale | null>(null);
  const [busy, setBusy] = useState(false);
  const [refreshing, startRefresh] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const selected = picked ?? (isLocale(current) ? current : LOCALES[0]);

  const apply = async () => {
    if (selected === current) return;
    setBusy(true);
    setError(null);
    try {
      const token = session.state === "signed-in" ? await session.accessToken() : null;
      const result = await actions.chooseLocale(token, { locale: selected });
      if (!result.ok) {
        setError(errorText(result.error));
        // The language cookie is set even when Authgear's write failed: the page follows the choice.
        if (result.error.code === "invalid_input") return;
      } else if (result.savedToAuthgear) {
        void session.reloadUser(); // its userinfo now says the new `locale`
      }
      setPicked(null);
      startRefresh(() => router.refresh());
    } catch {
      setError(errorText({ code: "internal" }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      aria-label={t("choose")}
      className={cx("flex flex-wrap items-center gap-2", className)}
      onSubmit={(event) => {
        event.preventDefault();
        void apply();
      }}
    >
      <label htmlFor={selectId} className="text-sm font-medium text-slate-700">
        {t("label")}
      </label>
      <select
        id={selectId}
        value={selected}
        onChange={(event) => {
          const value = event.target.value;
          if (isLocale(value)) setPicked(value);
        }}
        aria-describedby={error ? errorId : undefined}
        className="min-h-9 rounded-md border border-slate-300 bg-white ps-2 pe-8 text-sm text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-700"
      >
        {LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {LOCALE_NAMES[locale]}
          </option>
        ))}
      </select>
      <Button type="submit" variant="secondary" className="min-h-9 px-3 py-1" busy={busy || refreshing} disabled={session.state === "loading"}>
        {t("apply")}
      </Button>
      {error ? (
        <p id={errorId} role="alert" className="w-full text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </form>
  );
}
