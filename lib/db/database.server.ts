import "server-only";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect } from "kysely";
import { migrationProvider } from "./migrations";
import type { Database } from "./schema";

export type AppDatabase = Kysely<Database>;

export class DatabaseStartupError extends Error {
  override name = "DatabaseStartupError";
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
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    await db.destroy();
    const what = failed ? `migration ${failed.migrationName}` : "migrations";
    throw new DatabaseStartupError(`Could not apply ${what} to ${path}: ${String(error)}`, { cause: error });
  }
  return db;
}

let shared: Promise<AppDatabase> | undefined;

/** The process-wide database, opened on first use from `SQLITE_PATH` (unset or empty: `.data/gradual.sqlite`). */
export function database(): Promise<AppDatabase> {
  shared ??= (async () => {
    const url = process.env.DATABASE_URL;
    if (url && !url.startsWith("sqlite:")) {
      throw new DatabaseStartupError(
        `DATABASE_URL=${url.split(":")[0]}:… is not supported yet: Gradual stores its state in SQLite (set SQLITE_PATH, or unset DATABASE_URL).`,
      );
    }
    const path = url?.startsWith("sqlite:") ? url.slice("sqlite:".length) : (process.env.SQLITE_PATH || ".data/gradual.sqlite");
    const db = await openSqliteDatabase(path);
    console.info(`[gradual] state store: SQLite at ${path}`);
    return db;
  })();
  shared.catch(() => {
    shared = undefined;
  });
  return shared;
}
