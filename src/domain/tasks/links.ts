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

/** The newest completed linking task of the account matching `filter` that has `field` set. */
async function linkedValue(
  ctx: OperationContext,
  accountId: string,
  filter: { opportunityIds?: string[]; engagementIds?: string[] },
  field: "engagementId" | "opportunityId",
): Promise<string | undefined> {
  for (const kind of LINKING_KINDS) {
    const [task] = await ctx.tx.tasks.list({
      catalog: ctx.catalog,
      kind,
      accountId,
      ...filter,
      statuses: ["COMPLETE"],
      order: "DESCENDING",
      limit: 1,
    });
    if (task?.[field]) return task[field];
  }
  return undefined;
}

/** The engagement the account's opportunity is linked to, if any. */
export const engagementOfOpportunity = (ctx: OperationContext, accountId: string, opportunityId: string) =>
  linkedValue(ctx, accountId, { opportunityIds: [opportunityId] }, "engagementId");

/** The account's opportunity linked to an engagement, if any. */
export const opportunityOfEngagement = (ctx: OperationContext, accountId: string, engagementId: string) =>
  linkedValue(ctx, accountId, { engagementIds: [engagementId] }, "opportunityId");
