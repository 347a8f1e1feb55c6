/**
 * Per-request security headers for pages (docs/security.md, ADR 012): a Content Security Policy
 * with a fresh nonce (Next.js applies it to its scripts during rendering; every page is dynamic:
 * app/layout.tsx awaits connection()), allowing only this origin and the configured Authgear
 * endpoint, read from AUTHGEAR_ENDPOINT at run time so one build serves any project.
 * Static files and API routes get the fixed headers from next.config.mjs `headers()`.
 */
import { NextResponse, type NextRequest } from "next/server";
import { authgearOrigin, contentSecurityPolicy, newNonce, STATIC_SECURITY_HEADERS } from "@/lib/security/csp";

export function proxy(request: NextRequest): NextResponse {
  const nonce = newNonce();
  const forwardedProto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  const csp = contentSecurityPolicy({
    nonce,
    authgearOrigin: authgearOrigin(process.env.AUTHGEAR_ENDPOINT),
    dev: process.env.NODE_ENV === "development",
    https: (forwardedProto ?? request.nextUrl.protocol.replace(/:$/, "")) === "https",
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: not API routes (JSON), build assets, the icons or robots.txt (next.config.mjs headers() cover them),
      // nor next/link's prefetches (RSC payloads, never a document). A browser prefetch of a page
      // ("Purpose: prefetch") does get the CSP: the prefetched HTML may become the page the user sees.
      source: "/((?!api/|_next/static|_next/image|icon.svg|favicon.ico|robots.txt).*)",
      missing: [{ type: "header", key: "next-router-prefetch" }],
    },
  ],
};
