/**
 * Everything that differs between the two engines of the state store, in one place: how a
 * connection is made, the few column types the migrations cannot spell the same way, how numbers
 * come back, where Kysely keeps its migration table, and how the per-user save lock is taken.
 * The queries themselves (store.server.ts) and the migrations (migrations.ts) are shared.
 */
import "server-only";
import SQLite from "better-sqlite3";
import {
  type ColumnDataType,
  type ColumnDefinitionBuilder,
  type QueryExecutorProvider,
  PostgresAdapter,
  PostgresDialect,
  sql,
  SqliteAdapter,
  SqliteDialect,
} from "kysely";
import pg from "pg";

export type Engine = "sqlite" | "postgres";

/** Column types that the shared migrations need and the engines spell differently. */
export interface SchemaTypes {
  /** An 8-byte float: SQLite's `real` is one already, PostgreSQL's `real` has 4 bytes. */
  double: ColumnDataType;
  /** An auto-generated integer primary key. */
  autoId: { type: ColumnDataType; modify: (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder };
}

export function schemaTypes(engine: Engine): SchemaTypes {
  if (engine === "postgres") {
    return {
      double: "double precision",
      autoId: { type: "bigint", modify: (c) => c.primaryKey().generatedByDefaultAsIdentity() },
    };
  }
  return {
    double: "real",
    autoId: { type: "integer", modify: (c) => c.primaryKey().autoIncrement() },
  };
}

/**
 * Which engine a Kysely instance talks to (anything not PostgreSQL is the SQLite default).
 * Not by `instanceof` alone: a production build bundles Kysely into several chunks, and the
 * process-wide database (globalThis) may have been opened by another chunk's copy, whose
 * PostgresAdapter is another class. Taken for SQLite, a PostgreSQL store would skip the advisory
 * lock and two instances would lose each other's answers (found by e2e/scale.spec.ts). Of the two
 * engines, only PostgreSQL's adapter runs DDL in transactions.
 */
export function engineOf(db: QueryExecutorProvider): Engine {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof PostgresAdapter) return "postgres";
  if (adapter instanceof SqliteAdapter) return "sqlite";
  return adapter.supportsTransactionalDdl ? "postgres" : "sqlite";
}

export function createSqliteDialect(sqlite: SQLite.Database): SqliteDialect {
  return new SqliteDialect({ database: sqlite });
}

/** Connections each app instance keeps to PostgreSQL at most. */
export const POSTGRES_POOL_SIZE = 10;

/**
 * How many per-user save locks one instance holds at once. Each holds a pooled connection for the
 * whole save while the save's own queries need others; keeping half the pool free for them means
 * lock holders can never take every connection and wait on each other for ever.
 */
export const POSTGRES_LOCK_CONCURRENCY = POSTGRES_POOL_SIZE / 2;

/**
 * `bigint` (int8) columns hold epoch milliseconds and ids; pg returns them as strings by default.
 * Every one of them fits a double exactly (2^53 ms is year 287396), and one that does not is an error.
 */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`PostgreSQL returned the bigint ${text}, beyond JavaScript's safe integers`);
  return value;
}

/** pg-types' type ids (an enum pg does not re-export by name). */
type TypeId = Parameters<pg.CustomTypesConfig["getTypeParser"]>[0];

const pgTypes: pg.CustomTypesConfig = {
  // pg-types declares its parsers as `any`; this one is only handed back to pg.
  getTypeParser: (oid: TypeId, format?: "text" | "binary"): unknown =>
    oid === pg.types.builtins.INT8 && format !== "binary" ? parseInt8 : pg.types.getTypeParser(oid, format),
};

/** A pool for `url` (postgres:// or postgresql://, libpq-style query options such as sslmode allowed). */
export function createPostgresDialect(url: string, onPoolError: (error: Error) => void): PostgresDialect {
  const pool = new pg.Pool({
    connectionString: url,
    types: pgTypes,
    max: POSTGRES_POOL_SIZE,
    // A pool that cannot hand out a connection within this time is a fault to report, not to wait out.
    connectionTimeoutMillis: 15_000,
    application_name: "gradual",
  });
  // An idle connection dropped by the server (restart, failover) must not crash the process.
  pool.on("error", onPoolError);
  return new PostgresDialect({ pool });
}

/**
 * Where Kysely's Migrator keeps its bookkeeping tables. On PostgreSQL: the connection's current
 * schema, named explicitly, because without a schema the Migrator takes a `kysely_migration` table
 * in ANY schema of the database (another app's, say) as its own.
 */
export async function migrationTableSchema(db: QueryExecutorProvider, engine: Engine): Promise<string | undefined> {
  if (engine !== "postgres") return undefined;
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema) throw new Error("PostgreSQL has no current schema: the search_path names no schema that exists");
  return schema;
}

/**
 * Takes the user's save lock inside the open transaction `trx` (PostgreSQL): a transaction-level
 * advisory lock, released by the database at commit or rollback, also if this instance dies.
 * The key is a 64-bit hash of the user id, prefixed so it cannot collide with other users of
 * advisory locks in the same database (Kysely's migration lock among them).
 */
export async function lockUserInTransaction(trx: QueryExecutorProvider, userId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`gradual:user:${userId}`}, 0))`.execute(trx);
}
