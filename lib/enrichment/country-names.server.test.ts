import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ISO_3166_1_ALPHA_2 } from "@/lib/authgear/iso3166";
import { COUNTRY_NAME_ALIASES, countryCodeFromName, foldCountryName } from "./country-names.server";

describe("countryCodeFromName (PDL's lower-case English country names → alpha-2)", () => {
  it("reads PDL's canonical spellings", () => {
    const cases: Record<string, string> = {
      "united states": "US",
      "united kingdom": "GB",
      germany: "DE",
      portugal: "PT",
      japan: "JP",
      "south korea": "KR",
      "north korea": "KP",
      "bosnia and herzegovina": "BA",
      "antigua and barbuda": "AG",
      "trinidad and tobago": "TT",
      "saint kitts and nevis": "KN",
      "saint vincent and the grenadines": "VC",
      "sao tome and principe": "ST",
      "são tomé and príncipe": "ST",
      "côte d’ivoire": "CI",
      "côte d'ivoire": "CI",
      "curaçao": "CW",
      "democratic republic of the congo": "CD",
      "republic of the congo": "CG",
      "hong kong": "HK",
      macau: "MO",
      myanmar: "MM",
      palestine: "PS",
      turkey: "TR",
      czechia: "CZ",
      "czech republic": "CZ",
      "the gambia": "GM",
      eswatini: "SZ",
      swaziland: "SZ",
      "north macedonia": "MK",
      "cocos (keeling) islands": "CC",
      "u.s. virgin islands": "VI",
      "british virgin islands": "VG",
      "caribbean netherlands": "BQ",
      "åland islands": "AX",
      kosovo: "XK",
      "vatican city": "VA",
      russia: "RU",
    };
    for (const [name, code] of Object.entries(cases)) assert.equal(countryCodeFromName(name), code, name);
  });

  it("ignores case, spaces and apostrophe style", () => {
    assert.equal(countryCodeFromName("  United   States "), "US");
    assert.equal(countryCodeFromName("COTE D`IVOIRE"), "CI");
    assert.equal(countryCodeFromName("St. Lucia"), "LC");
  });

  it("maps every code Authgear accepts from its own English name, and nothing else", () => {
    const names = new Intl.DisplayNames("en", { type: "region" });
    for (const code of ISO_3166_1_ALPHA_2) assert.equal(countryCodeFromName(names.of(code)), code, `${code} ${names.of(code)}`);
    for (const code of Object.values(COUNTRY_NAME_ALIASES)) assert.ok(ISO_3166_1_ALPHA_2.has(code), code);
  });

  it("gives null for places Authgear's alpha2 refuses, unknown names and non-strings", () => {
    for (const name of ["antarctica", "bouvet island", "pitcairn islands", "atlantis", "", "korea", "x".repeat(100)]) {
      assert.equal(countryCodeFromName(name), null, name);
    }
    for (const value of [null, undefined, 42, ["us"], { name: "us" }]) assert.equal(countryCodeFromName(value), null);
  });

  it("folds names the same way on both sides", () => {
    assert.equal(foldCountryName("St. Pierre & Miquelon"), "saint pierre and miquelon");
    assert.equal(foldCountryName("Réunion"), "reunion");
  });
});
