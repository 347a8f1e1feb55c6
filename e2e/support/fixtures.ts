/**
 * The e2e `test`: every page's console errors, uncaught page errors and HTTP >= 400 responses are
 * printed to the test output, and a test FAILS when a page throws an uncaught error it did not
 * declare with `diagnostics.allowPageError(/…/)`.
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
        allowPageError: (pattern) => void allowed.push(pattern),
      };
      const where = () => `[${testInfo.title}]`;

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
    },
    { auto: true },
  ],
});

export { expect };
