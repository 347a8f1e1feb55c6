import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { describe, it } from "node:test";
import { authgearOrigin, contentSecurityPolicy, newNonce, STATIC_SECURITY_HEADERS } from "./csp";

const directives = (csp: string) => new Map(csp.split("; ").map((d) => d.split(" ")).map(([name, ...values]) => [name!, values]));

describe("contentSecurityPolicy", () => {
  const nonce = newNonce();

  it("allows scripts only with this request's nonce, and connections only to this origin and Authgear", () => {
    const csp = directives(contentSecurityPolicy({ nonce, authgearOrigin: "https://myapp.authgear.cloud" }));
    assert.deepEqual(csp.get("script-src"), ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    assert.deepEqual(csp.get("connect-src"), ["'self'", "https://myapp.authgear.cloud"]);
    assert.deepEqual(csp.get("default-src"), ["'self'"]);
    assert.deepEqual(csp.get("frame-ancestors"), ["'none'"]);
    assert.deepEqual(csp.get("object-src"), ["'none'"]);
    assert.deepEqual(csp.get("base-uri"), ["'self'"]);
    assert.deepEqual(csp.get("form-action"), ["'self'"]);
    assert.equal(csp.has("upgrade-insecure-requests"), false);
    for (const [name, values] of csp) {
      if (name !== "style-src-attr") assert.ok(!values.includes("'unsafe-inline'"), `${name} allows no inline code`);
      assert.ok(!values.includes("*"), `${name} has no wildcard`);
    }
  });

  it("adds eval (and the dev server's websocket) in development only, and upgrades requests over HTTPS", () => {
    const dev = directives(contentSecurityPolicy({ nonce, authgearOrigin: "http://localhost:3001", dev: true }));
    assert.ok(dev.get("script-src")!.includes("'unsafe-eval'"));
    assert.ok(dev.get("connect-src")!.includes("ws:"));
    // The dev server injects <style> without a nonce; with a nonce listed, browsers would ignore 'unsafe-inline'.
    assert.deepEqual(dev.get("style-src"), ["'self'", "'unsafe-inline'"]);
    assert.deepEqual(directives(contentSecurityPolicy({ nonce, authgearOrigin: null })).get("style-src"), ["'self'", `'nonce-${nonce}'`]);
    assert.ok(directives(contentSecurityPolicy({ nonce, authgearOrigin: null, https: true })).has("upgrade-insecure-requests"));
  });

  it("connects to nothing but itself when the endpoint is unusable", () => {
    assert.deepEqual(directives(contentSecurityPolicy({ nonce, authgearOrigin: null })).get("connect-src"), ["'self'"]);
  });

  it("refuses a short or injected nonce", () => {
    assert.throws(() => contentSecurityPolicy({ nonce: "abc", authgearOrigin: null }), /nonce/);
    assert.throws(() => contentSecurityPolicy({ nonce: "aaaaaaaaaaaaaaaa'; script-src *", authgearOrigin: null }), /nonce/);
  });
});

describe("authgearOrigin", () => {
  it("is the origin of AUTHGEAR_ENDPOINT, the emulator's when unset, null when not an http(s) URL", () => {
    assert.equal(authgearOrigin("https://myapp.authgear.cloud/"), "https://myapp.authgear.cloud");
    assert.equal(authgearOrigin(" https://MyApp.authgear.cloud "), "https://myapp.authgear.cloud");
    assert.equal(authgearOrigin(undefined), "http://localhost:3001");
    assert.equal(authgearOrigin(""), "http://localhost:3001");
    assert.equal(authgearOrigin("javascript:alert(1)"), null);
    assert.equal(authgearOrigin("not a url"), null);
  });
});

describe("newNonce", () => {
  it("is 128 random bits, different every time", () => {
    const seen = new Set(Array.from({ length: 100 }, newNonce));
    assert.equal(seen.size, 100);
    for (const n of seen) assert.equal(Buffer.from(n, "base64").length, 16);
  });
});

describe("next.config.mjs headers()", () => {
  it("sets the same fixed headers on every path, and an allow-nothing CSP on API routes", async () => {
    const config = ((await import(new URL("../../next.config.mjs", import.meta.url).href)) as { default: { headers(): Promise<{ source: string; headers: { key: string; value: string }[] }[]> } }).default;
    const rules = await config.headers();
    const all = rules.find((r) => r.source === "/:path*");
    assert.ok(all);
    assert.deepEqual(Object.fromEntries(all.headers.map((h) => [h.key, h.value])), STATIC_SECURITY_HEADERS);
    const api = rules.find((r) => r.source === "/api/:path*");
    assert.deepEqual(api?.headers, [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }]);
    // The proxy covers pages; its matcher leaves API routes and build assets to next.config.mjs.
    const proxy = await readFile(new URL("../../proxy.ts", import.meta.url), "utf8");
    assert.match(proxy, /api\/\|_next\/static/);
  });
});
