import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createProblemThrottle, PROBLEM_LOG_WINDOW_MS } from "./throttle";

describe("createProblemThrottle", () => {
  it("logs each (provider, kind) once per ten minutes, naming the provider and why", () => {
    let now = 1_000_000;
    const lines: string[] = [];
    const throttle = createProblemThrottle({ log: { warn: (m: string) => lines.push(m) }, now: () => now });
    const timeout = { provider: "fullcontact-person", kind: "timeout" as const, message: "no answer within 3000 ms" };
    assert.equal(throttle.report([timeout, timeout]), 1);
    assert.equal(throttle.report([{ ...timeout, kind: "error", message: "HTTP 503" }, { ...timeout, provider: "pdl-person" }]), 2);
    now += PROBLEM_LOG_WINDOW_MS - 1;
    assert.equal(throttle.report([timeout]), 0);
    now += 1;
    assert.equal(throttle.report([timeout]), 1);
    assert.equal(lines.length, 4);
    assert.match(lines[0] ?? "", /^\[gradual\] enrichment: provider "fullcontact-person" timeout: no answer within 3000 ms/);
    assert.match(lines[1] ?? "", /provider "fullcontact-person" error: HTTP 503/);
  });
});
