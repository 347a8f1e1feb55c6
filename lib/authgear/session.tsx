"use client";
/**
 * The signed-in user for client components: `<AuthgearProvider>` (mounted once by the root layout
 * with the public config as props) and `useSession()`.
 *
 * The session lives in the SDK: the refresh token in localStorage, the access token in memory.
 * On page load the provider restores it (refresh grant + userinfo); until then `state` is
 * "loading", so nothing is shown that might be wrong.
 *
 * Sign-in and sign-up tell Authgear the page's language (`ui_locales`), so its pages match; sign-out
 * forgets the user's Authgear `locale` cookie (lib/i18n/cookies.ts), which the language menu's
 * `AuthgearLocaleSync` sets (ADR 019).
 */
import { usePathname, useRouter } from "next/navigation";
import { localeCookieString, localeFromCookies } from "@/lib/account/locale-cookies";
import { AUTHGEAR_LOCALE_COOKIE } from "@/lib/i18n/cookies";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import {
  CALLBACK_PATH,
  callbackURI,
  finishAuthenticationOnce,
  getAuthgear,
  homeURI,
  sdkSessionState,
  type PublicAuthgearConfig,
  type UserInfo,
} from "./browser";

export type SessionState = "loading" | "signed-out" | "signed-in" | "error";

/** Why a session is in state "error": Authgear did not answer the restore, or the SDK's code did not load. */
export type SessionErrorReason = "unreachable" | "sdk_unavailable";

/** The functions are closures, not methods: components destructure them and pass them as handlers. */
export interface Session {
  state: SessionState;
  /** The userinfo of the signed-in user (null unless state is "signed-in"). */
  user: UserInfo | null;
  /** Why the session could not be restored (state "error"), e.g. Authgear unreachable: English, with the cause, for logs and developers. */
  error: string | null;
  /** The same, as a reason a page says in the user's language (`useSessionErrorText`); null unless state is "error". */
  errorReason: SessionErrorReason | null;
  /** A fresh access token for a Server Action or API call; refreshes it first when needed. Throws when signed out. */
  accessToken: () => Promise<string>;
  /** Sends the browser to Authgear's sign-in page. */
  signIn: () => Promise<void>;
  /** Sends the browser to Authgear's sign-up page. */
  signUp: () => Promise<void>;
  /** Revokes the refresh token, clears the local session and goes home. */
  signOut: () => Promise<void>;
  /** Fetches the userinfo again (e.g. after the profile changed) and returns it. */
  reloadUser: () => Promise<UserInfo | null>;
  /** For the callback page: finishes the sign-in (once) and returns the user. */
  completeSignIn: () => Promise<UserInfo>;
}

const SessionContext = createContext<Session | null>(null);

type Snapshot = { state: SessionState; user: UserInfo | null; error: string | null; errorReason: SessionErrorReason | null };
const LOADING: Snapshot = { state: "loading", user: null, error: null, errorReason: null };
const SIGNED_OUT: Snapshot = { state: "signed-out", user: null, error: null, errorReason: null };
const signedIn = (user: UserInfo): Snapshot => ({ state: "signed-in", user, error: null, errorReason: null });

/** The page's language as the server negotiated it (`<html lang>`): what Authgear's pages should speak too. */
export function pageLocale(): string {
  return document.documentElement.lang || "en";
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Restores the SDK's session from its refresh token: refresh grant, then userinfo. */
async function restoreSession(config: PublicAuthgearConfig, setSnapshot: (s: Snapshot) => void): Promise<UserInfo | null> {
  const container = await getAuthgear(config);
  if (sdkSessionState(container) !== "AUTHENTICATED") {
    setSnapshot(SIGNED_OUT);
    return null;
  }
  try {
    const user = await container.fetchUserInfo();
    setSnapshot(signedIn(user));
    return user;
  } catch (error) {
    // The SDK clears the session itself when Authgear refuses the refresh token.
    if (sdkSessionState(container) !== "AUTHENTICATED") {
      setSnapshot(SIGNED_OUT);
      return null;
    }
    setSnapshot({ state: "error", user: null, error: `Could not reach the sign-in service: ${errorMessage(error)}`, errorReason: "unreachable" });
    return null;
  }
}

export function AuthgearProvider({ config, children }: { config: PublicAuthgearConfig; children: ReactNode }) {
  const router = useRouter();
  const pathname = usePathname();
  const [snapshot, setSnapshot] = useState<Snapshot>(LOADING);
  const { endpoint, clientID } = config;
  const stableConfig = useMemo(() => ({ endpoint, clientID }), [endpoint, clientID]);

  // One restore at a time (StrictMode mounts effects twice; reloadUser may overlap).
  const restoring = useRef<Promise<UserInfo | null> | null>(null);
  const restore = useCallback((): Promise<UserInfo | null> => {
    restoring.current ??= restoreSession(stableConfig, setSnapshot).finally(() => {
      restoring.current = null;
    });
    return restoring.current;
  }, [stableConfig]);

  // Restore on page load, except on the callback page, where completeSignIn() decides.
  const [startedOnCallback] = useState(() => pathname === CALLBACK_PATH);
  useEffect(() => {
    let active = true;
    getAuthgear(stableConfig).then(
      (container) => {
        if (!active) return;
        container.delegate = {
          onSessionStateChange(c) {
            // e.g. a refresh that Authgear refused: the SDK dropped the tokens, so are we.
            if (sdkSessionState(c) === "NO_SESSION") setSnapshot(SIGNED_OUT);
          },
        };
        if (!startedOnCallback) void restore();
      },
      (error: unknown) => {
        if (active) setSnapshot({ state: "error", user: null, error: `Could not load the sign-in library: ${errorMessage(error)}`, errorReason: "sdk_unavailable" });
      },
    );
    return () => {
      active = false;
    };
  }, [stableConfig, restore, startedOnCallback]);

  // The actions stay the same object across state changes, so effects may depend on them.
  const actions = useMemo<Omit<Session, keyof Snapshot>>(
    () => ({
      async accessToken() {
        const container = await getAuthgear(stableConfig);
        await container.refreshAccessTokenIfNeeded();
        const token = container.accessToken;
        if (!token) throw new Error("Not signed in: there is no access token");
        return token;
      },
      async signIn() {
        const container = await getAuthgear(stableConfig);
        await container.startAuthentication({ redirectURI: callbackURI(), uiLocales: [pageLocale()] });
      },
      async signUp() {
        const container = await getAuthgear(stableConfig);
        await container.startAuthentication({ redirectURI: callbackURI(), page: "signup", uiLocales: [pageLocale()] });
      },
      async signOut() {
        const container = await getAuthgear(stableConfig);
        // With a refresh-token session this revokes the refresh token and clears local storage;
        // it does not redirect, so we go home ourselves.
        await container.logout({ force: true, redirectURI: homeURI() });
        setSnapshot(SIGNED_OUT);
        // The signed-out browser is no longer that user's: their Authgear language stops deciding the page's.
        const hadAuthgearLocale = localeFromCookies(document.cookie, AUTHGEAR_LOCALE_COOKIE) !== undefined;
        document.cookie = localeCookieString(AUTHGEAR_LOCALE_COOKIE, null);
        router.replace("/");
        if (hadAuthgearLocale) router.refresh();
      },
      reloadUser: restore,
      async completeSignIn() {
        try {
          const user = await finishAuthenticationOnce(stableConfig);
          setSnapshot(signedIn(user));
          return user;
        } catch (error) {
          await restore();
          throw error;
        }
      },
    }),
    [stableConfig, restore, router],
  );
  const session = useMemo<Session>(() => ({ ...snapshot, ...actions }), [snapshot, actions]);

  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** The session; only inside `<AuthgearProvider>` (the root layout mounts it for every page). */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession() must be used inside <AuthgearProvider>");
  return session;
}
