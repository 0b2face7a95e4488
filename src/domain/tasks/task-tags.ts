import type { Tag } from "../../model/generated/shapes.js";
import type { OpportunityRecord } from "../../store/records.js";
import { opportunityArn } from "../common/arns.js";
import type { Doc } from "../common/doc.js";
import type { OperationContext } from "../context.js";
import { tagResource } from "../tags/tags.js";

/**
 * A Start…Task's `Tags` land on the opportunity it creates or submits: the task itself has no
 * taggable ARN (task ARNs carry no account), and AWS does not say otherwise.
 */
export async function tagCreatedOpportunity(
  ctx: OperationContext,
  request: Doc,
  opportunity: OpportunityRecord,
) {
  if (Array.isArray(request.Tags) && request.Tags.length > 0) {
    await tagResource(
      ctx.tx,
      opportunityArn(opportunity.catalog, opportunity.ownerAccountId, opportunity.id),
      request.Tags as Tag[],
      ctx.now,
    );
  }
}
