import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Two free consecutive ports (the emulator's and its stand-ins'). */
async function freePortPair(): Promise<number> {
  const free = (port: number) =>
    new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once("error", () => resolve(false));
      s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
    });
  for (let i = 0; i < 20; i++) {
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    if ((await free(port)) && (await free(port + 1))) return port;
  }
  throw new Error("no two free ports in a row");
}

async function runCli(args: string[]): Promise<{ line: string; stop: () => Promise<number | string> }> {
  // Without node:test's marker, which would make the child report to this runner.
  const { NODE_TEST_CONTEXT: _, ...env } = process.env;
  const child = spawn(process.execPath, ["--import", "tsx", "emulator/main.ts", ...args], { stdio: ["ignore", "pipe", "pipe"], env });
  let out = "";
  let err = "";
  child.stderr.on("data", (c: Buffer) => (err += c.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
      const ready = out.split("\n").find((l) => l.startsWith("Authgear emulator ready"));
      if (ready) resolve(ready);
    });
    child.once("exit", (code) => reject(new Error(`the emulator exited (${code}): ${err}`)));
  });
  const stop = () =>
    new Promise<number | string>((resolve) => {
      child.once("exit", (code, signal) => resolve(code ?? `signal ${signal}`));
      child.kill("SIGTERM");
    });
  return { line, stop };
}

describe("the emulator's CLI starts the enrichment stand-ins", () => {
  it("on the emulator's port + 1 by default, and stops them with it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "gradual-standins-cli-"));
    const port = await freePortPair();
    const { line, stop } = await runCli(["--port", String(port), "--data-dir", dir, "--reset", "--host", "127.0.0.1", "--standins-delay-ms", "10"]);
    try {
      assert.match(line, new RegExp(`enrichment stand-ins at http://127\\.0\\.0\\.1:${port + 1}/fullcontact and http://127\\.0\\.0\\.1:${port + 1}/pdl`));
      const res = await fetch(`http://127.0.0.1:${port + 1}/_standins/requests`);
      assert.deepEqual(await res.json(), { total: 0, counts: {}, last: [] });
    } finally {
      assert.equal(await stop(), 0);
      await rm(dir, { recursive: true, force: true });
    }
    await assert.rejects(fetch(`http://127.0.0.1:${port + 1}/_standins/requests`));
  });

  it("--standins-port off starts none; a bad value is refused with a clear message", async () => {
    const dir = await mkdtemp(join(tmpdir(), "gradual-standins-cli-"));
    try {
      const { line, stop } = await runCli(["--port", "0", "--data-dir", dir, "--reset", "--standins-port", "off"]);
      assert.doesNotMatch(line, /stand-ins/);
      assert.equal(await stop(), 0);
      await assert.rejects(runCli(["--port", "0", "--data-dir", dir, "--standins-port", "nope"]), /--standins-port must be a port number \(0-65535\) or "off", got "nope"/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
