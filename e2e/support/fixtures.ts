/**
 * The e2e `test`: every page's console errors, uncaught page errors and HTTP >= 400 responses are
 * printed to the test output, and a test FAILS when a page throws an uncaught error it did not
 * declare with `diagnostics.allowPageError(/…/)`, or when the Content Security Policy blocked anything
 * (`securitypolicyviolation` events and Chromium's console reports).
 */
import { test as base, expect, type Response } from "@playwright/test";

export interface FailedResponse {
  status: number;
  method: string;
  url: string;
}

export interface PageDiagnostics {
  /** `console.error` messages from every page of the test's browser context. */
  readonly consoleErrors: string[];
  /** Uncaught exceptions and unhandled rejections from every page. */
  readonly pageErrors: string[];
  /** Responses with status >= 400 (the page's own requests, not `request` fixture calls). */
  readonly failedResponses: FailedResponse[];
  /** `securitypolicyviolation` events from every page (blocked scripts, styles, connections, eval). */
  readonly cspViolations: string[];
  /** Declares a page error this test provokes on purpose, so it does not fail the test. */
  allowPageError(pattern: RegExp): void;
}

export const test = base.extend<{ diagnostics: PageDiagnostics }>({
  diagnostics: [
    async ({ context }, use, testInfo) => {
      const allowed: RegExp[] = [];
      const diagnostics: PageDiagnostics = {
        consoleErrors: [],
        pageErrors: [],
        failedResponses: [],
        cspViolations: [],
        allowPageError: (pattern) => void allowed.push(pattern),
      };
      const where = () => `[${testInfo.title}]`;

      await context.exposeBinding("__gradualCspViolation", (source, text: string) => {
        const violation = `${source.frame.url()}: ${text}`;
        diagnostics.cspViolations.push(violation);
        console.log(`${where()} CSP violation: ${violation}`);
      });
      await context.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) => {
          const report = (window as unknown as { __gradualCspViolation?: (text: string) => void }).__gradualCspViolation;
          report?.(`${e.effectiveDirective} blocked ${e.blockedURI || "(inline)"} at ${e.sourceFile}:${e.lineNumber}`);
        });
      });
      context.on("console", (message) => {
        if (message.type() !== "error") return;
        const location = message.location();
        const text = `${message.text()}${location.url ? ` (${location.url}:${location.lineNumber})` : ""}`;
        diagnostics.consoleErrors.push(text);
        console.log(`${where()} browser console.error: ${text}`);
      });
      context.on("weberror", (webError) => {
        const error = webError.error();
        const text = error.stack ?? `${error.name}: ${error.message}`;
        diagnostics.pageErrors.push(text);
        console.log(`${where()} page error: ${text}`);
      });
      context.on("response", (response: Response) => {
        if (response.status() < 400) return;
        const failed = { status: response.status(), method: response.request().method(), url: response.url() };
        diagnostics.failedResponses.push(failed);
        console.log(`${where()} HTTP ${failed.status} ${failed.method} ${failed.url}`);
      });

      await use(diagnostics);

      const unexpected = diagnostics.pageErrors.filter((text) => !allowed.some((pattern) => pattern.test(text)));
      expect(unexpected, "uncaught errors in the page (see the output above)").toEqual([]);
      // Every journey runs under the app's Content Security Policy (proxy.ts): nothing may be blocked
      // (docs/security.md), whether the page reported it as an event or Chromium as a console error.
      const blocked = diagnostics.consoleErrors.filter((text) => /Content Security Policy/i.test(text));
      expect([...diagnostics.cspViolations, ...blocked], "CSP violations (see the output above)").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
