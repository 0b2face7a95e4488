import type { OperationTypes } from "../../model/generated/operations.js";
import type { InvitationRecord } from "../../store/records.js";
import { ARN_KIND, resolveIdentifier } from "../common/arns.js";
import { type Doc, obj } from "../common/doc.js";
import type { OperationContext } from "../context.js";
import { opportunityEvent } from "../events/opportunity-events.js";
import { acceptInvitation } from "../invitations/respond.js";
import { AWS_ACTOR } from "../invitations/send-from-aws.js";
import { insertOpportunity } from "../opportunities/new-opportunity.js";
import { startOpportunitySnapshotJob } from "../snapshots/jobs.js";
import { opportunityOfEngagement } from "./links.js";
import { startTask, type TaskExecutor } from "./run-task.js";
import { asTaskStep } from "./task-records.js";
import { tagCreatedOpportunity } from "./task-tags.js";

type Io = OperationTypes["StartEngagementByAcceptingInvitationTask"];

/** Drops undefined members, so the stored document has only what was given. */
export const compact = (d: Doc): Doc =>
  Object.fromEntries(Object.entries(d).filter(([, v]) => v !== undefined));

/**
 * A partner referral inherits the sender's review state ([DG-multi] in docs/sources.md, multi-partner
 * acceptance): Submitted while the sender's opportunity is with AWS, Approved otherwise.
 */
async function inheritedReviewStatus(ctx: OperationContext, invitation: InvitationRecord): Promise<string> {
  const senderOpportunityId = await opportunityOfEngagement(
    ctx,
    invitation.senderAccountId,
    invitation.engagementId,
  );
  const sender = senderOpportunityId
    ? await ctx.tx.opportunities.get(ctx.catalog, senderOpportunityId)
    : undefined;
  const status = obj(sender?.doc.LifeCycle).ReviewStatus;
  return status === "Submitted" || status === "In review" ? "Submitted" : "Approved";
}

/**
 * The receiver's new opportunity, from the invitation payload. An AWS referral is approved and
 * keeps the target date and spend; a partner referral leaves out what AWS does not copy between
 * partners (target close date, expected spend).
 */
async function receiverOpportunity(ctx: OperationContext, invitation: InvitationRecord): Promise<Doc> {
  const fromAws = invitation.senderAccountId === AWS_ACTOR.accountId;
  const customer = obj(invitation.payload.Customer);
  const project = obj(invitation.payload.Project);
  return {
    Origin: fromAws ? "AWS Referral" : "Partner Referral",
    Customer: {
      Account: compact({
        CompanyName: customer.CompanyName,
        Industry: customer.Industry,
        WebsiteUrl: customer.WebsiteUrl,
        Address: customer.CountryCode ? { CountryCode: customer.CountryCode } : undefined,
      }),
    },
    Project: compact({
      Title: project.Title,
      CustomerBusinessProblem: project.BusinessProblem,
      ExpectedCustomerSpend:
        fromAws && Array.isArray(project.ExpectedCustomerSpend) ? project.ExpectedCustomerSpend : [],
    }),
    LifeCycle: compact({
      Stage: "Prospect",
      TargetCloseDate: fromAws ? project.TargetCompletionDate : undefined,
      ReviewStatus: fromAws ? "Approved" : await inheritedReviewStatus(ctx, invitation),
    }),
  };
}

/**
 * Accepts the invitation (the caller becomes a member of its engagement) and, for an opportunity
 * invitation, creates the receiver's opportunity from the payload.
 */
export const acceptInvitationTask: TaskExecutor = {
  kind: "EngagementByAcceptingInvitation",
  async run(request, ctx) {
    const invitation = await asTaskStep(() => acceptInvitation(ctx, String(request.Identifier)), {
      ResourceNotFoundException: "InvitationAccessDenied",
      AccessDeniedException: "InvitationAccessDenied",
      ConflictException: "EngagementInvitationConflict",
    });
    const members: Doc = { EngagementInvitationId: invitation.id };
    if (invitation.payloadType === "OpportunityInvitation") {
      const opportunity = await insertOpportunity(ctx, await receiverOpportunity(ctx, invitation));
      await tagCreatedOpportunity(ctx, request, opportunity);
      if (opportunity.doc.Origin === "AWS Referral") {
        await ctx.tx.opportunities.put({
          ...opportunity,
          awsSummary: { Origin: "AWS Referral", InvolvementType: "Co-Sell", Visibility: "Full" },
        });
      }
      await ctx.tx.events.append(
        opportunityEvent(
          "Opportunity Updated",
          ctx.caller.awsAccountId,
          ctx.catalog,
          opportunity.id,
          ctx.now,
        ),
      );
      members.OpportunityId = opportunity.id;
      members.ResourceSnapshotJobId = await startOpportunitySnapshotJob(
        ctx,
        invitation.engagementId,
        opportunity.id,
      );
    }
    return { members, engagementId: invitation.engagementId };
  },
};

export async function startEngagementByAcceptingInvitationTask(
  input: Io["input"],
  ctx: OperationContext,
): Promise<Io["output"]> {
  const invitationId = resolveIdentifier(input.Identifier, ctx.catalog, ARN_KIND.invitation);
  return startTask(
    acceptInvitationTask,
    ctx,
    { Identifier: input.Identifier, Tags: input.Tags },
    { EngagementInvitationId: invitationId ?? input.Identifier },
  ) as Promise<Io["output"]>;
}
