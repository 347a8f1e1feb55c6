/**
 * Sign-in journeys through the emulator's login page, by role and accessible name only.
 * For other specs: `await signUp(page)` gives a fresh signed-in user on the home page.
 */
import type { APIRequestContext, Page } from "@playwright/test";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/locales";
import { PAGE_MESSAGES, pageLocale as emulatorPageLocale } from "@/emulator/login-messages";
import { expect } from "./fixtures";
import { appWords } from "./i18n";
import { EMULATOR_URL } from "./urls";

/** The OAuth client the app uses in the tests (emulator/authgear.yaml). */
export const CLIENT_ID = "gradual-web";

/** The SDK's localStorage keys (container name "default"). */
const STORAGE_KEYS = { refreshToken: "authgear_default_refreshToken", idToken: "authgear_default_idToken" } as const;

/** An address no other test (or earlier run) has used: a new emulator account. */
export function uniqueEmail(label = "user"): string {
  return `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

/**
 * The emulator's sign-in and sign-up page, by the names it gives its heading, field and button.
 * In the language the emulator page says it is in (its `<html lang>`: the app passes its locale as
 * ui_locales, else Accept-Language decides; ADR 002), from the emulator's own catalog; a test may
 * override any of them.
 */
export interface EmulatorWords {
  signUpHeading: string | RegExp;
  signInHeading: string | RegExp;
  email: string | RegExp;
  simulatedIp: string | RegExp;
  continue: string | RegExp;
}

/** The emulator page's names in `locale`, from the emulator's own catalog (emulator/login-messages.ts). */
export function emulatorWords(locale?: string): EmulatorWords {
  const m = PAGE_MESSAGES[emulatorPageLocale(locale ?? "en")];
  return { signUpHeading: m.signupHeading, signInHeading: m.signinHeading, email: m.emailLabel, simulatedIp: m.ipLabel, continue: m.continue };
}

async function submitEmulatorForm(page: Page, heading: "signUpHeading" | "signInHeading", email: string, options: SignInOptions): Promise<void> {
  await page.waitForURL(`${EMULATOR_URL}/**`);
  const lang = await page.locator("html").getAttribute("lang");
  const words = { ...emulatorWords(lang ?? options.locale), ...options.emulator };
  await expect(page.getByRole("heading", { level: 1, name: words[heading] })).toBeVisible();
  await page.getByRole("textbox", { name: words.email }).fill(email);
  if (options.simulatedIp) await page.getByRole("textbox", { name: words.simulatedIp }).fill(options.simulatedIp);
  await page.getByRole("button", { name: words.continue }).click();
}

/** The shipped locale the page is in (its `<html lang>`), else the default. */
export async function pageLocale(page: Page): Promise<Locale> {
  const lang = await page.locator("html").getAttribute("lang");
  return isLocale(lang) ? lang : DEFAULT_LOCALE;
}

/** The signed-in greeting the home page shows (in `locale`, default English). */
export function signedInAs(page: Page, email: string, locale?: Locale) {
  return page.getByText(appWords(locale)("home.signedInAs", { identity: email }));
}

export interface SignInOptions {
  /** The IP address the emulator reports to hooks for this sign-in (its "Simulated IP" field). */
  simulatedIp?: string;
  /**
   * The locale the app's pages are in: the home page's buttons and greeting are looked up in it.
   * Default: the locale the home page says it is in (`<html lang>`), whatever made it so.
   */
  locale?: Locale;
  /** The emulator page's names, where they are not English. */
  emulator?: Partial<EmulatorWords>;
}

/** The home page of the app `page` is on (APP_URL, or the test's own baseURL such as THIRD_PARTY_APP_URL). */
function homeUrl(page: Page): string {
  return `${new URL(page.url()).origin}/`;
}

/** From the home page: Sign up → emulator sign-up page → back home signed in as `email`. */
export async function signUp(page: Page, email: string = uniqueEmail("signup"), options: SignInOptions = {}): Promise<string> {
  await page.goto("/");
  const home = homeUrl(page);
  const words = appWords(options.locale ?? (await pageLocale(page)));
  await page.getByRole("button", { name: words("home.signUp") }).click();
  await submitEmulatorForm(page, "signUpHeading", email, options);
  await page.waitForURL(home);
  await expect(signedInAs(page, email, options.locale ?? (await pageLocale(page)))).toBeVisible();
  return email;
}

/** From the home page: Sign in → emulator sign-in page → back home signed in as `email`. */
export async function signIn(page: Page, email: string, options: SignInOptions = {}): Promise<void> {
  await page.goto("/");
  const home = homeUrl(page);
  const words = appWords(options.locale ?? (await pageLocale(page)));
  await page.getByRole("button", { name: words("home.signIn") }).click();
  await submitEmulatorForm(page, "signInHeading", email, options);
  await page.waitForURL(home);
  await expect(signedInAs(page, email, options.locale ?? (await pageLocale(page)))).toBeVisible();
}

/** Sign out from the home page (in `locale`, default the page's); resolves once Authgear confirmed the revocation and Sign in shows. */
export async function signOut(page: Page, locale?: Locale): Promise<void> {
  const words = appWords(locale ?? (await pageLocale(page)));
  const revoked = page.waitForResponse((r) => r.url() === `${EMULATOR_URL}/oauth2/revoke` && r.request().method() === "POST");
  await page.getByRole("button", { name: words("home.signOut") }).click();
  expect((await revoked).status()).toBe(200);
  await expect(page.getByRole("button", { name: words("home.signIn") })).toBeVisible();
}

/** The SDK's refresh token in this page's localStorage (null when signed out). */
export function readRefreshToken(page: Page): Promise<string | null> {
  return page.evaluate((key) => window.localStorage.getItem(key), STORAGE_KEYS.refreshToken);
}

/** The claims of the SDK's stored ID token (decoded, not verified). */
async function readIdTokenClaims(page: Page): Promise<Record<string, unknown>> {
  const idToken = await page.evaluate((key) => window.localStorage.getItem(key), STORAGE_KEYS.idToken);
  expect(idToken, "the SDK stored an ID token").toBeTruthy();
  return JSON.parse(Buffer.from(idToken!.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
}

/** The signed-in user's ID (`sub`), from the SDK's stored ID token. */
export async function readSub(page: Page): Promise<string> {
  const { sub } = await readIdTokenClaims(page);
  expect(typeof sub).toBe("string");
  return sub as string;
}

/** `auth_time` (Unix seconds) of the signed-in user's current login, from the SDK's stored ID token. */
export async function readAuthTime(page: Page): Promise<number> {
  const { auth_time: authTime } = await readIdTokenClaims(page);
  expect(typeof authTime).toBe("number");
  return authTime as number;
}

/**
 * Signs out and in again as a NEW login. Authgear's `auth_time` has whole-second precision and the
 * app tells logins apart by it, so this waits (if needed) until the clock has left the second of the
 * current login before signing in: two logins of one user within one second would be one login.
 */
export async function signInAgain(page: Page, email: string, options: SignInOptions = {}): Promise<void> {
  const previous = await readAuthTime(page);
  await signOut(page, options.locale);
  const wait = (previous + 1) * 1000 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  await signIn(page, email, options);
  expect(await readAuthTime(page)).toBeGreaterThan(previous);
}

/** A refresh grant at the emulator's token endpoint, as the SDK would send it. */
export function refreshGrant(request: APIRequestContext, refreshToken: string) {
  return request.post(`${EMULATOR_URL}/oauth2/token`, {
    form: { grant_type: "refresh_token", client_id: CLIENT_ID, refresh_token: refreshToken },
  });
}
