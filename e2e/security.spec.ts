/**
 * Security (docs/security.md): the headers every page and file carries, a Content Security Policy
 * that the whole sign-in → prompt → save journey runs under without a single violation, script in an
 * answer saved and shown as text, and a client bundle without any server secret.
 */
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { SECRET_FILES } from "@/emulator/keys";
import { MAX_TEXT_ANSWER_LENGTH } from "@/lib/catalog/schemas";
import { customAttributes } from "./support/admin";
import { readSub, signUp, uniqueEmail } from "./support/auth";
import { DIST_DIR, filesUnder } from "./support/build";
import { expect, test } from "./support/fixtures";
import { EMULATOR_DATA_DIR, EMULATOR_URL } from "./support/urls";

const promptDialog = (page: Page) => page.getByRole("dialog", { name: "Complete your profile" });

test("pages and files carry the security headers; the CSP allows only this origin and Authgear", async ({ request }) => {
  const home = await request.get("/");
  expect(home.status()).toBe(200);
  const headers = home.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  const csp = headers["content-security-policy"] ?? "";
  const directives = new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
  expect(directives.get("default-src")).toEqual(["'self'"]);
  expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
  expect(directives.get("object-src")).toEqual(["'none'"]);
  expect(directives.get("connect-src")).toEqual(["'self'", EMULATOR_URL]);
  const scripts = directives.get("script-src") ?? [];
  expect(scripts).not.toContain("'unsafe-inline'");
  expect(scripts).not.toContain("'unsafe-eval'");
  const nonce = scripts.find((s) => s.startsWith("'nonce-"))?.slice(7, -1);
  expect(nonce, "a nonce in script-src").toBeTruthy();

  // Next.js put the nonce on every script it rendered; the next request gets another nonce.
  const html = await home.text();
  const scriptTags = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scriptTags.length).toBeGreaterThan(0);
  for (const tag of scriptTags) expect(tag, "every <script> carries the nonce").toContain(`nonce="${nonce}"`);
  const again = (await request.get("/")).headers()["content-security-policy"];
  expect(again).not.toContain(`'nonce-${nonce}'`);

  expect(headers["x-powered-by"]).toBeUndefined();
  // A browser's prefetch of a page gets the policy too (the prefetched HTML may be what the user sees).
  const prefetched = await request.get("/", { headers: { purpose: "prefetch", "sec-purpose": "prefetch" } });
  expect(prefetched.headers()["content-security-policy"]).toContain("'nonce-");

  // Static files and API routes: the fixed headers (next.config.mjs).
  const asset = html.match(/\/_next\/static\/[^"']+\.js/)?.[0];
  expect(asset).toBeTruthy();
  const script = await request.get(asset!);
  expect(script.headers()["x-content-type-options"]).toBe("nosniff");
  expect(script.headers()["x-frame-options"]).toBe("DENY");
  const api = await request.post("/api/authgear/hooks", { headers: { "content-type": "text/plain" }, data: "x" });
  expect(api.status()).toBe(415);
  expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
});

test("no CSP violation from sign-up to a saved answer; script in an answer is saved and shown as text", async ({ page, diagnostics }) => {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const payload = `<img src=x onerror=alert(1)><script>alert(2)</script>"'&`;

  await signUp(page, uniqueEmail("csp"));
  const sub = await readSub(page);
  const prompt = promptDialog(page);
  await expect(prompt).toBeVisible();

  await test.step("an over-long answer is refused with a clear message and nothing is saved", async () => {
    await prompt.getByLabel("Job title", { exact: true }).fill("x".repeat(MAX_TEXT_ANSWER_LENGTH + 1));
    await prompt.getByRole("button", { name: "Save" }).click();
    // The limit is written as the user's locale writes numbers (en-US: "1,000").
    await expect(prompt.getByText(`Must be at most ${MAX_TEXT_ANSWER_LENGTH.toLocaleString("en-US")} characters`)).toBeVisible();
    expect(await customAttributes(sub)).not.toHaveProperty("job_title");
  });

  await test.step("HTML and script saved verbatim, as text", async () => {
    await prompt.getByLabel("Job title", { exact: true }).fill(payload);
    await prompt.getByRole("button", { name: "Skip Company" }).click();
    await prompt.getByRole("button", { name: "Save" }).click();
    await expect(prompt.getByRole("status")).toHaveText("Thanks, your profile is updated.");
    await expect.poll(() => customAttributes(sub)).toMatchObject({ job_title: payload });
  });

  await test.step("shown as text on the profile page, never as markup", async () => {
    await page.goto("/profile");
    await expect(page.getByTestId("value-job_title")).toHaveText(payload);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await page.goto("/");
    expect(await page.locator('img[src="x"]').count()).toBe(0);
  });

  expect(dialogs, "no script from the answer ran").toEqual([]);
  // The fixture fails every test on a violation; this journey is the one that must not have any.
  expect(diagnostics.cspViolations, "CSP violations").toEqual([]);
  expect(diagnostics.consoleErrors.filter((t) => /Content Security Policy/i.test(t))).toEqual([]);
});

test("the CSP blocks what it should: a connection and an image to other origins are refused and reported", async ({ browser }) => {
  // A context of its own: the diagnostics fixture fails a test on any violation, and here they are the point.
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto("/");
    const outcome = await page.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener("securitypolicyviolation", (e) => violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
      const fetched = await fetch("http://127.0.0.1:9/leak").then(
        () => "sent",
        () => "refused",
      );
      const img = document.createElement("img");
      img.src = "https://tracker.invalid/pixel.gif";
      document.body.appendChild(img);
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { fetched, violations };
    });
    expect(outcome.fetched).toBe("refused");
    expect(outcome.violations).toEqual(["connect-src http://127.0.0.1:9/leak", "img-src https://tracker.invalid/pixel.gif"]);
  } finally {
    await context.close();
  }
});

/** The distinctive pieces of a PEM: each full base64 line of its body. */
function pemLines(pem: string): string[] {
  return pem
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length >= 40 && !l.startsWith("-----"));
}

test("the client bundle (.next/static) holds none of the server's secrets", async () => {
  const staticDir = join(DIST_DIR, "static");
  expect((await stat(staticDir)).isDirectory()).toBe(true);

  const secrets: { name: string; needle: string }[] = [];
  for (const file of [SECRET_FILES.adminKeyPem, SECRET_FILES.signingKey]) {
    const pem = await readFile(join(EMULATOR_DATA_DIR, file), "utf8");
    const lines = pemLines(pem);
    expect(lines.length, `${file} has a body`).toBeGreaterThan(5);
    lines.forEach((needle, i) => secrets.push({ name: `${file} line ${i + 1}`, needle }));
  }
  const webhookSecret = (await readFile(join(EMULATOR_DATA_DIR, SECRET_FILES.webhookSecret), "utf8")).trim();
  expect(webhookSecret).toMatch(/^[0-9a-zA-Z_]{32}$/);
  secrets.push({ name: "emulator webhook secret", needle: webhookSecret });
  // Whatever secrets this machine's environment holds (a developer's real project, CI).
  for (const name of ["AUTHGEAR_ADMIN_API_KEY", "AUTHGEAR_WEBHOOK_SECRET", "IPGEOLOCATION_API_KEY", "DATABASE_URL"]) {
    const value = process.env[name]?.trim();
    if (!value) continue;
    if (name === "AUTHGEAR_ADMIN_API_KEY") pemLines(value.replace(/\\n/g, "\n")).forEach((needle) => secrets.push({ name, needle }));
    else if (value.length >= 8) secrets.push({ name, needle: value });
  }
  const markers = ["-----BEGIN PRIVATE KEY-----", "-----BEGIN RSA PRIVATE KEY-----"];

  const bundle = await filesUnder(staticDir);
  expect(bundle.some((f) => f.endsWith(".js")), "the build has client scripts").toBe(true);
  const leaks: string[] = [];
  for (const file of bundle) {
    const text = await readFile(file, "latin1");
    for (const { name, needle } of secrets) if (text.includes(needle)) leaks.push(`${file}: ${name}`);
    for (const marker of markers) if (text.includes(marker)) leaks.push(`${file}: ${marker}`);
  }
  expect(leaks).toEqual([]);

  // The scan itself finds a secret where there is one (the key file it read).
  const keyFile = await readFile(join(EMULATOR_DATA_DIR, SECRET_FILES.adminKeyPem), "latin1");
  expect(secrets.some(({ needle }) => keyFile.includes(needle))).toBe(true);
});
