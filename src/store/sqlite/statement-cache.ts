import type Database from "better-sqlite3";

export type Statement = Database.Statement<unknown[], unknown>;

/**
 * How many prepared statements a connection keeps. Lists build their SQL from the filters a
 * request names (one `IN (?, …)` per list length), so client input decides how many distinct
 * statements exist; each holds several KiB. The hot ones (gets, puts, unfiltered pages) stay
 * cached; a rare filter shape is prepared again when it comes back.
 */
export const STATEMENT_CACHE_SIZE = 256;

/** Prepared statements by SQL text, least recently used dropped first. */
export class StatementCache {
  private readonly statements = new Map<string, Statement>();

  constructor(
    private readonly db: Database.Database,
    readonly capacity = STATEMENT_CACHE_SIZE,
  ) {}

  get size(): number {
    return this.statements.size;
  }

  prepare(sql: string): Statement {
    const cached = this.statements.get(sql);
    if (cached) {
      // Map keeps insertion order: moving the entry to the end marks it most recently used.
      this.statements.delete(sql);
      this.statements.set(sql, cached);
      return cached;
    }
    const statement = this.db.prepare(sql);
    this.statements.set(sql, statement);
    if (this.statements.size > this.capacity) {
      const oldest = this.statements.keys().next().value as string;
      this.statements.delete(oldest);
    }
    return statement;
  }
}
