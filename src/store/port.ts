import type {
  Catalog,
  EngagementRecord,
  IdempotencyRecord,
  InvitationRecord,
  MemberRecord,
} from "./records.js";

/**
 * The store port. Handlers see only this; adapters (SQLite now, PostgreSQL next) implement it.
 * Every read is scoped by catalog, and stores return data or nothing: they never build wire errors.
 */
export interface Store {
  /** Opens the store and applies pending migrations. */
  open(): Promise<void>;
  close(): Promise<void>;
  /**
   * Runs `fn` atomically: all its writes land, or none. Write transactions are serialized.
   * `readonly` lets an adapter skip the write lock.
   */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>, options?: { readonly?: boolean }): Promise<T>;
  /** Drops all data (accounts live outside the store). */
  reset(): Promise<void>;
}

export interface StoreTx {
  engagements: EngagementRepository;
  members: MemberRepository;
  invitations: InvitationRepository;
  idempotency: IdempotencyRepository;
}

export interface EngagementRepository {
  get(catalog: Catalog, id: string): Promise<EngagementRecord | undefined>;
  /** Inserts or replaces by (catalog, id). */
  put(record: EngagementRecord): Promise<void>;
}

export interface MemberRepository {
  list(catalog: Catalog, engagementId: string): Promise<MemberRecord[]>;
  get(catalog: Catalog, engagementId: string, accountId: string): Promise<MemberRecord | undefined>;
  count(catalog: Catalog, engagementId: string): Promise<number>;
  /** Adds a member; adding an existing member changes nothing. */
  add(record: MemberRecord): Promise<void>;
}

export interface InvitationRepository {
  get(catalog: Catalog, id: string): Promise<InvitationRecord | undefined>;
  put(record: InvitationRecord): Promise<void>;
  /** Invitations into an engagement received by an account, oldest first. */
  listForReceiver(catalog: Catalog, engagementId: string, receiverAccountId: string): Promise<InvitationRecord[]>;
}

export interface IdempotencyRepository {
  get(accountId: string, operation: string, clientToken: string): Promise<IdempotencyRecord | undefined>;
  put(record: IdempotencyRecord): Promise<void>;
  /** Forgets records created before `epochMs`. */
  purgeBefore(epochMs: number): Promise<number>;
}
