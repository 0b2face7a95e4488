import type { OperationTypes } from "../../model/generated/operations.js";
import { isoTime } from "../../util/clock.js";
import { engagementArn } from "../common/arns.js";
import { keysetPage, pageScope } from "../common/page-tokens.js";
import type { OperationContext } from "../context.js";

type Io = OperationTypes["ListEngagements"];
type Summary = Io["output"]["EngagementSummaryList"][number];

/** Engagements the caller is a member of, newest first unless sorted otherwise. */
export async function listEngagements(input: Io["input"], ctx: OperationContext): Promise<Io["output"]> {
  const me = ctx.caller.awsAccountId;
  const page = await keysetPage(
    ctx.pageTokens,
    pageScope("ListEngagements", me, ctx.catalog, input),
    input.NextToken,
    input.MaxResults ?? 20,
    (after, limit) =>
      ctx.tx.engagements.listForMember({
        catalog: ctx.catalog,
        memberAccountId: me,
        createdBy: input.CreatedBy,
        excludeCreatedBy: input.ExcludeCreatedBy,
        contextTypes: input.ContextTypes,
        excludeContextTypes: input.ExcludeContextTypes,
        ids: input.EngagementIdentifier,
        order: input.Sort?.SortOrder ?? "DESCENDING",
        after,
        limit,
      }),
    (e) => ({ sort: e.createdAt, id: e.id }),
  );
  const summaries: Summary[] = [];
  for (const e of page.items) {
    summaries.push({
      Arn: engagementArn(e.catalog, e.id),
      Id: e.id,
      Title: e.title,
      CreatedAt: isoTime(e.createdAt),
      CreatedBy: e.createdBy,
      MemberCount: await ctx.tx.members.count(e.catalog, e.id),
      ModifiedAt: isoTime(e.modifiedAt),
      ModifiedBy: e.modifiedBy,
      ContextTypes: [...new Set(e.contexts.map((c) => c.Type))] as Summary["ContextTypes"],
    });
  }
  return { EngagementSummaryList: summaries, NextToken: page.nextToken };
}
