import type { OperationTypes } from "../../model/generated/operations.js";
import type { KeysetCursor } from "../../store/records.js";
import { keysetPage, pageInMemory, pageScope } from "../common/page-tokens.js";
import type { OperationContext } from "../context.js";
import { accountSolutions, type Solution, solutionView } from "./solutions.js";

type Io = OperationTypes["ListSolutions"];
type SortBy = NonNullable<Io["input"]["Sort"]>["SortBy"];

const SORT_KEY: Record<SortBy, (s: Solution) => number | string> = {
  Identifier: (s) => s.Id,
  Name: (s) => s.Name,
  Status: (s) => s.Status,
  Category: (s) => s.Category,
  CreatedDate: (s) => s.CreatedDate,
};

/**
 * The caller's solutions in the catalog, filtered by Status, Identifier, Category and AWS
 * Marketplace solution ARN; sorted by
 * Identifier descending unless told otherwise (ties by identifier); keyset-paged, 20 a page.
 */
export async function listSolutions(input: Io["input"], ctx: OperationContext): Promise<Io["output"]> {
  const me = ctx.caller.awsAccountId;
  const sortKey = SORT_KEY[input.Sort?.SortBy ?? "Identifier"];
  const cursorOf = (s: Solution): KeysetCursor => ({ sort: sortKey(s), id: s.Id });
  const statuses = input.Status?.length ? new Set<string>(input.Status) : undefined;
  const ids = input.Identifier?.length ? new Set(input.Identifier) : undefined;
  const categories = input.Category?.length ? new Set(input.Category) : undefined;
  const listings = input.AwsMarketplaceSolutionArn?.length
    ? new Set(input.AwsMarketplaceSolutionArn)
    : undefined;

  const page = await keysetPage(
    ctx.pageTokens,
    pageScope("ListSolutions", me, ctx.catalog, input),
    input.NextToken,
    input.MaxResults ?? 20,
    async (after, limit) => {
      const matching = (await accountSolutions(ctx.tx, ctx.catalog, me)).filter(
        (s) =>
          (!statuses || statuses.has(s.Status)) &&
          (!ids || ids.has(s.Id)) &&
          (!categories || categories.has(s.Category)) &&
          (!listings ||
            (s.AwsMarketplaceSolutionArn !== undefined && listings.has(s.AwsMarketplaceSolutionArn))),
      );
      return pageInMemory(matching, cursorOf, input.Sort?.SortOrder ?? "DESCENDING", after, limit);
    },
    cursorOf,
  );
  return {
    SolutionSummaries: page.items.map((s) => solutionView(ctx.catalog, me, s)),
    NextToken: page.nextToken,
  };
}
