/**
 * zod/mini carries no error messages of its own: a check without a custom message says only
 * "Invalid input". zod classic installs English messages when it is imported; this does the same
 * for the isomorphic schemas built with zod/mini (the catalog's definition check names unknown
 * keys, wrong types, …), in the browser as on the server. Imported for its effect by
 * lib/authgear/custom-attributes.ts, which every such schema module imports.
 */
import { config } from "zod/mini";
import { en } from "zod/v4/locales";

config(en());
