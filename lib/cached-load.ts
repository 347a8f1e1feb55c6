/**
 * `cachedLoad(load)`: a value loaded on first use and then reused; a load that fails is not kept,
 * so the next use tries again (a file the emulator writes a moment after the app starts, a key
 * fixed without a restart). `set` replaces it, `forget` drops it.
 */
export function cachedLoad<T>(load: () => Promise<T>) {
  let cached: Promise<T> | undefined;
  return {
    get: (): Promise<T> => {
      if (!cached) {
        const attempt = load();
        cached = attempt;
        attempt.catch(() => {
          if (cached === attempt) cached = undefined;
        });
      }
      return cached;
    },
    set: (value: T) => {
      cached = Promise.resolve(value);
    },
    forget: () => {
      cached = undefined;
    },
  };
}
