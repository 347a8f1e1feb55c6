import "server-only";
/**
 * `remember(name, factory)`: the composition root's memory. The first call with a name builds the
 * value; every later call, from any copy of this module, gets the same one.
 *
 * Why the registry is on `globalThis`: Next.js bundles route handlers (the webhook) and Server
 * Actions (the prompt, /profile, /admin) into separate chunks, each with its own copy of every
 * module. One process must still have ONE database and ONE store per target (the store holds the
 * per-user save locks), or the webhook's writes and the prompt's saves would not be serialized
 * against each other. That registry is the only process-wide state left: the store's locks are
 * its own.
 *
 * A remembered promise that rejects is forgotten, so the next call tries again (a database that
 * was down at the first request is opened once it is up).
 */

const REGISTRY = Symbol.for("gradual.services");
const IDS = Symbol.for("gradual.objectIds");

type Shared = { [REGISTRY]?: Map<string, unknown>; [IDS]?: { next: number; ids: WeakMap<object, number> } };
const shared = globalThis as Shared;
const registry: Map<string, unknown> = (shared[REGISTRY] ??= new Map<string, unknown>());
const objectIds = (shared[IDS] ??= { next: 1, ids: new WeakMap() });

export function remember<T>(name: string, factory: () => T): T {
  if (registry.has(name)) return registry.get(name) as T;
  const value = factory();
  registry.set(name, value);
  if (value instanceof Promise) {
    value.catch(() => {
      if (registry.get(name) === value) registry.delete(name);
    });
  }
  return value;
}

/** A number naming `value` (a catalog, a clock) in remembered names; the same object, the same number, in every module copy. */
export function objectId(value: object): number {
  let id = objectIds.ids.get(value);
  if (id === undefined) {
    id = objectIds.next++;
    objectIds.ids.set(value, id);
  }
  return id;
}
