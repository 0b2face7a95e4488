import type { OperationTypes } from "../../model/generated/operations.js";
import { keysetPage, pageScope } from "../common/page-tokens.js";
import type { OperationContext } from "../context.js";
import { invitationSummary } from "./view.js";

type Io = OperationTypes["ListEngagementInvitations"];

/** The model gives no default page size; the service's other lists use 20. */
export const DEFAULT_INVITATION_PAGE = 20;

/** Invitations the caller sent (SENDER) or received (RECEIVER), newest first unless sorted otherwise. */
export async function listEngagementInvitations(
  input: Io["input"],
  ctx: OperationContext,
): Promise<Io["output"]> {
  const me = ctx.caller.awsAccountId;
  const page = await keysetPage(
    ctx.pageTokens,
    pageScope("ListEngagementInvitations", me, ctx.catalog, input),
    input.NextToken,
    input.MaxResults ?? DEFAULT_INVITATION_PAGE,
    (after, limit) =>
      ctx.tx.invitations.list({
        catalog: ctx.catalog,
        participant: input.ParticipantType,
        accountId: me,
        now: ctx.now,
        payloadTypes: input.PayloadType,
        statuses: input.Status,
        engagementIds: input.EngagementIdentifier,
        senderAccountIds: input.SenderAwsAccountId,
        order: input.Sort?.SortOrder ?? "DESCENDING",
        after,
        limit,
      }),
    (inv) => ({ sort: inv.invitationDate, id: inv.id }),
  );
  return {
    EngagementInvitationSummaries: page.items.map((inv) => ({
      ...invitationSummary(inv, ctx.now),
      ParticipantType: input.ParticipantType,
    })),
    NextToken: page.nextToken,
  };
}
