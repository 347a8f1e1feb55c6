/**
 * Test vectors for Authgear's custom-attribute value rules, copied as data from their sources.
 * `accepted` is Authgear's verdict for the value as a custom attribute of that type (updateUser
 * stores it, or answers ValidationFailed). Where a source tests a lower-level function (Go's
 * url.Parse, net/mail.ParseAddress, libphonenumber's parse), the verdict adds what Authgear checks
 * on top, as the comment on each group says. Never edit a value to make a test pass: a vector that
 * fails is a difference from Authgear to fix or to record in ADR 002.
 */
import type { CustomAttributeType } from "../custom-attributes";

export interface Vector {
  type: CustomAttributeType;
  value: unknown;
  accepted: boolean;
}
export interface VectorGroup {
  /** Repository, path and commit (or the issue) the values come from. */
  source: string;
  vectors: readonly Vector[];
}

/** golang/go message_test.go's addresses without a display name, which ParseAddress accepts (most in angle brackets). */
const GO_MAIL_ACCEPTED: readonly string[] = [
  "<Bob@example.com>", "<bob.bob@example.com>", '<".bob"@example.com>', '<" "@example.com>', "<some.mail-with-dash@example.com>",
  '<"dot.and space"@example.com>', '<"very.unusual.@.unusual.com"@example.com>', "<admin@mailserver1>", "<postmaster@localhost>",
  "<#!$%&'*+-/=?^_`{}|~@example.org>", '<"very.(),:;<>[]\\".VERY.\\"very@\\\\ \\"very\\".unusual"@strange.example.com>',
  '<"()<>[]:,;@\\\\\\"!#$%&\'*+-/=?^_{}| ~.a"@example.org>', '<"Abc\\\\@def"@example.com>', '<"Joe\\\\Blow"@example.com>',
  "<test1/test2=test3@example.com>", "<def!xyz%abc@example.com>", "<_somename@example.com>", "<joe@uk>", "<~@example.com>",
  '<"..."@test.com>', '<"john..doe"@example.com>', '<"john.doe."@example.com>', '<".john.doe"@example.com>', '<"."@example.com>',
  '<".."@example.com>', '<"0:"@0>', "jdoe@machine.example", "<bob@example.com>", '<"my@idiot@address"@example.com>',
];

const v = (type: CustomAttributeType, accepted: boolean, values: readonly unknown[]): Vector[] =>
  values.map((value) => ({ type, value, accepted }));

export const VECTOR_GROUPS: readonly VectorGroup[] = [
  {
    source: "authgear/authgear-server pkg/util/validation/formats_test.go @ 996054661bec60a6e6444cca1fa800c67a2d5840 (TestFormatPhone, TestFormatEmail with AllowName false, TestFormatURI, TestFormatAlpha2)",
    vectors: [
      ...v("phone_number", true, ["+85298765432"]),
      ...v("phone_number", false, ["", "foobar"]),
      ...v("email", true, ["user@example.com"]),
      ...v("email", false, ["", "John Doe <user@example.com>", "foobar"]),
      ...v("url", false, ["", "/a", "#a", "?a", "http://example.com/../.."]),
      ...v("url", true, [
        "http://example.com", "http://example.com/", "http://example.com/a", "http://example.com/a/",
        "http://example.com?", "http://example.com?a", "http://example.com?a=b", "http://example.com#", "http://example.com#a",
      ]),
      ...v("alpha2", false, ["", "foobar"]),
      ...v("alpha2", true, ["US", "HK", "CN", "TW", "JP"]),
    ],
  },
  {
    source: "authgear/authgear-server pkg/util/phone/phone_test.go (the version with RESERVED_NUMBER = +85253530000, \"as of 2025-07-23\"): TestParsePhoneNumberWithUserInput, TestIsNorthAmericaNumber, TestRequire_IsPossibleNumber_IsValidNumber_UserInputInE164. Accepted = possible, valid and the input equal to its E.164 form",
    vectors: [
      ...v("phone_number", true, [
        "+85223456789", "+61401123456", "+13407121234", "+447624123456", "+12015550123", "+18195555555", "+85298887766", "+85298765432",
      ]),
      ...v("phone_number", false, [
        "+12841234567", // possible, not valid (British Virgin Islands)
        " +85223456789 ", "+85223456789 ", " +85298765432", // not in E.164
        "+85222a", "+85212345678", "+852999", "+8521823", "+85253530000", "+85222", "+", "+852", "a", "",
      ]),
    ],
  },
  {
    source: "authgear/authgear-server pkg/util/territoryutil/alpha2.go @ c271b06e02beb08409cee64846be9b18653bf537 (libphonenumber's regions without AC and TA)",
    vectors: [
      ...v("alpha2", true, ["XK", "GB", "DE", "AX", "BQ", "SS"]),
      ...v("alpha2", false, ["AQ", "BV", "GS", "HM", "PN", "TF", "UM", "AC", "TA", "UK", "EU", "gb", "GBR", " GB"]),
    ],
  },
  {
    source: "golang/go src/net/mail/message_test.go @ 558fc0dcd0b65e77b3235ac463ec874a1611f84c (TestAddressParsingAndFormatting's good and bad lists; TestAddressParsing and TestAddressString, whose addresses have names, which Authgear refuses; TestAddressParsingError)",
    vectors: [
      ...v("email", true, GO_MAIL_ACCEPTED),
      ...v("email", false, [
        "<Abc.example.com>", "<A@b@c@example.com>", "<a\"b(c)d,e:f;g<h>i[j\\k]l@example.com>", '<just"not"right@example.com>',
        '<this is"not\\allowed@example.com>', '<this\\ still\\"not\\\\allowed@example.com>', "<john..doe@example.com>",
        "<john.doe@example..com>", "<john.doe.@example.com>", "<john.doe.@.example.com>", "<.john.doe@example.com>", "<@example.com>",
        "<.@example.com>", "<test@.>", "< @example.com>", '<""test""blah""@example.com>', '<""@0>',
        // Parsed, but with a display name:
        "John Doe <jdoe@machine.example>", '"Joe Q. Public" <john.q.public@example.com>', "=?iso-8859-1?q?J=F6rg_Doe?= <joerg@example.com>",
        "=?us-ascii?q?J=6Frg_Doe?= <joerg@example.com>", "=?utf-8?q?J=C3=B6rg_Doe?= <joerg@example.com>",
        "=?ISO-8859-1?Q?Andr=E9?= Pirard <PIRARD@vm1.ulg.ac.be>", "=?ISO-8859-1?B?SvZyZw==?= <joerg@example.com>",
        "=?UTF-8?B?SsO2cmc=?= <joerg@example.com>", "Asem H. <noreply@example.com>", '"Gø Pher" <gopher@example.com>',
        "µ <micro@example.com>", "Micro <µ@example.com>", "Micro <micro@µ.example.com>", '"Bob" <bob@example.com>',
        "=?utf-8?q?B=C3=B6b?= <bob@example.com>", "=?utf-8?b?QsO2YiwgSmFjw7Zi?= <bob@example.com>", '"=??Q?x?=" <hello@world.com>',
        // Errors: an unsupported charset, two addresses, NUL in a quoted string:
        "=?iso-8859-2?Q?Bogl=E1rka_Tak=E1cs?= <unknown@gmail.com>", "a@gmail.com b@gmail.com", '"\x00" <null@example.net>',
        '"\\\x00" <escaped-null@example.net>',
      ]),
    ],
  },
  {
    source: "golang/go src/net/url/url_test.go (TestParseErrors). Accepted = Go parses it AND it has a scheme and a host AND its escaped path is clean (FormatURI)",
    vectors: [
      ...v("url", true, [
        "http://[::1]", "http://[::1]:80", "http://[::1]/", "http://[::1%25en0]", "http://[::1]:", "http://x:", "http://[::1%25%41]",
        "http://[::1]/%48", "ahttp://foo.com",
      ]),
      ...v("url", false, [
        "http://[::1]:namedport", "http://x:namedport", "http://[::1]a", "http://[::1]%23", "http://[::1]:%38%30", "http://[%10::1]",
        "http://%41:8080/", "mysql://x@y(z:123)/foo", "mysql://x@y(1.2.3.4:123)/foo", " http://foo.com", "ht tp://foo.com",
        "1http://foo.com", "http://[]%20%48%54%54%50%2f%31%2e%31%0a%4d%79%48%65%61%64%65%72%3a%20%31%32%33%0a%0a/", "http://a b.com/",
        "cache_object://foo", "cache_object:foo", "cache_object:foo/bar",
        "cache_object/:foo/bar", // parses, but relative: no scheme, no host
        // TestRejectControlCharacters, TestInvalidUserPassword:
        "http://foo.com/?foo\nbar", "http\r://foo.com/", "http://foo\x7f.com/", "http://user^:passwo^rd@foo.com/",
      ]),
    ],
  },
  {
    source: "authgear/authgear-server pkg/lib/config/user_profile.go ToJSONSchema (string: type string; number: type number + inclusive minimum/maximum; integer: type integer + minimum/maximum; enum: type string + enum), with the suite's bounds: number 0..80, integer 1..100000, enum software|finance|other",
    vectors: [
      ...v("string", true, ["Chef", "", " ", "名前", "a".repeat(1000)]),
      ...v("string", false, [42, true, null, ["a"], { a: 1 }]),
      ...v("number", true, [0, 80, 5, 5.5, 79.999]),
      ...v("number", false, [-0.001, 80.5, "5", null, true]),
      ...v("integer", true, [1, 100000, 12]),
      ...v("integer", false, [0, 100001, 1.5, "12", -1]),
      ...v("enum", true, ["software", "finance", "other"]),
      ...v("enum", false, ["Software", "mining", "", 1, " software"]),
    ],
  },
  {
    source: "issue #14 \"What real Authgear does\": values the app used to accept that a real Authgear refuses (verdicts from the sources above)",
    vectors: [
      ...v("phone_number", false, ["+85212345678", "+852999", "+852", "+999123456789", "+10000000000"]),
      ...v("url", false, ["http://example.com/a/../b", "http://example.com/a//b", "http://example.com/./a", "http://example.com/a/."]),
      ...v("url", true, ["http://example.com/a/%2e%2e/b", "http://:80", "https://例え.jp/パス", "http://example.com/a b"]),
    ],
  },
];

/**
 * Values Authgear accepts and the app refuses on purpose (lib/catalog/schemas.ts APP_RULES; ADR
 * 002). The emulator must accept each, the form and the Server Action must refuse each.
 */
export const APP_STRICTER: readonly Vector[] = [
  ...v("string", true, [""]),
  ...v("email", true, [
    "<user@example.com>", "a@b", "a@ b.com", " a@b.com ", "a@b.com ()", "g: a@b.com;", '"" <a@b.com>', '"a b"@x.com', "a@[192.0.2.1]",
    "a@[IPv6:::1]", "=?utf-8?b??= <a@b.com>", "Ünïcode@例え.jp",
  ]),
  // Every address of Go's own accepted list but the bare one: angle brackets, quoted local parts, no dot in the domain.
  ...v("email", true, GO_MAIL_ACCEPTED.filter((a) => a !== "jdoe@machine.example")),
  ...v("url", true, ["javascript://example.com/%0Aalert(1)", "ftp://example.com/file", "mailto://a@example.com", "ahttp://foo.com"]),
];
