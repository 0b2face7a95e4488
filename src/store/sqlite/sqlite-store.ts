import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { Mutex } from "../../util/mutex.js";
import type { Store, StoreTx } from "../port.js";
import type {
  Catalog,
  EngagementRecord,
  IdempotencyRecord,
  InvitationRecord,
  MemberRecord,
} from "../records.js";
import { MIGRATIONS } from "./migrations.js";

type Statement = Database.Statement<unknown[], unknown>;

/**
 * SQLite adapter on better-sqlite3 in WAL mode. better-sqlite3 is synchronous, so every
 * repository call completes before the next line of a handler runs; the mutex only orders write
 * transactions whose callers await in between.
 */
export class SqliteStore implements Store {
  private db!: Database.Database;
  private readonly writeLock = new Mutex();
  private statements = new Map<string, Statement>();
  private tx!: StoreTx;

  constructor(private readonly path: string) {}

  async open(): Promise<void> {
    if (this.path !== ":memory:") mkdirSync(dirname(this.path), { recursive: true });
    this.db = new Database(this.path);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("foreign_keys = ON");
    this.db.pragma("busy_timeout = 5000");
    this.migrate();
    this.tx = this.buildTx();
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
        "DELETE FROM engagements; DELETE FROM engagement_members; DELETE FROM invitations; DELETE FROM idempotency;",
      );
    });
  }

  /** Version of the newest applied migration. */
  schemaVersion(): number {
    const row = this.db.prepare("SELECT MAX(version) AS v FROM schema_migrations").get() as { v: number | null };
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

  private stmt(sql: string): Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  private buildTx(): StoreTx {
    const docOf = <T>(row: unknown): T | undefined =>
      row === undefined ? undefined : (JSON.parse((row as { doc: string }).doc) as T);
    const docsOf = <T>(rows: unknown[]): T[] => rows.map((r) => JSON.parse((r as { doc: string }).doc) as T);

    return {
      engagements: {
        get: async (catalog: Catalog, id: string) =>
          docOf<EngagementRecord>(this.stmt("SELECT doc FROM engagements WHERE catalog = ? AND id = ?").get(catalog, id)),
        put: async (r: EngagementRecord) => {
          this.stmt(
            `INSERT INTO engagements (catalog, id, created_by, created_at, modified_at, doc) VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (catalog, id) DO UPDATE SET modified_at = excluded.modified_at, doc = excluded.doc`,
          ).run(r.catalog, r.id, r.createdBy, r.createdAt, r.modifiedAt, JSON.stringify(r));
        },
      },
      members: {
        list: async (catalog: Catalog, engagementId: string) =>
          docsOf<MemberRecord>(
            this.stmt(
              "SELECT doc FROM engagement_members WHERE catalog = ? AND engagement_id = ? ORDER BY joined_at, account_id",
            ).all(catalog, engagementId),
          ),
        get: async (catalog: Catalog, engagementId: string, accountId: string) =>
          docOf<MemberRecord>(
            this.stmt(
              "SELECT doc FROM engagement_members WHERE catalog = ? AND engagement_id = ? AND account_id = ?",
            ).get(catalog, engagementId, accountId),
          ),
        count: async (catalog: Catalog, engagementId: string) =>
          (
            this.stmt("SELECT COUNT(*) AS n FROM engagement_members WHERE catalog = ? AND engagement_id = ?").get(
              catalog,
              engagementId,
            ) as { n: number }
          ).n,
        add: async (r: MemberRecord) => {
          this.stmt(
            `INSERT INTO engagement_members (catalog, engagement_id, account_id, joined_at, doc) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT DO NOTHING`,
          ).run(r.catalog, r.engagementId, r.accountId, r.joinedAt, JSON.stringify(r));
        },
      },
      invitations: {
        get: async (catalog: Catalog, id: string) =>
          docOf<InvitationRecord>(this.stmt("SELECT doc FROM invitations WHERE catalog = ? AND id = ?").get(catalog, id)),
        put: async (r: InvitationRecord) => {
          this.stmt(
            `INSERT INTO invitations (catalog, id, engagement_id, sender_account_id, receiver_account_id, status,
               payload_type, invitation_date, expiration_date, doc)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (catalog, id) DO UPDATE SET status = excluded.status, doc = excluded.doc`,
          ).run(
            r.catalog,
            r.id,
            r.engagementId,
            r.senderAccountId,
            r.receiverAccountId,
            r.status,
            r.payloadType,
            r.invitationDate,
            r.expirationDate,
            JSON.stringify(r),
          );
        },
        listForReceiver: async (catalog: Catalog, engagementId: string, receiverAccountId: string) =>
          docsOf<InvitationRecord>(
            this.stmt(
              `SELECT doc FROM invitations WHERE catalog = ? AND engagement_id = ? AND receiver_account_id = ?
               ORDER BY invitation_date, id`,
            ).all(catalog, engagementId, receiverAccountId),
          ),
      },
      idempotency: {
        get: async (accountId: string, operation: string, clientToken: string) => {
          const row = this.stmt(
            "SELECT input_hash, response, created_at FROM idempotency WHERE account_id = ? AND operation = ? AND client_token = ?",
          ).get(accountId, operation, clientToken) as
            | { input_hash: string; response: string; created_at: number }
            | undefined;
          if (!row) return undefined;
          return {
            accountId,
            operation,
            clientToken,
            inputHash: row.input_hash,
            response: JSON.parse(row.response),
            createdAt: row.created_at,
          } satisfies IdempotencyRecord;
        },
        put: async (r: IdempotencyRecord) => {
          this.stmt(
            `INSERT INTO idempotency (account_id, operation, client_token, input_hash, response, created_at)
             VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (account_id, operation, client_token) DO UPDATE SET
               input_hash = excluded.input_hash, response = excluded.response, created_at = excluded.created_at`,
          ).run(r.accountId, r.operation, r.clientToken, r.inputHash, JSON.stringify(r.response), r.createdAt);
        },
        purgeBefore: async (epochMs: number) =>
          this.stmt("DELETE FROM idempotency WHERE created_at < ?").run(epochMs).changes,
      },
    };
  }
}
