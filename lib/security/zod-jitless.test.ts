import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";

describe("instrumentation-client.ts: zod without eval (CSP)", () => {
  it("zod adopts a global config set before it loads, so object schemas never probe `new Function`", () => {
    // A fresh process: load the instrumentation first, forbid `Function` construction, then build and
    // run an object schema as the prompt does.
    const script = `
      await import(${JSON.stringify(new URL("../../instrumentation-client.ts", import.meta.url).href)});
      let probes = 0;
      const RealFunction = globalThis.Function;
      globalThis.Function = new Proxy(RealFunction, { construct() { probes++; throw new EvalError("CSP: unsafe-eval"); }, apply() { probes++; throw new EvalError("CSP: unsafe-eval"); } });
      const { z } = await import("zod");
      const schema = z.object({ a: z.string(), b: z.number() }).strict();
      const ok = schema.safeParse({ a: "x", b: 1 }).success && !schema.safeParse({ a: 1 }).success;
      console.log(JSON.stringify({ jitless: z.config().jitless, probes, ok }));
    `;
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout.trim().split("\n").at(-1)!), { jitless: true, probes: 0, ok: true });
  });

  it("without it, zod does probe (so the test above can fail)", () => {
    const script = `
      let probes = 0;
      const RealFunction = globalThis.Function;
      globalThis.Function = new Proxy(RealFunction, { construct() { probes++; throw new EvalError("CSP"); }, apply() { probes++; throw new EvalError("CSP"); } });
      const { z } = await import("zod");
      z.object({ a: z.string() }).safeParse({ a: "x" });
      console.log(JSON.stringify({ probes }));
    `;
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    assert.ok((JSON.parse(run.stdout.trim().split("\n").at(-1)!) as { probes: number }).probes > 0);
  });
});
