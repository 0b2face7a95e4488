import { invitationEvents, memberAddedEvents } from "../../events/engagement-events.js";
import { accessDenied, conflict, quotaExceeded } from "../../protocol/errors.js";
import type { InvitationRecord } from "../../store/records.js";
import type { OperationContext } from "../context.js";
import { touched } from "../engagements/touch.js";
import { invitationForParty } from "./access.js";
import { MAX_ENGAGEMENT_MEMBERS } from "./create-engagement-invitation.js";
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
  if ((await tx.members.count(catalog, engagement.id)) >= MAX_ENGAGEMENT_MEMBERS) {
    throw quotaExceeded(`Engagement ${engagement.id} already has ${MAX_ENGAGEMENT_MEMBERS} members.`);
  }

  const accepted: InvitationRecord = { ...invitation, status: "ACCEPTED" };
  await tx.invitations.put(accepted);
  const member = {
    catalog,
    engagementId: engagement.id,
    accountId: caller.awsAccountId,
    companyName: caller.companyName,
    websiteUrl: caller.websiteUrl,
    joinedAt: now,
    engagementCreatedAt: engagement.createdAt,
  };
  await tx.members.add(member);
  await tx.engagements.put(touched(engagement, caller.awsAccountId, now));
  const members = await tx.members.list(catalog, engagement.id);
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
  const rejected: InvitationRecord = { ...invitation, status: "REJECTED" };
  if (reason !== undefined) rejected.rejectionReason = reason;
  await ctx.tx.invitations.put(rejected);
  await ctx.tx.events.append(invitationEvents("Engagement Invitation Rejected", rejected, ctx.now));
  return rejected;
}
