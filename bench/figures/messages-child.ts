/**
 * The messages figure's server side, in its own process (the loaders are server-only):
 *   node --conditions=react-server --import tsx bench/figures/messages-child.ts --out <file>
 * Writes, per shipped locale, the browser's messages (the kit's and the app's, as the root layout
 * hands them to NextIntlClientProvider) serialized, compiled and as ICU strings.
 */
import { writeFileSync } from "node:fs";
import { loadAppMessages } from "@/app/_i18n/messages.server";
import { loadKitMessages } from "@/lib/i18n/messages.server";
import { LOCALES } from "@/lib/i18n/locales";

export type MessagesChildResult = { locale: string; compiled: string; icu: string }[];

async function messagesOf(locale: string, compiled: boolean): Promise<string> {
  const [kit, app] = await Promise.all([loadKitMessages(locale, { compiled }), loadAppMessages(locale, { compiled })]);
  return JSON.stringify({ ...kit, ...app });
}

const outIndex = process.argv.indexOf("--out");
const out = outIndex > 0 ? process.argv[outIndex + 1] : undefined;
if (!out) throw new Error("messages-child: --out <file> is required");
const result: MessagesChildResult = [];
for (const locale of LOCALES) result.push({ locale, compiled: await messagesOf(locale, true), icu: await messagesOf(locale, false) });
writeFileSync(out, JSON.stringify(result));
