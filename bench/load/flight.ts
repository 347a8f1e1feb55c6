/**
 * Calling a Next.js Server Action over HTTP from Node, as the browser's React runtime does: POST to
 * a page that registers the action, `Next-Action: <id>`, `Accept: text/x-component`, the arguments
 * as a JSON array (React's `encodeReply` of plain JSON values), and the action's return value read
 * back from the React Flight response. Action ids come from the build's
 * `server/server-reference-manifest.json`. Only plain JSON results are decoded (what the profile
 * actions return); anything else is reported as an error, never guessed.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";

const manifestSchema = z.object({
  node: z.record(
    z.string(),
    z.object({ workers: z.record(z.string(), z.unknown()), filename: z.string().optional(), exportedName: z.string().optional() }),
  ),
});

export interface ActionRef {
  id: string;
  /** A page path that registers the action ("/" for app/page). */
  path: string;
}

/** Finds `exportedName` of `filename` in a build's server reference manifest. */
export async function findAction(distDir: string, filename: string, exportedName: string): Promise<ActionRef> {
  const text = await readFile(join(distDir, "server", "server-reference-manifest.json"), "utf8");
  const manifest = manifestSchema.parse(JSON.parse(text));
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.filename !== filename || entry.exportedName !== exportedName) continue;
    // A page of the app's own: Next's 404 page registers an action the layout's server code reaches too,
    // and answers it with HTTP 404.
    const page = Object.keys(entry.workers).find((w) => /(^|\/)page$/.test(w) && !w.startsWith("app/_not-found/"));
    if (!page) throw new Error(`${filename}#${exportedName} is registered with no page (workers: ${Object.keys(entry.workers).join(", ")})`);
    const path = `/${page.replace(/^app\//, "").replace(/(^|\/)page$/, "")}`;
    return { id, path };
  }
  throw new Error(`${filename}#${exportedName} is not in ${distDir}/server/server-reference-manifest.json: was the build made with it?`);
}

/** Decodes React Flight's escapes in plain JSON: "$$x" is the string "$x", "$undefined" is undefined, "$@n"/"$n" another row. */
function revive(value: unknown, rows: Map<string, unknown>, depth = 0): unknown {
  if (depth > 50) throw new Error("Flight response nests too deeply");
  if (typeof value === "string") {
    if (!value.startsWith("$")) return value;
    if (value.startsWith("$$")) return value.slice(1);
    if (value === "$undefined") return undefined;
    const ref = /^\$@?([0-9a-f]+)$/.exec(value)?.[1];
    if (ref !== undefined) {
      if (!rows.has(ref)) throw new Error(`Flight response refers to missing row ${ref}`);
      return revive(rows.get(ref), rows, depth + 1);
    }
    throw new Error(`Flight response holds a value this client does not decode: ${value.slice(0, 40)}`);
  }
  if (Array.isArray(value)) return value.map((v) => revive(v, rows, depth + 1));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const revived = revive(v, rows, depth + 1);
      if (revived !== undefined) out[k] = revived;
    }
    return out;
  }
  return value;
}

/**
 * The action's return value from a Flight response body: rows `<hex id>:<json>`; row 0 is
 * `{"a": <the result or a reference to it>, …}`. Throws on an error row or an unexpected shape.
 */
export function parseActionResponse(body: string): unknown {
  const rows = new Map<string, unknown>();
  for (const line of body.split("\n")) {
    if (!line) continue;
    const m = /^([0-9a-f]+):(.*)$/s.exec(line);
    if (!m) throw new Error(`unexpected Flight line: ${line.slice(0, 80)}`);
    const [, id, payload] = m as unknown as [string, string, string];
    if (payload.startsWith("E")) throw new Error(`the action failed on the server: ${payload.slice(1, 300)}`);
    if (!/^[[{"0-9tfn-]/.test(payload)) throw new Error(`Flight row ${id} has a type this client does not decode: ${payload.slice(0, 40)}`);
    rows.set(id, JSON.parse(payload));
  }
  const root = rows.get("0");
  if (!root || typeof root !== "object" || !("a" in root)) throw new Error(`Flight response has no action result row: ${body.slice(0, 200)}`);
  return revive(root.a, rows);
}

/** The error a failed HTTP call to an action raises. */
export class ActionHttpError extends Error {
  override name = "ActionHttpError";
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`action answered HTTP ${status}: ${body.slice(0, 200)}`);
  }
}

/** Calls a Server Action on `origin` with JSON arguments and returns its result. */
export async function callAction(origin: string, action: ActionRef, args: readonly unknown[], timeoutMs = 30_000): Promise<unknown> {
  const res = await fetch(new URL(action.path, origin), {
    method: "POST",
    headers: {
      "next-action": action.id,
      accept: "text/x-component",
      "content-type": "text/plain;charset=UTF-8",
      origin,
    },
    body: JSON.stringify(args, (_key, value: unknown) => (typeof value === "string" && value.startsWith("$") ? `$${value}` : value)),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  if (res.status !== 200 || !(res.headers.get("content-type") ?? "").startsWith("text/x-component")) throw new ActionHttpError(res.status, text);
  return parseActionResponse(text);
}
