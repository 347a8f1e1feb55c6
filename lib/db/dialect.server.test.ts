import assert from "node:assert/strict";
import { test } from "node:test";
import SQLite from "better-sqlite3";
import { Kysely, type QueryExecutorProvider } from "kysely";
import { createPostgresDialect, createSqliteDialect, engineOf } from "./dialect.server";

test("engineOf: Kysely's own adapters", async () => {
  const sqlite = new Kysely({ dialect: createSqliteDialect(new SQLite(":memory:")) });
  // The pool connects lazily: nothing is contacted here.
  const postgres = new Kysely({ dialect: createPostgresDialect("postgres://nobody@127.0.0.1:1/none", () => {}) });
  assert.equal(engineOf(sqlite), "sqlite");
  assert.equal(engineOf(postgres), "postgres");
  await sqlite.destroy();
  await postgres.destroy();
});

test("engineOf: an adapter from another copy of Kysely (another bundle chunk) is still told apart", () => {
  // A production build can hold Kysely twice; the database may come from the other copy, so
  // `instanceof` fails. Taken for SQLite, a PostgreSQL store would skip its cross-instance lock.
  class PostgresAdapter {
    get supportsTransactionalDdl() {
      return true;
    }
  }
  class SqliteAdapter {
    get supportsTransactionalDdl() {
      return false;
    }
  }
  const withAdapter = (adapter: object) => ({ getExecutor: () => ({ adapter }) }) as unknown as QueryExecutorProvider;
  assert.equal(engineOf(withAdapter(new PostgresAdapter())), "postgres");
  assert.equal(engineOf(withAdapter(new SqliteAdapter())), "sqlite");
});
