import { accessDenied, notFound } from "../../errors.js";
import type { EngagementRecord } from "../../store/records.js";
import { ARN_KIND, resolveIdentifier } from "../common/arns.js";
import type { OperationContext } from "../context.js";

const missing = (identifier: string) =>
  notFound(`Engagement ${identifier} was not found or is not visible to the caller.`);

/**
 * The engagement as its members see it. An account invited into it but not yet a member is told
 * it may not look (AccessDenied); anyone else cannot tell it exists (ResourceNotFound).
 */
export async function engagementForMember(
  ctx: OperationContext,
  identifier: string,
): Promise<EngagementRecord> {
  const id = resolveIdentifier(identifier, ctx.catalog, ARN_KIND.engagement);
  const record = id ? await ctx.tx.engagements.get(ctx.catalog, id) : undefined;
  if (!record || !id) throw missing(identifier);
  if (await ctx.tx.members.get(ctx.catalog, id, ctx.caller.awsAccountId)) return record;
  const invitations = await ctx.tx.invitations.listForReceiver(ctx.catalog, id, ctx.caller.awsAccountId);
  if (invitations.length > 0) {
    throw accessDenied(`The caller is invited to engagement ${id} but is not a member of it.`);
  }
  throw missing(identifier);
}
