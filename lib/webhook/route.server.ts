import "server-only";
/**
 * The webhook as a route handler (`gradual.webhook`, served by the app at POST /api/authgear/hooks
 * for events user.pre_create, user.created, user.profile.pre_update, user.profile.updated,
 * user.authenticated). Reads the raw body with a size cap (never buffering more than the limit) and
 * hands it to ./handler.server.ts, which verifies the signature before parsing. See
 * docs/decisions/008-webhook.md.
 */
import { handleAuthgearHook, type HookDeps } from "./handler.server";
import { HOOK_BODY_LIMIT_BYTES, readBodyCapped } from "./read-body";

const NO_STORE = { "cache-control": "no-store" };

function tooLarge(): Response {
  return Response.json({ error: "body_too_large", message: `The body is larger than ${HOOK_BODY_LIMIT_BYTES} bytes.` }, { status: 400, headers: NO_STORE });
}

/** `(request) => Response` over the webhook's dependencies (built on the first request). */
export function createWebhookRoute(deps: () => HookDeps): (request: Request) => Promise<Response> {
  return async (request) => {
    const declared = Number(request.headers.get("content-length") ?? "");
    if (Number.isFinite(declared) && declared > HOOK_BODY_LIMIT_BYTES) return tooLarge();
    const read = await readBodyCapped(request.body, HOOK_BODY_LIMIT_BYTES);
    if (!read.ok) return tooLarge();
    const result = await handleAuthgearHook({ rawBody: read.body, headers: request.headers }, deps());
    return Response.json(result.body, { status: result.status, headers: NO_STORE });
  };
}
