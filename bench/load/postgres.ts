/**
 * A PostgreSQL database for a multi-instance run: a fresh database on TEST_DATABASE_URL's server
 * when that is set (dropped afterwards), else a throw-away server (scripts/postgres.mjs), else null
 * (no PostgreSQL binaries on this machine).
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

interface PostgresScript {
  findPostgresBinaries(): string | null;
  startThrowawayPostgres(options?: { bin?: string }): Promise<{ url: string; stop(): Promise<void> }>;
  INSTALL_HINT: string;
}

export interface LoadDatabase {
  url: string;
  stop(): Promise<void>;
}

// Typed as a plain string so that TypeScript does not resolve the .mjs (allowJs is off, it has no types):
// PostgresScript above says what it exports.
const POSTGRES_SCRIPT: string = "../../scripts/postgres.mjs";

export async function postgresInstallHint(): Promise<string> {
  return ((await import(POSTGRES_SCRIPT)) as PostgresScript).INSTALL_HINT;
}

export async function loadDatabase(): Promise<LoadDatabase | null> {
  const shared = process.env.TEST_DATABASE_URL?.trim();
  if (shared) {
    const name = `gradual_load_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: shared });
    await admin.connect();
    try {
      await admin.query(`create database ${name}`);
    } finally {
      await admin.end();
    }
    const url = new URL(shared);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      async stop() {
        const client = new pg.Client({ connectionString: shared });
        await client.connect();
        try {
          await client.query(`drop database if exists ${name} with (force)`);
        } finally {
          await client.end();
        }
      },
    };
  }
  const script = (await import(POSTGRES_SCRIPT)) as PostgresScript;
  const bin = script.findPostgresBinaries();
  if (!bin) return null;
  return script.startThrowawayPostgres({ bin });
}
