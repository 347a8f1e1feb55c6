/**
 * The app's Content Security Policy (docs/security.md, ADR 012). Built per request by proxy.ts with
 * a fresh nonce: Next.js reads the nonce from the request's CSP header and puts it on its own
 * scripts, so no inline script runs without it (no 'unsafe-inline' for scripts).
 *
 * What the browser may do, and why:
 *  - scripts: this origin's bundles and nonce'd inline scripts; 'strict-dynamic' lets those load the
 *    chunks they need (Next's lazy chunks). 'unsafe-eval' only in development (React's dev tooling).
 *  - connect-src: this origin (Server Actions) and the configured Authgear endpoint (the web SDK's
 *    token, userinfo and revoke calls). Sign-in is a top-level navigation to Authgear: no CSP needed.
 *  - styles: this origin's CSS and nonce'd <style>; inline style attributes are allowed
 *    ('unsafe-inline' for style-src-attr only): React renders `style={…}` props as attributes.
 *    In development only, any <style> ('unsafe-inline' instead of the nonce, which would make
 *    browsers ignore it): the dev server and its overlay inject <style> elements without a nonce.
 *  - nothing may frame the app (frame-ancestors 'none'), no plugins, no <base>, forms post here only.
 * No "server-only" (its one import, lib/env-defaults.ts, is isomorphic): the proxy runs it, and its unit test imports it directly.
 */
import { ENV_DEFAULTS, unsetWhenBlank } from "@/lib/env-defaults";

/** The origin of AUTHGEAR_ENDPOINT (trimmed, default the emulator), or null when it is not an http(s) URL. */
export function authgearOrigin(endpoint: string | undefined): string | null {
  const value = unsetWhenBlank(endpoint)?.trim() ?? ENV_DEFAULTS.AUTHGEAR_ENDPOINT;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.origin : null;
  } catch {
    return null;
  }
}

export interface CspOptions {
  nonce: string;
  /** The Authgear origin the browser talks to; null = none (a bad AUTHGEAR_ENDPOINT: the app reports it elsewhere). */
  authgearOrigin: string | null;
  /** Development: React needs eval for its debugging aids. */
  dev?: boolean;
  /** The page was served over HTTPS: ask the browser to upgrade any http:// subresource. */
  https?: boolean;
}

/** The Content-Security-Policy header value. */
export function contentSecurityPolicy({ nonce, authgearOrigin, dev = false, https = false }: CspOptions): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(nonce)) throw new Error("contentSecurityPolicy: the nonce must be at least 16 base64 characters");
  const connect = ["'self'", ...(authgearOrigin ? [authgearOrigin] : [])];
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    ["style-src", "'self'", ...(dev ? ["'unsafe-inline'"] : [`'nonce-${nonce}'`])],
    ["style-src-attr", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'"],
    ["connect-src", ...connect, ...(dev ? ["ws:", "wss:"] : [])],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
    ["frame-src", "'none'"],
    ["worker-src", "'self'", "blob:"],
    ["manifest-src", "'self'"],
  ];
  if (https) directives.push(["upgrade-insecure-requests"]);
  return directives.map((d) => d.join(" ")).join("; ");
}

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** Headers every response carries (next.config.mjs `headers()` sets the same for static files and API routes). */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
};
