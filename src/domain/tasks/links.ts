import type { TaskKind } from "../../store/records.js";
import type { OperationContext } from "../context.js";

/**
 * Which engagement an opportunity belongs to, and back, as the tasks that tied them recorded it:
 * accepting an invitation (its engagement), converting a lead (the lead's engagement) or starting
 * an engagement from the opportunity. Resource snapshots will record the link too, later.
 */
const LINKING_KINDS: TaskKind[] = [
  "EngagementFromOpportunity",
  "OpportunityFromEngagement",
  "EngagementByAcceptingInvitation",
];

/** The engagement the account's opportunity is linked to, if any. */
export async function engagementOfOpportunity(
  ctx: OperationContext,
  accountId: string,
  opportunityId: string,
): Promise<string | undefined> {
  for (const kind of LINKING_KINDS) {
    const [task] = await ctx.tx.tasks.list({
      catalog: ctx.catalog,
      kind,
      accountId,
      opportunityIds: [opportunityId],
      statuses: ["COMPLETE"],
      order: "DESCENDING",
      limit: 1,
    });
    if (task?.engagementId) return task.engagementId;
  }
  return undefined;
}

/** The account's opportunity linked to an engagement, if any. */
export async function opportunityOfEngagement(
  ctx: OperationContext,
  accountId: string,
  engagementId: string,
): Promise<string | undefined> {
  for (const kind of LINKING_KINDS) {
    const [task] = await ctx.tx.tasks.list({
      catalog: ctx.catalog,
      kind,
      accountId,
      engagementIds: [engagementId],
      statuses: ["COMPLETE"],
      order: "DESCENDING",
      limit: 1,
    });
    if (task?.opportunityId) return task.opportunityId;
  }
  return undefined;
}
