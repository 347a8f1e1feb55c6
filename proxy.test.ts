import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { unstable_doesMiddlewareMatch as matches } from "next/experimental/testing/server.js";
import { config } from "./proxy";

const publicFile = (name: string) => new URL(`./public/${name}`, import.meta.url);

describe("proxy.ts matcher", () => {
  it("runs on every page, so each gets a CSP with a fresh nonce", () => {
    for (const url of ["/", "/profile", "/admin", "/auth/callback", "/examples/inline", "/no-such-page"]) {
      assert.equal(matches({ config, url }), true, url);
    }
  });

  it("leaves API routes, build assets and the public files to next.config.mjs's fixed headers", () => {
    for (const url of ["/api/authgear/hooks", "/_next/static/chunks/app.js", "/_next/image?url=x", "/icon.svg", "/favicon.ico", "/robots.txt"]) {
      assert.equal(matches({ config, url }), false, url);
    }
  });

  it("skips next/link's prefetches, which are never a document", () => {
    assert.equal(matches({ config, url: "/profile", headers: { "next-router-prefetch": "1" } }), false);
  });
});

/** RFC 9309: the longest matching rule wins; on a tie, Allow does. Enough of it for these rules (no * or $). */
function allowed(robots: string, path: string): boolean {
  let best: { length: number; allow: boolean } = { length: -1, allow: true };
  for (const line of robots.split("\n")) {
    const match = /^(allow|disallow):\s*(\S*)/i.exec(line.trim());
    if (!match?.[2]) continue;
    const [, kind = "", rule] = match;
    const allow = kind.toLowerCase() === "allow";
    if (path.startsWith(rule) && (rule.length > best.length || (rule.length === best.length && allow))) best = { length: rule.length, allow };
  }
  return best.allow;
}

describe("public/robots.txt", () => {
  it("lets crawlers index the home page but not the signed-in pages, the API or the sign-in callback", async () => {
    const robots = await readFile(publicFile("robots.txt"), "utf8");
    assert.match(robots, /^User-agent: \*$/m);
    assert.equal(allowed(robots, "/"), true);
    for (const path of ["/admin", "/admin?from=2026-01-01", "/profile", "/api/authgear/hooks", "/auth/callback"]) {
      assert.equal(allowed(robots, path), false, path);
    }
  });
});

describe("public/favicon.ico", () => {
  it("is an icon file holding 16, 32 and 48 pixel images", async () => {
    const ico = await readFile(publicFile("favicon.ico"));
    assert.deepEqual([ico.readUInt16LE(0), ico.readUInt16LE(2)], [0, 1], "ICONDIR: reserved 0, type 1 (icon)");
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => ico.readUInt8(6 + 16 * i) || 256);
    assert.deepEqual(sizes, [16, 32, 48]);
    for (let i = 0; i < count; i++) {
      const [size, offset] = [ico.readUInt32LE(6 + 16 * i + 8), ico.readUInt32LE(6 + 16 * i + 12)];
      assert.ok(offset + size <= ico.length, `image ${i} lies inside the file`);
    }
  });
});
