import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { Mutex } from "../../util/mutex.js";
import type { Store, StoreTx } from "../port.js";
import { MIGRATIONS } from "./migrations.js";
import { sqliteRepositories } from "./sqlite-repos.js";
import { StatementCache } from "./statement-cache.js";

/**
 * SQLite adapter on better-sqlite3 in WAL mode. better-sqlite3 is synchronous, so every
 * repository call completes before the next line of a handler runs; the mutex only orders write
 * transactions whose callers await in between.
 */
export class SqliteStore implements Store {
  private db!: Database.Database;
  private readonly writeLock = new Mutex();
  private tx!: StoreTx;
  private statements!: StatementCache;

  constructor(private readonly path: string) {}

  async open(): Promise<void> {
    if (this.path !== ":memory:") mkdirSync(dirname(this.path), { recursive: true });
    this.db = new Database(this.path);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("foreign_keys = ON");
    this.db.pragma("busy_timeout = 5000");
    this.migrate();
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

  private migrate(): void {
    this.db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)",
    );
    const applied = this.schemaVersion();
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
