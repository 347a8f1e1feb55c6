/**
 * The signed-in user's own view of their profile (the /profile page and its JSON download): every
 * catalog attribute with its value, where the value came from in words, and when; which enrichment
 * sources ran for the user, and their consent to third-party sources. Pure and
 * isomorphic: the server builds the view from Authgear, the state store and the catalog; the page
 * renders it and turns it into the download.
 */
import { isEmptyValue, localize, type ProfileCatalog } from "../catalog/catalog";
import type { AttributeValue, Provenance } from "@/lib/domain";
import type { EnrichmentPhase } from "@/lib/enrichment/types";
import { CONFIRMED_SOURCE, USER_SOURCE } from "../prompt/merge";

/** How the page explains a value's origin. */
export type SourceKind =
  /** The user typed it (prompt or profile page). */
  | "user"
  /** The user accepted a suggestion. */
  | "confirmed"
  /** An IP-address lookup (geoip, ipgeolocation). */
  | "location"
  /** The browser's own settings (client hints). */
  | "browser"
  /** Authgear's sign-in context. */
  | "sign_in"
  /** Another enrichment provider of this app (work email, FullContact, People Data Labs, the app's own): `recorded` names it. */
  | "provider"
  /** No record, or a record that describes another value: the Portal, another app, an admin. */
  | "outside"
  /** The attribute is empty. */
  | "none";

/**
 * The sources in English, for the JSON download (a stable format) and logs. The page says them in
 * the user's language from the kit's messages (`profile.source.<kind>`).
 */
export const SOURCE_WORDS: Record<SourceKind, string> = {
  user: "You told us",
  confirmed: "Confirmed by you",
  location: "Estimated from your location",
  browser: "From your browser",
  sign_in: "From your sign-in",
  provider: "Found by a data source",
  outside: "Set outside Gradual",
  none: "Not set",
};

export interface AccountAttribute {
  attribute: string;
  label: string;
  /** Why we ask. */
  purpose: string;
  /** The value Authgear holds; null when empty. */
  value: AttributeValue | null;
  source: {
    kind: SourceKind;
    /** In words: "You told us", "Estimated from your location", … */
    words: string;
    /** The provider or "user"/"confirmed", as recorded (null when there is no applicable record). */
    recorded: string | null;
    /** When the value was given or observed (epoch ms); null when unknown. */
    at: number | null;
    /** An estimate the user has not confirmed yet. */
    unconfirmedGuess: boolean;
  };
  /** The user cleared this attribute themselves (enrichment will not refill it). */
  clearedByYou: boolean;
  /** "Don't ask again", with its time; null when not declined. */
  declinedAt: number | null;
}

/** One enrichment source that ran for the user: its last run (the store keeps one per provider). */
export interface EnrichmentSourceView {
  /** The provider's name, e.g. "work-email". */
  provider: string;
  /** What it is, in a few words; the name when the provider gives none (or is no longer built). */
  description: string;
  /** It sends the user's data to somebody else (FullContact, People Data Labs). */
  thirdParty: boolean;
  /** ISO 8601. */
  ranAt: string;
  /** How its last run ended: "found", "nothing", "timeout", "error", "invalid" or "cached". */
  outcome: string;
  /** The fields it found a value for, in the order it gave them. */
  fields: string[];
}

export interface EnrichmentConsentView {
  /** The catalog asks before third-party sources run, and the app has one. */
  required: boolean;
  /** The user's answer: null while they have not decided. */
  granted: boolean | null;
  /** When they answered (ISO 8601), or null. */
  at: string | null;
}

export interface AccountView {
  sub: string;
  /** Enrichment is off for this user. */
  enrichmentOptOut: boolean;
  attributes: AccountAttribute[];
  enrichment: { sources: EnrichmentSourceView[]; consent: EnrichmentConsentView };
}

/** A provider as the account view knows it (any EnrichmentProvider fits). */
export interface AccountProviderInfo {
  readonly name: string;
  readonly description?: string;
  readonly thirdParty: boolean;
}

/** A provider's last run for the user, as the store keeps it (its observations hold what it found). */
export interface AccountEnrichmentRun {
  readonly provider: string;
  /** Epoch ms. */
  readonly ranAt: number;
  readonly phase?: EnrichmentPhase;
  readonly outcome: string;
  readonly observations: readonly { readonly field: string }[];
}

/**
 * The kind of source a record names. A provider of this app's (`providers`) other than the location
 * ones is "provider"; a name nobody here knows is "outside".
 */
export function sourceKind(source: string, providers: readonly string[] = []): Exclude<SourceKind, "outside" | "none"> | "outside" {
  switch (source) {
    case USER_SOURCE:
      return "user";
    case CONFIRMED_SOURCE:
      return "confirmed";
    case "geoip":
    case "ipgeolocation":
      return "location";
    case "client":
      return "browser";
    case "authgear-context":
      return "sign_in";
    default:
      return providers.includes(source) ? "provider" : "outside";
  }
}

/**
 * Where a value came from: its provenance record applies only when it describes the value the
 * attribute holds now (a record without a value, from before values were recorded, is trusted);
 * otherwise somebody outside Gradual set it.
 */
export function describeSource(value: unknown, record: Provenance | undefined, providers: readonly string[] = []): AccountAttribute["source"] {
  if (isEmptyValue(value)) return { kind: "none", words: SOURCE_WORDS.none, recorded: null, at: null, unconfirmedGuess: false };
  if (!record || (record.value !== undefined && record.value !== value)) {
    return { kind: "outside", words: SOURCE_WORDS.outside, recorded: null, at: null, unconfirmedGuess: false };
  }
  const kind = sourceKind(record.source, providers);
  const guess = kind === "location" || kind === "browser" || kind === "sign_in" || kind === "provider";
  return { kind, words: SOURCE_WORDS[kind], recorded: record.source, at: Date.parse(record.at), unconfirmedGuess: guess && !record.confirmed };
}

export interface AccountViewInput {
  sub: string;
  catalog: ProfileCatalog;
  /** Authgear's custom attributes. */
  attributes: Readonly<Record<string, unknown>>;
  /** The store's provenance, per attribute. */
  provenance: Readonly<Record<string, Provenance | undefined>>;
  declined: Readonly<Record<string, number | null | undefined>>;
  enrichmentOptOut: boolean;
  locale?: string;
  /** The providers the app builds (enrichment.config.ts), in priority order. Default none. */
  providers?: readonly AccountProviderInfo[];
  /** The providers' last runs for this user. Default none. */
  runs?: readonly AccountEnrichmentRun[];
  /** The user's answer to the consent question, with its time (epoch ms); null or absent while undecided. */
  consent?: { granted: boolean; at: number } | null;
}

/** The sources that ran, in the app's provider order (providers it no longer builds after, by name). */
function enrichmentSources(input: AccountViewInput): EnrichmentSourceView[] {
  const providers = input.providers ?? [];
  const rank = (name: string) => {
    const i = providers.findIndex((p) => p.name === name);
    return i === -1 ? providers.length : i;
  };
  return [...(input.runs ?? [])]
    .sort((a, b) => rank(a.provider) - rank(b.provider) || a.provider.localeCompare(b.provider))
    .map((run) => {
      const provider = providers.find((p) => p.name === run.provider);
      return {
        provider: run.provider,
        description: provider?.description ?? run.provider,
        thirdParty: provider?.thirdParty ?? false,
        ranAt: new Date(run.ranAt).toISOString(),
        outcome: run.outcome,
        fields: [...new Set(run.observations.map((o) => o.field))],
      };
    });
}

export function accountView(input: AccountViewInput): AccountView {
  const { catalog } = input;
  const locale = input.locale ?? catalog.defaultLocale;
  const providerNames = (input.providers ?? []).map((p) => p.name);
  const consent = input.consent ?? null;
  return {
    sub: input.sub,
    enrichmentOptOut: input.enrichmentOptOut,
    enrichment: {
      sources: enrichmentSources(input),
      consent: {
        required: catalog.thirdPartyConsent !== undefined && (input.providers ?? []).some((p) => p.thirdParty),
        granted: consent ? consent.granted : null,
        at: consent ? new Date(consent.at).toISOString() : null,
      },
    },
    attributes: catalog.questions.map((q) => {
      const raw = input.attributes[q.attribute];
      const value = isEmptyValue(raw) || (typeof raw !== "string" && typeof raw !== "number") ? null : raw;
      const record = input.provenance[q.attribute];
      return {
        attribute: q.attribute,
        label: localize(q.label, locale, catalog.defaultLocale),
        purpose: localize(q.purpose, locale, catalog.defaultLocale),
        value,
        source: describeSource(value, record, providerNames),
        clearedByYou: value === null && record?.confirmed === true && record.value === undefined,
        declinedAt: input.declined[q.attribute] ?? null,
      };
    }),
  };
}

/**
 * How complete the profile is, as /profile says it (issue 16): of the questions that can still be
 * asked, how many are answered. A question counts when it holds a value (however it got there) or
 * when it is empty and may still be asked; an empty question the user declined ("Don't ask
 * again") is not counted, in either number: we promised not to ask it. `left` are the counted
 * questions still empty, in catalog order, each answerable right there on the page.
 */
export interface Completeness {
  answered: number;
  total: number;
  left: AccountAttribute[];
  /** Empty questions left out because the user declined them. */
  declined: number;
}

export function profileCompleteness(view: Pick<AccountView, "attributes">): Completeness {
  let answered = 0;
  let declined = 0;
  const left: AccountAttribute[] = [];
  for (const attribute of view.attributes) {
    if (attribute.value !== null) answered += 1;
    else if (attribute.declinedAt !== null) declined += 1;
    else left.push(attribute);
  }
  return { answered, total: answered + left.length, left, declined };
}

/** The JSON download: every catalog attribute with its value and source, the opt-out, the sources that ran and the consent. */
export function accountExport(view: AccountView, exportedAt: Date) {
  return {
    format: "gradual-profile/1",
    exportedAt: exportedAt.toISOString(),
    user: view.sub,
    enrichment: view.enrichmentOptOut ? "off" : "on",
    enrichmentSources: view.enrichment.sources,
    thirdPartyConsent: view.enrichment.consent,
    attributes: Object.fromEntries(
      view.attributes.map((a) => [
        a.attribute,
        {
          label: a.label,
          purpose: a.purpose,
          value: a.value,
          source: a.source.words,
          recordedSource: a.source.recorded,
          at: a.source.at === null ? null : new Date(a.source.at).toISOString(),
          unconfirmedGuess: a.source.unconfirmedGuess,
          clearedByYou: a.clearedByYou,
          dontAskAgainSince: a.declinedAt === null ? null : new Date(a.declinedAt).toISOString(),
        },
      ]),
    ),
  };
}
