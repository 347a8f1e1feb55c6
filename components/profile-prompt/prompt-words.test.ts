/**
 * The prompt's words in every shipped locale (issue 16): the catalog's texts all there, the city's
 * own confirm sentence and the default confirm sentence as full sentences in each language (never
 * a label spliced into English), read the way the prompt reads them (formField, confirmSentence,
 * the kit's `prompt` messages through use-intl).
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createTranslator } from "use-intl/core";
import { profileCatalog } from "@/profile.config";
import { confirmSentence, findQuestion, type LocalizedText, type Question } from "@/lib/catalog/catalog";
import { formField } from "@/lib/catalog/schemas";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import { loadKitMessages } from "@/lib/i18n/messages.server";

type Translate = (key: string, values?: Record<string, string>) => string;

/** The `prompt` messages of `locale` as use-intl formats them (ICU strings: no Next.js alias here). */
async function promptTranslator(locale: Locale): Promise<Translate> {
  const messages = await loadKitMessages(locale, { compiled: false });
  return createTranslator({ locale, messages, namespace: "gradual.prompt" }) as unknown as Translate;
}

function question(attribute: string): Question {
  const found = findQuestion(profileCatalog, attribute);
  assert.ok(found, attribute);
  return found;
}

function textsOf(q: Question): [string, LocalizedText][] {
  const texts: [string, LocalizedText | undefined][] = [
    ["label", q.label],
    ["help", q.help],
    ["placeholder", q.placeholder],
    ["purpose", q.purpose],
    ["confirm", q.confirm],
    ...(q.options ?? []).map((o, i) => [`options[${i}].label`, o.label] as [string, LocalizedText]),
  ];
  return texts.filter((entry): entry is [string, LocalizedText] => entry[1] !== undefined);
}

describe("profile.config.ts in every shipped locale", () => {
  it("has every text of every question in each of en, de, ja, zh-HK and ar", () => {
    const missing: string[] = [];
    for (const q of profileCatalog.questions) {
      for (const [field, text] of textsOf(q)) {
        for (const locale of LOCALES) if (typeof text === "string" || !Object.hasOwn(text, locale)) missing.push(`${q.attribute}.${field}: ${locale}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it("leaves no English sentence untranslated (a URL, an address or a code may stay as it is)", () => {
    const copied: string[] = [];
    for (const q of profileCatalog.questions) {
      for (const [field, text] of textsOf(q)) {
        if (typeof text === "string") continue;
        for (const locale of ["de", "ja", "zh-HK", "ar"] as const) {
          // A URL, an address or a code (https://…, billing@…, Asia/Tokyo) is the same in every language; words are not.
          if (text[locale] === text.en && /\s/.test(text.en ?? "")) copied.push(`${q.attribute}.${field}: ${locale}`);
        }
      }
    }
    assert.deepEqual(copied, []);
  });
});

describe("the confirm sentence", () => {
  const city: Record<Locale, string> = {
    en: "Are you in London?",
    de: "Sind Sie in London?",
    ja: "Londonにお住まいですか？",
    "zh-HK": "你是否在London？",
    ar: "هل أنت في London؟",
  };
  for (const locale of LOCALES) {
    it(`${locale}: the city's own sentence, with the guess in it`, () => {
      const field = formField(question("city"), locale, profileCatalog.defaultLocale);
      assert.ok(field.confirm, "city has a confirm sentence");
      assert.equal(confirmSentence(field.confirm, "London"), city[locale]);
    });
  }

  const fallback: Record<Locale, string> = {
    en: "Company: Acme. Is that right?",
    de: "Unternehmen: Acme. Stimmt das?",
    ja: "会社名：Acmeでよろしいですか？",
    "zh-HK": "公司：Acme，對嗎？",
    ar: "الشركة: Acme. هل هذا صحيح؟",
  };
  for (const locale of LOCALES) {
    it(`${locale}: the default sentence for a question without one is the message, with the label as a noun of its own`, async () => {
      const t = await promptTranslator(locale);
      // The demo's company question has its own sentence ("Is your company Acme?"): the same question without it.
      const { confirm: _own, ...company } = question("company");
      const field = formField(company, locale, profileCatalog.defaultLocale);
      assert.equal(field.confirm, undefined);
      assert.equal(t("confirmQuestion", { label: field.label, value: "Acme" }), fallback[locale]);
    });
  }
});

describe("the prompt's accessible names", () => {
  it("name the question in each locale, after the button's visible word", async () => {
    for (const locale of LOCALES) {
      const t = await promptTranslator(locale);
      const label = formField(question("company"), locale).label;
      for (const [key, action] of [["skipNamed", t("skip")], ["declineNamed", t("decline")], ["undoNamed", t("undo")], ["changeNamed", t("confirmChange")]] as const) {
        const name = t(key, { action, label });
        assert.ok(name.startsWith(action) && name.includes(label), `${locale} ${key}: ${name}`);
      }
    }
    const en = await promptTranslator("en");
    assert.equal(en("declineNamed", { action: en("decline"), label: "Company" }), "Don't ask again about Company");
    assert.equal(en("undoNamed", { action: en("undo"), label: "Company" }), "Undo (Company)");
  });
});
