/**
 * Schema migrations, applied automatically at start-up (Kysely's Migrator, in order, once each).
 * Written with Kysely's schema builder only, so the same list serves SQLite and PostgreSQL; the
 * two column types the engines spell differently come from `types` (lib/db/dialect.server.ts).
 * SQLite files created before PostgreSQL support get exactly the same SQL as before.
 */
import { sql, type Kysely, type Migration, type MigrationProvider } from "kysely";
import type { SchemaTypes } from "./dialect.server";

const migrations = (types: SchemaTypes): Record<string, Migration> => ({
  "001_initial": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("question_state")
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("attribute", "text", (c) => c.notNull())
        .addColumn("shown_count", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("last_shown_at", "bigint")
        .addColumn("answered_at", "bigint")
        .addColumn("skip_count", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("last_skipped_at", "bigint")
        .addColumn("declined_at", "bigint")
        .addPrimaryKeyConstraint("question_state_pk", ["user_id", "attribute"])
        .execute();
      await db.schema
        .createTable("login_prompt")
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("login_key", "text", (c) => c.notNull())
        .addColumn("attributes", "text", (c) => c.notNull())
        .addColumn("shown_at", "bigint", (c) => c.notNull())
        .addColumn("finished_at", "bigint")
        .addColumn("dismissed_at", "bigint")
        .addPrimaryKeyConstraint("login_prompt_pk", ["user_id", "login_key"])
        .execute();
      await db.schema
        .createTable("submission")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("outcome", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("provenance")
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("attribute", "text", (c) => c.notNull())
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("confidence", types.double, (c) => c.notNull())
        .addColumn("observed_at", "bigint", (c) => c.notNull())
        .addColumn("confirmed", "integer", (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint("provenance_pk", ["user_id", "attribute"])
        .execute();
      await db.schema
        .createTable("prompt_event")
        .addColumn("id", types.autoId.type, types.autoId.modify)
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("attribute", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("position", "integer")
        .addColumn("login_key", "text")
        .addColumn("at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("prompt_event_at").on("prompt_event").column("at").execute();
      await db.schema.createIndex("prompt_event_user").on("prompt_event").columns(["user_id", "at"]).execute();
      await db.schema
        .createTable("user_settings")
        .addColumn("user_id", "text", (c) => c.primaryKey())
        .addColumn("enrichment_opt_out", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
    },
  },
  "002_provenance_value": {
    // The value a provenance record speaks for, as JSON: when the attribute no longer holds it,
    // somebody else changed it (Portal, another app) and the record no longer applies (lib/prompt/merge.ts).
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("provenance").addColumn("value", "text").execute();
    },
  },
  "003_config_problem": {
    // Configuration problems the app noticed (ADR 015), kept so every instance and /admin see them.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("config_problem")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("subject", "text", (c) => c.notNull())
        .addColumn("message", "text", (c) => c.notNull())
        .addColumn("fix", "text", (c) => c.notNull())
        .addColumn("first_seen_at", "bigint", (c) => c.notNull())
        .addColumn("last_seen_at", "bigint", (c) => c.notNull())
        .addColumn("count", "integer", (c) => c.notNull())
        .addColumn("resolved_at", "bigint")
        .execute();
    },
  },
  "004_login_prompt_visit": {
    // The planner's unit became a visit (ADR 004): a row is now one visit's prompt, keyed
    // `${sub}:${auth_time}` for a sign-in's first visit (every older row, unchanged) and `…:vN` for
    // the next ones; `sign_in` is the sign-in's key, so its visits are found without parsing keys.
    // Every row written before this is a first visit: its sign-in is its own key.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("login_prompt").addColumn("sign_in", "text").execute();
      await sql`update login_prompt set sign_in = login_key`.execute(db);
      await db.schema.createIndex("login_prompt_sign_in").on("login_prompt").columns(["user_id", "sign_in"]).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex("login_prompt_sign_in").execute();
      await db.schema.alterTable("login_prompt").dropColumn("sign_in").execute();
    },
  },
  "005_enrichment_sources": {
    // Open enrichment (issue 17, ADR 005): the last run per provider and user, with what it found
    // (remote answers wait here for the next prompt), and the user's answer to the consent question
    // for third-party sources, with its time.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("enrichment_run")
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("provider", "text", (c) => c.notNull())
        .addColumn("ran_at", "bigint", (c) => c.notNull())
        .addColumn("phase", "text", (c) => c.notNull())
        .addColumn("outcome", "text", (c) => c.notNull())
        .addColumn("observations", "text", (c) => c.notNull())
        .addColumn("third_party", "integer", (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint("enrichment_run_pk", ["user_id", "provider"])
        .execute();
      await db.schema.alterTable("user_settings").addColumn("third_party_consent", "integer").execute();
      await db.schema.alterTable("user_settings").addColumn("third_party_consent_at", "bigint").execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable("user_settings").dropColumn("third_party_consent_at").execute();
      await db.schema.alterTable("user_settings").dropColumn("third_party_consent").execute();
      await db.schema.dropTable("enrichment_run").execute();
    },
  },
  "006_provenance_suggested_by": {
    // Who suggested a value the user confirmed (Provenance.suggestedBy, issue 17): the provider's
    // name, so a confirmed held suggestion still says where it came from.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("provenance").addColumn("suggested_by", "text").execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable("provenance").dropColumn("suggested_by").execute();
    },
  },
});

export function createMigrationProvider(types: SchemaTypes): MigrationProvider {
  return {
    async getMigrations() {
      return migrations(types);
    },
  };
}
