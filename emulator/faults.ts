/**
 * The fault switch (an emulator test instrument, not Authgear): `POST /_emulator/faults`
 * {"target":"admin_api","mode":"off"|"error"|"timeout"|"slow","count"?:n,"delay_ms"?:n}
 * makes the Admin API fail (HTTP 500), hang (no answer until the client gives up, at most 60 s),
 * or answer late, for the next `count` requests or until switched off.
 */
import { z } from "zod";

export const FAULT_HANG_CAP_MS = 60_000;
const DEFAULT_SLOW_DELAY_MS = 1_000;

export const faultRequestSchema = z.strictObject({
  target: z.literal("admin_api"),
  mode: z.enum(["off", "error", "timeout", "slow"]),
  count: z.number().int().positive().optional(),
  delay_ms: z.number().int().nonnegative().max(FAULT_HANG_CAP_MS).optional(),
});
export type FaultRequest = z.infer<typeof faultRequestSchema>;

export interface FaultState {
  target: "admin_api";
  mode: FaultRequest["mode"];
  /** Requests still affected; null = until switched off. */
  remaining: number | null;
  delay_ms: number;
}

export type FaultAction = { mode: "error" } | { mode: "timeout" } | { mode: "slow"; delayMs: number };

export class Faults {
  private state: FaultState = { target: "admin_api", mode: "off", remaining: null, delay_ms: 0 };

  set(request: FaultRequest): FaultState {
    this.state =
      request.mode === "off"
        ? { target: "admin_api", mode: "off", remaining: null, delay_ms: 0 }
        : {
            target: "admin_api",
            mode: request.mode,
            remaining: request.count ?? null,
            delay_ms: request.mode === "slow" ? (request.delay_ms ?? DEFAULT_SLOW_DELAY_MS) : 0,
          };
    return this.snapshot();
  }

  snapshot(): FaultState {
    return { ...this.state };
  }

  /** The fault to apply to this Admin API request (consuming one of `count`), or null. */
  take(): FaultAction | null {
    const s = this.state;
    if (s.mode === "off") return null;
    const action: FaultAction = s.mode === "slow" ? { mode: "slow", delayMs: s.delay_ms } : { mode: s.mode };
    if (s.remaining !== null) {
      s.remaining -= 1;
      if (s.remaining <= 0) this.state = { target: "admin_api", mode: "off", remaining: null, delay_ms: 0 };
    }
    return action;
  }
}
