/**
 * next-intl's request config (next.config.mjs points its plugin here): the locale negotiated for
 * this request (the kit's `requestLocale`: language menu, Authgear `locale`, Accept-Language, the
 * default; ADR 019) and that locale's messages, the kit's and the app's, compiled on the server.
 * Nothing else reaches the browser: the root layout hands these to NextIntlClientProvider.
 */
import { getRequestConfig } from "next-intl/server";
import { loadKitMessages, requestLocale } from "@gradual/kit/server";
import { loadAppMessages } from "./messages.server";

export default getRequestConfig(async () => {
  const { locale } = await requestLocale();
  const [kit, app] = await Promise.all([loadKitMessages(locale), loadAppMessages(locale)]);
  return {
    locale,
    messages: { ...kit, ...app },
    // Dates are written in UTC unless a component names the user's own time zone: the server
    // cannot know the browser's, and the two renders must agree.
    timeZone: "UTC",
  };
});
