/**
 * Provenance as the merge rules see it (lib/prompt/merge.ts: ISO time, per attribute) and as the
 * state store keeps it (lib/db: epoch milliseconds, one row per attribute). Pure conversions.
 */
import type { Provenance as StoredProvenance } from "@/lib/db/store.server";
import type { Provenance } from "./merge";

export function fromStored(rows: readonly StoredProvenance[]): Record<string, Provenance> {
  const out: Record<string, Provenance> = {};
  for (const row of rows) {
    out[row.attribute] = {
      source: row.source,
      confidence: row.confidence,
      at: new Date(row.observedAt).toISOString(),
      confirmed: row.confirmed,
      ...(row.value === undefined ? {} : { value: row.value }),
    };
  }
  return out;
}

export function toStored(updates: Readonly<Record<string, Provenance>>): StoredProvenance[] {
  return Object.entries(updates).map(([attribute, p]) => ({
    attribute,
    source: p.source,
    confidence: p.confidence,
    observedAt: Date.parse(p.at),
    confirmed: p.confirmed,
    ...(p.value === undefined ? {} : { value: p.value }),
  }));
}
