import type { OperationTypes } from "../../model/generated/operations.js";
import type { InvitationRecord } from "../../store/records.js";
import { isoTime } from "../../util/clock.js";
import { invitationArn } from "../common/arns.js";
import { visibleEnrichment } from "./enrichment.js";
import { effectiveStatus } from "./status.js";

type Output = OperationTypes["GetEngagementInvitation"]["output"];
type Summary = NonNullable<
  OperationTypes["ListEngagementInvitations"]["output"]["EngagementInvitationSummaries"]
>[number];

/** The members an invitation's summary (ListEngagementInvitations) and its full view share. */
export function invitationSummary(inv: InvitationRecord, now: number) {
  return {
    Arn: invitationArn(inv.catalog, inv.id),
    PayloadType: inv.payloadType,
    Id: inv.id,
    EngagementId: inv.engagementId,
    EngagementTitle: inv.engagementTitle,
    Status: effectiveStatus(inv, now),
    InvitationDate: isoTime(inv.invitationDate),
    ExpirationDate: isoTime(inv.expirationDate),
    SenderAwsAccountId: inv.senderAccountId,
    SenderCompanyName: inv.senderCompanyName,
    Receiver: receiverOf(inv),
    Catalog: inv.catalog,
  } satisfies Summary;
}

/** GetEngagementInvitation's answer. A receiver who rejected keeps the summary but not the payload. */
export function invitationView(inv: InvitationRecord, viewerAccountId: string, now: number): Output {
  const summary = invitationSummary(inv, now);
  const hidePayload = summary.Status === "REJECTED" && viewerAccountId === inv.receiverAccountId;
  return {
    ...summary,
    RejectionReason: inv.rejectionReason,
    Payload: hidePayload ? undefined : ({ [inv.payloadType]: inv.payload } as Output["Payload"]),
    InvitationMessage: inv.invitationMessage,
    EngagementDescription: inv.engagementDescription,
    ExistingMembers: inv.existingMembers,
    EnrichmentContext: visibleEnrichment(inv, viewerAccountId, hidePayload),
  } as Output;
}

/** `Receiver`, a union whose only member is the receiving account. */
export function receiverOf(inv: InvitationRecord): { Account: { AwsAccountId: string; Alias?: string } } {
  const account: { AwsAccountId: string; Alias?: string } = { AwsAccountId: inv.receiverAccountId };
  if (inv.receiverAlias !== undefined) account.Alias = inv.receiverAlias;
  return { Account: account };
}
