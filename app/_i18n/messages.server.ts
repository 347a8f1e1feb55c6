import "server-only";
/**
 * The app's own messages (home, footer, sign-in callback, error pages), one catalog per shipped
 * locale in app/_i18n/messages/; the kit's are in lib/i18n/messages/ (ADR 019).
 */
import { createMessageLoader } from "@gradual/kit/server";

export const loadAppMessages = createMessageLoader({
  en: () => import("./messages/en.json"),
  de: () => import("./messages/de.json"),
  ja: () => import("./messages/ja.json"),
  "zh-HK": () => import("./messages/zh-HK.json"),
  ar: () => import("./messages/ar.json"),
});
