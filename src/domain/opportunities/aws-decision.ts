import type { StoreTx } from "../../store/port.js";
import type { OpportunityRecord } from "../../store/records.js";
import { admitReceiver, markRejected } from "../invitations/respond.js";
import { AWS_ACTOR } from "../invitations/send-from-aws.js";
import { pendingInvitationTo } from "../invitations/status.js";

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
  const pending = await pendingInvitationTo(tx, catalog, engagement.id, AWS_ACTOR.accountId, now);
  if (!pending) return;

  if (reviewStatus === "Rejected") {
    await markRejected(tx, pending, undefined, now);
    return;
  }
  await admitReceiver(
    tx,
    pending,
    engagement,
    {
      awsAccountId: AWS_ACTOR.accountId,
      companyName: AWS_ACTOR.companyName,
      websiteUrl: AWS_ACTOR.websiteUrl,
    },
    now,
  );
}
