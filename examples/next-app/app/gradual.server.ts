/**
 * The app's one Gradual: its own catalog; Authgear, the state store and enrichment from the
 * environment (AUTHGEAR_ENDPOINT, AUTHGEAR_CLIENT_ID, EMULATOR_DATA_DIR or the Admin API key,
 * SQLITE_PATH; see Gradual's docs/embedding.md).
 */
import "server-only";
import { createGradual } from "@gradual/kit/server";
import { catalog } from "../catalog";

export const gradual = createGradual({ catalog });
