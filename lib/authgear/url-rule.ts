/**
 * Authgear's `uri` format, exactly (authgear-server pkg/util/validation/formats.go, FormatURI): Go's
 * `url.Parse` must succeed, the URL must have a scheme and a host, and its escaped path must already
 * be clean as Go's `path.Clean` judges it (FormatAbsolutePath: "" counts as "/", a trailing slash is
 * kept, and no `.`/`..` segment or `//` may remain).
 *
 * Go's parser is ported here for what decides acceptance (golang/go src/net/url/url.go at commit
 * 7e6685ce9465d8bbb139a7760565cd792d0e0e5e: Parse, parse, getScheme, parseAuthority, parseHost,
 * validUserinfo, validOptionalPort, unescape, shouldEscape, setPath, EscapedPath, validEncoded;
 * src/path/path.go Clean). WHATWG `new URL` is not a judge: it resolves `..` and `//` away and
 * percent-encodes what Go refuses. Go works on UTF-8 bytes, so the port does too.
 * Isomorphic and dependency-free: browsers bundle it with every prompt, so it stays small.
 */

export type UrlProblem = "not_url" | "not_absolute" | "path_not_clean";

/** Go's encoding modes, as far as Parse uses them. */
const Mode = { Path: 1, Host: 2, Zone: 3, UserPassword: 4, Fragment: 5 } as const;
type Mode = (typeof Mode)[keyof typeof Mode];

const ALNUM = /[A-Za-z0-9]/;
const HOST_EXTRA = "!$&'()*+,;=:[]<>\"";
const HEX = /^[0-9A-Fa-f]$/;

/** The input's UTF-8 bytes as a string of one char per byte, so Go's byte indexing ports 1:1. */
function utf8Bytes(value: string): string {
  let out = "";
  for (const byte of new TextEncoder().encode(value)) out += String.fromCharCode(byte);
  return out;
}

/** Go's shouldEscape for the modes Parse uses. */
function shouldEscape(c: string, mode: Mode): boolean {
  if (ALNUM.test(c)) return false;
  if ((mode === Mode.Host || mode === Mode.Zone) && HOST_EXTRA.includes(c)) return false;
  if ("-_.~".includes(c)) return false;
  if ("$&+,/:;=?@".includes(c)) {
    if (mode === Mode.Path) return c === "?";
    if (mode === Mode.UserPassword) return c === "@" || c === "/" || c === "?" || c === ":";
    if (mode === Mode.Fragment) return false;
  }
  if (mode === Mode.Fragment && "!()*".includes(c)) return false;
  return true;
}

/** Go's unescape: the decoded bytes, or null where Go returns an error. */
function unescape(s: string, mode: Mode): string | null {
  let out = "";
  for (let i = 0; i < s.length; ) {
    const c = s.charAt(i);
    if (c === "%") {
      if (i + 2 >= s.length || !HEX.test(s.charAt(i + 1)) || !HEX.test(s.charAt(i + 2))) return null;
      const hi = parseInt(s.charAt(i + 1), 16);
      const v = parseInt(s.slice(i + 1, i + 3), 16);
      const escape = s.slice(i, i + 3);
      if (mode === Mode.Host && hi < 8 && escape !== "%25") return null;
      if (mode === Mode.Zone && escape !== "%25" && v !== 0x20 && shouldEscape(String.fromCharCode(v), Mode.Host)) return null;
      out += String.fromCharCode(v);
      i += 3;
    } else {
      if ((mode === Mode.Host || mode === Mode.Zone) && c.charCodeAt(0) < 0x80 && shouldEscape(c, mode)) return null;
      out += c;
      i++;
    }
  }
  return out;
}

function escape(s: string, mode: Mode): string {
  let out = "";
  for (const c of s) out += shouldEscape(c, mode) ? "%" + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0") : c;
  return out;
}

/** Go's validEncoded(s, encodePath). */
function validEncodedPath(s: string): boolean {
  for (const c of s) {
    if ("!$&'()*+,;=:@[]%".includes(c)) continue;
    if (shouldEscape(c, Mode.Path)) return false;
  }
  return true;
}

function validOptionalPort(port: string): boolean {
  return port === "" || /^:[0-9]*$/.test(port);
}

function validUserinfo(s: string): boolean {
  return /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(s);
}

/** Go's parseHost: the host, or null on error. */
function parseHost(host: string): string | null {
  if (host.startsWith("[")) {
    const i = host.lastIndexOf("]");
    if (i < 0) return null;
    if (!validOptionalPort(host.slice(i + 1))) return null;
    const zone = host.slice(0, i).indexOf("%25");
    if (zone >= 0) {
      const a = unescape(host.slice(0, zone), Mode.Host);
      const b = unescape(host.slice(zone, i), Mode.Zone);
      const c = unescape(host.slice(i), Mode.Host);
      return a === null || b === null || c === null ? null : a + b + c;
    }
  } else {
    const i = host.lastIndexOf(":");
    if (i !== -1 && !validOptionalPort(host.slice(i))) return null;
  }
  return unescape(host, Mode.Host);
}

/** Go's parseAuthority: the host, or null on error. */
function parseAuthorityHost(authority: string): string | null {
  const i = authority.lastIndexOf("@");
  const host = parseHost(i < 0 ? authority : authority.slice(i + 1));
  if (host === null || i < 0) return host;
  const userinfo = authority.slice(0, i);
  if (!validUserinfo(userinfo)) return null;
  const colon = userinfo.indexOf(":");
  const parts = colon < 0 ? [userinfo] : [userinfo.slice(0, colon), userinfo.slice(colon + 1)];
  return parts.every((part) => unescape(part, Mode.UserPassword) !== null) ? host : null;
}

/** Go's path.Clean. */
export function goPathClean(path: string): string {
  if (path === "") return ".";
  const rooted = path[0] === "/";
  const n = path.length;
  const out: string[] = [];
  let r = 0;
  let dotdot = 0;
  if (rooted) {
    out.push("/");
    r = 1;
    dotdot = 1;
  }
  while (r < n) {
    if (path[r] === "/") {
      r++;
    } else if (path[r] === "." && (r + 1 === n || path[r + 1] === "/")) {
      r++;
    } else if (path[r] === "." && path[r + 1] === "." && (r + 2 === n || path[r + 2] === "/")) {
      r += 2;
      if (out.length > dotdot) {
        // Go: w--, then back up while w > dotdot and the byte at w (the one just dropped) is not "/".
        let dropped = out.pop();
        while (out.length > dotdot && dropped !== "/") dropped = out.pop();
      } else if (!rooted) {
        if (out.length > 0) out.push("/");
        out.push(".", ".");
        dotdot = out.length;
      }
    } else {
      if ((rooted && out.length !== 1) || (!rooted && out.length !== 0)) out.push("/");
      for (; r < n && path[r] !== "/"; r++) out.push(path.charAt(r));
    }
  }
  return out.length === 0 ? "." : out.join("");
}

/** Authgear's FormatAbsolutePath: true when `p` is absolute and already clean. */
export function isCleanAbsolutePath(p: string): boolean {
  const str = p === "" ? "/" : p;
  let cleaned = goPathClean(str);
  if (str.endsWith("/") && !cleaned.endsWith("/")) cleaned += "/";
  return str.startsWith("/") && cleaned === str;
}

/** Why Authgear would refuse `value` as a `url` custom attribute, or null when it accepts it. */
export function authgearUrlProblem(value: string): UrlProblem | null {
  const raw = utf8Bytes(value);
  const hash = raw.indexOf("#");
  const u = hash < 0 ? raw : raw.slice(0, hash);
  const fragment = hash < 0 ? "" : raw.slice(hash + 1);
  // parse(u): control bytes, then the scheme.
  // eslint-disable-next-line no-control-regex -- matching the control bytes is the point: Go's url.Parse refuses them.
  if (/[\x00-\x1f\x7f]/.test(u)) return "not_url";
  const scheme = /^[A-Za-z][A-Za-z0-9+\-.]*:/.exec(u);
  if (u.startsWith(":")) return "not_url"; // Go: "missing protocol scheme"
  if (!scheme) return "not_absolute"; // no scheme: relative at best
  let rest = u.slice(scheme[0].length);
  const question = rest.indexOf("?");
  if (question >= 0) rest = rest.slice(0, question); // the query is never validated by Parse
  if (!rest.startsWith("//")) return "not_absolute"; // opaque (mailto:x) or no authority: no host
  const authorityEnd = rest.indexOf("/", 2);
  const authority = authorityEnd < 0 ? rest.slice(2) : rest.slice(2, authorityEnd);
  const path = authorityEnd < 0 ? "" : rest.slice(authorityEnd);
  const host = parseAuthorityHost(authority);
  if (host === null) return "not_url";
  const decodedPath = unescape(path, Mode.Path);
  if (decodedPath === null) return "not_url";
  if (fragment !== "" && unescape(fragment, Mode.Fragment) === null) return "not_url";
  if (host === "") return "not_absolute";
  // EscapedPath: the raw path when it is a valid encoding of itself, else Go's own escaping.
  const reescaped = escape(decodedPath, Mode.Path);
  const escapedPath = reescaped === path || validEncodedPath(path) ? path : reescaped;
  return isCleanAbsolutePath(escapedPath) ? null : "path_not_clean";
}
