/**
 * Test helpers: fresh, empty state-store databases on each engine, so one suite runs on both.
 * SQLite: a `:memory:` database. PostgreSQL: a schema of its own (dropped on close) in the database
 * at TEST_DATABASE_URL, which `npm run test:unit` points at a throw-away server (scripts/postgres.mjs);
 * without it the PostgreSQL suites are skipped, saying why.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { type AppDatabase, openPostgresDatabase, openSqliteDatabase } from "./database.server";
import type { Engine } from "./dialect.server";

export interface TestDatabase {
  db: AppDatabase;
  /** PostgreSQL: a URL reaching the same schema, for a second "app instance" with a pool of its own. */
  url: string | null;
  /** Opens another instance on the same data (PostgreSQL only); closed with this one. */
  openAnother(): Promise<AppDatabase>;
  close(): Promise<void>;
}

export interface TestEngine {
  name: "SQLite" | "PostgreSQL";
  engine: Engine;
  /** Why the engine's suite is skipped, or false. */
  skip: string | false;
  open(): Promise<TestDatabase>;
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export const sqliteEngine: TestEngine = {
  name: "SQLite",
  engine: "sqlite",
  skip: false,
  async open() {
    const db = await openSqliteDatabase(":memory:");
    return {
      db,
      url: null,
      openAnother: () => Promise.reject(new Error("a :memory: SQLite database cannot be opened twice")),
      close: () => db.destroy(),
    };
  },
};

export const postgresEngine: TestEngine = {
  name: "PostgreSQL",
  engine: "postgres",
  skip: process.env.TEST_DATABASE_URL ? false : "TEST_DATABASE_URL is not set (npm run test:unit starts a throw-away PostgreSQL when its binaries are installed)",
  async open() {
    const base = process.env.TEST_DATABASE_URL;
    if (!base) throw new Error("TEST_DATABASE_URL is not set");
    const schema = `test_${randomBytes(6).toString("hex")}`;
    await adminQuery(base, `create schema ${schema}`);
    const url = new URL(base);
    url.searchParams.set("options", `-c search_path=${schema}`);
    const opened: AppDatabase[] = [];
    const openAnother = async () => {
      const db = await openPostgresDatabase(url.toString());
      opened.push(db);
      return db;
    };
    const db = await openAnother();
    return {
      db,
      url: url.toString(),
      openAnother,
      async close() {
        await Promise.all(opened.map((d) => d.destroy()));
        await adminQuery(base, `drop schema ${schema} cascade`);
      },
    };
  },
};

export const testEngines: TestEngine[] = [sqliteEngine, postgresEngine];
