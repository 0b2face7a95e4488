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
  title: string;
  description: string;
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
}

export type StoredInvitationStatus = "PENDING" | "ACCEPTED" | "REJECTED";

export interface InvitationRecord {
  catalog: Catalog;
  id: string;
  engagementId: string;
  engagementTitle: string;
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
