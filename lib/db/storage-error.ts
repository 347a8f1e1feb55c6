/**
 * Is this error the state store failing (the database file read-only, locked, full or gone; the
 * PostgreSQL server unreachable or refusing), rather than a bug? Such failures are temporary or
 * operational: the action says so and asks for a retry instead of "something went wrong".
 * Recognised by shape, so neither driver has to be imported here:
 *  - better-sqlite3: `SqliteError` with `code` "SQLITE_*" (SQLITE_READONLY, SQLITE_BUSY, SQLITE_FULL…);
 *  - pg: `DatabaseError` with a 5-character SQLSTATE `code`, or a connection error (ECONNREFUSED…)
 *    raised by the pool, or its "Connection terminated" errors;
 *  - lib/db/database.server.ts's own DatabaseStartupError (migrations could not be applied).
 */
const CONNECTION_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND", "EPIPE", "57P01", "57P03"]);

export function isStorageError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === "DatabaseStartupError") return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") {
    if (error.name === "SqliteError" && code.startsWith("SQLITE_")) return true;
    if (error.name === "DatabaseError" && /^[0-9A-Z]{5}$/.test(code)) return true;
    if (CONNECTION_CODES.has(code)) return true;
  }
  return /^Connection terminated/.test(error.message) || /timeout exceeded when trying to connect/.test(error.message);
}
