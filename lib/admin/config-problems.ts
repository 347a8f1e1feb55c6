/**
 * Configuration problems the app notices at run time, each with what happened and the fix: they
 * are logged (at most once a minute per problem) and kept in the state store so that /admin, on
 * any instance, lists them (docs/decisions/015-webhook-signature-failures.md).
 *
 * - `attribute_not_configured:<name>`: Authgear dropped a custom attribute on write, because the
 *   project has no such attribute (Authgear stores configured attributes only and says nothing:
 *   authgear-server pkg/lib/feature/customattrs/service_noevent.go). Resolved when a later write
 *   of that attribute sticks.
 * - `webhook_bad_signature`: a webhook request whose `x-authgear-body-signature` does not verify
 *   with AUTHGEAR_WEBHOOK_SECRET. Resolved when a later request verifies.
 *
 * Plain module (no I/O of its own): the store, the log and the clock are injected.
 */
/** A configuration problem as the state store keeps it and /admin lists it. Times are epoch ms. */
export interface ConfigProblem {
  key: string;
  kind: string;
  /** What it concerns (an attribute's name), or "". */
  subject: string;
  /** What happened, in words. */
  message: string;
  /** What to do about it. */
  fix: string;
  firstSeenAt: number;
  lastSeenAt: number;
  count: number;
  /** When it was seen to be fixed; null while open. */
  resolvedAt: number | null;
}

export type ConfigProblemKind = "attribute_not_configured" | "webhook_bad_signature";

/** What is reported; the store adds the times and the count. */
export type ConfigProblemReport = Pick<ConfigProblem, "key" | "kind" | "subject" | "message" | "fix"> & { kind: ConfigProblemKind };

export const ATTRIBUTE_CONFIG_FIX =
  "Run `npm run authgear:config` and paste its output in the Portal under Advanced → Edit Config (authgear.yaml user_profile.custom_attributes), then save.";

export const WEBHOOK_SECRET_FIX =
  "Set AUTHGEAR_WEBHOOK_SECRET to the project's webhook signing secret (Portal → Advanced → Hooks → Webhook Signature: reveal the secret key), then restart the app.";

export function attributeProblemKey(attribute: string): string {
  return `attribute_not_configured:${attribute}`;
}

export const WEBHOOK_SIGNATURE_PROBLEM_KEY = "webhook_bad_signature";

export function attributeNotConfigured(attribute: string): ConfigProblemReport {
  return {
    key: attributeProblemKey(attribute),
    kind: "attribute_not_configured",
    subject: attribute,
    message: `Custom attribute "${attribute}" is not configured in Authgear: it was dropped on write, so answers to it are not kept.`,
    fix: ATTRIBUTE_CONFIG_FIX,
  };
}

export function webhookBadSignature(mode: "allow" | "reject"): ConfigProblemReport {
  const effect =
    mode === "allow"
      ? "blocking events are allowed without enrichment and other events are ignored (AUTHGEAR_WEBHOOK_BAD_SIGNATURE=allow)"
      : "every such request is answered 401, so Authgear fails those sign-ups (AUTHGEAR_WEBHOOK_BAD_SIGNATURE=reject)";
  return {
    key: WEBHOOK_SIGNATURE_PROBLEM_KEY,
    kind: "webhook_bad_signature",
    subject: "",
    message: `Webhook requests arrive whose signature does not verify: AUTHGEAR_WEBHOOK_SECRET does not match the project's hook signing secret; ${effect}.`,
    fix: WEBHOOK_SECRET_FIX,
  };
}

/** The server-log line for a problem: what happened and the fix, in one line. */
export function problemLogLine(problem: ConfigProblemReport, count = 1, sinceMs?: number): string {
  const times = count > 1 && sinceMs !== undefined ? ` (${count} times in the last ${Math.max(1, Math.round(sinceMs / 1000))} s)` : "";
  return `[gradual] ${problem.message}${times} Fix: ${problem.fix}`;
}

const isUnset = (value: unknown) => value === undefined || value === null;

/**
 * Attributes of a whole-object write that did not stick: set in `sent`, absent from what Authgear
 * returned. (A value a hook changed is present, so it does not count: that is no configuration
 * problem.) In `sent`'s order.
 */
export function droppedAttributes(sent: Readonly<Record<string, unknown>>, stored: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(sent).filter((name) => !isUnset(sent[name]) && isUnset(stored[name]));
}

/** Attributes of a write that stuck (set in `sent` and present in what Authgear returned). */
export function keptAttributes(sent: Readonly<Record<string, unknown>>, stored: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(sent).filter((name) => !isUnset(sent[name]) && !isUnset(stored[name]));
}

export interface ConfigProblemStore {
  recordConfigProblem(problem: ConfigProblemReport, count: number, at: number): Promise<void>;
  resolveConfigProblems(keys: readonly string[], at: number): Promise<string[]>;
}

export interface ConfigProblemReporterOptions {
  store: () => Promise<ConfigProblemStore>;
  log: Pick<Console, "warn" | "error"> & Partial<Pick<Console, "info">>;
  /** Epoch milliseconds. */
  now: () => number;
  /** At most one log line (and, for throttled kinds, one store write) per problem per interval; default 60 s. */
  intervalMs?: number;
}

export const PROBLEM_LOG_INTERVAL_MS = 60_000;

/**
 * Reports and resolves configuration problems. Each problem is logged at most once per interval
 * (the next line says how many occurred since). `attribute_not_configured` occurrences come from
 * signed-in users' saves and are each recorded; `webhook_bad_signature` ones may come from anyone
 * on the internet, so they are recorded with the log line, their count accumulated in between.
 * Never throws: a store failure is logged.
 */
export function createConfigProblemReporter(options: ConfigProblemReporterOptions) {
  const interval = options.intervalMs ?? PROBLEM_LOG_INTERVAL_MS;
  const lastLogged = new Map<string, number>();
  const pending = new Map<string, number>();
  /** Keys this process saw reported since it last resolved them: a verified request then resolves. */
  const open = new Set<string>();
  const lastResolveCheck = new Map<string, number>();

  async function safely(what: string, task: () => Promise<void>): Promise<void> {
    try {
      await task();
    } catch (error) {
      options.log.error(`[gradual] configuration problems: could not ${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const reporter = {
    async report(problem: ConfigProblemReport): Promise<void> {
      const now = options.now();
      const throttledStore = problem.kind === "webhook_bad_signature";
      const count = (pending.get(problem.key) ?? 0) + 1;
      const last = lastLogged.get(problem.key);
      const due = last === undefined || now - last >= interval;
      open.add(problem.key);
      if (due) {
        options.log.warn(problemLogLine(problem, count, last === undefined ? undefined : now - last));
        lastLogged.set(problem.key, now);
        pending.delete(problem.key);
        await safely("record a problem", async () => (await options.store()).recordConfigProblem(problem, throttledStore ? count : 1, now));
        return;
      }
      pending.set(problem.key, count);
      if (!throttledStore) await safely("record a problem", async () => (await options.store()).recordConfigProblem(problem, 1, now));
    },

    /**
     * `keys` are known good now (the attribute stuck, a signature verified): open problems among
     * them are marked resolved. `onlyIfSeen` skips keys this process has not reported, checking
     * the store for those at most once per interval (for the hot path of every webhook request).
     */
    async resolve(keys: readonly string[], { onlyIfSeen = false }: { onlyIfSeen?: boolean } = {}): Promise<void> {
      const now = options.now();
      const wanted = keys.filter((key) => {
        if (!onlyIfSeen || open.has(key)) return true;
        const last = lastResolveCheck.get(key);
        return last === undefined || now - last >= interval;
      });
      if (wanted.length === 0) return;
      for (const key of wanted) lastResolveCheck.set(key, now);
      await safely("resolve problems", async () => {
        const resolved = await (await options.store()).resolveConfigProblems(wanted, now);
        for (const key of wanted) open.delete(key);
        for (const key of resolved) {
          lastLogged.delete(key);
          pending.delete(key);
          options.log.info?.(`[gradual] configuration problem resolved: ${key}`);
        }
      });
    },

    /**
     * After a custom-attributes write: each attribute `sent` with a value that Authgear's answer
     * (`stored`) lacks is reported as not configured, the ones it kept resolve their problems.
     * Returns the dropped ones.
     */
    async afterWrite(sent: Readonly<Record<string, unknown>>, stored: Readonly<Record<string, unknown>>): Promise<string[]> {
      const dropped = droppedAttributes(sent, stored);
      for (const attribute of dropped) await reporter.report(attributeNotConfigured(attribute));
      await reporter.resolve(keptAttributes(sent, stored).map(attributeProblemKey), { onlyIfSeen: true });
      return dropped;
    },
  };
  return reporter;
}

export type ConfigProblemReporter = ReturnType<typeof createConfigProblemReporter>;
