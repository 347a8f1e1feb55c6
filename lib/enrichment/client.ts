/**
 * The `client` provider: the time zone and languages the user's own browser reports. The most
 * reliable time-zone source there is (it is the device's setting), but sent by the browser, so
 * untrusted until parsed here. The browser collects them with `collectClientHints()`
 * (./client-hints.ts, no zod); the strict schema and the provider run on the server.
 */
import { array, maxLength, optional, pipe, strictObject, string, transform } from "zod/mini";
import { pickFields } from "./fields";
import type { EnrichedValue, EnrichmentProvider } from "./types";
import { canonicalLanguages, canonicalLanguageTag, canonicalTimeZone } from "./values";
import { MAX_CLIENT_LANGUAGES, type ClientHints } from "./client-hints";

export { collectClientHints, type ClientHints } from "./client-hints";

export const CLIENT_PROVIDER_NAME = "client";
export const CLIENT_CONFIDENCE = { timezone: 0.95, languages: 0.9 } as const;

/** A string that comes out in its canonical form, or an issue with `message` when it has none. */
function canonicalString(canonicalize: (value: string) => string | null, message: string) {
  return pipe(
    string(),
    transform((v: string, ctx) => {
      const canonical = canonicalize(v);
      if (!canonical) ctx.issues.push({ code: "custom", message, input: v });
      return canonical ?? v;
    }),
  );
}

/**
 * Strict: any bad part is an error with a specific message. Values come out canonical
 * ("en-us" -> "en-US"). Use where a client must be told its hints are wrong.
 */
export const clientHintsSchema = strictObject({
  timeZone: optional(canonicalString(canonicalTimeZone, "timeZone must be an IANA time zone such as Europe/London")),
  languages: optional(
    pipe(
      array(canonicalString(canonicalLanguageTag, "each language must be a BCP 47 tag such as en-GB")).check(
        maxLength(MAX_CLIENT_LANGUAGES, { error: `at most ${MAX_CLIENT_LANGUAGES} languages` }),
      ),
      transform((tags: string[]) => [...new Set(tags)]),
    ),
  ),
});

/**
 * Lenient: keeps whatever parts are valid and drops the rest, never throws. Hints only ever add
 * suggestions, so an odd browser must not make a request fail.
 */
export function parseClientHints(raw: unknown): ClientHints {
  if (typeof raw !== "object" || raw === null) return {};
  const record = raw as Record<string, unknown>;
  const hints: ClientHints = {};
  const timeZone = canonicalTimeZone(record.timeZone);
  if (timeZone) hints.timeZone = timeZone;
  if (Array.isArray(record.languages)) {
    const languages = canonicalLanguages(record.languages.slice(0, 50), MAX_CLIENT_LANGUAGES);
    if (languages.length > 0) hints.languages = languages;
  }
  return hints;
}

export function clientValues(hints: ClientHints, now: Date): EnrichedValue[] {
  const observedAt = now.toISOString();
  const source = CLIENT_PROVIDER_NAME;
  const values: EnrichedValue[] = [];
  if (hints.timeZone) values.push({ field: "timezone", value: hints.timeZone, confidence: CLIENT_CONFIDENCE.timezone, source, observedAt });
  if (hints.languages?.length) values.push({ field: "languages", value: hints.languages, confidence: CLIENT_CONFIDENCE.languages, source, observedAt });
  return values;
}

export function createClientProvider(): EnrichmentProvider {
  return {
    name: CLIENT_PROVIDER_NAME,
    fields: pickFields("timezone", "languages"),
    timeBudgetMs: 50,
    thirdParty: false,
    description: "Your browser's time zone and languages",
    async lookup(input, { now }) {
      return input.clientHints ? clientValues(parseClientHints(input.clientHints), now) : [];
    },
  };
}
