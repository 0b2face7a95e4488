/**
 * What the store keeps. Documents are JSON-ready values in wire shape; the fields beside them are
 * the ones queries filter and sort on. Times are epoch milliseconds.
 */

export type Catalog = "AWS" | "Sandbox";

export interface EngagementContextRecord {
  Id: string;
  Type: string;
  Payload?: Record<string, unknown>;
}

export interface EngagementRecord {
  catalog: Catalog;
  id: string;
  /** Absent when the creator gave none (the model makes both optional). */
  title?: string;
  description?: string;
  createdAt: number;
  createdBy: string;
  modifiedAt: number;
  modifiedBy: string;
  contexts: EngagementContextRecord[];
}

export interface MemberRecord {
  catalog: Catalog;
  engagementId: string;
  accountId: string;
  companyName: string;
  websiteUrl?: string;
  joinedAt: number;
  /** The engagement's creation time, kept here so a member's engagements page by it. */
  engagementCreatedAt: number;
}

export type StoredInvitationStatus = "PENDING" | "ACCEPTED" | "REJECTED";

export interface InvitationRecord {
  catalog: Catalog;
  id: string;
  engagementId: string;
  engagementTitle?: string;
  engagementDescription?: string;
  payloadType: "OpportunityInvitation" | "LeadInvitation";
  payload: Record<string, unknown>;
  invitationMessage?: string;
  senderAccountId: string;
  senderCompanyName: string;
  receiverAccountId: string;
  receiverAlias?: string;
  invitationDate: number;
  expirationDate: number;
  /** EXPIRED is derived from `expirationDate` and the clock, never stored. */
  status: StoredInvitationStatus;
  rejectionReason?: string;
  existingMembers: { CompanyName?: string; WebsiteUrl?: string }[];
  /** AWS's `EnrichmentContext` for the receiver (AWS-sent invitations only). */
  enrichmentContext?: Record<string, unknown>;
}

/** A remembered idempotent request: same token and input → the same response. */
export interface IdempotencyRecord {
  accountId: string;
  operation: string;
  clientToken: string;
  inputHash: string;
  response: unknown;
  createdAt: number;
}

/** An EventBridge-shaped event delivered to one account. */
export interface EventRecord {
  /** Position in the log; ascending per account. Assigned by the store. */
  seq: number;
  accountId: string;
  catalog: Catalog;
  time: number;
  detailType: string;
  /** The whole EventBridge envelope, as delivered. */
  event: Record<string, unknown>;
}

export interface WebhookRecord {
  id: string;
  accountId: string;
  url: string;
  createdAt: number;
  /** The newest event seq delivered to this hook. */
  deliveredSeq: number;
}

export type SortOrder = "ASCENDING" | "DESCENDING";

/** Where the previous page ended: the sort value and id of its last item. */
export interface KeysetCursor {
  sort: number | string;
  id: string;
}

export interface InvitationQuery {
  catalog: Catalog;
  participant: "SENDER" | "RECEIVER";
  accountId: string;
  /** Virtual-clock time, which decides PENDING versus EXPIRED. */
  now: number;
  payloadTypes?: string[];
  statuses?: string[];
  engagementIds?: string[];
  senderAccountIds?: string[];
  order: SortOrder;
  after?: KeysetCursor;
  limit: number;
}

export interface EngagementQuery {
  catalog: Catalog;
  memberAccountId: string;
  createdBy?: string[];
  excludeCreatedBy?: string[];
  contextTypes?: string[];
  excludeContextTypes?: string[];
  ids?: string[];
  order: SortOrder;
  after?: KeysetCursor;
  limit: number;
}

/** A partner's opportunity: the GetOpportunity document plus what the server keeps beside it. */
export interface OpportunityRecord {
  catalog: Catalog;
  id: string;
  ownerAccountId: string;
  createdAt: number;
  lastModifiedAt: number;
  /** GetOpportunity's members other than Id, Arn, Catalog, CreatedDate, LastModifiedDate. */
  doc: Record<string, unknown>;
  /** AWS's side (GetAwsOpportunitySummary), once AWS has one. */
  awsSummary?: Record<string, unknown>;
}

/** Where a walk over opportunities awaiting AWS's review left off. */
export interface ReviewCursor {
  submittedAt: number;
  catalog: Catalog;
  id: string;
}

export interface OpportunityQuery {
  catalog: Catalog;
  ownerAccountId: string;
  ids?: string[];
  stages?: string[];
  reviewStatuses?: string[];
  customerCompanyNames?: string[];
  lastModifiedAfter?: number;
  lastModifiedBefore?: number;
  createdAfter?: number;
  createdBefore?: number;
  /** `YYYY-MM-DD`, compared as text. */
  targetCloseAfter?: string;
  targetCloseBefore?: string;
  sortBy: "LastModifiedDate" | "Identifier" | "CustomerCompanyName" | "CreatedDate" | "TargetCloseDate";
  order: SortOrder;
  after?: KeysetCursor;
  limit: number;
}

export type TaskKind =
  | "EngagementByAcceptingInvitation"
  | "EngagementFromOpportunity"
  | "OpportunityFromEngagement"
  | "ProspectingFromEngagement";

/** A task of one of the Start…Task operations; `doc` is its summary in wire shape. */
export interface TaskRecord {
  catalog: Catalog;
  id: string;
  kind: TaskKind;
  accountId: string;
  startTime: number;
  status: "IN_PROGRESS" | "COMPLETE" | "FAILED";
  opportunityId?: string;
  engagementId?: string;
  invitationId?: string;
  contextId?: string;
  /** When an IN_PROGRESS task completes (delayed-task mode). */
  completesAt?: number;
  /** The task's name, where its kind has one (prospecting tasks): filtered and sorted on. */
  name?: string;
  /** How many of its engagements failed, where its kind counts them (prospecting tasks). */
  failedCount?: number;
  doc: Record<string, unknown>;
}

export interface TaskQuery {
  catalog: Catalog;
  kind: TaskKind;
  accountId: string;
  statuses?: string[];
  ids?: string[];
  opportunityIds?: string[];
  engagementIds?: string[];
  invitationIds?: string[];
  contextIds?: string[];
  /** Exact task names. */
  names?: string[];
  /** Started strictly after / strictly before (epoch ms). */
  startAfter?: number;
  startBefore?: number;
  /** The sort field (then id); start time unless given. */
  sortBy?: "startTime" | "name" | "failedCount";
  order: SortOrder;
  after?: KeysetCursor;
  limit: number;
}

/** A solution a partner added or changed (the catalog's defaults live in the domain). */
export interface SolutionRecord {
  catalog: Catalog;
  ownerAccountId: string;
  /** `S-` and digits; unique per owner and catalog. */
  id: string;
  name: string;
  status: string;
  category: string;
  createdAt: number;
  awsMarketplaceSolutionArn?: string;
}

export interface SolutionQuery {
  catalog: Catalog;
  ownerAccountId: string;
  ids?: string[];
  statuses?: string[];
  categories?: string[];
  /** Solutions whose AWS Marketplace listing is one of these. */
  awsMarketplaceSolutionArns?: string[];
  sortBy: "id" | "name" | "status" | "category" | "createdAt";
  order: SortOrder;
  after?: KeysetCursor;
  limit: number;
}

/**
 * A resource kept as a document with a few indexed fields: snapshots, snapshot jobs, solutions,
 * selling-system settings, tags, prospecting tasks. `kind` names the resource type.
 */
export interface ResourceRecord {
  kind: string;
  catalog: Catalog;
  id: string;
  ownerAccountId: string;
  /** The resource it belongs to, e.g. a snapshot's engagement. */
  parentId?: string;
  status?: string;
  createdAt: number;
  /** A secondary text sort key (a name, a category, a snapshot's template). */
  sortKey?: string;
  /** The resource it is about, e.g. the opportunity of a snapshot job or a snapshot. */
  refId?: string;
  doc: Record<string, unknown>;
}

export interface ResourceQuery {
  kind: string;
  catalog: Catalog;
  ownerAccountId?: string;
  parentIds?: string[];
  /** Only resources whose parent is an engagement this account is a member of. */
  parentMemberAccountId?: string;
  ids?: string[];
  statuses?: string[];
  sortKeys?: string[];
  refIds?: string[];
  sortBy: "createdAt" | "id" | "sortKey";
  order: SortOrder;
  after?: KeysetCursor;
  limit: number;
}
