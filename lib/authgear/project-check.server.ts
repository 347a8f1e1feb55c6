import "server-only";
/**
 * `npm run authgear:check` (scripts/authgear-check.ts): checks a configured Authgear project from
 * the outside, the way the app will use it, and says what to fix (ADR 015):
 *   1. the discovery document's `issuer` equals AUTHGEAR_ENDPOINT (the app verifies tokens against it);
 *   2. the JWKS the app reads (`<endpoint>/oauth2/jwks`) answers with at least one key;
 *   3. the Admin API key authenticates (one harmless read: a node that does not exist);
 *   4. with a user the team names, each catalog attribute round-trips: ONE whole-object write of
 *      the user's current attributes plus a valid sample for each empty catalog attribute, then
 *      ONE whole-object write of the original attributes back (nothing of the user's is lost; a
 *      save by that user in between would be overwritten, so name a test user);
 *   5. a pasted access token is a JWT (not opaque), verifies for this client, and has `auth_time`.
 * Every check runs (those that depend on a failed one are skipped) and reports one line each.
 */
import { attributeNotConfigured, ATTRIBUTE_CONFIG_FIX, droppedAttributes } from "@/lib/admin/config-problems";
import { isEmptyValue, type ProfileCatalog, type Question } from "@/lib/catalog/catalog";
import { answerSchema } from "@/lib/catalog/schemas";
import { AdminApiError, createAdminApiClient, type AdminApiClient, type AdminUser } from "./admin-api.server";
import type { AdminApiKey } from "./admin-key.server";
import { PATHS, looksLikeJwt } from "./protocol";
import { verifyAccessToken } from "./verify-access-token.server";

export type CheckStatus = "ok" | "problem" | "skipped";

export interface CheckResult {
  check: "issuer" | "jwks" | "admin_api" | "attributes" | "access_token";
  status: CheckStatus;
  /** What was found, in words. */
  detail: string;
  /** What to do, for a problem (and for a skipped check: how to run it). */
  fix?: string;
}

export interface ProjectCheckOptions {
  /** AUTHGEAR_ENDPOINT. */
  endpoint: string;
  /** AUTHGEAR_CLIENT_ID. */
  clientId: string;
  /** The Admin API key (env or the emulator's files), or a function giving it (may throw). */
  adminKey: AdminApiKey | (() => Promise<AdminApiKey>);
  catalog: ProfileCatalog;
  /** `--user`: a user ID (sub) or an email, for the attribute round trip. */
  user?: string;
  /** `--token`: an access token of this app, for the token check. */
  token?: string;
  timeoutMs?: number;
}

export interface ProjectCheckReport {
  endpoint: string;
  results: CheckResult[];
  problems: number;
}

const DEFAULT_TIMEOUT_MS = 5_000;

const ENDPOINT_FIX = "Set AUTHGEAR_ENDPOINT to the project's endpoint, e.g. https://myapp.authgear.cloud (Portal → Applications → your app → Endpoint).";
const ADMIN_KEY_FIX =
  "Create or download a key in the Portal under Advanced → Admin API, and set AUTHGEAR_ADMIN_API_KEY (the PEM), AUTHGEAR_ADMIN_API_KEY_ID (its key ID) and AUTHGEAR_PROJECT_ID together.";
const JWT_FIX =
  "In the Portal, open Applications → your app and turn on “Issue JWT as access token”, then sign in again and paste the new access token.";

/** `body[key]` when the JSON body is an object; undefined for null, a string, a number or a boolean. */
function jsonField(body: unknown, key: string): unknown {
  return typeof body === "object" && body !== null ? (body as Record<string, unknown>)[key] : undefined;
}

async function getJson(url: string, timeoutMs: number): Promise<{ ok: true; body: unknown } | { ok: false; why: string }> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: "application/json" }, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const name = (error as Error).name;
    return { ok: false, why: name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : (error as Error).message };
  }
  if (!response.ok) {
    await response.body?.cancel();
    return { ok: false, why: `HTTP ${response.status}` };
  }
  try {
    return { ok: true, body: await response.json() };
  } catch {
    return { ok: false, why: "the answer is not JSON" };
  }
}

/** A value each catalog type accepts (checked against the question's own schema before use). */
export function sampleValue(question: Question): string | number | undefined {
  const within = (fallback: number) => {
    let v = question.minimum ?? fallback;
    if (question.maximum !== undefined && v > question.maximum) v = question.maximum;
    return question.type === "integer" ? Math.ceil(v) : v;
  };
  const candidate: string | number | undefined = (() => {
    switch (question.type) {
      case "string":
        return "Gradual check";
      case "integer":
      case "number":
        return within(1);
      case "enum":
        return question.options?.[0]?.value;
      case "phone_number":
        return "+442071234567";
      case "email":
        return "authgear-check@example.com";
      case "url":
        return "https://example.com/";
      case "alpha2":
        return "GB";
    }
  })();
  if (candidate === undefined) return undefined;
  return answerSchema(question).safeParse(candidate).success ? candidate : undefined;
}

async function checkIssuer(endpoint: string, timeoutMs: number): Promise<CheckResult> {
  const url = `${endpoint}${PATHS.discovery}`;
  const got = await getJson(url, timeoutMs);
  if (!got.ok) return { check: "issuer", status: "problem", detail: `The discovery document ${url} cannot be read: ${got.why}.`, fix: ENDPOINT_FIX };
  const field = jsonField(got.body, "issuer");
  const issuer = typeof field === "string" ? field : null;
  if (issuer === null) return { check: "issuer", status: "problem", detail: `${url} has no "issuer": it is not an OpenID discovery document.`, fix: ENDPOINT_FIX };
  if (issuer.replace(/\/+$/, "") !== endpoint) {
    return {
      check: "issuer",
      status: "problem",
      detail: `The discovery document's issuer is "${issuer}", not AUTHGEAR_ENDPOINT "${endpoint}": access tokens would be refused (wrong issuer).`,
      fix: `Set AUTHGEAR_ENDPOINT=${issuer.replace(/\/+$/, "")} (the issuer; with a custom domain, that domain).`,
    };
  }
  return { check: "issuer", status: "ok", detail: `The discovery document's issuer is ${issuer}.` };
}

async function checkJwks(endpoint: string, timeoutMs: number): Promise<CheckResult> {
  const url = `${endpoint}${PATHS.jwks}`;
  const got = await getJson(url, timeoutMs);
  if (!got.ok) return { check: "jwks", status: "problem", detail: `The signing keys ${url} cannot be read: ${got.why}.`, fix: ENDPOINT_FIX };
  const keys = jsonField(got.body, "keys");
  if (!Array.isArray(keys) || keys.length === 0) {
    return { check: "jwks", status: "problem", detail: `${url} publishes no keys: access tokens cannot be verified.`, fix: ENDPOINT_FIX };
  }
  return { check: "jwks", status: "ok", detail: `The JWKS publishes ${keys.length} key${keys.length === 1 ? "" : "s"}.` };
}

async function checkAdminApi(admin: AdminApiClient): Promise<CheckResult> {
  try {
    // A node that cannot exist: Authgear answers null once the key authenticates, 403 otherwise.
    await admin.getUser("gradual-authgear-check-nobody");
    return { check: "admin_api", status: "ok", detail: "The Admin API key authenticates." };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const fix = error instanceof AdminApiError && (error.kind === "network" || error.kind === "timeout") ? ENDPOINT_FIX : ADMIN_KEY_FIX;
    return { check: "admin_api", status: "problem", detail: `The Admin API refused or failed: ${message}`, fix };
  }
}

async function checkAttributes(admin: AdminApiClient, catalog: ProfileCatalog, who: string): Promise<CheckResult[]> {
  let user: AdminUser | null;
  try {
    user = who.includes("@") ? await admin.getUserByEmail(who) : await admin.getUser(who);
  } catch (error) {
    return [{ check: "attributes", status: "problem", detail: `Cannot read the user ${who}: ${(error as Error).message}` }];
  }
  if (!user) {
    return [{ check: "attributes", status: "problem", detail: `No user ${who} in this project.`, fix: "Pass --user with the user ID (sub) or the email of a test user of this project." }];
  }
  const original = user.customAttributes;
  const samples: Record<string, string | number> = {};
  const untestable: string[] = [];
  for (const question of catalog.questions) {
    if (!isEmptyValue(original[question.attribute])) continue;
    const sample = sampleValue(question);
    if (sample === undefined) untestable.push(question.attribute);
    else samples[question.attribute] = sample;
  }
  const probe = { ...original, ...samples };
  let written: AdminUser;
  try {
    written = await admin.updateCustomAttributes(user.sub, probe);
  } catch (error) {
    return [
      {
        check: "attributes",
        status: "problem",
        detail: `The test write to ${who} failed (nothing was changed): ${(error as Error).message}`,
        fix: `Compare the project's custom attributes with the catalog: ${ATTRIBUTE_CONFIG_FIX}`,
      },
    ];
  }
  const results: CheckResult[] = [];
  if (Object.keys(samples).length > 0) {
    try {
      await admin.updateCustomAttributes(user.sub, original);
    } catch (error) {
      results.push({
        check: "attributes",
        status: "problem",
        detail: `The user's attributes could not be put back after the test write: ${(error as Error).message}. They were: ${JSON.stringify(original)}`,
        fix: "Restore them with the Admin API or the Portal (Users → the user → Profile).",
      });
    }
  }
  const dropped = droppedAttributes(probe, written.customAttributes).filter((a) => catalog.questions.some((q) => q.attribute === a));
  for (const attribute of dropped) {
    const problem = attributeNotConfigured(attribute);
    results.push({ check: "attributes", status: "problem", detail: problem.message.replace(/, so answers to it are not kept\.$/, " (a test write)."), fix: problem.fix });
  }
  for (const attribute of untestable) {
    results.push({ check: "attributes", status: "skipped", detail: `Custom attribute "${attribute}": no sample value fits its rules, so it was not written; check it by hand.` });
  }
  if (dropped.length === 0) {
    const tested = catalog.questions.length - untestable.length;
    results.unshift({ check: "attributes", status: "ok", detail: `${tested} of ${catalog.questions.length} catalog attributes round-trip on ${who} (its attributes were put back).` });
  }
  return results;
}

async function checkToken(token: string, endpoint: string, clientId: string, timeoutMs: number): Promise<CheckResult> {
  const value = token.trim();
  if (!looksLikeJwt(value)) {
    return {
      check: "access_token",
      status: "problem",
      detail: "The access token is opaque, not a JWT: Authgear's userinfo has no auth_time, so the prompt cannot tell sign-ins apart and answers unsupported_token.",
      fix: JWT_FIX,
    };
  }
  const verified = await verifyAccessToken(value, { endpoint, clientId, timeoutMs });
  if (!verified.ok) {
    const fix =
      verified.code === "expired"
        ? "Sign in again and paste a fresh access token."
        : verified.code === "wrong_client"
          ? `Set AUTHGEAR_CLIENT_ID to the client the app signs in with, or paste a token of client "${clientId}".`
          : verified.code === "wrong_issuer" || verified.code === "wrong_audience"
            ? "Set AUTHGEAR_ENDPOINT to the issuer of the discovery document."
            : "Paste an access token this app received from Authgear (the SDK's accessToken).";
    return { check: "access_token", status: "problem", detail: `The access token does not verify (${verified.code}): ${verified.message}.`, fix };
  }
  if (verified.authTime === undefined) {
    return {
      check: "access_token",
      status: "problem",
      detail: "The JWT access token has no auth_time: the prompt cannot tell sign-ins apart.",
      fix: "A self-hosted Authgear must be release 2025-02-18.0 or later to put auth_time in access tokens: upgrade it.",
    };
  }
  return { check: "access_token", status: "ok", detail: `The access token is a JWT for client "${clientId}" with auth_time ${new Date(verified.authTime * 1000).toISOString()}.` };
}

/** Runs every check; never throws for what it finds (a problem is a result). */
export async function checkAuthgearProject(options: ProjectCheckOptions): Promise<ProjectCheckReport> {
  const endpoint = options.endpoint.replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const results: CheckResult[] = [];
  results.push(await checkIssuer(endpoint, timeoutMs));
  results.push(await checkJwks(endpoint, timeoutMs));

  const admin = createAdminApiClient({ endpoint, key: options.adminKey, timeoutMs });
  const adminResult = await checkAdminApi(admin);
  results.push(adminResult);

  if (!options.user) {
    results.push({ check: "attributes", status: "skipped", detail: "Custom attributes were not checked.", fix: "Pass --user <user id or email> of a test user: each catalog attribute is written to it and put back." });
  } else if (adminResult.status !== "ok") {
    results.push({ check: "attributes", status: "skipped", detail: "Custom attributes were not checked: the Admin API key does not work." });
  } else {
    results.push(...(await checkAttributes(admin, options.catalog, options.user)));
  }

  if (!options.token) {
    results.push({
      check: "access_token",
      status: "skipped",
      detail: "No access token was checked.",
      fix: "Pass --token <access token> (after signing in to the app: the SDK's accessToken) to check it is a JWT with auth_time for this client.",
    });
  } else {
    results.push(await checkToken(options.token, endpoint, options.clientId, timeoutMs));
  }
  return { endpoint, results, problems: results.filter((r) => r.status === "problem").length };
}

const LABEL: Record<CheckStatus, string> = { ok: "ok     ", problem: "PROBLEM", skipped: "skipped" };

/** The report as printed: one line per result, its fix indented under it, and a summary. */
export function formatReport(report: ProjectCheckReport, clientId: string): string {
  const lines = [`Checking the Authgear project at ${report.endpoint} (client "${clientId}")`, ""];
  for (const r of report.results) {
    lines.push(`${LABEL[r.status]}  ${r.check}: ${r.detail}`);
    if (r.fix) lines.push(`         ${r.status === "problem" ? "Fix" : "To check it"}: ${r.fix}`);
  }
  lines.push("", report.problems === 0 ? "No problems found." : `${report.problems} problem${report.problems === 1 ? "" : "s"} found.`);
  return `${lines.join("\n")}\n`;
}
