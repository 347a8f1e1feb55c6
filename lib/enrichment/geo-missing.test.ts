/**
 * Fault: the geo database is missing (GEOIP_DB_DIR points to an empty folder). The server's
 * enrichment, as the app runs it (the composition root's, lib/server/services.server.ts, in a
 * fresh process with that environment), still answers with what the other providers know, never
 * throws, and says so once.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";

const emptyDir = mkdtempSync(join(tmpdir(), "gradual-no-geo-"));
after(() => rmSync(emptyDir, { recursive: true, force: true }));

function runServerEnrichment(env: Record<string, string>) {
  const script = `
    const warnings = [];
    console.warn = (...args) => warnings.push(args.join(" "));
    const { createServices } = await import(${JSON.stringify(new URL("../server/services.server.ts", import.meta.url).href)});
    const { profileCatalog } = await import(${JSON.stringify(new URL("../../profile.config.ts", import.meta.url).href)});
    const deps = createServices(profileCatalog, process.env).hookDeps();
    await deps.warm();
    const results = [];
    for (let i = 0; i < 3; i++) {
      const { values } = await deps.enrich(
        { ip: "81.2.69.142", clientHints: { timeZone: "Europe/Lisbon", languages: ["pt-PT"] } },
        { now: new Date("2026-11-29T03:00:00Z") },
      );
      results.push(values.map((v) => v.source + ":" + v.field + "=" + v.value));
    }
    process.stdout.write(JSON.stringify({ results, warnings }));
  `;
  const run = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "--input-type=module", "-e", script], {
    encoding: "utf8",
    env: { ...process.env, IPGEOLOCATION_API_KEY: "", ENRICHMENT_PROVIDERS: "", ...env },
  });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as { results: string[][]; warnings: string[] };
}

describe("the geo database missing", () => {
  it("runs without geo: other providers still answer, and the log says so once", () => {
    const { results, warnings } = runServerEnrichment({ GEOIP_DB_DIR: emptyDir });
    for (const values of results) {
      assert.ok(!values.some((v) => v.startsWith("geoip:")), values.join(", "));
      assert.ok(values.some((v) => v.endsWith("timezone=Europe/Lisbon")), `client hints still used: ${values.join(", ")}`);
    }
    const geo = warnings.filter((w) => /geoip/.test(w));
    assert.equal(geo.length, 1, warnings.join("\n"));
    assert.match(geo[0]!, /geoip provider disabled: .*dbip-city-ipv4\.mmdb not found.*GEOIP_DB_DIR/);
  });

  it("with the database in place, the same run places the address (so the test above can fail)", () => {
    const { results, warnings } = runServerEnrichment({ GEOIP_DB_DIR: "" });
    assert.ok(results[0]!.includes("geoip:country=GB"), results[0]!.join(", "));
    assert.deepEqual(warnings.filter((w) => /geoip/.test(w)), []);
  });
});
