/**
 * `npm run authgear:config` prints the Authgear custom-attribute configuration of profile.config.ts
 * (an authgear.yaml fragment) to stdout.
 * `npm run authgear:config -- --check emulator/authgear.yaml` instead compares a config file's
 * custom attributes with the catalog and exits 1, listing each difference, when they disagree.
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { authgearConfigSchema } from "@/lib/authgear/config";
import { customAttributesConfig, customAttributesYaml, diffCustomAttributes } from "@/lib/catalog/authgear-config";
import { profileCatalog } from "@/profile.config";

const args = process.argv.slice(2);
if (args.length === 0) {
  process.stdout.write(customAttributesYaml(profileCatalog));
} else if (args[0] === "--check" && args.length === 2) {
  const file = args[1] as string;
  const parsed = authgearConfigSchema.safeParse(parse(readFileSync(file, "utf8")));
  if (!parsed.success) {
    console.error(`${file} is not a valid Authgear config:\n${parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`).join("\n")}`);
    process.exit(1);
  }
  const diff = diffCustomAttributes(customAttributesConfig(profileCatalog), parsed.data.user_profile.custom_attributes.attributes);
  if (diff.length > 0) {
    console.error(`${file} disagrees with profile.config.ts:\n${diff.map((d) => `  - ${d}`).join("\n")}`);
    process.exit(1);
  }
  console.log(`${file}: custom attributes match profile.config.ts`);
} else {
  console.error("usage: tsx scripts/authgear-config.ts [--check <authgear.yaml>]");
  process.exit(2);
}
