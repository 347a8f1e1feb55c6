import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { getCountries, getExampleNumber } from "libphonenumber-js/max";
import examples from "libphonenumber-js/mobile/examples";
import { createTranslator } from "use-intl/core";
import en from "@/lib/i18n/messages/en.json";
import { authgearPhoneNumberProblem } from "@/lib/authgear/phone-number";
import {
  MAX_PHONE_DIGITS,
  formatPhoneAsYouType,
  phoneFromValue,
  phoneProblemIssue,
  phoneRegion,
  phoneRegionOptions,
  readPhoneInput,
  regionOfLanguage,
  type PhoneRegion,
} from "./phone-input";

const validation = createTranslator({ locale: "en", messages: { gradual: en }, namespace: "gradual.validation" }) as unknown as (key: string, values?: Record<string, string | number>) => string;

/** The message (in English, as the control says it) for what `raw` typed with `region` selected, or null when it is a good number. */
const message = (raw: string, region?: PhoneRegion) => {
  const reading = readPhoneInput(raw, region);
  if (!reading.problem) return null;
  const issue = phoneProblemIssue(reading.problem, "en");
  return validation(issue.key, issue.values);
};

/** The one promise the control makes to the form: a good reading is accepted by Authgear, a problem is refused. */
function assertAgreesWithAuthgear(raw: string, region: PhoneRegion | undefined) {
  const reading = readPhoneInput(raw, region);
  if (reading.value === "") return;
  const authgear = authgearPhoneNumberProblem(reading.value.replace(/[\s\-.()]/g, ""));
  if (reading.problem) assert.notEqual(authgear, null, `${JSON.stringify(raw)} in ${region}: the control says ${reading.problem.kind}, Authgear accepts ${reading.value}`);
  else assert.equal(authgear, null, `${JSON.stringify(raw)} in ${region}: the control sends ${reading.value}, Authgear says ${authgear}`);
}

describe("readPhoneInput: what people type, in the selected country", () => {
  it("a Hong Kong number typed with spaces, dashes or dots becomes its E.164", () => {
    for (const raw of ["9876 5432", "9876-5432", "98765432", "9876.5432", " 9876 5432 ", "(9876) 5432", "852 9876 5432"]) {
      assert.deepEqual(readPhoneInput(raw, "HK"), { value: "+85298765432", e164: "+85298765432", region: "HK", problem: null }, raw);
    }
  });

  it("drops the national trunk 0", () => {
    assert.equal(readPhoneInput("020 7123 4567", "GB").e164, "+442071234567");
    assert.equal(readPhoneInput("(02) 9876 5432", "AU").e164, "+61298765432");
    assert.equal(readPhoneInput("030 1234567", "DE").e164, "+49301234567");
  });

  it("a pasted international number wins over the selected country and switches the selector to its country", () => {
    assert.deepEqual(readPhoneInput("+44 20 7123 4567", "HK"), { value: "+442071234567", e164: "+442071234567", region: "GB", problem: null });
    assert.deepEqual(readPhoneInput("+351 21 123 4567", undefined), { value: "+351211234567", e164: "+351211234567", region: "PT", problem: null });
    assert.equal(readPhoneInput("+44 (0) 20 7123 4567", "US").e164, "+442071234567");
    // The selected country's international prefix counts like "+".
    assert.deepEqual(readPhoneInput("00 44 20 7123 4567", "HK"), { value: "+442071234567", e164: "+442071234567", region: "GB", problem: null });
    // A shared calling code: the number's own country.
    assert.equal(readPhoneInput("+1 416 555 0123", "HK").region, "CA");
    // …unless the selected country shares the number's numbering plan (Åland uses Finland's).
    assert.equal(readPhoneInput("+358 41 2345678", "AX").region, "AX");
    assert.equal(readPhoneInput("+358 41 2345678", "SE").region, "FI");
  });

  it("nothing typed is no answer and no problem", () => {
    assert.deepEqual(readPhoneInput("", "HK"), { value: "", region: "HK", problem: null });
    assert.deepEqual(readPhoneInput("   ", undefined), { value: "", region: undefined, problem: null });
  });

  it("names the countries in the user's locale", () => {
    const problem = readPhoneInput("1234 5678", "HK").problem;
    assert.ok(problem);
    assert.deepEqual(phoneProblemIssue(problem, "ja"), { key: "phoneNotValidFor", values: { place: "香港" } });
    assert.deepEqual(phoneProblemIssue(problem, "de-DE"), { key: "phoneNotValidFor", values: { place: "Hongkong" } });
    assert.deepEqual(phoneProblemIssue(problem, "not a locale!"), { key: "phoneNotValidFor", values: { place: "Hong Kong" } });
  });

  it("says what is wrong in words", () => {
    assert.equal(message("1234 5678", "HK"), "That is not a valid Hong Kong number.");
    assert.equal(message("+852 1234 5678"), "That is not a valid Hong Kong number.");
    assert.equal(message("+852 12", "GB"), "That number is too short for Hong Kong.");
    assert.equal(message("9876", "HK"), "That number is too short for Hong Kong.");
    assert.equal(message("+852"), "That number is too short for Hong Kong.");
    assert.equal(message("+10000000000"), "That is not a valid +1 number.");
    assert.equal(message("+999123456789"), "No country has that calling code. Check the digits after the +.");
    assert.equal(message("+", "HK"), "Enter the number's digits: a phone number has no letters.");
    assert.equal(message("call me", "HK"), "Enter the number's digits: a phone number has no letters.");
    assert.equal(message("9876 5432 ext. 12", "HK"), "Enter the number's digits: a phone number has no letters.");
    assert.equal(message("9876 5432", undefined), "Choose the country code, or type the number with + and its country code.");
    assert.equal(message("9".repeat(5000), "HK"), "That number is too long.");
    assert.equal(message("+4420712345678901", "HK"), "That number is too long.");
  });

  it("a number of another country typed without + in the selected one is refused, naming both", () => {
    assert.equal(message("44 20 7123 4567", "HK"), "That is a +44 number, not a Hong Kong one. Choose its country, or type it with + in front.");
    // Valid in the United States, which shares +1 with Canada: Authgear would take it, the person meant a Canadian number.
    assert.equal(message("212 555 0123", "CA"), "That is a United States number, not a Canada one. Choose its country, or type it with + in front.");
    assert.deepEqual(readPhoneInput("212 555 0123", "CA").problem, { kind: "other_country", selected: "CA", region: "US", callingCode: "1" });
  });

  it("keeps what was typed as the form value when there is a problem, so nothing half-read is sent", () => {
    assert.deepEqual(readPhoneInput("1234 5678", "HK"), {
      value: "1234 5678",
      region: "HK",
      problem: { kind: "not_valid", region: "HK", callingCode: "852" },
    });
    assert.equal(readPhoneInput("212 555 0123", "CA").value, "212 555 0123");
  });

  it("never throws, and agrees with Authgear's rule on odd input", () => {
    const odd = ["+", "++44", "+ 44", "0", "00", "000", "+0", "+00 44", "-", "()", "+44 20 7123 4567 +", "０２０ ７１２３ ４５６７", "\u0000", "+44\u00a020\u00a07123\u00a04567", "+44–20–7123–4567", "1".repeat(MAX_PHONE_DIGITS + 1), "+".repeat(100), "9".repeat(5000)];
    for (const raw of odd) for (const region of [undefined, "HK", "GB", "US"] as const) assertAgreesWithAuthgear(raw, region);
  });
});

describe("readPhoneInput against Authgear's rule, across regions", () => {
  const regions = getCountries();

  it("every region's example mobile number, typed nationally, internationally and pasted, read to E.164 that Authgear accepts", () => {
    let checked = 0;
    for (const region of regions) {
      const example = getExampleNumber(region, examples);
      if (!example || authgearPhoneNumberProblem(example.number) !== null) continue;
      for (const raw of [example.formatNational(), example.formatInternational(), example.number, example.nationalNumber]) {
        const reading = readPhoneInput(raw, region);
        assert.equal(reading.problem, null, `${raw} in ${region}: ${reading.problem?.kind}`);
        assert.equal(reading.e164, example.number, `${raw} in ${region}`);
        checked++;
      }
      // Pasted with + while another country is selected: switches to the number's country.
      const pasted = readPhoneInput(example.formatInternational(), region === "HK" ? "GB" : "HK");
      assert.equal(pasted.e164, example.number);
      assert.equal(authgearPhoneNumberProblem(pasted.value), null);
    }
    assert.ok(checked > 900, `only ${checked} readings checked`);
  });

  it("damaged numbers (a digit dropped, added or changed) are refused exactly when Authgear refuses them", () => {
    let refused = 0;
    for (const region of regions) {
      const example = getExampleNumber(region, examples);
      if (!example) continue;
      const national = example.nationalNumber;
      const variants = [national.slice(0, -1), `${national}0`, `${national}12`, `1${national.slice(1)}`, `0${national.slice(1)}`, national.slice(0, 3)];
      for (const digits of variants) {
        for (const raw of [`+${example.countryCallingCode} ${digits}`, digits]) {
          assertAgreesWithAuthgear(raw, region);
          if (readPhoneInput(raw, region).problem) refused++;
        }
      }
    }
    assert.ok(refused > 1000, `only ${refused} damaged numbers refused`);
  });
});

describe("formatPhoneAsYouType", () => {
  it("formats for the selected country, or the pasted number's", () => {
    assert.equal(formatPhoneAsYouType("98765432", "HK"), "9876 5432");
    assert.equal(formatPhoneAsYouType("+442071234567", "HK"), "+44 20 7123 4567");
    assert.equal(formatPhoneAsYouType("02071234567", "GB"), "020 7123 4567");
    assert.equal(formatPhoneAsYouType("2125550123", "US"), "(212) 555-0123");
  });

  it("leaves alone what it must not change: letters, a national number without a country, more digits than any number", () => {
    assert.equal(formatPhoneAsYouType("9876 abc", "HK"), "9876 abc");
    assert.equal(formatPhoneAsYouType("98765432", undefined), "98765432");
    const long = "9".repeat(5000);
    assert.equal(formatPhoneAsYouType(long, "HK"), long);
    assert.equal(formatPhoneAsYouType("", "HK"), "");
    // No format fits an invalid number, or the first digits: the spaces typed stay.
    assert.equal(formatPhoneAsYouType("1234 5678", "HK"), "1234 5678");
    assert.equal(formatPhoneAsYouType("98 ", "HK"), "98 ");
  });
});

describe("phoneFromValue", () => {
  it("shows a stored E.164 number in its country's national format", () => {
    assert.deepEqual(phoneFromValue("+85298765432", undefined), { region: "HK", text: "9876 5432" });
    assert.deepEqual(phoneFromValue("+442071234567", "HK"), { region: "GB", text: "020 7123 4567" });
    assert.deepEqual(phoneFromValue("", "HK"), { region: "HK", text: "" });
  });

  it("a draft that kept what was typed comes back as it was, in the fallback country", () => {
    assert.deepEqual(phoneFromValue("1234 5678", "HK"), { region: "HK", text: "1234 5678" });
    assert.deepEqual(phoneFromValue("call me", "HK"), { region: "HK", text: "call me" });
  });
});

describe("regions", () => {
  it("phoneRegion accepts only regions libphonenumber knows", () => {
    assert.equal(phoneRegion("hk"), "HK");
    assert.equal(phoneRegion("GB"), "GB");
    assert.equal(phoneRegion("ZZ"), undefined);
    assert.equal(phoneRegion(""), undefined);
    assert.equal(phoneRegion(null), undefined);
  });

  it("regionOfLanguage takes the region a language tag names, and guesses none", () => {
    assert.equal(regionOfLanguage("en-GB"), "GB");
    assert.equal(regionOfLanguage("zh-Hant-HK"), "HK");
    assert.equal(regionOfLanguage("de"), undefined);
    assert.equal(regionOfLanguage("es-419"), undefined);
    assert.equal(regionOfLanguage("not a tag!"), undefined);
    assert.equal(regionOfLanguage(undefined), undefined);
  });

  it("phoneRegionOptions lists every region as people name it, with its calling code, sorted in the locale", () => {
    const options = phoneRegionOptions("en");
    assert.equal(options.length, getCountries().length);
    const label = (code: string) => options.find((o) => o.value === code)?.label;
    assert.equal(label("HK"), "Hong Kong (+852)");
    assert.equal(label("GB"), "United Kingdom (+44)");
    assert.equal(label("US"), "United States (+1)");
    const names = options.map((o) => o.label);
    assert.deepEqual(names, [...names].sort(new Intl.Collator("en").compare));
    assert.equal(options.find((o) => o.value === "DE")?.label, "Germany (+49)");
    assert.equal(phoneRegionOptions("de").find((o) => o.value === "DE")?.label, "Deutschland (+49)");
    assert.equal(phoneRegionOptions("de").find((o) => o.value === "HK")?.label, "Hongkong (+852)");
    // CLDR's short names that are abbreviations ("UK", "R.-U.") give way to the full name.
    assert.equal(phoneRegionOptions("fr").find((o) => o.value === "GB")?.label, "Royaume-Uni (+44)");
    assert.equal(phoneRegionOptions("not a locale").length, options.length);
  });
});
