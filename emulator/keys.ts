/**
 * The emulator's secrets, created on first start in the data directory and kept across restarts
 * (so tokens, the app's Admin API key and the webhook secret stay valid). `reset` regenerates them.
 *
 *   oauth-signing-key.pem   RSA key that signs access tokens and ID tokens (kid = JWK thumbprint)
 *   admin-api-key.pem       PKCS#8 RSA private key the APP signs Admin API JWTs with
 *   admin-api-key.json      {"kid","project_id","endpoint"} describing that key
 *   webhook-secret          32 characters [0-9a-zA-Z_]: HMAC key of x-authgear-body-signature
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from "node:crypto";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { calculateJwkThumbprint, type JWK } from "jose";
import { z } from "zod";
import { readFileIfExists, writeFileAtomic } from "./files";

export const SECRET_FILES = {
  signingKey: "oauth-signing-key.pem",
  adminKeyPem: "admin-api-key.pem",
  adminKeyJson: "admin-api-key.json",
  webhookSecret: "webhook-secret",
} as const;

export const WEBHOOK_SECRET_PATTERN = /^[0-9a-zA-Z_]{32}$/;
const WEBHOOK_SECRET_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_";

export class EmulatorSecretsError extends Error {
  override name = "EmulatorSecretsError";
}

export interface EmulatorSecrets {
  signingKey: KeyObject;
  signingKid: string;
  /** The public half as a JWK with kid, alg and use, for /oauth2/jwks. */
  signingPublicJwk: JWK;
  adminPublicKey: KeyObject;
  adminKid: string;
  webhookSecret: string;
  paths: { dataDir: string; adminKeyPem: string; adminKeyJson: string; webhookSecret: string; signingKey: string };
}

const adminKeyInfoSchema = z.object({ kid: z.string().min(1), project_id: z.string().min(1), endpoint: z.string() });

/** 32 characters from [0-9a-zA-Z_], uniformly (rejection sampling), like Authgear's generator. */
export function generateWebhookSecret(): string {
  let out = "";
  while (out.length < 32) {
    for (const byte of randomBytes(48)) {
      // 63 symbols: accept bytes below 252 (= 4 × 63) so every symbol is equally likely.
      if (byte < 252 && out.length < 32) out += WEBHOOK_SECRET_ALPHABET.charAt(byte % 63);
    }
  }
  return out;
}

function newRsaPrivateKeyPem(): string {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return privateKey.export({ type: "pkcs8", format: "pem" }).toString();
}

function loadRsaPrivateKey(pem: string, path: string): KeyObject {
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== "rsa") throw new Error(`expected an RSA key, got ${key.asymmetricKeyType}`);
    return key;
  } catch (cause) {
    throw new EmulatorSecretsError(`${path} is not a usable RSA private key (${(cause as Error).message}). Delete it or start with --reset.`, {
      cause,
    });
  }
}

/** Reads (or creates) the private key PEM at `path`. */
function ensureRsaKey(path: string): KeyObject {
  let pem = readFileIfExists(path);
  if (pem === null) {
    pem = newRsaPrivateKeyPem();
    writeFileAtomic(path, pem);
  }
  return loadRsaPrivateKey(pem, path);
}

async function publicJwk(key: KeyObject): Promise<{ jwk: JWK; thumbprint: string }> {
  const jwk = createPublicKey(key).export({ format: "jwk" }) as JWK;
  return { jwk, thumbprint: await calculateJwkThumbprint(jwk, "sha256") };
}

/** Deletes every file this module manages (used by --reset). */
export function removeSecrets(dataDir: string): void {
  for (const name of Object.values(SECRET_FILES)) rmSync(join(dataDir, name), { force: true });
}

/**
 * Loads the secrets from `dataDir`, creating missing ones. `admin-api-key.json` is rewritten when
 * its project ID or endpoint no longer match (e.g. the emulator now runs on another port); its kid
 * is kept, so the app's key stays valid.
 */
export async function ensureSecrets(dataDir: string, opts: { projectId: string; endpoint: string }): Promise<EmulatorSecrets> {
  const paths = {
    dataDir,
    signingKey: join(dataDir, SECRET_FILES.signingKey),
    adminKeyPem: join(dataDir, SECRET_FILES.adminKeyPem),
    adminKeyJson: join(dataDir, SECRET_FILES.adminKeyJson),
    webhookSecret: join(dataDir, SECRET_FILES.webhookSecret),
  };

  const signingKey = ensureRsaKey(paths.signingKey);
  const signing = await publicJwk(signingKey);
  const signingPublicJwk: JWK = { ...signing.jwk, kid: signing.thumbprint, alg: "RS256", use: "sig" };

  const adminPrivateKey = ensureRsaKey(paths.adminKeyPem);
  const admin = await publicJwk(adminPrivateKey);
  const infoText = readFileIfExists(paths.adminKeyJson);
  let kid: string | undefined;
  if (infoText !== null) {
    try {
      kid = adminKeyInfoSchema.parse(JSON.parse(infoText)).kid;
    } catch {
      kid = undefined; // unreadable: rewritten below with a kid derived from the key
    }
  }
  kid ??= infoText === null ? randomUUID() : admin.thumbprint;
  const info = { kid, project_id: opts.projectId, endpoint: opts.endpoint };
  const infoJson = `${JSON.stringify(info, null, 2)}\n`;
  if (infoText !== infoJson) writeFileAtomic(paths.adminKeyJson, infoJson, 0o644);

  let webhookSecret = readFileIfExists(paths.webhookSecret);
  if (webhookSecret === null) {
    webhookSecret = generateWebhookSecret();
    writeFileAtomic(paths.webhookSecret, webhookSecret);
  }
  webhookSecret = webhookSecret.trim();
  if (!WEBHOOK_SECRET_PATTERN.test(webhookSecret)) {
    throw new EmulatorSecretsError(
      `${paths.webhookSecret} must hold exactly 32 characters from [0-9a-zA-Z_]. Fix it, delete it, or start with --reset.`,
    );
  }

  return {
    signingKey,
    signingKid: signing.thumbprint,
    signingPublicJwk,
    adminPublicKey: createPublicKey(adminPrivateKey),
    adminKid: kid,
    webhookSecret,
    paths,
  };
}
