"use client";
/**
 * `<GradualIntlProvider>`: the messages and locale for the kit's components in an app without
 * next-intl (use-intl's IntlProvider with the kit's error handling). An app with next-intl needs
 * none: its `NextIntlClientProvider`, given the kit's messages beside its own, serves both (ADR 019).
 */
import type { ReactNode } from "react";
import { IntlProvider, type AbstractIntlMessages } from "use-intl";

export interface GradualIntlProviderProps {
  locale: string;
  /** The kit's messages in `locale` (`loadKitMessages` on the server), with the app's overrides merged. */
  messages: AbstractIntlMessages;
  /** The time zone dates are written in; default UTC (the server's render and the browser's agree). */
  timeZone?: string;
  children: ReactNode;
}

export function GradualIntlProvider({ locale, messages, timeZone = "UTC", children }: GradualIntlProviderProps) {
  return (
    <IntlProvider locale={locale} messages={messages} timeZone={timeZone}>
      {children}
    </IntlProvider>
  );
}
