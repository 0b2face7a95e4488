import type { OperationTypes } from "../../model/generated/operations.js";
import type { EngagementRecord, MemberRecord, OpportunityRecord } from "../../store/records.js";
import { newEngagementId } from "../../util/ids.js";
import { ARN_KIND, resolveIdentifier } from "../common/arns.js";
import { type Doc, obj } from "../common/doc.js";
import type { OperationContext } from "../context.js";
import { numberContexts } from "../engagements/contexts.js";
import { engagementCreatedEvents, memberAddedEvents } from "../events/engagement-events.js";
import { issueInvitation } from "../invitations/issue-invitation.js";
import { AWS_ACTOR } from "../invitations/send-from-aws.js";
import { pendingInvitationTo } from "../invitations/status.js";
import { submitForReview } from "../opportunities/submit-opportunity.js";
import { startOpportunitySnapshotJob } from "../snapshots/jobs.js";
import { compact } from "./accept-invitation-task.js";
import { engagementOfOpportunity } from "./links.js";
import { startTask, type TaskExecutor } from "./run-task.js";
import { asTaskStep, TaskFailure } from "./task-records.js";
import { tagCreatedOpportunity } from "./task-tags.js";

type Io = OperationTypes["StartEngagementFromOpportunityTask"];

const truncate = (s: string, n: number) => [...s].slice(0, n).join("");

/** The caller's own opportunity; anyone else's is as good as missing. */
async function ownOpportunity(ctx: OperationContext, identifier: string): Promise<OpportunityRecord> {
  const id = resolveIdentifier(identifier, ctx.catalog, ARN_KIND.opportunity);
  const record = id ? await ctx.tx.opportunities.get(ctx.catalog, id) : undefined;
  if (!record || record.ownerAccountId !== ctx.caller.awsAccountId) {
    throw new TaskFailure(
      "OpportunityAccessDenied",
      `Opportunity ${identifier} was not found or does not belong to the caller.`,
    );
  }
  return record;
}

/** The opportunity's parts the engagement context and the invitation to AWS are made of. */
function customerAndProject(opportunity: OpportunityRecord) {
  const account = obj(obj(opportunity.doc.Customer).Account);
  const project = obj(opportunity.doc.Project);
  const lifeCycle = obj(opportunity.doc.LifeCycle);
  const customer = compact({
    Industry: account.Industry,
    CompanyName: account.CompanyName,
    WebsiteUrl: account.WebsiteUrl,
    CountryCode: obj(account.Address).CountryCode,
  });
  return {
    customer,
    title: typeof project.Title === "string" ? project.Title : undefined,
    businessProblem:
      typeof project.CustomerBusinessProblem === "string" ? project.CustomerBusinessProblem : undefined,
    targetCloseDate: lifeCycle.TargetCloseDate,
    spend: Array.isArray(project.ExpectedCustomerSpend) ? project.ExpectedCustomerSpend : [],
  };
}

/** A new engagement owned by the caller, holding the opportunity as its CustomerProject context. */
async function newEngagement(
  ctx: OperationContext,
  parts: ReturnType<typeof customerAndProject>,
): Promise<EngagementRecord> {
  const { catalog, now, caller } = ctx;
  const title = parts.title ?? "";
  const engagement: EngagementRecord = {
    catalog,
    id: newEngagementId(),
    title: truncate(title, 40),
    description: truncate(parts.businessProblem ?? "", 255),
    createdAt: now,
    createdBy: caller.awsAccountId,
    modifiedAt: now,
    modifiedBy: caller.awsAccountId,
    contexts: numberContexts(
      [],
      [
        {
          Type: "CustomerProject",
          Payload: {
            CustomerProject: {
              Customer: parts.customer,
              Project: {
                Title: title,
                BusinessProblem: parts.businessProblem,
                TargetCompletionDate: parts.targetCloseDate,
              },
            },
          },
        },
      ],
    ),
  };
  const member: MemberRecord = {
    catalog,
    engagementId: engagement.id,
    accountId: caller.awsAccountId,
    companyName: caller.companyName,
    websiteUrl: caller.websiteUrl,
    joinedAt: now,
    engagementCreatedAt: now,
  };
  await ctx.tx.engagements.put(engagement);
  await ctx.tx.members.add(member);
  await ctx.tx.events.append([
    ...engagementCreatedEvents(engagement),
    ...memberAddedEvents([member], member, now),
  ]);
  return engagement;
}

/**
 * AWS's invitation into the engagement: none when AWS is a member already, the pending one when
 * AWS was invited before, else a new opportunity invitation made of the opportunity.
 */
async function invitationToAws(
  ctx: OperationContext,
  engagement: EngagementRecord,
  opportunity: OpportunityRecord,
  parts: ReturnType<typeof customerAndProject>,
): Promise<string | undefined> {
  const { tx, catalog, now, caller } = ctx;
  if (await tx.members.get(catalog, engagement.id, AWS_ACTOR.accountId)) return undefined;
  const pending = await pendingInvitationTo(tx, catalog, engagement.id, AWS_ACTOR.accountId, now);
  if (pending) return pending.id;
  const team = Array.isArray(opportunity.doc.OpportunityTeam)
    ? (opportunity.doc.OpportunityTeam as Doc[])
    : [];
  const invitation = await issueInvitation(tx, {
    catalog,
    now,
    engagement,
    senderAccountId: caller.awsAccountId,
    senderCompanyName: caller.companyName,
    receiverAccountId: AWS_ACTOR.accountId,
    receiverAlias: AWS_ACTOR.companyName,
    payloadType: "OpportunityInvitation",
    payload: {
      SenderContacts: team
        .filter((c) => typeof c.Email === "string")
        .slice(0, 3)
        .map((c) =>
          compact({
            Email: c.Email,
            FirstName: c.FirstName,
            LastName: c.LastName,
            BusinessTitle: c.BusinessTitle,
            Phone: c.Phone,
          }),
        ),
      ReceiverResponsibilities: ["Co-Sell Facilitator"],
      Customer: parts.customer,
      Project: {
        Title: parts.title,
        BusinessProblem: parts.businessProblem,
        TargetCompletionDate: parts.targetCloseDate,
        ExpectedCustomerSpend: parts.spend,
      },
    },
    expirationDate: now + ctx.settings.invitationTtlMs,
  });
  return invitation.id;
}

/**
 * Submits the caller's opportunity to AWS through an engagement: the engagement the opportunity
 * already belongs to, or a new one owned by the caller; an invitation to AWS; and the
 * submission itself (ReviewStatus Submitted).
 */
export const engagementFromOpportunityTask: TaskExecutor = {
  kind: "EngagementFromOpportunity",
  async run(request, ctx) {
    const opportunity = await ownOpportunity(ctx, String(request.Identifier));
    const status = obj(opportunity.doc.LifeCycle).ReviewStatus;
    if (status !== "Pending Submission") {
      throw new TaskFailure(
        "OpportunityConflict",
        `Opportunity ${opportunity.id} is ${String(status)}; only an opportunity in Pending Submission can be submitted.`,
      );
    }
    const parts = customerAndProject(opportunity);
    const linkedId = await engagementOfOpportunity(ctx, ctx.caller.awsAccountId, opportunity.id);
    const linked = linkedId ? await ctx.tx.engagements.get(ctx.catalog, linkedId) : undefined;
    const isMember = linked && (await ctx.tx.members.get(ctx.catalog, linked.id, ctx.caller.awsAccountId));

    // SubmitOpportunity's own rules: a submission they refuse fails the task before anything is written.
    await asTaskStep(
      () =>
        submitForReview(
          ctx,
          opportunity,
          request.AwsSubmission as { InvolvementType: string; Visibility?: string },
        ),
      { ValidationException: "OpportunityValidationFailed", ConflictException: "OpportunityConflict" },
    );
    const engagement = linked && isMember ? linked : await newEngagement(ctx, parts);
    const invitationId = await invitationToAws(ctx, engagement, opportunity, parts);
    await tagCreatedOpportunity(ctx, request, opportunity);
    return {
      members: compact({
        OpportunityId: opportunity.id,
        ResourceSnapshotJobId: await startOpportunitySnapshotJob(ctx, engagement.id, opportunity.id),
        EngagementId: engagement.id,
        EngagementInvitationId: invitationId,
      }),
    };
  },
};

export async function startEngagementFromOpportunityTask(
  input: Io["input"],
  ctx: OperationContext,
): Promise<Io["output"]> {
  const opportunityId = resolveIdentifier(input.Identifier, ctx.catalog, ARN_KIND.opportunity);
  return startTask(
    engagementFromOpportunityTask,
    ctx,
    { Identifier: input.Identifier, AwsSubmission: input.AwsSubmission, Tags: input.Tags },
    { OpportunityId: opportunityId ?? input.Identifier },
  ) as Promise<Io["output"]>;
}
