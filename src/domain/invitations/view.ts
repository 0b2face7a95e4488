import type { OperationTypes } from "../../model/generated/operations.js";
import type { InvitationRecord } from "../../store/records.js";
import { isoTime } from "../../util/clock.js";
import { invitationArn } from "../common/arns.js";
import { effectiveStatus } from "./status.js";

type Output = OperationTypes["GetEngagementInvitation"]["output"];

/** GetEngagementInvitation's answer. A receiver who rejected keeps the summary but not the payload. */
export function invitationView(inv: InvitationRecord, viewerAccountId: string, now: number): Output {
  const status = effectiveStatus(inv, now);
  const hidePayload = status === "REJECTED" && viewerAccountId === inv.receiverAccountId;
  return {
    Arn: invitationArn(inv.catalog, inv.id),
    PayloadType: inv.payloadType,
    Id: inv.id,
    EngagementId: inv.engagementId,
    EngagementTitle: inv.engagementTitle,
    Status: status,
    InvitationDate: isoTime(inv.invitationDate),
    ExpirationDate: isoTime(inv.expirationDate),
    SenderAwsAccountId: inv.senderAccountId,
    SenderCompanyName: inv.senderCompanyName,
    Receiver: receiverOf(inv),
    Catalog: inv.catalog,
    RejectionReason: inv.rejectionReason,
    Payload: hidePayload ? undefined : ({ [inv.payloadType]: inv.payload } as Output["Payload"]),
    InvitationMessage: inv.invitationMessage,
    EngagementDescription: inv.engagementDescription,
    ExistingMembers: inv.existingMembers,
  } as Output;
}

/** `Receiver`, a union whose only member is the receiving account. */
export function receiverOf(inv: InvitationRecord): { Account: { AwsAccountId: string; Alias?: string } } {
  const account: { AwsAccountId: string; Alias?: string } = { AwsAccountId: inv.receiverAccountId };
  if (inv.receiverAlias !== undefined) account.Alias = inv.receiverAlias;
  return { Account: account };
}
