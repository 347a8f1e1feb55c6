/**
 * The email-domain lookup measurement, alone in a fresh process (spawned by figures/email-domain.ts):
 *   node --conditions=react-server --import tsx --expose-gc bench/figures/email-domain-child.ts --count <n> --out <file>
 * Steps: settle the heap and note it; import lib/enrichment/work-email.ts and build its sets (timed);
 * settle again: the difference is what the loaded lists cost. Then the same seeded addresses (a
 * third each from the free list, the disposable list and made-up work domains) through
 * classifyEmailAddress, through a plain Set.has of the same lists' domains, and through tldts'
 * parse alone, one warm-up pass and `PASSES` timed passes each (median kept).
 */
import { writeFileSync } from "node:fs";
import { argValue } from "../lib/child";
import { median, nowNs, seededUint32 } from "../lib/stats";

const PASSES = 5;
const SEED = 17;

export interface EmailDomainPass {
  perSecond: number;
  /** Addresses with an answer (or a hit, for Set.has), per pass: keeps the loop observable. */
  answered: number;
}

export interface EmailDomainChildResult {
  passes: number;
  lists: { free: string; disposable: string; suffixes: string; freeSize: number; disposableSize: number };
  importMs: number;
  setsMs: number;
  heapBefore: number;
  heapAfterLoad: number;
  rssBefore: number;
  rssAfterLoad: number;
  mix: { free: number; disposable: number; work: number; nulls: number };
  classify: EmailDomainPass;
  setHas: EmailDomainPass;
  tldtsParse: EmailDomainPass;
}

function settle(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with --expose-gc");
  for (let i = 0; i < 3; i++) gc();
}

function measure<T>(inputs: readonly T[], run: (input: T) => boolean): EmailDomainPass {
  let answered = 0;
  for (const input of inputs) if (run(input)) answered++;
  const rates: number[] = [];
  let sink = 0;
  for (let p = 0; p < PASSES; p++) {
    const start = nowNs();
    for (const input of inputs) if (run(input)) sink++;
    rates.push(inputs.length / ((nowNs() - start) / 1e9));
  }
  if (sink !== answered * PASSES) throw new Error("email-domain: a timed pass answered differently from the warm-up");
  return { perSecond: median(rates), answered };
}

/** `count` entries of a set, picked with a seeded generator (the same every run). */
function sample(set: ReadonlySet<string>, count: number, next: () => number): string[] {
  const all = [...set];
  return Array.from({ length: count }, () => all[next() % all.length] as string);
}

const WORDS = ["acme", "robotics", "north", "harbour", "lumen", "atlas", "quartz", "delta", "kite", "orbit", "cedar", "pixel"];
const SUFFIXES = ["com", "co.uk", "de", "io", "com.au", "fr", "co.jp", "ch", "net", "org"];

async function main(out: string, count: number): Promise<void> {
  settle();
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage().rss;
  let t = nowNs();
  const workEmail = await import("@/lib/enrichment/work-email");
  const { parse } = await import("tldts");
  const importMs = (nowNs() - t) / 1e6;
  t = nowNs();
  const { free, disposable } = workEmail.emailDomainSets();
  const setsMs = (nowNs() - t) / 1e6;
  settle();
  const heapAfterLoad = process.memoryUsage().heapUsed;
  const rssAfterLoad = process.memoryUsage().rss;

  const next = seededUint32(SEED);
  const third = Math.floor(count / 3);
  const work = Array.from({ length: count - 2 * third }, (_, i) => {
    const a = WORDS[next() % WORDS.length] as string;
    const b = WORDS[next() % WORDS.length] as string;
    return `${a}-${b}-${i}.${SUFFIXES[next() % SUFFIXES.length] as string}`;
  });
  const domains = [...sample(free, third, next), ...sample(disposable, third, next), ...work];
  // Shuffled, so the branches are not predictable by position.
  for (let i = domains.length - 1; i > 0; i--) {
    const j = next() % (i + 1);
    [domains[i], domains[j]] = [domains[j] as string, domains[i] as string];
  }
  const addresses = domains.map((domain, i) => `user${i}@${domain}`);

  const mix = { free: 0, disposable: 0, work: 0, nulls: 0 };
  for (const address of addresses) {
    const c = workEmail.classifyEmailAddress(address);
    if (c) mix[c.type]++;
    else mix.nulls++;
  }

  const classify = measure(addresses, (address) => workEmail.classifyEmailAddress(address) !== null);
  // The floor: the address's domain as it stands, looked up in the same two sets.
  const setHas = measure(domains, (domain) => disposable.has(domain) || free.has(domain));
  // With the options work-email gives it (a host name already checked, ICANN and private sections).
  const options = { allowPrivateDomains: true, extractHostname: false, validateHostname: false, mixedInputs: false } as const;
  const tldtsParse = measure(domains, (domain) => parse(domain, options).domain !== null);

  const result: EmailDomainChildResult = {
    passes: PASSES,
    lists: {
      free: `${workEmail.FREE_EMAIL_LIST.name} ${workEmail.FREE_EMAIL_LIST.version}`,
      disposable: `${workEmail.DISPOSABLE_EMAIL_LIST.name} ${workEmail.DISPOSABLE_EMAIL_LIST.version}`,
      suffixes: workEmail.PUBLIC_SUFFIX_LIST.version,
      freeSize: free.size,
      disposableSize: disposable.size,
    },
    importMs,
    setsMs,
    heapBefore,
    heapAfterLoad,
    rssBefore,
    rssAfterLoad,
    mix,
    classify,
    setHas,
    tldtsParse,
  };
  writeFileSync(out, JSON.stringify(result));
}

const argv = process.argv.slice(2);
const out = argValue(argv, "--out");
const count = Number(argValue(argv, "--count"));
if (!out || !Number.isSafeInteger(count) || count < 3) throw new Error("email-domain-child: --count <n ≥ 3> and --out <file> are required");
await main(out, count);
