/**
 * getProfilePrompt and submitProfileAnswers over HTTP against `next start` and the emulator, one
 * user at a time (latency, not throughput): each new user signs in, asks for this login's prompt
 * and answers every question offered. The emulator's counters (GET /_emulator/stats), read when it
 * has been quiet for a moment before and after each call, give the call's Admin API round trips.
 * Baseline, in the same run: the bare Admin API calls the actions must make (a read; a read then a
 * whole-object write), from this process with a JWT signed beforehand.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { adminGraphQL, signAdminJwt, signIn } from "@/emulator/testing";
import { userNodeId } from "@/lib/authgear/global-id";
import { profileCatalog } from "@/profile.config";
import { callAction, type ActionRef } from "../load/flight";
import { sampleAnswer } from "./answers";

const CLIENT_ID = "gradual-web";
const REDIRECT_URI = "http://localhost:3100/auth/callback";
const READ = "query($id: ID!) { node(id: $id) { ... on User { customAttributes } } }";
const WRITE = "mutation($id: ID!, $ca: UserCustomAttributes) { updateUser(input: {userID: $id, customAttributes: $ca}) { user { id } } }";

/** What the browser sends with the prompt request (collectClientHints()), as a London browser would. */
const CLIENT_HINTS = { timeZone: "Europe/London", languages: ["en-GB", "en"] };

const statsSchema = z.object({ admin_api: z.object({ requests: z.number(), queries: z.number(), mutations: z.number() }) });
type Stats = z.infer<typeof statsSchema>["admin_api"];

export interface RoundTrips {
  requests: number;
  queries: number;
  mutations: number;
}

export interface ActionsMeasurement {
  users: number;
  /** ms per successful call. */
  promptMs: number[];
  saveMs: number[];
  /** Baselines: one Admin API read; one read then one write. */
  adminReadMs: number[];
  adminReadWriteMs: number[];
  /** Admin API round trips per call, one entry per call. */
  promptTrips: RoundTrips[];
  saveTrips: RoundTrips[];
  questionsOffered: number;
  errors: string[];
}

async function stats(emulatorUrl: string): Promise<Stats> {
  const res = await fetch(`${emulatorUrl}/_emulator/stats`);
  return statsSchema.parse(await res.json()).admin_api;
}

/** The counters once nothing has reached the Admin API for `quietMs` (hooks run after a sign-in). */
async function quietStats(emulatorUrl: string, quietMs = 150): Promise<Stats> {
  let last = await stats(emulatorUrl);
  for (let i = 0; i < 50; i++) {
    await new Promise((r) => setTimeout(r, quietMs));
    const now = await stats(emulatorUrl);
    if (now.requests === last.requests) return now;
    last = now;
  }
  throw new Error("the emulator's Admin API never went quiet");
}

const delta = (after: Stats, before: Stats): RoundTrips => ({
  requests: after.requests - before.requests,
  queries: after.queries - before.queries,
  mutations: after.mutations - before.mutations,
});

type Result = { ok: true; [key: string]: unknown } | { ok: false; error: { code: string; message: string } };

export async function measureActions(options: {
  appUrl: string;
  emulatorUrl: string;
  emulatorDataDir: string;
  actions: { getProfilePrompt: ActionRef; submitProfileAnswers: ActionRef };
  users: number;
  warmup: number;
}): Promise<ActionsMeasurement> {
  const { appUrl, emulatorUrl, emulatorDataDir, actions } = options;
  const run = randomBytes(4).toString("hex");
  const out: ActionsMeasurement = {
    users: options.users,
    promptMs: [],
    saveMs: [],
    adminReadMs: [],
    adminReadWriteMs: [],
    promptTrips: [],
    saveTrips: [],
    questionsOffered: 0,
    errors: [],
  };
  const jwt = await signAdminJwt(emulatorDataDir);

  for (let n = 0; n < options.warmup + options.users; n++) {
    const measured = n >= options.warmup;
    const fail = (reason: string) => {
      if (measured) out.errors.push(`user ${n}: ${reason}`);
    };
    const session = await signIn(emulatorUrl, { email: `bench-${run}-${n}@example.com`, clientId: CLIENT_ID, redirectUri: REDIRECT_URI });

    let before = await quietStats(emulatorUrl);
    let started = performance.now();
    const promptResult = (await callAction(appUrl, actions.getProfilePrompt, [session.accessToken, { clientHints: CLIENT_HINTS }])) as Result;
    const promptMs = performance.now() - started;
    const promptTrips = delta(await quietStats(emulatorUrl), before);
    if (!promptResult.ok) {
      fail(`getProfilePrompt: ${promptResult.error.code}: ${promptResult.error.message}`);
      continue;
    }
    const prompt = promptResult.prompt as { loginKey: string; questions: Array<{ attribute: string }> };
    if (prompt.questions.length === 0) {
      fail("getProfilePrompt offered no question to a new user");
      continue;
    }
    const answers = Object.fromEntries(prompt.questions.map((q) => [q.attribute, sampleAnswer(profileCatalog, q.attribute)]));

    before = await quietStats(emulatorUrl);
    started = performance.now();
    const saveResult = (await callAction(appUrl, actions.submitProfileAnswers, [
      session.accessToken,
      { submissionId: `bench-${run}-${n}`, loginKey: prompt.loginKey, answers },
    ])) as Result;
    const saveMs = performance.now() - started;
    const saveTrips = delta(await quietStats(emulatorUrl), before);
    if (!saveResult.ok) {
      fail(`submitProfileAnswers: ${saveResult.error.code}: ${saveResult.error.message}`);
      continue;
    }

    // The baseline on the same user: what the two calls cannot do without.
    const id = userNodeId(session.sub);
    started = performance.now();
    const read = await adminGraphQL(emulatorUrl, emulatorDataDir, READ, { id }, { jwt });
    const readMs = performance.now() - started;
    const current = (read.body.data?.node as { customAttributes?: Record<string, unknown> } | null)?.customAttributes ?? {};
    const write = await adminGraphQL(emulatorUrl, emulatorDataDir, WRITE, { id, ca: current }, { jwt });
    const readWriteMs = performance.now() - started;
    if (read.body.errors?.length || write.body.errors?.length) {
      fail(`baseline Admin API call failed: ${JSON.stringify(read.body.errors ?? write.body.errors)}`);
      continue;
    }
    for (const [attribute, value] of Object.entries(answers)) {
      if (current[attribute] !== value) fail(`${attribute} is not in Authgear after the save`);
    }

    if (!measured) continue;
    out.promptMs.push(promptMs);
    out.saveMs.push(saveMs);
    out.adminReadMs.push(readMs);
    out.adminReadWriteMs.push(readWriteMs);
    out.promptTrips.push(promptTrips);
    out.saveTrips.push(saveTrips);
    out.questionsOffered += prompt.questions.length;
  }
  return out;
}
