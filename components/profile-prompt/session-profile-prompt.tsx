"use client";
import { useEffect, useState } from "react";
import { useSession } from "@/lib/authgear/session";
import type { ProfileCatalog } from "@/lib/catalog/catalog";
import { markOnce, PERF_MARKS } from "@/lib/perf/marks";
import type { ProfilePromptProps } from "./profile-prompt";

/**
 * The app's catalog, or a function that imports the app's catalog module and returns the catalog
 * (an import() of profile.config.ts, `.then((m) => m.profileCatalog)`): then the catalog, like the
 * prompt's code, is downloaded only for a signed-in user, together with that code. A function is called once per page load (keep it at module level,
 * not created in a render); a failed load is forgotten, so the next mount tries again.
 */
export type CatalogSource = ProfileCatalog | (() => Promise<ProfileCatalog>);

type PromptModule = typeof import("./profile-prompt");
/** What the prompt needs to render: its code and the catalog. */
interface PromptCode {
  ProfilePrompt: PromptModule["ProfilePrompt"];
  catalog: ProfileCatalog;
}

let promptModule: Promise<PromptModule> | null = null;
const catalogLoads = new WeakMap<() => Promise<ProfileCatalog>, Promise<ProfileCatalog>>();
/** What has arrived, by catalog source, so a prompt mounted later renders at once. */
const arrived = new WeakMap<CatalogSource, PromptCode>();

function forgetOnFailure<T>(load: Promise<T>, forget: () => void): Promise<T> {
  return load.catch((error: unknown) => {
    forget();
    throw error;
  });
}

function loadCatalog(source: CatalogSource): Promise<ProfileCatalog> {
  if (typeof source !== "function") return Promise.resolve(source);
  let load = catalogLoads.get(source);
  if (!load) {
    load = forgetOnFailure(source(), () => catalogLoads.delete(source));
    catalogLoads.set(source, load);
  }
  return load;
}

/**
 * Loads the prompt's code (its form, react-hook-form, the catalog's schemas) and the catalog, once
 * per page load. Only signed-in users need them, so signed-out visitors never download them; the
 * sign-in callback starts this during the token exchange. A failed download is forgotten, so the
 * next mount tries again.
 */
export function loadProfilePrompt(catalog: CatalogSource): Promise<PromptCode> {
  markOnce(PERF_MARKS.promptCodeRequested);
  promptModule ??= forgetOnFailure(import("./profile-prompt"), () => {
    promptModule = null;
  });
  return Promise.all([promptModule, loadCatalog(catalog)]).then(([module, loaded]) => {
    markOnce(PERF_MARKS.promptCodeLoaded);
    const code = { ProfilePrompt: module.ProfilePrompt, catalog: loaded };
    arrived.set(catalog, code);
    return code;
  });
}

export interface SessionProfilePromptProps extends Omit<ProfilePromptProps, "getAccessToken" | "catalog"> {
  catalog: CatalogSource;
}

/**
 * <ProfilePrompt /> for the signed-in user of this app's <AuthgearProvider>, its code (and, given
 * as a function, the catalog) loaded on demand. Until they are there it renders the prompt's hidden
 * "loading" marker; if they cannot be downloaded the page goes on without the prompt (marker
 * "unavailable") rather than breaking.
 */
export function SessionProfilePrompt({ catalog: source, ...props }: SessionProfilePromptProps) {
  const session = useSession();
  const signedIn = session.state === "signed-in";
  const [catalog] = useState(() => source); // the first source: a new function per render must not reload
  const [code, setCode] = useState<PromptCode | null>(() => arrived.get(catalog) ?? null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!signedIn) return;
    // Also when the code is there already: it may have arrived between this render (which showed
    // the loading marker) and this effect, and only a state change renders the prompt then.
    let active = true;
    loadProfilePrompt(catalog).then(
      (loaded) => active && setCode(loaded),
      (error: unknown) => {
        console.warn("The profile prompt's code could not be loaded; the page goes on without it.", error);
        if (active) setFailed(true);
      },
    );
    return () => {
      active = false;
    };
  }, [signedIn, catalog]);

  if (!signedIn) return null;
  // Once the code has arrived (here, or earlier on the sign-in callback) the prompt renders at once.
  const ready = code ?? arrived.get(catalog);
  if (ready) return <ready.ProfilePrompt getAccessToken={session.accessToken} catalog={ready.catalog} {...props} />;
  if (failed) return <span hidden data-profile-prompt="unavailable" />;
  return <span hidden data-profile-prompt="loading" />;
}
