import { mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { Mutex } from "../../util/mutex.js";
import type { Durability, Store, StoreTx } from "../port.js";
import { MIGRATIONS } from "./migrations.js";
import { sqliteRepositories } from "./sqlite-repos.js";
import { StatementCache } from "./statement-cache.js";

/**
 * SQLite adapter on better-sqlite3 in WAL mode. better-sqlite3 is synchronous, so every
 * repository call completes before the next line of a handler runs; the mutex only orders write
 * transactions whose callers await in between.
 *
 * Durability (https://www.sqlite.org/pragma.html#pragma_synchronous, https://www.sqlite.org/wal.html):
 * with `synchronous = NORMAL` a commit is written to the WAL but synced to disk only at checkpoints,
 * so it survives the process dying and may be rolled back by a power loss (the file stays
 * consistent); `FULL` syncs the WAL at every commit.
 */
export class SqliteStore implements Store {
  private db!: Database.Database;
  private readonly writeLock = new Mutex();
  private tx!: StoreTx;
  private statements!: StatementCache;

  constructor(
    private readonly path: string,
    private readonly options: { durability?: Durability } = {},
  ) {}

  /**
   * Opens (or creates) the database and brings its schema up to date. A path that cannot hold
   * the store — empty, a directory, a directory that cannot be created, a file that is not SQLite,
   * a database a newer pclocal wrote — is refused with a StoreOpenError naming the path and why.
   */
  async open(): Promise<void> {
    if (this.path === "")
      throw new StoreOpenError('The store path is empty: give a file path or ":memory:".');
    if (this.path !== ":memory:") this.prepareDirectory();
    try {
      this.db = new Database(this.path);
      this.db.pragma("journal_mode = WAL");
      this.db.pragma(this.options.durability === "full" ? "synchronous = FULL" : "synchronous = NORMAL");
      this.db.pragma("foreign_keys = ON");
      this.db.pragma("busy_timeout = 5000");
      this.migrate();
    } catch (err) {
      if (this.db?.open) this.db.close();
      throw new StoreOpenError(`Cannot use ${this.path} as the store: ${reasonOf(err)}.`);
    }
    this.statements = new StatementCache(this.db);
    this.tx = sqliteRepositories(this.statements);
  }

  async close(): Promise<void> {
    await this.writeLock.run(async () => {
      if (this.db?.open) {
        this.db.pragma("wal_checkpoint(TRUNCATE)");
        this.db.close();
      }
    });
  }

  async transaction<T>(fn: (tx: StoreTx) => Promise<T>, options?: { readonly?: boolean }): Promise<T> {
    if (options?.readonly) return fn(this.tx);
    return this.writeLock.run(async () => {
      this.db.exec("BEGIN IMMEDIATE");
      try {
        const result = await fn(this.tx);
        this.db.exec("COMMIT");
        return result;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec("ROLLBACK");
        throw err;
      }
    });
  }

  async reset(): Promise<void> {
    await this.writeLock.run(async () => {
      this.db.exec(
        "DELETE FROM engagements; DELETE FROM engagement_members; DELETE FROM invitations; DELETE FROM idempotency; DELETE FROM events; DELETE FROM webhooks; DELETE FROM opportunities; DELETE FROM tasks; DELETE FROM resources; DELETE FROM solutions; DELETE FROM meta WHERE key LIKE 'seq:%';",
      );
    });
  }

  async durability(): Promise<Durability> {
    // 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA; this adapter sets only NORMAL or FULL.
    const level = this.db.pragma("synchronous", { simple: true }) as number;
    return level >= 2 ? "full" : "normal";
  }

  /** How many prepared statements the connection holds (at most its cache's capacity). */
  statementCacheSize(): number {
    return this.statements.size;
  }

  /** Version of the newest applied migration. */
  schemaVersion(): number {
    const row = this.db.prepare("SELECT MAX(version) AS v FROM schema_migrations").get() as {
      v: number | null;
    };
    return row.v ?? 0;
  }

  private prepareDirectory(): void {
    const isDirectory = (() => {
      try {
        return statSync(this.path).isDirectory();
      } catch {
        return false;
      }
    })();
    if (isDirectory) throw new StoreOpenError(`Cannot use ${this.path} as the store: it is a directory.`);
    const dir = dirname(this.path);
    try {
      mkdirSync(dir, { recursive: true });
    } catch (err) {
      throw new StoreOpenError(
        `Cannot use ${this.path} as the store: its directory ${dir} cannot be created (${(err as NodeJS.ErrnoException).code ?? err}).`,
      );
    }
  }

  private migrate(): void {
    this.db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)",
    );
    const applied = this.schemaVersion();
    const known = MIGRATIONS.at(-1)?.version ?? 0;
    if (applied > known) {
      throw new Error(
        `it was written by a newer version of pclocal (schema ${applied}; this one knows up to ${known}), so it is left untouched`,
      );
    }
    for (const step of MIGRATIONS) {
      if (step.version <= applied) continue;
      this.db.transaction(() => {
        this.db.exec(step.sql);
        this.db
          .prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)")
          .run(step.version, step.name, Date.now());
      })();
    }
  }
}

/** The store cannot be opened at the path it was given; the message says why. */
export class StoreOpenError extends Error {
  override name = "StoreOpenError";
}

/** SQLite's error codes in words a user can act on. */
function reasonOf(err: unknown): string {
  const code = (err as { code?: string }).code;
  switch (code) {
    case "SQLITE_NOTADB":
      return "it is not a SQLite database";
    case "SQLITE_CANTOPEN":
      return "the file cannot be opened or created there (is the directory writable?)";
    case "SQLITE_READONLY":
      return "it is read-only";
    case "SQLITE_CORRUPT":
      return "the database is corrupt";
    default:
      return err instanceof Error ? err.message : String(err);
  }
}
