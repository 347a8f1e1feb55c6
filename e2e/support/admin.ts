/** The emulator's Admin API, as a test checks what really is in Authgear. */
import { adminGraphQL } from "@/emulator/testing";
import { userNodeId } from "@/lib/authgear/global-id";
import { EMULATOR_DATA_DIR, EMULATOR_URL } from "./urls";

/** The user's custom attributes as Authgear holds them. */
export async function customAttributes(sub: string): Promise<Record<string, unknown>> {
  const { body } = await adminGraphQL(EMULATOR_URL, EMULATOR_DATA_DIR, "query($id: ID!) { node(id: $id) { ... on User { customAttributes } } }", {
    id: userNodeId(sub),
  });
  if (body.errors?.length) throw new Error(`Admin API: ${body.errors.map((e) => e.message).join("; ")}`);
  return ((body.data?.node as { customAttributes?: Record<string, unknown> } | null)?.customAttributes ?? {});
}

/** Replaces the user's custom attributes (as an admin would in the Portal). */
export async function setCustomAttributes(sub: string, attributes: Record<string, unknown>): Promise<void> {
  const { body } = await adminGraphQL(
    EMULATOR_URL,
    EMULATOR_DATA_DIR,
    "mutation($input: UpdateUserInput!) { updateUser(input: $input) { user { id } } }",
    { input: { userID: userNodeId(sub), customAttributes: attributes } },
  );
  if (body.errors?.length) throw new Error(`Admin API: ${body.errors.map((e) => e.message).join("; ")}`);
}

/** Turns an emulator fault switch on the Admin API on or off. */
export async function adminApiFault(fault: { mode: "off" | "error" | "timeout" | "slow"; count?: number; delay_ms?: number }): Promise<void> {
  const res = await fetch(`${EMULATOR_URL}/_emulator/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ target: "admin_api", ...fault }),
  });
  if (!res.ok) throw new Error(`fault switch: ${res.status} ${await res.text()}`);
}
