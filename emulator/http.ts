/** node:http plumbing shared by the emulator's handlers: bodies, replies, CORS, client facts. */
import type { IncomingMessage, ServerResponse } from "node:http";

export const MAX_BODY_BYTES = 1_000_000;

export class BodyTooLargeError extends Error {
  override name = "BodyTooLargeError";
}

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) throw new BodyTooLargeError(`request body over ${limit} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The media type of the request without parameters, lowercased ("" when absent). */
export function mediaType(req: IncomingMessage): string {
  const [type = ""] = (req.headers["content-type"] ?? "").split(";");
  return type.trim().toLowerCase();
}

export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams(await readBody(req));
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "content-length": Buffer.byteLength(html),
    "cache-control": "no-store",
    // The pages use inline CSS only: no scripts, no external assets.
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http: https:; frame-ancestors 'none'",
    "x-frame-options": "DENY",
  });
  res.end(html);
}

export function redirect(res: ServerResponse, location: string, status = 302): void {
  res.writeHead(status, { location, "cache-control": "no-store" });
  res.end();
}

/** The peer's IP (IPv4-mapped IPv6 shown as plain IPv4, as Authgear reports it). */
export function socketIp(req: IncomingMessage): string {
  const ip = req.socket.remoteAddress ?? "";
  return ip.startsWith("::ffff:") && ip.includes(".") ? ip.slice(7) : ip;
}

/**
 * Authgear's CORS (contract §1.4): an allowed Origin is echoed with credentials; a preflight also
 * echoes the requested method and headers with Max-Age 900. Returns true when it was a preflight
 * (already answered 200).
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, allowedOrigins: ReadonlySet<string>): boolean {
  const origin = req.headers.origin;
  res.setHeader("vary", "Origin");
  const allowed = typeof origin === "string" && allowedOrigins.has(origin);
  if (allowed) {
    res.setHeader("access-control-allow-origin", origin);
    res.setHeader("access-control-allow-credentials", "true");
  }
  if (req.method !== "OPTIONS") return false;
  if (allowed) {
    const method = req.headers["access-control-request-method"];
    const headers = req.headers["access-control-request-headers"];
    if (method) res.setHeader("access-control-allow-methods", method);
    if (headers) res.setHeader("access-control-allow-headers", headers);
    res.setHeader("access-control-max-age", "900");
  }
  res.writeHead(200, { "content-length": 0 });
  res.end();
  return true;
}
