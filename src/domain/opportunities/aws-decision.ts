import { invitationEvents, memberAddedEvents } from "../../events/engagement-events.js";
import type { StoreTx } from "../../store/port.js";
import type { InvitationRecord, OpportunityRecord } from "../../store/records.js";
import { touched } from "../engagements/touch.js";
import { AWS_ACTOR } from "../invitations/send-from-aws.js";
import { effectiveStatus } from "../invitations/status.js";

/**
 * AWS's review decides its invitation into the opportunity's engagement (the one
 * StartEngagementFromOpportunityTask sent): on Approved AWS accepts it and joins the engagement
 * (Engagement Invitation Accepted, Engagement Member Added); on Rejected it rejects it
 * (Engagement Invitation Rejected). Other outcomes leave the invitation pending.
 */
export async function awsAnswersSubmission(
  tx: StoreTx,
  opportunity: OpportunityRecord,
  reviewStatus: string,
  now: number,
): Promise<void> {
  if (reviewStatus !== "Approved" && reviewStatus !== "Rejected") return;
  const { catalog } = opportunity;
  const [task] = await tx.tasks.list({
    catalog,
    kind: "EngagementFromOpportunity",
    accountId: opportunity.ownerAccountId,
    opportunityIds: [opportunity.id],
    statuses: ["COMPLETE"],
    order: "DESCENDING",
    limit: 1,
  });
  if (!task?.engagementId) return;
  const engagement = await tx.engagements.get(catalog, task.engagementId);
  if (!engagement) return;
  const invitations = await tx.invitations.listForReceiver(catalog, engagement.id, AWS_ACTOR.accountId);
  const pending = invitations.find((inv) => effectiveStatus(inv, now) === "PENDING");
  if (!pending) return;

  if (reviewStatus === "Rejected") {
    const rejected: InvitationRecord = { ...pending, status: "REJECTED" };
    await tx.invitations.put(rejected);
    await tx.events.append(invitationEvents("Engagement Invitation Rejected", rejected, now));
    return;
  }
  const accepted: InvitationRecord = { ...pending, status: "ACCEPTED" };
  await tx.invitations.put(accepted);
  const member = {
    catalog,
    engagementId: engagement.id,
    accountId: AWS_ACTOR.accountId,
    companyName: AWS_ACTOR.companyName,
    websiteUrl: AWS_ACTOR.websiteUrl,
    joinedAt: now,
    engagementCreatedAt: engagement.createdAt,
  };
  await tx.members.add(member);
  await tx.engagements.put(touched(engagement, AWS_ACTOR.accountId, now));
  const members = await tx.members.list(catalog, engagement.id);
  await tx.events.append([
    ...invitationEvents("Engagement Invitation Accepted", accepted, now),
    ...memberAddedEvents(members, member, now),
  ]);
}
