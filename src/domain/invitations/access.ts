import { notFound } from "../../errors.js";
import type { InvitationRecord } from "../../store/records.js";
import { ARN_KIND, resolveIdentifier } from "../common/arns.js";
import type { OperationContext } from "../context.js";

/** An invitation is visible to its sender and its receiver only; to anyone else it does not exist. */
export async function invitationForParty(
  ctx: OperationContext,
  identifier: string,
): Promise<InvitationRecord> {
  const id = resolveIdentifier(identifier, ctx.catalog, ARN_KIND.invitation);
  const record = id ? await ctx.tx.invitations.get(ctx.catalog, id) : undefined;
  const me = ctx.caller.awsAccountId;
  if (!record || (record.senderAccountId !== me && record.receiverAccountId !== me)) {
    throw notFound(`Engagement invitation ${identifier} was not found or is not visible to the caller.`);
  }
  return record;
}
