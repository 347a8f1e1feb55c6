/**
 * The catalog as Authgear configuration: the `user_profile.custom_attributes.attributes` entries
 * (id, pointer, type, limits, enum, access control) a project needs for Gradual to work, as data
 * and as an authgear.yaml fragment, plus a readable comparison with an existing configuration.
 * Used by `npm run authgear:config` and by the test that keeps emulator/authgear.yaml in step.
 */
import { Document } from "yaml";
import type { CustomAttributeConfig } from "@/lib/authgear/config";
import { localize, questionAttributeConfig, type ProfileCatalog } from "./catalog";

/** The catalog's attributes in Authgear's shape and order. */
export function customAttributesConfig(catalog: ProfileCatalog): CustomAttributeConfig[] {
  return catalog.questions.map((q) => questionAttributeConfig(q));
}

export const YAML_HEADER = [
  " Generated from profile.config.ts by `npm run authgear:config`. Do not edit by hand: edit the catalog.",
  " Authgear Portal: Advanced → Edit Config, merged into authgear.yaml under user_profile.custom_attributes",
  " (the User Profile → Custom Attributes form takes one attribute at a time and no YAML).",
  " Token Bearer stays Read-only so userinfo shows the attribute to the app.",
  " Self-hosted Authgear: merge into authgear.yaml. Custom attributes cannot change type once created.",
].join("\n");

/** The authgear.yaml fragment `user_profile.custom_attributes.attributes`, with a header comment. */
export function customAttributesYaml(catalog: ProfileCatalog): string {
  const doc = new Document({ user_profile: { custom_attributes: { attributes: customAttributesConfig(catalog) } } });
  doc.commentBefore = YAML_HEADER;
  const attributes = doc.getIn(["user_profile", "custom_attributes", "attributes"], true) as { items: { commentBefore?: string }[] };
  catalog.questions.forEach((q, i) => {
    const item = attributes.items[i];
    if (item) item.commentBefore = ` ${localize(q.label, catalog.defaultLocale, catalog.defaultLocale)}`;
  });
  return doc.toString({ lineWidth: 0 });
}

const FIELDS = ["id", "pointer", "type", "minimum", "maximum", "enum", "access_control"] as const;

function show(value: unknown): string {
  return value === undefined ? "(unset)" : JSON.stringify(value);
}

/**
 * Where `actual` (e.g. a parsed authgear.yaml) differs from `expected` (the catalog's entries):
 * missing and extra attributes, order, and each differing field. Empty when they agree.
 * Attributes are matched by pointer.
 */
export function diffCustomAttributes(
  expected: readonly CustomAttributeConfig[],
  actual: readonly CustomAttributeConfig[],
): string[] {
  const lines: string[] = [];
  const actualByPointer = new Map(actual.map((a) => [a.pointer, a]));
  const expectedPointers = new Set(expected.map((e) => e.pointer));
  for (const e of expected) {
    const a = actualByPointer.get(e.pointer);
    if (!a) {
      lines.push(`${e.pointer}: missing (expected ${JSON.stringify(e)})`);
      continue;
    }
    for (const field of FIELDS) {
      if (JSON.stringify(e[field]) !== JSON.stringify(a[field])) {
        lines.push(`${e.pointer}: ${field} is ${show(a[field])}, expected ${show(e[field])}`);
      }
    }
  }
  for (const a of actual) {
    if (!expectedPointers.has(a.pointer)) lines.push(`${a.pointer}: not in the catalog (remove it, or add a question)`);
  }
  const common = (list: readonly CustomAttributeConfig[]) =>
    list.map((x) => x.pointer).filter((p) => expectedPointers.has(p) && actualByPointer.has(p));
  const expectedOrder = common(expected);
  const actualOrder = common(actual);
  if (expectedOrder.join(",") !== actualOrder.join(",")) {
    lines.push(`order is ${actualOrder.join(", ")}; expected ${expectedOrder.join(", ")}`);
  }
  return lines;
}
