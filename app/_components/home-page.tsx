"use client";
import { SessionProfilePrompt } from "@gradual/kit/react";
import { HomeView } from "./home-view";
import { loadCatalog, promptActions } from "./prompt-props";

/**
 * The home page's content: at `/`, and on the sign-in callback once the sign-in is complete (shown
 * there in place, without a second page load). The prompt is a non-modal dialog in the corner: it
 * never pushes the page around (no layout shift).
 */
export function HomePage() {
  return <HomeView signedInContent={<SessionProfilePrompt variant="dialog" catalog={loadCatalog} actions={promptActions} />} />;
}
