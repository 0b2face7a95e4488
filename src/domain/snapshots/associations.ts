import type { OperationTypes } from "../../model/generated/operations.js";
import type { Catalog, ResourceRecord } from "../../store/records.js";
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
  const membership = new Map<string, boolean>();
  const isMember = async (catalog: Catalog, id: string) => {
    let known = membership.get(id);
    if (known === undefined) {
      known = (await ctx.tx.members.get(catalog, id, me)) !== undefined;
      membership.set(id, known);
    }
    return known;
  };
  const keep = async (r: ResourceRecord) =>
    (input.ResourceType === undefined || r.doc.ResourceType === input.ResourceType) &&
    (input.ResourceIdentifier === undefined || r.doc.ResourceId === input.ResourceIdentifier) &&
    (input.CreatedBy === undefined || r.doc.CreatedBy === input.CreatedBy) &&
    (await isMember(r.catalog, r.parentId ?? ""));
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
          parentIds: engagementId ? [engagementId] : undefined,
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
