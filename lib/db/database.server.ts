import "server-only";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator } from "kysely";
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

/**
 * Opens the database `target` names and applies pending migrations. Each call opens a new one:
 * the composition root (lib/server/services.server.ts) remembers it, once per process and target.
 */
export async function openDatabase(target: DatabaseTarget): Promise<AppDatabase> {
  if (target.engine === "postgres") {
    const db = await openPostgresDatabase(target.url);
    console.info(`[gradual] state store: PostgreSQL at ${target.label}`);
    return db;
  }
  const db = await openSqliteDatabase(target.path);
  console.info(`[gradual] state store: SQLite at ${target.path}`);
  return db;
}
