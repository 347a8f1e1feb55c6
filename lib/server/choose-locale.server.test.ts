/**
 * The language menu's Server Action refuses what is not a shipped locale before anything else:
 * no cookie (next/headers is never reached, so this runs outside a request), no token check, no
 * Authgear read or write (the services below throw on any use). The write itself is tested in
 * lib/account/account-service.server.test.ts; the cookie and the page's language in
 * e2e/i18n-journey.spec.ts.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createActions } from "./actions.server";
import type { Services } from "./services.server";

const untouchable = new Proxy({} as Services, {
  get(_target, property) {
    throw new Error(`services.${String(property)} was used`);
  },
});

describe("chooseLocale: only a shipped locale gets past the input check", () => {
  const { chooseLocale, rememberAuthgearLocale } = createActions(untouchable);

  for (const bad of ["xx-INVALID", "fr", "*", "../../etc/passwd", "", "EN", "de-DE", "ja; Domain=evil.example", "x".repeat(10_000)]) {
    it(`refuses ${JSON.stringify(bad.slice(0, 40))} signed out and signed in, touching nothing`, async () => {
      for (const token of [null, "a-token"]) {
        const result = await chooseLocale(token, { locale: bad });
        assert.equal(result.ok, false);
        assert.equal(!result.ok && result.error.code, "invalid_input");
        assert.deepEqual(!result.ok && result.error.fieldErrors, { locale: "Not a language this app offers" });
      }
    });
  }

  it("refuses an input of the wrong shape", async () => {
    for (const input of [null, {}, { locale: 7 }, { locale: "de", extra: true }] as unknown as { locale: string }[]) {
      const result = await chooseLocale(null, input);
      assert.equal(!result.ok && result.error.code, "invalid_input");
    }
  });

  it("rememberAuthgearLocale refuses what is not a tag or null, touching nothing", async () => {
    for (const input of [{ locale: 7 }, { locale: "x".repeat(65) }, {}, { locale: "de", extra: 1 }] as unknown as { locale: string | null }[]) {
      const result = await rememberAuthgearLocale(input);
      assert.equal(!result.ok && result.error.code, "invalid_input");
    }
  });
});
