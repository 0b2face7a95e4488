import type { StoreTx } from "../../store/port.js";
import type { Catalog, EngagementRecord, InvitationRecord } from "../../store/records.js";
import { newInvitationId } from "../../util/ids.js";
import { invitationEvents } from "../events/engagement-events.js";

export interface NewInvitation {
  catalog: Catalog;
  now: number;
  engagement: EngagementRecord;
  senderAccountId: string;
  senderCompanyName: string;
  receiverAccountId: string;
  receiverAlias?: string;
  payloadType: InvitationRecord["payloadType"];
  payload: Record<string, unknown>;
  invitationMessage?: string;
  expirationDate: number;
  enrichmentContext?: Record<string, unknown>;
}

/** Records a pending invitation; `ExistingMembers` shows the engagement's members at this instant. */
export async function issueInvitation(tx: StoreTx, n: NewInvitation): Promise<InvitationRecord> {
  const members = await tx.members.list(n.catalog, n.engagement.id);
  const record: InvitationRecord = {
    catalog: n.catalog,
    id: newInvitationId(),
    engagementId: n.engagement.id,
    engagementTitle: n.engagement.title,
    engagementDescription: n.engagement.description,
    payloadType: n.payloadType,
    payload: n.payload,
    invitationMessage: n.invitationMessage,
    senderAccountId: n.senderAccountId,
    senderCompanyName: n.senderCompanyName,
    receiverAccountId: n.receiverAccountId,
    receiverAlias: n.receiverAlias,
    invitationDate: n.now,
    expirationDate: n.expirationDate,
    status: "PENDING",
    existingMembers: members.map((m) => {
      const summary: { CompanyName: string; WebsiteUrl?: string } = { CompanyName: m.companyName };
      if (m.websiteUrl !== undefined) summary.WebsiteUrl = m.websiteUrl;
      return summary;
    }),
  };
  if (n.enrichmentContext) record.enrichmentContext = n.enrichmentContext;
  await tx.invitations.put(record);
  await tx.events.append(invitationEvents("Engagement Invitation Created", record, n.now));
  return record;
}
