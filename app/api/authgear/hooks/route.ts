/**
 * Authgear's webhook: POST /api/authgear/hooks, the kit's handler (`gradual.webhook`: body size
 * cap, signature check before parsing, events; docs/decisions/008-webhook.md).
 */
import { gradual } from "@/app/gradual.server";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = gradual.webhook;
