import { afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { clientHintsInputSchema } from "@/lib/prompt/prompt-types";
import { clientHintsSchema, collectClientHints, createClientProvider, parseClientHints } from "./client";
import { enrich } from "./enrich";

const now = new Date("2026-03-01T12:00:00.000Z");

describe("clientHintsSchema (strict)", () => {
  it("accepts and canonicalises valid hints", () => {
    assert.deepEqual(clientHintsSchema.parse({ timeZone: "europe/london", languages: ["en-gb", "fr", "EN-GB"] }), {
      timeZone: "Europe/London",
      languages: ["en-GB", "fr"],
    });
    assert.deepEqual(clientHintsSchema.parse({}), {});
  });

  it("rejects an unknown time zone with a specific message", () => {
    const result = clientHintsSchema.safeParse({ timeZone: "Mars/Olympus_Mons" });
    assert.equal(result.success, false);
    assert.match(result.error.issues[0]!.message, /IANA time zone/);
    assert.deepEqual(result.error.issues[0]!.path, ["timeZone"]);
  });

  it("rejects bad language tags, more than 10 languages and unknown keys", () => {
    const bad = clientHintsSchema.safeParse({ languages: ["en", "en_US"] });
    assert.equal(bad.success, false);
    assert.match(bad.error.issues[0]!.message, /BCP 47/);
    assert.deepEqual(bad.error.issues[0]!.path, ["languages", 1]);
    const many = Array.from({ length: 11 }, () => "en");
    assert.match(clientHintsSchema.safeParse({ languages: many }).error!.issues[0]!.message, /at most 10/);
    assert.equal(clientHintsSchema.safeParse({ timeZone: "UTC", ip: "1.2.3.4" }).success, false);
  });
});

describe("parseClientHints (lenient)", () => {
  it("keeps the valid parts and drops the rest", () => {
    assert.deepEqual(parseClientHints({ timeZone: "+02:00", languages: ["de-at", "nonsense tag", "de-AT", 5] }), { languages: ["de-AT"] });
    assert.deepEqual(parseClientHints({ timeZone: "Asia/Tokyo", languages: "ja" }), { timeZone: "Asia/Tokyo" });
  });

  it("caps the list at 10 and returns {} for non-objects", () => {
    const tags = ["af", "am", "ar", "az", "be", "bg", "bn", "bs", "ca", "cs", "cy", "da"];
    assert.deepEqual(parseClientHints({ languages: tags }).languages, tags.slice(0, 10));
    for (const raw of [null, undefined, "Europe/London", 42]) assert.deepEqual(parseClientHints(raw), {});
  });
});

describe("collectClientHints (browser helper)", () => {
  const original = Object.getOwnPropertyDescriptor(globalThis, "navigator");
  afterEach(() => {
    if (original) Object.defineProperty(globalThis, "navigator", original);
    else delete (globalThis as { navigator?: unknown }).navigator;
  });

  it("reads the device time zone and navigator.languages", () => {
    Object.defineProperty(globalThis, "navigator", { configurable: true, value: { languages: ["fr-FR", "en"], language: "fr-FR" } });
    const hints = collectClientHints();
    assert.equal(hints.timeZone, Intl.DateTimeFormat().resolvedOptions().timeZone);
    assert.deepEqual(hints.languages, ["fr-FR", "en"]);
  });

  it("falls back to navigator.language, and works without navigator", () => {
    Object.defineProperty(globalThis, "navigator", { configurable: true, value: { languages: [], language: "pt-BR" } });
    assert.deepEqual(collectClientHints().languages, ["pt-BR"]);
    Object.defineProperty(globalThis, "navigator", { configurable: true, value: undefined });
    assert.equal(collectClientHints().languages, undefined);
  });

  it("takes the time zone from Temporal where the browser has it, from Intl otherwise", () => {
    const global = globalThis as { Temporal?: unknown };
    const had = "Temporal" in global;
    const original = global.Temporal;
    try {
      global.Temporal = { Now: { timeZoneId: () => "Asia/Kolkata" } };
      assert.equal(collectClientHints().timeZone, "Asia/Kolkata");
      global.Temporal = { Now: {} }; // a partial implementation
      assert.equal(collectClientHints().timeZone, Intl.DateTimeFormat().resolvedOptions().timeZone);
    } finally {
      if (had) global.Temporal = original;
      else delete global.Temporal;
    }
  });

  it("sends what the device reports within the sizes the Server Actions accept; the server canonicalises", () => {
    const many = ["de", "de", "x".repeat(36), "", "fr", "it", "es", "nl", "pl", "pt", "sv", "da", "fi", "no"];
    Object.defineProperty(globalThis, "navigator", { configurable: true, value: { languages: many, language: "de" } });
    const hints = collectClientHints();
    assert.deepEqual(hints.languages, ["de", "fr", "it", "es", "nl", "pl", "pt", "sv", "da", "fi"]);
    assert.ok(clientHintsInputSchema.safeParse(hints).success, "the Server Actions accept what the browser collects");
    // "en-us" is sent as reported and canonicalised on the server.
    Object.defineProperty(globalThis, "navigator", { configurable: true, value: { languages: ["en-us"], language: "en-us" } });
    assert.deepEqual(parseClientHints(collectClientHints()).languages, ["en-US"]);
  });
});

describe("client provider", () => {
  it("turns hints into a time zone and a language list, the time zone very confident", async () => {
    const result = await enrich([createClientProvider()], { clientHints: { timeZone: "America/New_York", languages: ["en-US", "es"] } }, { budgetMs: 100, now, phase: "login" });
    assert.deepEqual(result.problems, []);
    assert.equal(result.best.timezone?.value, "America/New_York");
    assert.ok((result.best.timezone?.confidence ?? 0) >= 0.9);
    assert.deepEqual(result.best.languages?.value, ["en-US", "es"]);
    assert.equal(result.best.languages?.source, "client");
  });

  it("contributes nothing for missing or invalid hints", async () => {
    const provider = createClientProvider();
    const signal = new AbortController().signal;
    assert.deepEqual(await provider.lookup({}, { signal, now, phase: "login" }), []);
    assert.deepEqual(await provider.lookup({ clientHints: { timeZone: "Nowhere/Land", languages: ["??"] } }, { signal, now, phase: "login" }), []);
  });
});
