/**
 * Admin API node IDs: base64url *without padding* of `User:<uuid>` (contract §3.2).
 * Standard base64, or any `=` padding, is refused, as Go's RawURLEncoding refuses it.
 * Isomorphic (uses TextEncoder / btoa / atob, available in Node 20 and browsers).
 */

const RAW_URL_BASE64 = /^[A-Za-z0-9_-]*$/;

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromRawBase64Url(encoded: string): string | null {
  // RawURLEncoding: URL alphabet only, no padding, and a length that is not 1 mod 4.
  if (!RAW_URL_BASE64.test(encoded) || encoded.length % 4 === 1) return null;
  const standard = encoded.replace(/-/g, "+").replace(/_/g, "/");
  const padded = standard + "=".repeat((4 - (standard.length % 4)) % 4);
  try {
    const binary = atob(padded);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    // Go's decoder is strict about trailing bits; re-encoding must give back the same text.
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return toBase64Url(text) === encoded ? text : null;
  } catch {
    return null;
  }
}

export function encodeGlobalId(typeName: string, id: string): string {
  return toBase64Url(`${typeName}:${id}`);
}

export function decodeGlobalId(globalId: string): { typeName: string; id: string } | null {
  const text = fromRawBase64Url(globalId);
  if (text === null) return null;
  const colon = text.indexOf(":");
  if (colon <= 0 || colon === text.length - 1) return null;
  return { typeName: text.slice(0, colon), id: text.slice(colon + 1) };
}

export function userNodeId(sub: string): string {
  return encodeGlobalId("User", sub);
}

/** The user's `sub` from a `User` node ID, or null when the ID is not a valid User ID. */
export function subFromUserNodeId(nodeId: string): string | null {
  const decoded = decodeGlobalId(nodeId);
  return decoded && decoded.typeName === "User" ? decoded.id : null;
}
