/**
 * Authgear's `email` format, exactly: Go's `net/mail.ParseAddress` must succeed and the address
 * must have no display name (iawaknahc/jsonschema pkg/jsonschema/format/email.go, the checker
 * authgear-server's custom attributes use; the same as formats.go FormatEmail{AllowName: false}).
 *
 * Go's parser is ported here for what decides acceptance (golang/go src/net/mail/message.go at
 * commit f7be4ea7d99c70fa9d256d4a9d63950c89114132: parseSingleAddress, parseAddress,
 * consumeGroupList, consumeAddrSpec, consumePhrase, consumeQuotedString, consumeAtom,
 * consumeDomainLiteral, consumeDisplayNameComment, skipCFWS, consumeComment, decodeRFC2047Word;
 * net.ParseIP; mime.WordDecoder.Decode for the charsets Go knows). It accepts more than people
 * type: `<a@b.example>`, `a@b` (no dot), quoted local parts, `[192.0.2.1]` domain literals, a
 * group `team: a@b.example;`, spaces after the `@` and around the address, an empty comment.
 * The app refuses those on top of this rule (lib/catalog/schemas.ts, ADR 002); the emulator uses
 * this rule alone. Isomorphic and dependency-free.
 */

export type EmailProblem = "not_email" | "has_name";

class Fail extends Error {}
// A declaration, not an arrow in a const: TypeScript narrows after a call to a `never` function only when
// its type is declared, so `if (x === null) fail();` leaves `x` non-null below it.
function fail(): never {
  throw new Fail();
}

const SPECIALS = "()<>[]:;@\\,\"";
const isVchar = (c: string) => (c >= "!" && c <= "~") || c.charCodeAt(0) >= 0x80;
const isAtext = (c: string, dot: boolean) => (c === "." ? dot : !SPECIALS.includes(c) && isVchar(c));
const isQtext = (c: string) => c !== "\\" && c !== '"' && isVchar(c);
const isWSP = (c: string) => c === " " || c === "\t";
const isDtext = (c: string) => c !== "[" && c !== "]" && c !== "\\" && isVchar(c);

/** Go's net.ParseIP, as 16 bytes, or null. */
function parseIP(s: string): number[] | null {
  const v4 = (t: string): number[] | null => {
    const parts = t.split(".");
    if (parts.length !== 4) return null;
    const out: number[] = [];
    for (const p of parts) {
      if (!/^[0-9]{1,3}$/.test(p) || (p.length > 1 && p[0] === "0") || Number(p) > 255) return null;
      out.push(Number(p));
    }
    return out;
  };
  if (s.includes(":")) {
    if (s.includes("%")) return null; // a zone: net.ParseIP refuses it
    let head = s;
    let tail4: number[] = [];
    const lastColon = s.lastIndexOf(":");
    if (s.slice(lastColon + 1).includes(".")) {
      const four = v4(s.slice(lastColon + 1));
      if (!four) return null;
      tail4 = four;
      head = s.slice(0, lastColon + 1) + "0:0"; // two placeholder groups, replaced below
    }
    const halves = head.split("::");
    if (halves.length > 2) return null;
    const groups = (h: string) => (h === "" ? [] : h.split(":"));
    const [leftHalf = "", rightHalf] = halves;
    const left = groups(leftHalf);
    const right = rightHalf === undefined ? [] : groups(rightHalf);
    if ([...left, ...right].some((g) => !/^[0-9A-Fa-f]{1,4}$/.test(g))) return null;
    const count = left.length + right.length;
    if (halves.length === 2 ? count > 7 : count !== 8) return null;
    const all = [...left, ...Array<string>(8 - count).fill("0"), ...right];
    const bytes = all.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]);
    if (tail4.length) bytes.splice(12, 4, ...tail4);
    return bytes;
  }
  const four = v4(s);
  return four ? [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...four] : null;
}

function isIPv4(ip: number[]): boolean {
  return ip.slice(0, 10).every((b) => b === 0) && ip[10] === 0xff && ip[11] === 0xff;
}

/** The byte length of mime.WordDecoder.Decode(word), "charset" when Go's charset reader fails, null when it is not an encoded word. */
function decodedWordLength(word: string): number | "charset" | null {
  if (word.length < 8 || !word.startsWith("=?") || !word.endsWith("?=") || word.split("?").length - 1 !== 4) return null;
  const [charset = "", encoding = "", text = ""] = word.slice(2, -2).split("?");
  if (charset === "" || encoding.length !== 1) return null;
  let length: number;
  if (encoding === "B" || encoding === "b") {
    if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) return null;
    length = (text.length / 4) * 3 - (text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0);
  } else if (encoding === "Q" || encoding === "q") {
    length = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charAt(i);
      if (c === "=") {
        if (i + 2 >= text.length || !/^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) return null;
        i += 2;
      } else if (!((c >= " " && c <= "~") || c === "\n" || c === "\r" || c === "\t")) {
        return null;
      }
      length++;
    }
  } else {
    return null;
  }
  const cs = charset.toLowerCase();
  return cs === "utf-8" || cs === "iso-8859-1" || cs === "us-ascii" ? length : "charset";
}

class AddrParser {
  constructor(public s: string) {}
  empty() {
    return this.s.length === 0;
  }
  peek() {
    return this.s[0];
  }
  consume(c: string): boolean {
    if (this.s[0] !== c) return false;
    this.s = this.s.slice(1);
    return true;
  }
  skipSpace() {
    this.s = this.s.replace(/^[ \t]+/, "");
  }
  skipCFWS(): boolean {
    this.skipSpace();
    while (this.consume("(")) {
      if (this.consumeComment() === null) return false;
      this.skipSpace();
    }
    return true;
  }
  consumeComment(): string | null {
    let depth = 1;
    let comment = "";
    while (!this.empty() && depth !== 0) {
      if (this.s[0] === "\\" && this.s.length > 1) this.s = this.s.slice(1);
      else if (this.s[0] === "(") depth++;
      else if (this.s[0] === ")") depth--;
      if (depth > 0) comment += this.s.charAt(0);
      this.s = this.s.slice(1);
    }
    return depth === 0 ? comment : null;
  }
  /** decodeRFC2047Word: the word (its decoded length as placeholder text), and whether it was encoded. */
  decodeWord(word: string): { word: string; encoded: boolean } {
    const length = decodedWordLength(word);
    if (length === "charset") fail();
    return length === null ? { word, encoded: false } : { word: "x".repeat(length), encoded: true };
  }
  consumeAtom(dot: boolean, permissive: boolean): string {
    let i = 0;
    while (i < this.s.length && isAtext(this.s.charAt(i), dot)) i++;
    if (i === 0) fail();
    const atom = this.s.slice(0, i);
    this.s = this.s.slice(i);
    if (!permissive && (atom.startsWith(".") || atom.includes("..") || atom.endsWith("."))) fail();
    return atom;
  }
  consumeQuotedString(): string {
    let i = 1;
    let out = "";
    let escaped = false;
    for (;;) {
      if (i >= this.s.length) fail();
      const c = this.s.charAt(i);
      if (escaped) {
        if (!isVchar(c) && !isWSP(c)) fail();
        out += c;
        escaped = false;
      } else if (isQtext(c) || isWSP(c)) {
        out += c;
      } else if (c === '"') {
        break;
      } else if (c === "\\") {
        escaped = true;
      } else {
        fail();
      }
      i++;
    }
    this.s = this.s.slice(i + 1);
    return out;
  }
  consumeDomainLiteral(): string {
    if (!this.consume("[")) fail();
    let dtext = "";
    for (;;) {
      if (this.empty()) fail();
      if (this.peek() === "]") break;
      if (!isDtext(this.s.charAt(0))) fail();
      dtext += this.s.charAt(0);
      this.s = this.s.slice(1);
    }
    if (!this.consume("]")) fail();
    if (dtext.startsWith("IPv6:")) {
      if (parseIP(dtext.slice(5)) === null) fail();
    } else {
      const ip = parseIP(dtext);
      if (ip === null || !isIPv4(ip)) fail();
    }
    return `[${dtext}]`;
  }
  /** consumeAddrSpec: restores the input and returns null on failure, like Go's deferred reset. */
  consumeAddrSpec(): string | null {
    const orig = this.s;
    try {
      this.skipSpace();
      if (this.empty()) fail();
      let local: string;
      if (this.peek() === '"') {
        local = this.consumeQuotedString();
        if (local === "") fail();
      } else {
        local = this.consumeAtom(true, false);
      }
      if (!this.consume("@")) fail();
      this.skipSpace();
      if (this.empty()) fail();
      const domain = this.peek() === "[" ? this.consumeDomainLiteral() : this.consumeAtom(true, false);
      return `${local}@${domain}`;
    } catch (error) {
      if (!(error instanceof Fail)) throw error;
      this.s = orig;
      return null;
    }
  }
  consumePhrase(): string {
    const words: string[] = [];
    let prevEncoded = false;
    let failed = false;
    for (;;) {
      if (words.length > 0 && !this.skipCFWS()) fail();
      this.skipSpace();
      if (this.empty()) break;
      let word: string;
      let encoded = false;
      try {
        if (this.peek() === '"') {
          word = this.consumeQuotedString();
        } else {
          const decoded = this.decodeWord(this.consumeAtom(true, true));
          word = decoded.word;
          encoded = decoded.encoded;
        }
      } catch (error) {
        if (!(error instanceof Fail)) throw error;
        failed = true;
        break;
      }
      // prevEncoded means the previous word was pushed, so pop() returns it.
      if (prevEncoded && encoded) words.push((words.pop() ?? "") + word);
      else words.push(word);
      prevEncoded = encoded;
    }
    if (failed && words.length === 0) fail();
    return words.join(" ");
  }
  consumeDisplayNameComment(): string {
    if (!this.consume("(")) fail();
    const comment = this.consumeComment();
    if (comment === null) fail();
    const words = comment.split(/[ \t]+/).filter((w) => w !== "");
    return words.map((w) => this.decodeWord(w).word).join(" ");
  }
  /** parseAddress: the addresses' display names (an empty group has none). */
  parseAddress(handleGroup: boolean): string[] {
    this.skipSpace();
    if (this.empty()) fail();
    const spec = this.consumeAddrSpec();
    if (spec !== null) {
      this.skipSpace();
      return [!this.empty() && this.peek() === "(" ? this.consumeDisplayNameComment() : ""];
    }
    const name = this.peek() !== "<" ? this.consumePhrase() : "";
    this.skipSpace();
    if (handleGroup && this.consume(":")) return this.consumeGroupList();
    if (!this.consume("<")) fail();
    if (this.consumeAddrSpec() === null) fail();
    if (!this.consume(">")) fail();
    return [name];
  }
  consumeGroupList(): string[] {
    const group: string[] = [];
    this.skipSpace();
    if (this.consume(";")) {
      if (!this.skipCFWS()) fail();
      return group;
    }
    for (;;) {
      this.skipSpace();
      group.push(...this.parseAddress(false));
      if (!this.skipCFWS()) fail();
      if (this.consume(";")) {
        if (!this.skipCFWS()) fail();
        break;
      }
      if (!this.consume(",")) fail();
    }
    return group;
  }
}

/** Why Authgear would refuse `value` as an `email` custom attribute, or null when it accepts it. */
export function authgearEmailProblem(value: string): EmailProblem | null {
  const p = new AddrParser(value);
  let names: string[];
  try {
    names = p.parseAddress(true);
    if (!p.skipCFWS() || !p.empty() || names.length !== 1) return "not_email";
  } catch (error) {
    if (error instanceof Fail) return "not_email";
    throw error;
  }
  return names[0] === "" ? null : "has_name";
}
