/**
 * The client's IP address, for enrichment only (never stored).
 *
 * X-Forwarded-For is written by whoever sent the request, so only the entries appended by
 * proxies we trust mean anything. With N trusted hops (TRUSTED_PROXY_HOPS), the nearest proxy
 * is the socket peer and each trusted proxy appended the address it saw: the client is the N-th
 * entry from the right. Anything further left is whatever the client claimed, and is ignored.
 *
 * In Next.js route handlers and Server Actions the socket address is not exposed, and Next's
 * own server fills a *missing* X-Forwarded-For with the socket address while keeping one the
 * client sent. So with 0 trusted hops a header cannot be told apart from a forgery, and the
 * answer is null (no IP-based enrichment) rather than a guess. Behind a proxy or platform that
 * appends the address it saw (Vercel, a load balancer, nginx with proxy_add_x_forwarded_for),
 * set TRUSTED_PROXY_HOPS to the number of such proxies.
 *
 * In development, DEV_SIMULATED_IP stands in for the browser's address (a request from
 * localhost locates nobody); it is ignored when NODE_ENV is "production".
 */
import "server-only";
import { normalizeIp } from "./ip-ranges";

export interface ClientIpSettings {
  /** Proxies in front of the app that append to X-Forwarded-For; 0 trusts no header. */
  trustedProxyHops: number;
  /** Used instead of everything else, unless nodeEnv is "production". */
  devSimulatedIp?: string | null;
  nodeEnv?: string;
}

export interface ClientIpInput extends ClientIpSettings {
  /** The TCP peer's address, when the runtime exposes it. */
  socketAddress?: string | null;
  /** The raw X-Forwarded-For header (several headers joined by commas). */
  forwardedFor?: string | null;
}

/** One X-Forwarded-For entry without a port: "1.2.3.4:5678" and "[2001:db8::1]:443" occur. */
function stripPort(entry: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  if (bracketed?.[1]) return bracketed[1];
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(entry);
  if (v4WithPort?.[1]) return v4WithPort[1];
  return entry;
}

/** The client's address, normalised (IPv4-mapped IPv6 as IPv4), or null when unknown. */
export function clientIp(input: ClientIpInput): string | null {
  if (input.nodeEnv !== "production" && input.devSimulatedIp) {
    const simulated = normalizeIp(input.devSimulatedIp);
    if (simulated) return simulated;
  }
  const hops = Number.isInteger(input.trustedProxyHops) && input.trustedProxyHops > 0 ? input.trustedProxyHops : 0;
  if (hops === 0) return normalizeIp(input.socketAddress ?? null);

  // Rightmost first: entry i (0-based) was appended by trusted proxy i+1.
  const entries = (input.forwardedFor ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter((e) => e.length > 0)
    .reverse();
  // Fewer entries than trusted proxies: the request did not come the way it is configured to.
  const entry = entries[hops - 1];
  return entry === undefined ? null : normalizeIp(stripPort(entry));
}

/** From a Headers object (a route handler's `request.headers`); no socket address available. */
export function clientIpFromHeaders(requestHeaders: Pick<Headers, "get">, settings: ClientIpSettings): string | null {
  return clientIp({ ...settings, socketAddress: null, forwardedFor: requestHeaders.get("x-forwarded-for") });
}
