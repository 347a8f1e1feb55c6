/**
 * The words of app/global-error.tsx, the page shown when the root layout itself failed: then there
 * is no message provider (the layout mounts it), so these few sentences are here, in every shipped
 * locale (a `Record<Locale, …>`: a locale added to LOCALES without them fails the type check), and
 * the page picks one from what the browser still knows (see pickGlobalErrorLocale).
 *
 * Isomorphic, tiny: it is the only text of that page's chunk.
 */
import { DEFAULT_LOCALE, LOCALES, isLocale, type Locale } from "@gradual/kit/catalog";

export interface GlobalErrorText {
  title: string;
  body: string;
  retry: string;
}

export const GLOBAL_ERROR_TEXT: Readonly<Record<Locale, GlobalErrorText>> = {
  en: { title: "Something went wrong", body: "Gradual could not show this page. Nothing you saved is lost; please try again.", retry: "Try again" },
  de: {
    title: "Etwas ist schiefgelaufen",
    body: "Gradual konnte diese Seite nicht anzeigen. Ihre gespeicherten Angaben sind nicht verloren; bitte versuchen Sie es erneut.",
    retry: "Erneut versuchen",
  },
  ja: { title: "問題が発生しました", body: "Gradual はこのページを表示できませんでした。保存した内容は失われていません。もう一度お試しください。", retry: "再試行" },
  "zh-HK": { title: "出現問題", body: "Gradual 未能顯示此頁面。你已儲存的資料沒有遺失，請再試一次。", retry: "再試一次" },
  ar: { title: "حدث خطأ ما", body: "تعذّر على Gradual عرض هذه الصفحة. لم يُفقد شيء مما حفظته؛ يُرجى المحاولة مرة أخرى.", retry: "إعادة المحاولة" },
};

/** The shipped locale for a tag: itself, else the first shipped one of its language (`de-CH` → `de`, `zh-TW` → `zh-HK`). */
function shipped(tag: string | null | undefined): Locale | undefined {
  if (!tag) return undefined;
  if (isLocale(tag)) return tag;
  const language = tag.toLowerCase().split(/[-_]/)[0];
  return LOCALES.find((l) => l.toLowerCase().split("-")[0] === language);
}

/**
 * The locale of the failed page: the `lang` of the document it replaces (the locale the server
 * negotiated, when the failure happened in the browser), else the browser's languages in order,
 * else the default. Never throws.
 */
export function pickGlobalErrorLocale(documentLang: string | null | undefined, browserLanguages: readonly string[]): Locale {
  for (const tag of [documentLang, ...browserLanguages]) {
    const locale = shipped(tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}
