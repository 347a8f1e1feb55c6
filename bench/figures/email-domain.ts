/**
 * Email domain (issue 17): what the work-email provider's classifyEmailAddress costs per address,
 * against a plain Set.has of the same lists' domains (the floor: a bare hash lookup of a domain
 * already cut out of its address and in lower case), in the same process and on the same seeded
 * addresses; and what loading its lists costs in memory and time. Each round is a fresh process
 * (figures/email-domain-child.ts), so the heap figures start from the same point.
 */
import { join } from "node:path";
import { runChild } from "../lib/child";
import { median, mib } from "../lib/stats";
import type { Figure, Row } from "../lib/types";
import type { EmailDomainChildResult } from "./email-domain-child";

const ROUNDS = 3;
const ADDRESS_COUNT = 30_000;

const us = (perSecond: number) => Math.round((1e6 / perSecond) * 1000) / 1000;

export const emailDomainFigure: Figure = {
  name: "email-domain",
  description: `classifyEmailAddress (work/free/disposable) lookups/s vs a plain Set.has of the same lists, ${ADDRESS_COUNT.toLocaleString("en")} addresses; memory and time of loading the lists; ${ROUNDS} fresh processes`,
  async run({ root, resultsDir, log }) {
    const script = join(root, "bench/figures/email-domain-child.ts");
    const runs: EmailDomainChildResult[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      log(`email-domain: round ${round}/${ROUNDS} in a fresh process…`);
      runs.push(await runChild<EmailDomainChildResult>(script, ["--count", String(ADDRESS_COUNT)], { root, dir: resultsDir, timeoutMs: 120_000, log: (line) => log(`  ${line}`) }));
    }
    const first = runs[0];
    if (!first) throw new Error("email-domain: no runs");
    const m = (pick: (r: EmailDomainChildResult) => number) => median(runs.map(pick));
    const classify = m((r) => r.classify.perSecond);
    const setHas = m((r) => r.setHas.perSecond);
    const tldts = m((r) => r.tldtsParse.perSecond);
    const { lists, mix } = first;
    const listsNote = `${lists.free} (${lists.freeSize.toLocaleString("en")} domains), ${lists.disposable} (${lists.disposableSize.toLocaleString("en")}), Public Suffix List from ${lists.suffixes}`;
    const mixNote = `${mix.free.toLocaleString("en")} free, ${mix.disposable.toLocaleString("en")} disposable, ${mix.work.toLocaleString("en")} work addresses${mix.nulls ? `, ${mix.nulls} unclassified` : ""}`;
    return [
      {
        metric: "classifyEmailAddress lookups/s",
        value: Math.round(classify),
        unit: "lookups/s",
        better: "higher",
        baseline: "Set.has of the same lists (free, then disposable) on the bare domain",
        baselineValue: Math.round(setHas),
        note: `median of ${ROUNDS} fresh processes, ${first.passes} timed passes each over ${mixNote} (seeded: list entries sampled, work domains made up); classify = split at the last @, a non-ASCII domain through the WHATWG URL parser (IDNA to ASCII), host-name check, tldts parse (ICANN + private), each parent domain in both sets; ${listsNote}`,
      },
      {
        metric: "time per address, classifyEmailAddress vs Set.has",
        value: us(classify),
        unit: "µs",
        better: "lower",
        baseline: "Set.has of the same lists",
        baselineValue: us(setHas),
        note: `tldts parse alone (the Public Suffix List step): ${us(tldts)} µs per domain (${Math.round(tldts).toLocaleString("en")}/s)`,
      },
      {
        metric: "heap added by loading the lists (module, tldts, both sets)",
        value: mib(m((r) => r.heapAfterLoad - r.heapBefore)),
        unit: "MiB",
        better: "lower",
        note: `heapUsed after a forced GC, after importing lib/enrichment/work-email.ts and building its sets, minus before; resident memory added ${mib(m((r) => r.rssAfterLoad - r.rssBefore))} MiB (RSS also counts tsx compiling the modules and the source text of mailchecker's 1 MB module)`,
      },
      {
        metric: "time to load the lists (import, then the sets)",
        value: Math.round(m((r) => r.importMs + r.setsMs) * 10) / 10,
        unit: "ms",
        better: "lower",
        note: `import ${Math.round(m((r) => r.importMs))} ms (mailchecker builds its Set as its module is evaluated; tsx compiles on the fly, so a built server is faster), then the free list's Set on first use ${Math.round(m((r) => r.setsMs) * 10) / 10} ms: paid once per process, on the first sign-up`,
      },
    ] satisfies Row[];
  },
};
