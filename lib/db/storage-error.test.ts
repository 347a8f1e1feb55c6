import assert from "node:assert/strict";
import { describe, it } from "node:test";
import SQLite from "better-sqlite3";
import { isStorageError } from "./storage-error";

describe("isStorageError", () => {
  it("recognises SQLite failures (read-only, busy) by the driver's own errors", () => {
    const db = new SQLite(":memory:");
    db.pragma("query_only = ON");
    const readOnly = (() => {
      try {
        db.exec("CREATE TABLE t (a)");
      } catch (error) {
        return error;
      }
    })();
    assert.equal((readOnly as { code?: string }).code, "SQLITE_READONLY");
    assert.equal(isStorageError(readOnly), true);
    db.close();
  });

  it("recognises PostgreSQL and connection failures, and DatabaseStartupError", () => {
    const pg = Object.assign(new Error("relation does not exist"), { name: "DatabaseError", code: "42P01" });
    assert.equal(isStorageError(pg), true);
    assert.equal(isStorageError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })), true);
    assert.equal(isStorageError(new Error("Connection terminated unexpectedly")), true);
    assert.equal(isStorageError(Object.assign(new Error("x"), { name: "DatabaseStartupError" })), true);
  });

  it("leaves bugs and other failures alone", () => {
    assert.equal(isStorageError(new TypeError("cannot read properties of undefined")), false);
    assert.equal(isStorageError(Object.assign(new Error("x"), { code: "SQLITE_BUSY" })), false, "not a SqliteError");
    assert.equal(isStorageError("SQLITE_READONLY"), false);
    assert.equal(isStorageError(null), false);
  });
});
