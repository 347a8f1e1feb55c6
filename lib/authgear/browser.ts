/**
 * The browser side of @authgear/web 6. The SDK touches `window` when its module loads, so it is
 * only ever loaded with a dynamic import() from browser code (effects and event handlers), never
 * during server rendering. Configured once per page load with a refresh-token session.
 */
import type { SessionState, UserInfo, WebContainer } from "@authgear/web";
export type { UserInfo } from "@authgear/web";

export interface PublicAuthgearConfig {
  endpoint: string;
  clientID: string;
}

/**
 * The SDK's session state as its string value ("AUTHENTICATED", "NO_SESSION", …). The SessionState
 * enum is a value of the SDK's module, which only loads in the browser (see above), so code compares
 * these checked literals instead; a call, unlike a property read, is never narrowed across an await.
 */
export function sdkSessionState(container: Pick<WebContainer, "sessionState">): `${SessionState}` {
  return container.sessionState;
}

/** Where Authgear sends the browser back after sign-in; registered as a redirect URI. */
export const CALLBACK_PATH = "/auth/callback";

let loaded: Promise<WebContainer> | undefined;

/** The configured SDK container (configure() runs once; later configs are ignored). */
export function getAuthgear(config: PublicAuthgearConfig): Promise<WebContainer> {
  if (typeof window === "undefined") {
    return Promise.reject(new Error("@authgear/web runs in the browser only"));
  }
  if (loaded) return loaded;
  loaded = (async () => {
    const { default: container } = await import("@authgear/web");
    await container.configure({ endpoint: config.endpoint, clientID: config.clientID, sessionType: "refresh_token" });
    return container;
  })();
  // A failed load (e.g. a network error fetching the chunk) may be retried.
  loaded.catch(() => {
    loaded = undefined;
  });
  return loaded;
}

export function callbackURI(): string {
  return `${window.location.origin}${CALLBACK_PATH}`;
}

export function homeURI(): string {
  return `${window.location.origin}/`;
}

let finishing: Promise<UserInfo> | undefined;

/**
 * Completes the sign-in on the callback page. The authorization code is single-use, and React
 * StrictMode runs effects twice in development: a second exchange would fail and make Authgear
 * revoke the grant. So the first call's promise is shared by every later call in this page load.
 */
export function finishAuthenticationOnce(config: PublicAuthgearConfig): Promise<UserInfo> {
  finishing ??= getAuthgear(config).then(async (container) => (await container.finishAuthentication()).userInfo);
  return finishing;
}

/**
 * What an SDK error says: the provider's error code and error_description when Authgear sent one
 * (`fromAuthgear`: its words, in the language of its own pages, fit to show), else the error's name
 * and message (`fromAuthgear: false`: a network or SDK failure in the browser's English, for the
 * page to say in its own words and show only as a detail).
 */
export function describeAuthError(error: unknown): { title: string; detail: string; fromAuthgear: boolean } {
  if (error && typeof error === "object" && "error" in error && typeof error.error === "string") {
    const description = "error_description" in error && typeof error.error_description === "string" ? error.error_description : "";
    return { title: error.error, detail: description || error.error, fromAuthgear: true };
  }
  if (error instanceof Error) return { title: error.name, detail: error.message, fromAuthgear: false };
  return { title: "Error", detail: String(error), fromAuthgear: false };
}

