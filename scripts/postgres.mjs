// A throw-away PostgreSQL server owned by the test run: initdb into a temp folder, listen on
// 127.0.0.1 only, on a free port, trust authentication (nothing else can reach it), fsync off.
// `stop()` shuts it down and deletes the folder. Used by scripts/test-unit.mjs; also runnable:
//   node scripts/postgres.mjs -- <command…>   runs the command with TEST_DATABASE_URL set.
// PostgreSQL refuses to run as root: as root, the server runs as the `postgres` system user
// (created by Debian's postgresql package).
import { execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

export const INSTALL_HINT = "Debian/Ubuntu: apt-get install -y postgresql (or set PG_BIN to a folder holding initdb and postgres)";

/** The folder holding initdb and postgres: PG_BIN, else Debian's newest /usr/lib/postgresql/<v>/bin, else PATH. */
export function findPostgresBinaries() {
  const has = (dir) => existsSync(join(dir, "initdb")) && existsSync(join(dir, "postgres"));
  if (process.env.PG_BIN) return has(process.env.PG_BIN) ? process.env.PG_BIN : null;
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (has(join(debian, v, "bin"))) return join(debian, v, "bin");
  }
  for (const dir of (process.env.PATH ?? "").split(":")) if (dir && has(dir)) return dir;
  return null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** uid/gid to run the server as: ourselves, or `postgres` when we are root. */
function serverUser() {
  if (process.getuid?.() !== 0) return {};
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch {
    throw new Error("PostgreSQL will not run as root and there is no `postgres` user to run it as (apt-get install -y postgresql creates it).");
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts the server and creates the database `gradual_test`.
 * Returns { url, stop, stopSync }: stop() is a fast shutdown and removes the folder; stopSync() is
 * for process "exit" handlers (immediate shutdown, best-effort removal).
 */
export async function startThrowawayPostgres({ bin = findPostgresBinaries(), database = "gradual_test" } = {}) {
  if (!bin) throw new Error(`PostgreSQL server binaries (initdb, postgres) not found. ${INSTALL_HINT}`);
  const user = serverUser();
  const dir = mkdtempSync(join(tmpdir(), "gradual-pg-"));
  if (user.uid !== undefined) chownSync(dir, user.uid, user.gid);
  const data = join(dir, "data");
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  try {
    execFileSync(join(bin, "initdb"), ["-D", data, "-U", "gradual", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"], {
      ...user,
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (e) {
    removeDir();
    throw new Error(`initdb failed: ${e.stderr?.toString() || e.message}`);
  }

  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    let output = "";
    const child = spawn(
      join(bin, "postgres"),
      ["-D", data, "-h", "127.0.0.1", "-p", String(port), "-k", dir,
        "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200"],
      { ...user, cwd: dir, stdio: ["ignore", "pipe", "pipe"] },
    );
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    let exited = false;
    const exit = new Promise((resolve) => child.once("exit", () => { exited = true; resolve(); }));

    const admin = `postgres://gradual@127.0.0.1:${port}/postgres`;
    const deadline = Date.now() + 30_000;
    let ready = false;
    while (!exited && Date.now() < deadline) {
      const client = new pg.Client({ connectionString: admin });
      try {
        await client.connect();
        await client.query(`create database ${database}`);
        ready = true;
        break;
      } catch {
        await sleep(100);
      } finally {
        await client.end().catch(() => {});
      }
    }
    if (!ready) {
      if (!exited) child.kill("SIGKILL");
      await exit;
      if (attempt < 3 && /could not bind|address already in use/i.test(output)) continue; // lost the port race
      removeDir();
      throw new Error(`The throw-away PostgreSQL did not start:\n${output.trim()}`);
    }

    let stopped;
    const stop = () => {
      stopped ??= (async () => {
        if (!exited) child.kill("SIGINT"); // fast shutdown
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exit;
        clearTimeout(timer);
        removeDir();
      })();
      return stopped;
    };
    const stopSync = () => {
      if (!exited) child.kill("SIGQUIT"); // immediate shutdown
      try { removeDir(); } catch { /* the server may still be writing; the OS cleans tmp */ }
    };
    return { url: `postgres://gradual@127.0.0.1:${port}/${database}`, stop, stopSync };
  }
}

// CLI: node scripts/postgres.mjs -- <command…>
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2).filter((a, i) => !(i === 0 && a === "--"));
  if (args.length === 0) {
    console.error("usage: node scripts/postgres.mjs -- <command…>   (runs it with TEST_DATABASE_URL set)");
    process.exit(2);
  }
  const server = await startThrowawayPostgres();
  process.on("exit", server.stopSync);
  const child = spawn(args[0], args.slice(1), { stdio: "inherit", env: { ...process.env, TEST_DATABASE_URL: server.url } });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  const code = await new Promise((resolve) => child.once("exit", (c, s) => resolve(c ?? (s ? 1 : 0))));
  await server.stop();
  process.exit(code);
}
