"use client";
import Link from "next/link";
import { useState, type ComponentProps } from "react";

/**
 * A Next.js link that prefetches its page when the user shows intent (pointer over it, keyboard
 * focus, a touch) rather than as soon as it is on screen. Every page is rendered per request (each
 * has its own CSP nonce), so a prefetch is a server render plus work on the browser's main thread:
 * for the home and profile links, which are on screen during sign-in, that work competed with the
 * profile prompt on its way to the screen. Hover-to-prefetch is the pattern Next's own guide shows.
 */
export function IntentLink({ onPointerEnter, onFocus, onTouchStart, ...props }: Omit<ComponentProps<typeof Link>, "prefetch">) {
  const [intent, setIntent] = useState(false);
  // Each of the three signals turns prefetching on, then calls the caller's own handler.
  const withIntent =
    <E,>(handler?: (event: E) => void) =>
    (event: E) => {
      setIntent(true);
      handler?.(event);
    };
  return (
    <Link
      {...props}
      prefetch={intent ? null : false}
      onPointerEnter={withIntent(onPointerEnter)}
      onFocus={withIntent(onFocus)}
      onTouchStart={withIntent(onTouchStart)}
    />
  );
}
