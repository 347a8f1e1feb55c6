/**
 * /profile's sentences with numbers in them, in every shipped locale (issue 16): the completeness
 * message picks the plural form the language needs (Arabic's six, Japanese and Chinese one), with
 * the numbers in it. Through use-intl's createTranslator over the kit's ICU catalogs.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createTranslator } from "use-intl/core";
import { loadKitMessages } from "@/lib/i18n/messages.server";
import { LOCALES, type Locale } from "@/lib/i18n/locales";

type Translate = (key: "answered" | "left", values: Record<string, number>) => string;

async function translator(locale: Locale): Promise<Translate> {
  const messages = await loadKitMessages(locale, { compiled: false });
  const t = createTranslator({ locale, messages });
  return (key, values) => (t as unknown as (key: string, values: Record<string, number>) => string)(`gradual.profile.completeness.${key}`, values);
}

/** A number as Arabic writes it in this runtime's CLDR (Latin or Arabic-Indic digits). */
const ar = (n: number) => new Intl.NumberFormat("ar").format(n);

describe("/profile's completeness message", () => {
  const expected: Record<Locale, { answered: [number, number, string][]; left: [number, string][] }> = {
    en: {
      answered: [[3, 11, "3 of 11 questions answered"], [0, 1, "0 of 1 question answered"]],
      left: [[1, "1 question left:"], [8, "8 questions left:"]],
    },
    de: {
      answered: [[3, 11, "3 von 11 Fragen beantwortet"], [1, 1, "1 von 1 Frage beantwortet"]],
      left: [[1, "1 Frage ist noch offen:"], [8, "8 Fragen sind noch offen:"]],
    },
    ja: {
      answered: [[3, 11, "全11問中3問に回答済みです"], [1, 1, "全1問中1問に回答済みです"]],
      left: [[1, "残りは1問です："], [8, "残りは8問です："]],
    },
    "zh-HK": {
      answered: [[3, 11, "已回答 3 條，共 11 條問題"]],
      left: [[1, "尚餘 1 條問題："], [8, "尚餘 8 條問題："]],
    },
    ar: {
      answered: [
        [0, 1, `تمت الإجابة عن ${ar(0)} من أصل سؤال واحد`],
        [1, 2, `تمت الإجابة عن ${ar(1)} من أصل سؤالين`],
        [3, 5, `تمت الإجابة عن ${ar(3)} من أصل ${ar(5)} أسئلة`],
        [3, 11, `تمت الإجابة عن ${ar(3)} من أصل ${ar(11)} سؤالًا`],
      ],
      left: [[1, "تبقّى سؤال واحد:"], [2, "تبقّى سؤالان:"], [3, `تبقّت ${ar(3)} أسئلة:`], [11, `تبقّى ${ar(11)} سؤالًا:`], [100, `تبقّى ${ar(100)} سؤال:`]],
    },
  };

  for (const locale of LOCALES) {
    it(`${locale}: the plural form the language needs, with the numbers`, async () => {
      const t = await translator(locale);
      for (const [answered, total, text] of expected[locale].answered) assert.equal(t("answered", { answered, total }), text);
      for (const [left, text] of expected[locale].left) assert.equal(t("left", { left }), text);
    });
  }

  it("ar: zero has its own form", async () => {
    const t = await translator("ar");
    assert.equal(t("left", { left: 0 }), "لم يتبقَّ أي سؤال:");
  });
});
