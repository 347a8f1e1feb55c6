/**
 * The kit's components read their words through this hook: use-intl's `useTranslations` under the
 * kit's namespace (`gradual.<namespace>`), typed by the default catalog (lib/i18n/messages/en.json),
 * so a key that does not exist fails the type check. The messages come from the nearest
 * IntlProvider: the app's next-intl `NextIntlClientProvider`, or `<GradualIntlProvider>`
 * (ADR 019). No Next.js import: the kit's components work in any React app.
 *
 * Isomorphic (client components and server rendering).
 */
import { useTranslations } from "use-intl";
import type en from "./messages/en.json";

type KitCatalog = typeof en;
export type KitNamespace = keyof KitCatalog;

/** The dotted keys under a namespace: "heading", "chart.title", … */
type Paths<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${Paths<T[K]>}`;
}[keyof T & string];

export type KitKey<N extends KitNamespace> = Paths<KitCatalog[N]>;
export type KitValues = Record<string, string | number | Date>;

export interface KitTranslator<N extends KitNamespace> {
  (key: KitKey<N>, values?: KitValues): string;
  /** True when the catalog in use has the message. */
  has(key: KitKey<N>): boolean;
}

export function useKitTranslations<N extends KitNamespace>(namespace: N): KitTranslator<N> {
  return useTranslations(`gradual.${namespace}`) as unknown as KitTranslator<N>;
}
