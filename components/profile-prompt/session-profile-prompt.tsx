"use client";
import { useEffect, useState } from "react";
import { useSession } from "@/lib/authgear/session";
import { markOnce, PERF_MARKS } from "@/lib/perf/marks";
import type { ProfilePromptProps } from "./profile-prompt";

type PromptModule = typeof import("./profile-prompt");
let promptModule: Promise<PromptModule> | null = null;
/** The module once it has arrived, so a prompt mounted later renders at once. */
let loadedModule: PromptModule | null = null;

/**
 * Loads the prompt's code (its form, react-hook-form, the catalog's schemas) once per page load.
 * Only signed-in users need it, so signed-out visitors never download it; a failed download is
 * forgotten, so the next mount tries again.
 */
export function loadProfilePrompt(): Promise<PromptModule> {
  if (!promptModule) {
    markOnce(PERF_MARKS.promptCodeRequested);
    promptModule = import("./profile-prompt").then(
      (module) => {
        markOnce(PERF_MARKS.promptCodeLoaded);
        loadedModule = module;
        return module;
      },
      (error: unknown) => {
        promptModule = null;
        throw error;
      },
    );
  }
  return promptModule;
}

/**
 * <ProfilePrompt /> for the signed-in user of this app's <AuthgearProvider>, its code loaded on
 * demand. Until the code is there it renders the prompt's hidden "loading" marker; if the code
 * cannot be downloaded the page goes on without the prompt (marker "unavailable") rather than
 * breaking.
 */
export function SessionProfilePrompt(props: Omit<ProfilePromptProps, "getAccessToken">) {
  const session = useSession();
  const signedIn = session.state === "signed-in";
  const [failed, setFailed] = useState(false);
  const [, setArrived] = useState(false);

  useEffect(() => {
    if (!signedIn) return;
    // Also when the code is there already: it may have arrived between this render (which showed
    // the loading marker) and this effect, and only a state change renders the prompt then.
    let active = true;
    loadProfilePrompt().then(
      () => active && setArrived(true),
      (error: unknown) => {
        console.warn("The profile prompt's code could not be loaded; the page goes on without it.", error);
        if (active) setFailed(true);
      },
    );
    return () => {
      active = false;
    };
  }, [signedIn]);

  if (!signedIn) return null;
  // Once the code has arrived (here, or earlier on the sign-in callback) the prompt renders at once.
  if (loadedModule) return <loadedModule.ProfilePrompt getAccessToken={session.accessToken} {...props} />;
  if (failed) return <span hidden data-profile-prompt="unavailable" />;
  return <span hidden data-profile-prompt="loading" />;
}
