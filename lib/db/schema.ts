/**
 * The app's own tables. Values of profile attributes live in Authgear only; this database keeps
 * what Authgear cannot: which questions were shown, answered, skipped or declined, the prompt of
 * each login, submission ids (for idempotent retries) and each attribute's provenance.
 * No IP address is ever stored. Times are Unix epoch milliseconds.
 */
import type { Generated } from "kysely";

export interface QuestionStateTable {
  user_id: string;
  attribute: string;
  shown_count: number;
  last_shown_at: number | null;
  answered_at: number | null;
  skip_count: number;
  last_skipped_at: number | null;
  declined_at: number | null;
}

/** One visit's prompt (ADR 004: a sign-in's first visit, then one per return after the rest). */
export interface LoginPromptTable {
  user_id: string;
  /** The visit's key: `${sub}:${auth_time}` for a sign-in's first visit, `${sub}:${auth_time}:vN` for the N-th. */
  login_key: string;
  /**
   * The sign-in's key, `${sub}:${auth_time}` (migration 004 set it on every older row, each a first
   * visit). Null only on a row written by an instance older than 003 during a rolling deploy: such a
   * row is a first visit, found by its `login_key`.
   */
  sign_in: string | null;
  /** JSON array of the attributes the prompt showed, best first. */
  attributes: string;
  shown_at: number;
  finished_at: number | null;
  dismissed_at: number | null;
}

export interface SubmissionTable {
  id: string;
  user_id: string;
  created_at: number;
  /** JSON of the result returned the first time, returned again for a retried id. */
  outcome: string;
}

export interface ProvenanceTable {
  user_id: string;
  attribute: string;
  /** "user", "confirmed", or an enrichment provider's name. */
  source: string;
  confidence: number;
  observed_at: number;
  confirmed: number;
  /** JSON of the value this record describes; null for a deliberate clear or an older record. */
  value: string | null;
  /** A confirmed value: the provider whose suggestion the user confirmed (migration 006), else null. */
  suggested_by: string | null;
}

export interface PromptEventTable {
  id: Generated<number>;
  user_id: string;
  attribute: string;
  kind: "shown" | "answered" | "skipped" | "declined" | "undeclined";
  /** 0-based position of the question in its prompt, when it was part of one. */
  position: number | null;
  login_key: string | null;
  at: number;
}

export interface UserSettingsTable {
  user_id: string;
  enrichment_opt_out: number;
  updated_at: number;
  /** The answer to the catalog's consent question for third-party sources: null (not decided), 1 (yes), 0 (no). Migration 005. */
  third_party_consent: number | null;
  /** When that answer was given (epoch ms), or null. */
  third_party_consent_at: number | null;
}

/**
 * The last run of one enrichment provider for one user (migration 005): what /profile shows as the
 * sources that ran, and where a remote provider's answer waits for the next prompt (a lookup after
 * sign-up reaches the next login). Observations are the user's data: an opt-out deletes the rows,
 * withdrawing consent deletes the third-party ones.
 */
export interface EnrichmentRunTable {
  user_id: string;
  provider: string;
  ran_at: number;
  /** EnrichmentPhase: sign-up, after-sign-up, login, consent. */
  phase: string;
  /** RunOutcome: found, nothing, timeout, error, invalid, cached. */
  outcome: string;
  /** JSON array of the accepted observations (EnrichedValue[]) of the last run that answered. */
  observations: string;
  /** 1 when the provider sends the user's data to a third party (its rows go when consent is withdrawn). */
  third_party: number;
}

/**
 * A configuration problem the app noticed (an attribute Authgear dropped on write, webhook requests
 * whose signature does not verify), one row per problem, shown on /admin. See ADR 015.
 */
export interface ConfigProblemTable {
  /** e.g. "attribute_not_configured:work_phone", "webhook_bad_signature". */
  key: string;
  kind: string;
  /** What it concerns (the attribute's name), or "". */
  subject: string;
  /** What happened, in words. */
  message: string;
  /** What to do about it. */
  fix: string;
  first_seen_at: number;
  last_seen_at: number;
  /** Occurrences recorded (throttled kinds record at most once a minute, with the count since). */
  count: number;
  /** When it was seen to be fixed (a later write of the attribute stuck, a signature verified). */
  resolved_at: number | null;
}

export interface Database {
  question_state: QuestionStateTable;
  login_prompt: LoginPromptTable;
  submission: SubmissionTable;
  provenance: ProvenanceTable;
  prompt_event: PromptEventTable;
  user_settings: UserSettingsTable;
  config_problem: ConfigProblemTable;
  enrichment_run: EnrichmentRunTable;
}
