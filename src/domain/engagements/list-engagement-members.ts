import type { OperationTypes } from "../../model/generated/operations.js";
import { keysetPage, pageScope } from "../common/page-tokens.js";
import type { OperationContext } from "../context.js";
import { engagementForMember } from "./access.js";

type Io = OperationTypes["ListEngagementMembers"];

/** Members of an engagement in the order they joined; only members may list them. */
export async function listEngagementMembers(
  input: Io["input"],
  ctx: OperationContext,
): Promise<Io["output"]> {
  const engagement = await engagementForMember(ctx, input.Identifier);
  const page = await keysetPage(
    ctx.pageTokens,
    pageScope("ListEngagementMembers", ctx.caller.awsAccountId, ctx.catalog, { Identifier: engagement.id }),
    input.NextToken,
    input.MaxResults ?? 5,
    (after, limit) => ctx.tx.members.page(ctx.catalog, engagement.id, after, limit),
    (m) => ({ sort: m.joinedAt, id: m.accountId }),
  );
  return {
    EngagementMemberList: page.items.map((m) => ({
      CompanyName: m.companyName,
      WebsiteUrl: m.websiteUrl,
      AccountId: m.accountId,
    })),
    NextToken: page.nextToken,
  };
}
