import type { OperationTypes } from "../../model/generated/operations.js";
import type { KeysetCursor, SolutionQuery } from "../../store/records.js";
import { compareCursors, keysetPage, pageInMemory, pageScope } from "../common/page-tokens.js";
import type { OperationContext } from "../context.js";
import { remainingDefaults, type Solution, solutionView, storedSolutions } from "./solutions.js";

type Io = OperationTypes["ListSolutions"];
type SortBy = NonNullable<Io["input"]["Sort"]>["SortBy"];

const SORT: Record<SortBy, { column: SolutionQuery["sortBy"]; key: (s: Solution) => number | string }> = {
  Identifier: { column: "id", key: (s) => s.Id },
  Name: { column: "name", key: (s) => s.Name },
  Status: { column: "status", key: (s) => s.Status },
  Category: { column: "category", key: (s) => s.Category },
  CreatedDate: { column: "createdAt", key: (s) => s.CreatedDate },
};

/**
 * The caller's solutions in the catalog, filtered by Status, Identifier, Category and AWS
 * Marketplace solution ARN; sorted by Identifier descending unless told otherwise (ties by
 * identifier); keyset-paged, 20 a page. A page is one index-backed store page merged with the
 * few default solutions the account has not replaced, so it costs the same whatever the size of
 * the account's catalog (or anyone else's).
 */
export async function listSolutions(input: Io["input"], ctx: OperationContext): Promise<Io["output"]> {
  const me = ctx.caller.awsAccountId;
  const sort = SORT[input.Sort?.SortBy ?? "Identifier"];
  const order = input.Sort?.SortOrder ?? "DESCENDING";
  const cursorOf = (s: Solution): KeysetCursor => ({ sort: sort.key(s), id: s.Id });
  const filters = {
    statuses: input.Status?.length ? input.Status : undefined,
    ids: input.Identifier?.length ? input.Identifier : undefined,
    categories: input.Category?.length ? input.Category : undefined,
    awsMarketplaceSolutionArns: input.AwsMarketplaceSolutionArn?.length
      ? input.AwsMarketplaceSolutionArn
      : undefined,
  };
  const matches = (s: Solution) =>
    (!filters.statuses || filters.statuses.includes(s.Status)) &&
    (!filters.ids || filters.ids.includes(s.Id)) &&
    (!filters.categories || filters.categories.includes(s.Category)) &&
    (!filters.awsMarketplaceSolutionArns ||
      (s.AwsMarketplaceSolutionArn !== undefined &&
        filters.awsMarketplaceSolutionArns.includes(s.AwsMarketplaceSolutionArn)));

  const page = await keysetPage(
    ctx.pageTokens,
    pageScope("ListSolutions", me, ctx.catalog, input),
    input.NextToken,
    input.MaxResults ?? 20,
    async (after, limit) => {
      const stored = await storedSolutions(ctx.tx, {
        catalog: ctx.catalog,
        ownerAccountId: me,
        ...filters,
        sortBy: sort.column,
        order,
        after,
        limit,
      });
      const defaults = (await remainingDefaults(ctx.tx, ctx.catalog, me)).filter(matches);
      return [...stored, ...pageInMemory(defaults, cursorOf, order, after, limit)]
        .sort((a, b) => compareCursors(cursorOf(a), cursorOf(b), order))
        .slice(0, limit);
    },
    cursorOf,
  );
  return {
    SolutionSummaries: page.items.map((s) => solutionView(ctx.catalog, me, s)),
    NextToken: page.nextToken,
  };
}
