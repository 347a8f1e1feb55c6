// Authgear's webhook (authgear.yaml's hook handlers): enrichment at sign-up, signature checked by the kit.
import { gradual } from "../../../gradual.server";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = gradual.webhook;
