export declare const DEBIAN_CHROMIUM: string;
export declare const CHROMIUM_ARGS: string[];
export declare const NO_CHROMIUM_MESSAGE: string;
export declare function findChromium(
  env?: Record<string, string | undefined>,
): { ok: true; executablePath: string | undefined } | { ok: false; message: string };
export declare function requireChromium(env?: Record<string, string | undefined>): string | undefined;
