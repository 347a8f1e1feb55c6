/**
 * A message catalog's shape: nested namespaces whose leaves are ICU messages (issue 16). The key
 * test (lib/i18n/messages.test.ts) walks catalogs with `messageKeys`; `mergeMessages` lays an
 * app's overrides over the kit's messages.
 *
 * Isomorphic.
 */
export interface MessageTree {
  readonly [key: string]: string | MessageTree;
}

/** Every leaf's dotted path, in document order. */
export function messageKeys(tree: MessageTree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key}`] : messageKeys(value, `${prefix}${key}.`),
  );
}

function isTree(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * `base` with `overrides` laid over it, namespace by namespace: a leaf of `overrides` replaces the
 * same leaf of `base`, everything else of `base` stays. Neither argument is changed. Works on
 * ICU strings and on compiled messages alike (a compiled message is an array: a leaf).
 */
export function mergeMessages<T extends object>(base: T, overrides: object | undefined): T {
  if (!overrides) return base;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(overrides)) {
    if (key === "__proto__" || key === "constructor" || key === "prototype") continue;
    const current = out[key];
    out[key] = isTree(current) && isTree(value) ? mergeMessages(current, value) : value;
  }
  return out as T;
}
