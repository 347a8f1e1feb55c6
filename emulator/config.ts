/**
 * Loads the emulator's authgear.yaml: YAML → `authgearConfigSchema` (lib/authgear/config.ts) →
 * a resolved view (clients by ID, attributes by name, usable hook handlers).
 * Every problem is reported with the path of the offending key, e.g.
 * `user_profile.custom_attributes.attributes[2].type: Invalid option …`.
 */
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import type { core } from "zod";
import {
  attributeName,
  authgearConfigSchema,
  type AuthgearConfig,
  type CustomAttributeConfig,
  type OAuthClientConfig,
} from "@/lib/authgear/config";
import { isCanonicalBcp47, type Localization } from "./languages";

export class EmulatorConfigError extends Error {
  override name = "EmulatorConfigError";
}

export interface BlockingHandler {
  event: string;
  url: string;
}
export interface NonBlockingHandler {
  events: string[];
  url: string;
}

export interface ResolvedConfig {
  raw: AuthgearConfig;
  projectId: string;
  allowedOrigins: ReadonlySet<string>;
  clients: ReadonlyMap<string, OAuthClientConfig>;
  /** In configuration order, keyed by the attribute's name (pointer without the slash). */
  attributes: ReadonlyMap<string, CustomAttributeConfig>;
  /** `localization` with Authgear's defaults: fallback "en", supported = [fallback]. */
  localization: Localization;
  hooks: {
    eachTimeoutMs: number;
    totalTimeoutMs: number;
    blocking: BlockingHandler[];
    nonBlocking: NonBlockingHandler[];
    /** Handlers the emulator cannot run (authgeardeno://), reported once at start. */
    skipped: string[];
  };
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out === "" ? "(root)" : out;
}

function formatIssues(error: core.$ZodError): string {
  return error.issues.map((i) => `  - ${formatPath(i.path)}: ${i.message}`).join("\n");
}

function isHttpUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
}

/** Validates an already-parsed config object (e.g. YAML parsed by a test) and resolves it. */
export function resolveConfig(input: unknown, source = "config"): ResolvedConfig {
  const parsed = authgearConfigSchema.safeParse(input);
  if (!parsed.success) {
    throw new EmulatorConfigError(`Invalid Authgear config in ${source}:\n${formatIssues(parsed.error)}`);
  }
  const raw = parsed.data;

  const clients = new Map<string, OAuthClientConfig>();
  raw.oauth.clients.forEach((c, i) => {
    if (clients.has(c.client_id)) {
      throw new EmulatorConfigError(`Invalid Authgear config in ${source}:\n  - oauth.clients[${i}].client_id: duplicate "${c.client_id}"`);
    }
    clients.set(c.client_id, c);
  });

  const attributes = new Map<string, CustomAttributeConfig>();
  for (const a of raw.user_profile.custom_attributes.attributes) attributes.set(attributeName(a), a);

  const skipped: string[] = [];
  const problems: string[] = [];
  const blocking: BlockingHandler[] = [];
  raw.hook.blocking_handlers.forEach((h, i) => {
    if (h.url.startsWith("authgeardeno:")) skipped.push(`hook.blocking_handlers[${i}] (${h.event}) ${h.url}`);
    else if (isHttpUrl(h.url)) blocking.push({ event: h.event, url: h.url });
    else problems.push(`  - hook.blocking_handlers[${i}].url: "${h.url}" must be an http(s):// URL or authgeardeno:///…`);
  });
  const nonBlocking: NonBlockingHandler[] = [];
  raw.hook.non_blocking_handlers.forEach((h, i) => {
    if (h.url.startsWith("authgeardeno:")) skipped.push(`hook.non_blocking_handlers[${i}] (${h.events.join(", ")}) ${h.url}`);
    else if (isHttpUrl(h.url)) nonBlocking.push({ events: h.events, url: h.url });
    else problems.push(`  - hook.non_blocking_handlers[${i}].url: "${h.url}" must be an http(s):// URL or authgeardeno:///…`);
  });
  const fallbackLanguage = raw.localization.fallback_language;
  const supportedLanguages = raw.localization.supported_languages ?? [fallbackLanguage];
  if (!isCanonicalBcp47(fallbackLanguage)) {
    problems.push(`  - localization.fallback_language: "${fallbackLanguage}" is not a canonical BCP 47 tag (e.g. en, de, zh-HK)`);
  }
  supportedLanguages.forEach((tag, i) => {
    if (!isCanonicalBcp47(tag)) problems.push(`  - localization.supported_languages[${i}]: "${tag}" is not a canonical BCP 47 tag (e.g. en, de, zh-HK)`);
  });
  if (problems.length > 0) throw new EmulatorConfigError(`Invalid Authgear config in ${source}:\n${problems.join("\n")}`);

  return {
    raw,
    projectId: raw.id,
    allowedOrigins: new Set(raw.http.allowed_origins),
    clients,
    attributes,
    localization: { fallbackLanguage, supportedLanguages },
    hooks: {
      eachTimeoutMs: raw.hook.sync_hook_timeout_seconds * 1000,
      totalTimeoutMs: raw.hook.sync_hook_total_timeout_seconds * 1000,
      blocking,
      nonBlocking,
      skipped,
    },
  };
}

/** The origin of the app in development: hook URLs on it are the app's own webhook. */
export const DEV_APP_ORIGIN = "http://localhost:3000";

/**
 * Points the app's hook handlers (URLs on DEV_APP_ORIGIN) at another origin, e.g. the e2e app on
 * :3100, keeping path and query; `null` drops them (unit tests must not call port 3000).
 * Local-only: Authgear calls exactly the configured URLs.
 */
export function retargetAppHooks(config: ResolvedConfig, appOrigin: string | null): ResolvedConfig {
  const target = appOrigin === null ? null : new URL(appOrigin).origin;
  const retarget = (url: string): string | null => {
    const parsed = new URL(url);
    if (parsed.origin !== DEV_APP_ORIGIN) return url;
    if (target === null) return null;
    return `${target}${parsed.pathname}${parsed.search}`;
  };
  const blocking = config.hooks.blocking.flatMap((h) => {
    const url = retarget(h.url);
    return url === null ? [] : [{ ...h, url }];
  });
  const nonBlocking = config.hooks.nonBlocking.flatMap((h) => {
    const url = retarget(h.url);
    return url === null ? [] : [{ ...h, url }];
  });
  return { ...config, hooks: { ...config.hooks, blocking, nonBlocking } };
}

/** Parses YAML text (`source` names it in errors) and resolves it. */
export function parseConfigYaml(text: string, source = "config"): ResolvedConfig {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (cause) {
    throw new EmulatorConfigError(`${source} is not valid YAML: ${(cause as Error).message}`, { cause });
  }
  return resolveConfig(doc, source);
}

/** Reads and resolves an authgear.yaml file. */
export function loadConfigFile(path: string): ResolvedConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (cause) {
    throw new EmulatorConfigError(`Cannot read the emulator config ${path}: ${(cause as Error).message}`, { cause });
  }
  return parseConfigYaml(text, path);
}

/**
 * The config without the named custom attributes, as if a team had not created them in the Portal
 * (the `/_emulator/attributes` test instrument). Names the config does not define are ignored.
 */
export function withoutAttributes(config: ResolvedConfig, names: readonly string[]): ResolvedConfig {
  if (names.length === 0) return config;
  const attributes = new Map([...config.attributes].filter(([name]) => !names.includes(name)));
  const raw: AuthgearConfig = {
    ...config.raw,
    user_profile: {
      ...config.raw.user_profile,
      custom_attributes: {
        ...config.raw.user_profile.custom_attributes,
        attributes: config.raw.user_profile.custom_attributes.attributes.filter((a) => !names.includes(attributeName(a))),
      },
    },
  };
  return { ...config, raw, attributes };
}
