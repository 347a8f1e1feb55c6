/**
 * Where the webhook signing secret comes from:
 *  1. AUTHGEAR_WEBHOOK_SECRET, for a real project (Portal → Advanced → Hooks → Webhook Signature);
 *  2. otherwise the local emulator's `webhook-secret` file in EMULATOR_DATA_DIR (default
 *     .data/emulator).
 * Read lazily on first use (the emulator may write it after the app starts) and re-read after a
 * failure. A signature that does not match the emulator's cached secret triggers one re-read
 * (its `reload()`), so `npm run emulator -- --reset` does not need an app restart.
 */
import "server-only";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { cachedLoad } from "@/lib/cached-load";
import type { Settings } from "@/lib/env.server";

export const WEBHOOK_SECRET_FILE = "webhook-secret";

export interface WebhookSecret {
  secret: string;
  source: "env" | "emulator";
  /** The file it was read from (emulator only). */
  path?: string;
}

export class WebhookSecretError extends Error {
  override name = "WebhookSecretError";
}

/** Reads the secret the environment points to (no caching; see `createWebhookSecretSource`). */
export async function loadWebhookSecret(e: Pick<Settings, "AUTHGEAR_WEBHOOK_SECRET" | "EMULATOR_DATA_DIR">): Promise<WebhookSecret> {
  if (e.AUTHGEAR_WEBHOOK_SECRET) return { secret: e.AUTHGEAR_WEBHOOK_SECRET, source: "env" };
  const path = resolve(e.EMULATOR_DATA_DIR, WEBHOOK_SECRET_FILE);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "does not exist" : `cannot be read (${code ?? String(cause)})`;
    throw new WebhookSecretError(
      `No webhook secret: AUTHGEAR_WEBHOOK_SECRET is not set and ${path} ${why}. ` +
        "Start the local emulator (npm run dev or npm run emulator) so it writes its secret there, point EMULATOR_DATA_DIR at its data directory, " +
        "or set AUTHGEAR_WEBHOOK_SECRET to your Authgear project's secret (Portal → Advanced → Hooks → Webhook Signature).",
      { cause },
    );
  }
  const secret = text.trim();
  if (secret === "") throw new WebhookSecretError(`${path} is empty: delete it and restart the emulator (it writes a new secret), or set AUTHGEAR_WEBHOOK_SECRET.`);
  return { secret, source: "emulator", path };
}

/** A cached, lazily loaded secret over a given environment (exported for tests). */
export function createWebhookSecretSource(load: () => Promise<WebhookSecret>) {
  const { get, set } = cachedLoad(load);
  return {
    /** The secret string (throws WebhookSecretError when there is none). */
    async secret(): Promise<string> {
      return (await get()).secret;
    },
    /** Re-reads an emulator secret; resolves to it when it changed, else null (env secrets never change). */
    async reload(): Promise<string | null> {
      const current = await get().catch(() => undefined);
      if (current?.source === "env") return null;
      const fresh = await load().catch(() => undefined);
      if (!fresh || fresh.secret === current?.secret) return null;
      set(fresh);
      return fresh.secret;
    },
  };
}
