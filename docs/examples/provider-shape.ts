// docs/examples/provider-shape.ts
import type { EnrichmentFieldSpec, EnrichmentInput, EnrichmentProvider, Observation, ProviderContext } from "@gradual/kit/enrichment";

export interface ProviderShape {
  /** Stored as provenance and shown to the user on /profile: lower case, digits and "-". */
  readonly name: string;
  /** The fields it can fill, each with the type of value it produces. */
  readonly fields: Readonly<Record<string, EnrichmentFieldSpec>>;
  /** How long one lookup may take, in milliseconds. */
  readonly timeBudgetMs: number;
  /** It sends the user's data (IP address, email) to somebody else. */
  readonly thirdParty: boolean;
  /** It answers from the network (so, in the sign-up hook, only from its cache). Default false. */
  readonly remote?: boolean;
  /** A short description for /profile and /admin. */
  readonly description?: string;
  lookup(input: EnrichmentInput, context: ProviderContext): Promise<readonly Observation[]>;
  /** Remote providers: the answer at hand for this input (a cache hit), without I/O. */
  cached?(input: EnrichmentInput, context: Omit<ProviderContext, "signal">): readonly Observation[] | undefined;
}

// The guide's shape is the kit's EnrichmentProvider, no more and no less: this line stops typechecking otherwise.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const SHAPE_IS_THE_API: Same<ProviderShape, EnrichmentProvider> = true;
