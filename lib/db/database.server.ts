import "server-only";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator } from "kysely";
import { z } from "zod";
import {
  createPostgresDialect,
  createSqliteDialect,
  type Engine,
  migrationTableSchema,
  schemaTypes,
} from "./dialect.server";
import { createMigrationProvider } from "./migrations";
import type { Database } from "./schema";

export type AppDatabase = Kysely<Database>;

export class DatabaseStartupError extends Error {
  override name = "DatabaseStartupError";
}

async function migrate(db: AppDatabase, engine: Engine, where: string): Promise<void> {
  let error: unknown;
  let failed: string | undefined;
  try {
    const migrator = new Migrator({
      db,
      provider: createMigrationProvider(schemaTypes(engine)),
      migrationTableSchema: await migrationTableSchema(db, engine),
    });
    const outcome = await migrator.migrateToLatest();
    error = outcome.error;
    failed = outcome.results?.find((r) => r.status === "Error")?.migrationName;
  } catch (cause) {
    error = cause;
  }
  if (error || failed) {
    await db.destroy();
    const what = failed ? `migration ${failed}` : "migrations";
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseStartupError(`Could not apply ${what} to ${where}: ${reason}`, { cause: error });
  }
}

/** Opens (creating if needed) the SQLite file and applies pending migrations. */
export async function openSqliteDatabase(path: string): Promise<AppDatabase> {
  if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
  let sqlite: SQLite.Database;
  try {
    sqlite = new SQLite(path);
  } catch (cause) {
    throw new DatabaseStartupError(`Cannot open the SQLite database at ${path}: ${(cause as Error).message}`, { cause });
  }
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  const db = new Kysely<Database>({ dialect: createSqliteDialect(sqlite) });
  await migrate(db, "sqlite", path);
  return db;
}

/**
 * Connects a pool to the PostgreSQL database at `url` and applies pending migrations (several
 * instances starting at once take turns: Kysely's Migrator holds an advisory lock while it works).
 */
export async function openPostgresDatabase(url: string): Promise<AppDatabase> {
  const where = `PostgreSQL at ${postgresLabel(url)}`;
  const db = new Kysely<Database>({
    dialect: createPostgresDialect(url, (error) => console.error(`[gradual] state store: ${where}: idle connection failed: ${error.message}`)),
  });
  await migrate(db, "postgres", where);
  return db;
}

/** host:port/database of a PostgreSQL URL, never its user name or password. */
export function postgresLabel(url: string): string {
  const u = new URL(url);
  const host = u.hostname || u.searchParams.get("host") || "localhost";
  const database = decodeURIComponent(u.pathname.replace(/^\//, "")) || decodeURIComponent(u.username) || "(default database)";
  return `${host}:${u.port || "5432"}/${database}`;
}

export type DatabaseTarget = { engine: "sqlite"; path: string } | { engine: "postgres"; url: string; label: string };

const unsetWhenBlank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const targetSchema = z
  .object({
    DATABASE_URL: z.preprocess(unsetWhenBlank, z.string().trim().optional()),
    SQLITE_PATH: z.preprocess(unsetWhenBlank, z.string().optional()),
  })
  .transform((env, ctx): DatabaseTarget => {
    const url = env.DATABASE_URL;
    const sqliteDefault = env.SQLITE_PATH ?? ".data/gradual.sqlite";
    if (url === undefined) return { engine: "sqlite", path: sqliteDefault };
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
    if (scheme === "sqlite") {
      const path = url.slice("sqlite:".length);
      if (path === "") ctx.addIssue({ code: "custom", message: 'DATABASE_URL "sqlite:" names no file: write sqlite:<path>, or unset DATABASE_URL to use SQLITE_PATH.' });
      return { engine: "sqlite", path };
    }
    if (scheme === "postgres" || scheme === "postgresql") {
      let parsed: URL | undefined;
      try {
        parsed = new URL(url);
      } catch {
        // The message must not repeat the URL: it may hold a password.
      }
      if (!parsed || !url.slice(scheme.length + 1).startsWith("//")) {
        ctx.addIssue({ code: "custom", message: `DATABASE_URL is not a valid ${scheme}:// URL: write postgres://user:password@host:5432/database (percent-encode special characters in the password).` });
        return { engine: "sqlite", path: sqliteDefault };
      }
      return { engine: "postgres", url, label: postgresLabel(url) };
    }
    ctx.addIssue({
      code: "custom",
      message: `DATABASE_URL ${scheme ? `uses "${scheme}:", which Gradual does not support` : "has no scheme"}: write postgres://user:password@host:5432/database for PostgreSQL, sqlite:<path> for SQLite, or leave it unset for SQLite at SQLITE_PATH (default .data/gradual.sqlite).`,
    });
    return { engine: "sqlite", path: sqliteDefault };
  });

/** Which database the environment asks for: `DATABASE_URL` (postgres://, postgresql:// or sqlite:), else SQLite at `SQLITE_PATH`. */
export function databaseTarget(env: Record<string, string | undefined> = process.env): DatabaseTarget {
  const result = targetSchema.safeParse({ DATABASE_URL: env.DATABASE_URL, SQLITE_PATH: env.SQLITE_PATH });
  if (!result.success) throw new DatabaseStartupError(result.error.issues.map((i) => i.message).join("\n"));
  return result.data;
}

/**
 * Kept on `globalThis`: Next.js bundles route handlers and Server Actions into separate chunks,
 * each with its own copy of this module. One process must still have ONE database (and so one
 * per-user save lock, store.server.ts), or the webhook's writes and the prompt's saves would not
 * be serialized against each other.
 */
const SHARED = Symbol.for("gradual.database");
type SharedSlot = { [SHARED]?: Promise<AppDatabase> };
const slot = globalThis as SharedSlot;

/**
 * The process-wide database, opened and migrated on first use: PostgreSQL when `DATABASE_URL` is a
 * postgres:// URL, otherwise SQLite (`SQLITE_PATH`, unset or empty: `.data/gradual.sqlite`).
 */
export function database(): Promise<AppDatabase> {
  let shared = slot[SHARED];
  shared ??= slot[SHARED] = (async () => {
    const target = databaseTarget();
    if (target.engine === "postgres") {
      const db = await openPostgresDatabase(target.url);
      console.info(`[gradual] state store: PostgreSQL at ${target.label}`);
      return db;
    }
    const db = await openSqliteDatabase(target.path);
    console.info(`[gradual] state store: SQLite at ${target.path}`);
    return db;
  })();
  shared.catch(() => {
    if (slot[SHARED] === shared) delete slot[SHARED];
  });
  return shared;
}
