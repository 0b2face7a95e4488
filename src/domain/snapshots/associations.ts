import type { OperationTypes } from "../../model/generated/operations.js";
import type { ResourceRecord } from "../../store/records.js";
import { keysetPage, pageScope } from "../common/page-tokens.js";
import type { OperationContext } from "../context.js";
import { engagementForMember } from "../engagements/access.js";
import { ASSOCIATION, cursorOf, filteredRows } from "./revisions.js";

type Io = OperationTypes["ListEngagementResourceAssociations"];

/**
 * Every (engagement, resource) with at least one snapshot, in engagements the caller is a member
 * of, oldest first. An EngagementIdentifier is read like any other read of that engagement.
 */
export async function listEngagementResourceAssociations(
  input: Io["input"],
  ctx: OperationContext,
): Promise<Io["output"]> {
  const me = ctx.caller.awsAccountId;
  const engagementId =
    input.EngagementIdentifier === undefined
      ? undefined
      : (await engagementForMember(ctx, input.EngagementIdentifier)).id;
  const keep = async (r: ResourceRecord) =>
    input.ResourceType === undefined || r.doc.ResourceType === input.ResourceType;
  const page = await keysetPage(
    ctx.pageTokens,
    pageScope("ListEngagementResourceAssociations", me, ctx.catalog, input),
    input.NextToken,
    input.MaxResults ?? 100,
    (after, limit) =>
      filteredRows(
        ctx.tx,
        {
          kind: ASSOCIATION,
          catalog: ctx.catalog,
          // One engagement the caller reads, or every engagement the caller is a member of.
          ...(engagementId ? { parentIds: [engagementId] } : { parentMemberAccountId: me }),
          refIds: input.ResourceIdentifier === undefined ? undefined : [input.ResourceIdentifier],
          ownerAccountId: input.CreatedBy,
          order: "ASCENDING",
        },
        keep,
        after,
        limit,
      ),
    cursorOf,
  );
  return {
    EngagementResourceAssociationSummaries: page.items.map((r) => ({
      Catalog: r.catalog,
      EngagementId: r.doc.EngagementId as string,
      ResourceType: r.doc.ResourceType as "Opportunity",
      ResourceId: r.doc.ResourceId as string,
      CreatedBy: r.doc.CreatedBy as string,
    })),
    NextToken: page.nextToken,
  };
}
