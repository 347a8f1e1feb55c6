/**
 * The two load scenarios (ADR 013), driving the real Server Actions over HTTP:
 * - parallelSaves: one user, N saves at once, each on a different attribute, spread round-robin
 *   over the instances; afterwards every value must be in Authgear (Admin API): lost = 0.
 * - signInPromptSave: U users, each through sign-in (emulator OAuth), getProfilePrompt and
 *   submitProfileAnswers (answering every offered question), a few at a time; every submitted
 *   answer must be in Authgear afterwards.
 * Errors are counted, never retried: a retry would hide what the check is about.
 */
import { randomBytes } from "node:crypto";
import { signIn } from "@/emulator/testing";
import { LOAD_ATTRIBUTES } from "./catalog";
import { callAction } from "./flight";
import type { Cluster } from "./cluster";
import { defined } from "@/lib/defined";

const REDIRECT_URI = "http://localhost:3100/auth/callback";
const CLIENT_ID = "gradual-web";

const token = () => randomBytes(6).toString("hex");

type Result = { ok: true; [key: string]: unknown } | { ok: false; error: { code: string; message: string } };

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface ParallelSavesResult {
  engine: string;
  instances: number;
  submissions: number;
  /** Saves answered { ok: true }. */
  succeeded: number;
  /** Saves that failed (HTTP, Flight or { ok: false }), with the first few reasons. */
  errors: number;
  errorSamples: string[];
  /** Values a successful save reported that are not in Authgear afterwards. */
  lost: number;
  lostAttributes: string[];
  wallMs: number;
  perSecond: number;
}

/** N saves at once for one fresh user, save i on attribute load_(i+1), alternating between the instances. */
export async function parallelSaves(cluster: Cluster, submissions: number): Promise<ParallelSavesResult> {
  if (submissions > LOAD_ATTRIBUTES.length) throw new Error(`at most ${LOAD_ATTRIBUTES.length} submissions (one attribute each)`);
  const user = await signIn(cluster.emulatorUrl, { email: `parallel-${token()}@load.test`, clientId: CLIENT_ID, redirectUri: REDIRECT_URI });
  const run = token();
  const values = LOAD_ATTRIBUTES.slice(0, submissions).map((attribute, i) => ({ attribute, value: `v${i + 1}-${run}` }));
  const errorSamples: string[] = [];
  const saved = new Set<string>();
  const started = performance.now();
  await Promise.all(
    values.map(async ({ attribute, value }, i) => {
      const app = defined(cluster.apps[i % cluster.apps.length], "an app instance (round-robin)");
      try {
        const result = (await callAction(app, cluster.actions.saveLoadValues, [user.accessToken, { values: { [attribute]: value } }])) as Result;
        if (result.ok) saved.add(attribute);
        else errorSamples.push(`${attribute}: ${result.error.code}: ${result.error.message}`);
      } catch (error) {
        errorSamples.push(`${attribute}: ${describe(error)}`);
      }
    }),
  );
  const wallMs = performance.now() - started;
  const stored = await cluster.customAttributes(user.sub);
  const lostAttributes = values.filter((v) => saved.has(v.attribute) && stored[v.attribute] !== v.value).map((v) => v.attribute);
  return {
    engine: cluster.engine,
    instances: cluster.apps.length,
    submissions,
    succeeded: saved.size,
    errors: submissions - saved.size,
    errorSamples: errorSamples.slice(0, 5),
    lost: lostAttributes.length,
    lostAttributes,
    wallMs,
    perSecond: submissions / (wallMs / 1000),
  };
}

export type Step = "signIn" | "prompt" | "save";
export const STEPS: readonly Step[] = ["signIn", "prompt", "save"];

export interface SignInPromptSaveResult {
  engine: string;
  instances: number;
  users: number;
  concurrency: number;
  /** Users who got through all three steps. */
  completed: number;
  errors: Record<Step, number>;
  errorSamples: string[];
  /** Answers that a successful save reported and that are not in Authgear afterwards. */
  answersSubmitted: number;
  lost: number;
  /** Questions offered per prompt (the catalog asks three per login). */
  questionsOffered: number;
  wallMs: number;
  usersPerSecond: number;
  /** Per step, every successful call's latency in ms. */
  latencies: Record<Step, number[]>;
}

/** `users` new users through sign-in, prompt and save, `concurrency` at a time, round-robin over the instances. */
export async function signInPromptSave(cluster: Cluster, users: number, concurrency: number): Promise<SignInPromptSaveResult> {
  const run = token();
  const latencies: Record<Step, number[]> = { signIn: [], prompt: [], save: [] };
  const errors: Record<Step, number> = { signIn: 0, prompt: 0, save: 0 };
  const errorSamples: string[] = [];
  const submitted: Array<{ sub: string; answers: Record<string, string> }> = [];
  let questionsOffered = 0;
  const fail = (step: Step, n: number, reason: string) => {
    errors[step]++;
    if (errorSamples.length < 5) errorSamples.push(`user ${n} ${step}: ${reason}`);
  };
  const timed = async <T>(step: Step, fn: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const out = await fn();
    latencies[step].push(performance.now() - t);
    return out;
  };

  async function oneUser(n: number): Promise<void> {
    const app = defined(cluster.apps[n % cluster.apps.length], "an app instance (round-robin)");
    let session;
    try {
      session = await timed("signIn", () =>
        signIn(cluster.emulatorUrl, { email: `user-${n}-${run}@load.test`, clientId: CLIENT_ID, redirectUri: REDIRECT_URI }),
      );
    } catch (error) {
      fail("signIn", n, describe(error));
      return;
    }
    let prompt: { loginKey: string; questions: Array<{ attribute: string }> };
    try {
      const t = performance.now();
      const result = (await callAction(app, cluster.actions.getProfilePrompt, [session.accessToken, {}])) as Result;
      if (!result.ok) {
        fail("prompt", n, `${result.error.code}: ${result.error.message}`);
        return;
      }
      latencies.prompt.push(performance.now() - t);
      prompt = result.prompt as typeof prompt;
    } catch (error) {
      fail("prompt", n, describe(error));
      return;
    }
    if (prompt.questions.length === 0) {
      fail("prompt", n, "the prompt offered no question to a new user");
      return;
    }
    questionsOffered += prompt.questions.length;
    const answers = Object.fromEntries(prompt.questions.map((q) => [q.attribute, `${q.attribute}-u${n}-${run}`]));
    try {
      const t = performance.now();
      const result = (await callAction(app, cluster.actions.submitProfileAnswers, [
        session.accessToken,
        { submissionId: `load-${run}-${n}`, loginKey: prompt.loginKey, answers },
      ])) as Result;
      if (!result.ok) {
        fail("save", n, `${result.error.code}: ${result.error.message}`);
        return;
      }
      latencies.save.push(performance.now() - t);
      const outcome = result.outcome as { answered: string[] };
      const missing = Object.keys(answers).filter((a) => !outcome.answered.includes(a));
      if (missing.length > 0) {
        fail("save", n, `saved without ${missing.join(", ")}`);
        return;
      }
    } catch (error) {
      fail("save", n, describe(error));
      return;
    }
    submitted.push({ sub: session.sub, answers });
  }

  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, users) }, async () => {
      while (next < users) await oneUser(next++);
    }),
  );
  const wallMs = performance.now() - started;

  // Every answer a save reported must be in Authgear.
  let lost = 0;
  let answersSubmitted = 0;
  for (const { sub, answers } of submitted) {
    const stored = await cluster.customAttributes(sub);
    for (const [attribute, value] of Object.entries(answers)) {
      answersSubmitted++;
      if (stored[attribute] !== value) lost++;
    }
  }
  return {
    engine: cluster.engine,
    instances: cluster.apps.length,
    users,
    concurrency,
    completed: submitted.length,
    errors,
    errorSamples,
    answersSubmitted,
    lost,
    questionsOffered,
    wallMs,
    usersPerSecond: submitted.length / (wallMs / 1000),
    latencies,
  };
}
