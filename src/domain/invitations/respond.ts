import { accessDenied, conflict } from "../../errors.js";
import type { StoreTx } from "../../store/port.js";
import type { EngagementRecord, InvitationRecord } from "../../store/records.js";
import type { OperationContext } from "../context.js";
import { touched } from "../engagements/touch.js";
import { invitationEvents, memberAddedEvents } from "../events/engagement-events.js";
import { invitationForParty } from "./access.js";
import { requireRoomForPartner } from "./partner-limit.js";
import { effectiveStatus } from "./status.js";

/** Only the receiver answers an invitation, and only while it is PENDING. */
async function pendingForReceiver(
  ctx: OperationContext,
  identifier: string,
  verb: string,
): Promise<InvitationRecord> {
  const invitation = await invitationForParty(ctx, identifier);
  if (invitation.receiverAccountId !== ctx.caller.awsAccountId) {
    throw accessDenied(`Only the receiver of invitation ${invitation.id} can ${verb} it.`);
  }
  const status = effectiveStatus(invitation, ctx.now);
  if (status !== "PENDING") {
    throw conflict(`Invitation ${invitation.id} is ${status} and can no longer be ${verb}ed.`);
  }
  return invitation;
}

/** The receiver accepts: it becomes a member of the engagement. */
export async function acceptInvitation(ctx: OperationContext, identifier: string): Promise<InvitationRecord> {
  const invitation = await pendingForReceiver(ctx, identifier, "accept");
  const { tx, catalog, now, caller } = ctx;
  const engagement = await tx.engagements.get(catalog, invitation.engagementId);
  if (!engagement) throw conflict(`The engagement of invitation ${invitation.id} no longer exists.`);
  await requireRoomForPartner(tx, catalog, engagement.id);

  return admitReceiver(tx, invitation, engagement, caller, now);
}

/**
 * Marks the invitation ACCEPTED and makes its receiver a member of the engagement (which it
 * touches), announcing Engagement Invitation Accepted and Engagement Member Added.
 */
export async function admitReceiver(
  tx: StoreTx,
  invitation: InvitationRecord,
  engagement: EngagementRecord,
  receiver: { awsAccountId: string; companyName: string; websiteUrl?: string },
  now: number,
): Promise<InvitationRecord> {
  const accepted: InvitationRecord = { ...invitation, status: "ACCEPTED" };
  await tx.invitations.put(accepted);
  const member = {
    catalog: engagement.catalog,
    engagementId: engagement.id,
    accountId: receiver.awsAccountId,
    companyName: receiver.companyName,
    websiteUrl: receiver.websiteUrl,
    joinedAt: now,
    engagementCreatedAt: engagement.createdAt,
  };
  await tx.members.add(member);
  await tx.engagements.put(touched(engagement, receiver.awsAccountId, now));
  const members = await tx.members.list(engagement.catalog, engagement.id);
  await tx.events.append([
    ...invitationEvents("Engagement Invitation Accepted", accepted, now),
    ...memberAddedEvents(members, member, now),
  ]);
  return accepted;
}

/** The receiver rejects: the reason is kept; the receiver keeps the summary but loses the payload. */
export async function rejectInvitation(
  ctx: OperationContext,
  identifier: string,
  reason: string | undefined,
): Promise<InvitationRecord> {
  const invitation = await pendingForReceiver(ctx, identifier, "reject");
  return markRejected(ctx.tx, invitation, reason, ctx.now);
}

/** Marks the invitation REJECTED (keeping the reason) and announces Engagement Invitation Rejected. */
export async function markRejected(
  tx: StoreTx,
  invitation: InvitationRecord,
  reason: string | undefined,
  now: number,
): Promise<InvitationRecord> {
  const rejected: InvitationRecord = { ...invitation, status: "REJECTED" };
  if (reason !== undefined) rejected.rejectionReason = reason;
  await tx.invitations.put(rejected);
  await tx.events.append(invitationEvents("Engagement Invitation Rejected", rejected, now));
  return rejected;
}
