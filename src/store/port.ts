import type {
  Catalog,
  EngagementQuery,
  EngagementRecord,
  EventRecord,
  IdempotencyRecord,
  InvitationQuery,
  InvitationRecord,
  KeysetCursor,
  MemberRecord,
  OpportunityQuery,
  OpportunityRecord,
  ResourceQuery,
  ResourceRecord,
  ReviewCursor,
  SolutionQuery,
  SolutionRecord,
  TaskQuery,
  TaskRecord,
  WebhookRecord,
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
   * `readonly` lets an adapter skip the write lock; such a read may see the writes of a write
   * transaction that is paused at an await (the SQLite adapter shares one connection), so code that
   * must not see uncommitted rows (e.g. event delivery) reads inside a write transaction.
   */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>, options?: { readonly?: boolean }): Promise<T>;
  /** Drops all data (accounts live outside the store). */
  reset(): Promise<void>;
  /** What a commit survives, as the store reports it (SQLite: `PRAGMA synchronous` read back). */
  durability(): Promise<Durability>;
}

/**
 * `normal`: a committed write survives a crash of the process, and may be lost with the last
 * moments before a power loss or OS crash; `full`: it survives those too, at the cost of a sync
 * to disk per commit.
 */
export type Durability = "normal" | "full";

export interface StoreTx {
  engagements: EngagementRepository;
  members: MemberRepository;
  invitations: InvitationRepository;
  idempotency: IdempotencyRepository;
  events: EventRepository;
  webhooks: WebhookRepository;
  meta: MetaRepository;
  opportunities: OpportunityRepository;
  tasks: TaskRepository;
  resources: ResourceRepository;
  solutions: SolutionRepository;
}

export interface EngagementRepository {
  get(catalog: Catalog, id: string): Promise<EngagementRecord | undefined>;
  /** Inserts or replaces by (catalog, id). */
  put(record: EngagementRecord): Promise<void>;
  /** Engagements the account is a member of, by creation time then id; at most `limit`. */
  listForMember(query: EngagementQuery): Promise<EngagementRecord[]>;
}

export interface MemberRepository {
  list(catalog: Catalog, engagementId: string): Promise<MemberRecord[]>;
  get(catalog: Catalog, engagementId: string, accountId: string): Promise<MemberRecord | undefined>;
  count(catalog: Catalog, engagementId: string): Promise<number>;
  /** Adds a member; adding an existing member changes nothing. */
  add(record: MemberRecord): Promise<void>;
  /** Members by join time then account id, after `after`; at most `limit`. */
  page(
    catalog: Catalog,
    engagementId: string,
    after: KeysetCursor | undefined,
    limit: number,
  ): Promise<MemberRecord[]>;
}

export interface InvitationRepository {
  get(catalog: Catalog, id: string): Promise<InvitationRecord | undefined>;
  put(record: InvitationRecord): Promise<void>;
  /** Invitations into an engagement received by an account, oldest first. */
  listForReceiver(
    catalog: Catalog,
    engagementId: string,
    receiverAccountId: string,
  ): Promise<InvitationRecord[]>;
  /** Invitations sent or received by an account, filtered, by invitation date then id. */
  list(query: InvitationQuery): Promise<InvitationRecord[]>;
  /** Pending invitations whose expiry instant passed and whose expiry was not yet announced. */
  expiredUnannounced(now: number, limit: number): Promise<InvitationRecord[]>;
  markExpiryAnnounced(catalog: Catalog, id: string): Promise<void>;
}

export interface IdempotencyRepository {
  get(accountId: string, operation: string, clientToken: string): Promise<IdempotencyRecord | undefined>;
  put(record: IdempotencyRecord): Promise<void>;
  /** Forgets records created before `epochMs`. */
  purgeBefore(epochMs: number): Promise<number>;
}

export interface EventRepository {
  /** Appends events in order and returns them with their sequence numbers. */
  append(events: Omit<EventRecord, "seq">[]): Promise<EventRecord[]>;
  /** An account's events after `afterSeq`, oldest first. */
  listAfter(accountId: string, afterSeq: number, limit: number): Promise<EventRecord[]>;
  /** The seq of the account's newest event; 0 when it has none. */
  lastSeq(accountId: string): Promise<number>;
}

export interface WebhookRepository {
  put(record: WebhookRecord): Promise<void>;
  list(): Promise<WebhookRecord[]>;
  get(id: string): Promise<WebhookRecord | undefined>;
  delete(id: string): Promise<boolean>;
  setDelivered(id: string, seq: number): Promise<void>;
}

/** Small settings the server keeps with its data (e.g. the page-token key). */
export interface MetaRepository {
  get(key: string): Promise<string | undefined>;
  put(key: string, value: string): Promise<void>;
}

export interface OpportunityRepository {
  get(catalog: Catalog, id: string): Promise<OpportunityRecord | undefined>;
  /** Inserts or replaces by (catalog, id). */
  put(record: OpportunityRecord): Promise<void>;
  /** The next opportunity id of the catalog: `O` and an increasing number. */
  nextId(catalog: Catalog): Promise<string>;
  /** An owner's opportunities, filtered, keyset-paged by the sort field then id. */
  list(query: OpportunityQuery): Promise<OpportunityRecord[]>;
  /**
   * Submitted or In review opportunities (any owner, any catalog) submitted to AWS at or before
   * `submittedBefore`, by submission time, after the position `after` left off; at most `limit`.
   * The submission time is AWS's summary's `_submittedAt`.
   */
  awaitingReview(
    submittedBefore: number,
    after: ReviewCursor | undefined,
    limit: number,
  ): Promise<OpportunityRecord[]>;
}

export interface TaskRepository {
  get(catalog: Catalog, id: string): Promise<TaskRecord | undefined>;
  put(record: TaskRecord): Promise<void>;
  /** An account's tasks of one kind, filtered, keyset-paged by the sort field (start time) then id. */
  list(query: TaskQuery): Promise<TaskRecord[]>;
  /** IN_PROGRESS tasks whose completion time has come. */
  due(now: number, limit: number): Promise<TaskRecord[]>;
}

export interface ResourceRepository {
  get(kind: string, catalog: Catalog, id: string): Promise<ResourceRecord | undefined>;
  /** Inserts or replaces by (kind, catalog, id). */
  put(record: ResourceRecord): Promise<void>;
  delete(kind: string, catalog: Catalog, id: string): Promise<boolean>;
  /** Resources of a kind, filtered, keyset-paged by the sort field then id. */
  list(query: ResourceQuery): Promise<ResourceRecord[]>;
}

export interface SolutionRepository {
  get(catalog: Catalog, ownerAccountId: string, id: string): Promise<SolutionRecord | undefined>;
  /** Inserts or replaces by (catalog, owner, id). */
  put(record: SolutionRecord): Promise<void>;
  /** An owner's solutions, filtered, keyset-paged by the sort field then id. */
  list(query: SolutionQuery): Promise<SolutionRecord[]>;
}
