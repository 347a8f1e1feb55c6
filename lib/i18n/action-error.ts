/**
 * The sentence a user reads for a Server Action's failure, in their language: the message of its
 * code (lib/i18n/messages, `errors`), never the server's English `message`, which stays for logs
 * and for apps without the kit's messages (issue 16).
 *
 * Isomorphic.
 */
import { ACTION_ERROR_CODES, type ActionError } from "@/lib/actions/result";
import { useKitTranslations } from "./use-kit-translations";

/** A function that says an ActionError (or any thrown error, as `internal`) in the current locale. */
export function useActionErrorText(): (error: Pick<ActionError, "code"> | null | undefined) => string {
  const t = useKitTranslations("errors");
  return (error) => {
    const code = error && (ACTION_ERROR_CODES as readonly string[]).includes(error.code) ? error.code : "internal";
    return t(code);
  };
}
