/**
 * Webhook body signatures: `x-authgear-body-signature` = hex(HMAC-SHA256(secret, raw body)),
 * the secret's bytes as the key (contract §5.4). Server-side (Node crypto).
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export function signHookBody(secret: string, rawBody: string | Uint8Array): string {
  return createHmac("sha256", secret).update(rawBody).digest("hex");
}

/** Constant-time check of a signature header against the raw body. */
export function verifyHookSignature(secret: string, rawBody: string | Uint8Array, signature: string | null | undefined): boolean {
  if (!signature || !/^[0-9a-f]{64}$/i.test(signature)) return false;
  const expected = Buffer.from(signHookBody(secret, rawBody), "hex");
  const given = Buffer.from(signature, "hex");
  return expected.length === given.length && timingSafeEqual(expected, given);
}
