/**
 * Right to left stays right (issue 16): no component or page of the kit or the app uses a physical
 * direction utility (`ml-4`, `pr-2`, `left-0`, `text-right`, `border-l`, `rounded-r-md`, …), which
 * would not mirror under `<html dir="rtl">`; the logical ones (`ms-`, `pe-`, `start-`, `text-end`,
 * `border-s`, `rounded-e-`) do. Every string in the TypeScript of components/ and app/ (class
 * names live in strings: JSX attributes, `cx(...)` arguments, constants, template literals) is
 * split into Tailwind classes and checked; comments and prose in JSX are not strings, so they may
 * say "left" freely. Physical properties in inline styles (`style={{ marginLeft }}`) are checked too.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { filesUnder } from "@/scripts/source-files";

const ROOT = join(import.meta.dirname, "..", "..");

/** A Tailwind length, fraction, keyword or arbitrary value, as after `ml-` or `left-`. */
const VALUE = String.raw`(?:\d+(?:\.\d+)?|\d+\/\d+|px|auto|full|\[[^\]]*\]|\([^)]*\))`;
const RADIUS = String.raw`(?:none|xs|sm|md|lg|xl|2xl|3xl|4xl|full|\[[^\]]*\]|\([^)]*\))`;

/** Each physical utility and the logical one to use instead. */
const PHYSICAL: readonly { pattern: RegExp; instead: string }[] = [
  { pattern: new RegExp(`^-?m([lr])-${VALUE}$`), instead: "ms-/me-" },
  { pattern: new RegExp(`^p([lr])-${VALUE}$`), instead: "ps-/pe-" },
  { pattern: new RegExp(`^-?scroll-[mp]([lr])-${VALUE}$`), instead: "scroll-ms-/scroll-me-, scroll-ps-/scroll-pe-" },
  { pattern: new RegExp(`^-?(left|right)-${VALUE}$`), instead: "start-/end-" },
  { pattern: /^text-(left|right)$/, instead: "text-start/text-end" },
  { pattern: /^float-(left|right)$/, instead: "float-start/float-end" },
  { pattern: /^clear-(left|right)$/, instead: "clear-start/clear-end" },
  { pattern: /^border-([lr])(?:-.+)?$/, instead: "border-s/border-e" },
  { pattern: new RegExp(`^rounded-([lr]|tl|tr|bl|br)(?:-${RADIUS})?$`), instead: "rounded-s/rounded-e (rounded-ss/se/es/ee)" },
];

/** Inline-style properties that do not mirror, and what to write instead. */
const PHYSICAL_STYLE = new Map<string, string>([
  ["marginLeft", "marginInlineStart"],
  ["marginRight", "marginInlineEnd"],
  ["paddingLeft", "paddingInlineStart"],
  ["paddingRight", "paddingInlineEnd"],
  ["left", "insetInlineStart"],
  ["right", "insetInlineEnd"],
  ["borderLeft", "borderInlineStart"],
  ["borderRight", "borderInlineEnd"],
]);

/** The utility of a class without its variants (`md:hover:pl-4` → `pl-4`, `[&_tr]:border-b` → `border-b`) and `!`. */
function utilityOf(className: string): string {
  let depth = 0;
  let start = 0;
  for (let i = 0; i < className.length; i++) {
    const c = className[i];
    if (c === "[" || c === "(") depth++;
    else if (c === "]" || c === ")") depth--;
    else if (c === ":" && depth === 0) start = i + 1;
  }
  return className.slice(start).replace(/^!|!$/g, "");
}

interface Finding {
  line: number;
  text: string;
  instead: string;
}

/** The physical direction utilities (and inline-style properties) in one TypeScript or TSX source. */
function physicalDirections(source: string, fileName = "file.tsx"): Finding[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const findings: Finding[] = [];
  const lineOf = (node: ts.Node) => file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
  const checkText = (node: ts.Node, text: string) => {
    for (const className of text.split(/\s+/)) {
      const utility = utilityOf(className);
      const rule = PHYSICAL.find((r) => r.pattern.test(utility));
      if (rule) findings.push({ line: lineOf(node), text: className, instead: rule.instead });
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) checkText(node, node.text);
    else if (ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) checkText(node, node.text);
    else if (ts.isJsxAttribute(node) && node.name.getText(file) === "style" && node.initializer && ts.isJsxExpression(node.initializer)) {
      const style = node.initializer.expression;
      if (style && ts.isObjectLiteralExpression(style)) {
        for (const property of style.properties) {
          const name = property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) ? property.name.text : undefined;
          const instead = name ? PHYSICAL_STYLE.get(name) : undefined;
          if (name && instead) findings.push({ line: lineOf(property), text: `style.${name}`, instead });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return findings;
}

describe("physicalDirections", () => {
  it("finds physical utilities in class strings, with or without variants, in attributes, calls and templates", () => {
    const source = [
      `const a = <div className="ml-4 mr-auto pl-2 pr-[3px] text-left">x</div>;`,
      `const b = cx("md:hover:left-0", "-right-1/2", "border-l", "border-r-2", "border-l-slate-200", "rounded-l-md", "rounded-tr", "float-right");`,
      "const c = `absolute ${open ? \"right-4\" : \"\"} top-2 !pl-6`;",
      `const d = <p style={{ marginLeft: 4, paddingTop: 2 }} />;`,
    ].join("\n");
    assert.deepEqual(
      physicalDirections(source).map((f) => f.text),
      ["ml-4", "mr-auto", "pl-2", "pr-[3px]", "text-left", "md:hover:left-0", "-right-1/2", "border-l", "border-r-2", "border-l-slate-200", "rounded-l-md", "rounded-tr", "float-right", "right-4", "!pl-6", "style.marginLeft"],
    );
  });

  it("accepts the logical utilities, other utilities and prose", () => {
    const source = [
      `// Numbers are right-aligned, the dialog sits at the right in LTR and pl-4 is only mentioned here.`,
      `const a = <div className="ms-4 me-auto ps-2 pe-[3px] text-start text-end start-0 end-4 border-s border-e-2 rounded-s-md rounded-ee border-b border-t-2 rounded-t-lg rounded-md inset-x-0 space-x-2 px-3 mx-auto [&_tr]:border-b">`,
      `  The right answer, left to you: a prompt for a pr-less plan.`,
      `</div>;`,
      `const message = "Skip the right one, or the left-most, or right-to-left";`,
      `const align = { textAlign: "start" };`,
    ].join("\n");
    assert.deepEqual(physicalDirections(source), []);
  });
});

describe("components/ and app/ use logical direction utilities only", () => {
  const files = ["components", "app"]
    .flatMap((dir) => filesUnder(join(ROOT, dir)))
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f));

  it("finds the sources", () => {
    assert.ok(files.some((f) => f.endsWith(join("components", "admin", "admin-dashboard.tsx"))));
  });

  it("has no physical direction utility (they do not mirror under dir=rtl)", () => {
    const findings = files.flatMap((f) =>
      physicalDirections(readFileSync(f, "utf8"), f).map((x) => `${relative(ROOT, f)}:${x.line}: ${x.text} (use ${x.instead})`),
    );
    assert.deepEqual(findings, []);
  });
});
