import type { OperationTypes } from "../../model/generated/operations.js";
import { ARN_KIND, resolveIdentifier } from "../common/arns.js";
import { type Doc, obj } from "../common/doc.js";
import type { OperationContext } from "../context.js";
import { engagementForMember } from "../engagements/access.js";
import { addContext, MAX_CONTEXTS } from "../engagements/change-contexts.js";
import { customerProjectFromOpportunity } from "../engagements/customer-project-context.js";
import { accountFromLead, opportunityBusinessProblem } from "../opportunities/from-lead.js";
import { insertOpportunity } from "../opportunities/new-opportunity.js";
import { startOpportunitySnapshotJob } from "../snapshots/jobs.js";
import { compact } from "./accept-invitation-task.js";
import { startTask, type TaskExecutor } from "./run-task.js";
import { asTaskStep, TaskFailure } from "./task-records.js";
import { tagCreatedOpportunity } from "./task-tags.js";

type Io = OperationTypes["StartOpportunityFromEngagementTask"];

const DAY_MS = 24 * 3600_000;
/** A converted lead's target close date: 90 days after the conversion (observed on AWS). */
export const CONVERTED_TARGET_DAYS = 90;
export const CONVERTED_TITLE = "Converted from Lead";

/**
 * The business problem of the newest interaction (latest InteractionDate, the later one on a tie)
 * that states one the opportunity takes (`Project.CustomerBusinessProblem`: 20–2000 characters).
 */
function newestBusinessProblem(interactions: unknown): string | undefined {
  const list = Array.isArray(interactions) ? (interactions as Doc[]) : [];
  let newest: string | undefined;
  let newestTime = Number.NEGATIVE_INFINITY;
  for (const interaction of list) {
    const problem = opportunityBusinessProblem(interaction.BusinessProblem);
    if (problem === undefined) continue;
    const time = Date.parse(String(interaction.InteractionDate ?? ""));
    const t = Number.isFinite(time) ? time : Number.NEGATIVE_INFINITY;
    if (t >= newestTime) {
      newest = problem;
      newestTime = t;
    }
  }
  return newest;
}

/**
 * Converts a lead of an engagement the caller is a member of into the caller's opportunity
 * ("Converted from Lead", Prospect, Pending Submission, target close in 90 days; the lead's
 * free-text customer as the opportunity's model takes it, see from-lead.ts) and adds the
 * opportunity to the engagement as a CustomerProject context.
 */
export const opportunityFromEngagementTask: TaskExecutor = {
  kind: "OpportunityFromEngagement",
  async run(request, ctx) {
    const engagement = await asTaskStep(() => engagementForMember(ctx, String(request.Identifier)), {
      ResourceNotFoundException: "EngagementAccessDenied",
      AccessDeniedException: "EngagementAccessDenied",
    });
    const contextId = String(request.ContextIdentifier);
    const context = engagement.contexts.find((c) => c.Id === contextId);
    if (!context) {
      throw new TaskFailure("ContextNotFound", `Engagement ${engagement.id} has no context ${contextId}.`);
    }
    if (context.Type === "CustomerProject") {
      throw new TaskFailure(
        "CustomerProjectContextNotPermitted",
        `Context ${contextId} of engagement ${engagement.id} is a CustomerProject; only a Lead context converts into an opportunity.`,
      );
    }
    const lead = obj(context.Payload?.Lead);
    if (context.Type !== "Lead") {
      throw new TaskFailure(
        "EngagementValidationFailed",
        `Context ${contextId} of engagement ${engagement.id} is a ${context.Type}; only a Lead context converts into an opportunity.`,
      );
    }
    if (String(lead.QualificationStatus ?? "").toLowerCase() === "disqualified") {
      throw new TaskFailure(
        "DisqualifiedLeadNotPermitted",
        `The lead in context ${contextId} of engagement ${engagement.id} is disqualified and cannot be converted.`,
      );
    }
    if (engagement.contexts.some((c) => c.Type === "CustomerProject")) {
      throw new TaskFailure(
        "EngagementConflict",
        `Engagement ${engagement.id} already holds a CustomerProject context: its lead was converted before.`,
      );
    }
    if (engagement.contexts.length >= MAX_CONTEXTS) {
      throw new TaskFailure(
        "ServiceQuotaExceeded",
        `Engagement ${engagement.id} already has ${MAX_CONTEXTS} contexts.`,
      );
    }

    const targetCloseDate = new Date(ctx.now + CONVERTED_TARGET_DAYS * DAY_MS).toISOString().slice(0, 10);
    const opportunity = await insertOpportunity(ctx, {
      Customer: { Account: accountFromLead(lead.Customer), Contacts: [] },
      Project: compact({
        Title: CONVERTED_TITLE,
        CustomerBusinessProblem: newestBusinessProblem(lead.Interactions),
        ExpectedCustomerSpend: [],
      }),
      LifeCycle: { Stage: "Prospect", ReviewStatus: "Pending Submission", TargetCloseDate: targetCloseDate },
    });
    await tagCreatedOpportunity(ctx, request, opportunity);

    const added = await addContext(
      ctx.tx,
      engagement,
      "CustomerProject",
      customerProjectFromOpportunity(opportunity.doc),
      ctx.caller.awsAccountId,
      ctx.now,
    );
    return {
      members: {
        OpportunityId: opportunity.id,
        ResourceSnapshotJobId: await startOpportunitySnapshotJob(ctx, engagement.id, opportunity.id),
        EngagementId: engagement.id,
        ContextId: added.context.Id,
      },
    };
  },
};

export async function startOpportunityFromEngagementTask(
  input: Io["input"],
  ctx: OperationContext,
): Promise<Io["output"]> {
  const engagementId = resolveIdentifier(input.Identifier, ctx.catalog, ARN_KIND.engagement);
  return startTask(
    opportunityFromEngagementTask,
    ctx,
    { Identifier: input.Identifier, ContextIdentifier: input.ContextIdentifier, Tags: input.Tags },
    { EngagementId: engagementId ?? input.Identifier },
  ) as Promise<Io["output"]>;
}
