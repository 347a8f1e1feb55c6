/**
 * Where the Admin API private key comes from:
 *  1. AUTHGEAR_ADMIN_API_KEY (PEM) + AUTHGEAR_ADMIN_API_KEY_ID + AUTHGEAR_PROJECT_ID, for a real project;
 *  2. otherwise the local emulator's files in EMULATOR_DATA_DIR (default .data/emulator):
 *     admin-api-key.pem (PKCS#8) and admin-api-key.json {"kid","project_id","endpoint"}.
 * Read lazily on first use (the emulator may write its files a moment after the app starts) and
 * re-read after a failure, so starting the emulator late fixes the app without a restart.
 */
import "server-only";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { z } from "zod";
import type { Settings } from "@/lib/env.server";

export interface AdminApiKey {
  privateKeyPem: string;
  keyId: string;
  projectId: string;
  source: "env" | "emulator";
}

export class AdminKeyError extends Error {
  override name = "AdminKeyError";
}

const emulatorKeyInfoSchema = z.object({
  kid: z.string().min(1),
  project_id: z.string().min(1),
  endpoint: z.string().optional(),
});

export const EMULATOR_KEY_FILES = { pem: "admin-api-key.pem", info: "admin-api-key.json" } as const;

async function readEmulatorFile(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "does not exist" : `cannot be read (${code ?? String(cause)})`;
    throw new AdminKeyError(
      `No Admin API key: AUTHGEAR_ADMIN_API_KEY is not set and ${path} ${why}. ` +
        "Start the local emulator (npm run dev or npm run emulator) so it writes its key there, point EMULATOR_DATA_DIR at its data directory, " +
        "or set AUTHGEAR_ADMIN_API_KEY, AUTHGEAR_ADMIN_API_KEY_ID and AUTHGEAR_PROJECT_ID for a real Authgear project.",
      { cause },
    );
  }
}

/** Reads the key the environment points to (no caching: the composition root, lib/server/services.server.ts, caches it). */
export async function loadAdminApiKey(
  e: Pick<Settings, "AUTHGEAR_ADMIN_API_KEY" | "AUTHGEAR_ADMIN_API_KEY_ID" | "AUTHGEAR_PROJECT_ID" | "EMULATOR_DATA_DIR" | "AUTHGEAR_ENDPOINT">,
): Promise<AdminApiKey> {
  if (e.AUTHGEAR_ADMIN_API_KEY && e.AUTHGEAR_ADMIN_API_KEY_ID && e.AUTHGEAR_PROJECT_ID) {
    return { privateKeyPem: e.AUTHGEAR_ADMIN_API_KEY, keyId: e.AUTHGEAR_ADMIN_API_KEY_ID, projectId: e.AUTHGEAR_PROJECT_ID, source: "env" };
  }
  const dir = resolve(e.EMULATOR_DATA_DIR);
  const pemPath = resolve(dir, EMULATOR_KEY_FILES.pem);
  const infoPath = resolve(dir, EMULATOR_KEY_FILES.info);
  const [pem, infoText] = await Promise.all([readEmulatorFile(pemPath), readEmulatorFile(infoPath)]);
  let info: z.infer<typeof emulatorKeyInfoSchema>;
  try {
    info = emulatorKeyInfoSchema.parse(JSON.parse(infoText));
  } catch (cause) {
    throw new AdminKeyError(`${infoPath} is not the emulator's key description ({"kid","project_id","endpoint"}): ${(cause as Error).message}`, { cause });
  }
  if (info.endpoint && info.endpoint.replace(/\/+$/, "") !== e.AUTHGEAR_ENDPOINT) {
    throw new AdminKeyError(
      `The Admin API key in ${dir} belongs to the emulator at ${info.endpoint}, but AUTHGEAR_ENDPOINT is ${e.AUTHGEAR_ENDPOINT}. ` +
        "Point EMULATOR_DATA_DIR at that emulator's data directory, or set AUTHGEAR_ADMIN_API_KEY, AUTHGEAR_ADMIN_API_KEY_ID and AUTHGEAR_PROJECT_ID.",
    );
  }
  return { privateKeyPem: pem, keyId: info.kid, projectId: info.project_id, source: "emulator" };
}
