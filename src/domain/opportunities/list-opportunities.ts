import type { OperationTypes } from "../../model/generated/operations.js";
import type { KeysetCursor, OpportunityQuery, OpportunityRecord } from "../../store/records.js";
import { wireTimeMs } from "../../util/clock.js";
import { obj, str } from "../common/doc.js";
import { keysetPage, pageScope } from "../common/page-tokens.js";
import type { OperationContext } from "../context.js";
import { asOfNow, autoReviewSeconds, reviewStatusOf } from "./review-state.js";
import { opportunitySummary } from "./view.js";

type Io = OperationTypes["ListOpportunities"];

const time = (v: unknown) => (v === undefined || v === null ? undefined : Math.round(wireTimeMs(v)));

/** The value a page ends on, as the store sorts (see OpportunityQuery.sortBy). */
function sortValue(r: OpportunityRecord, sortBy: OpportunityQuery["sortBy"]): number | string {
  switch (sortBy) {
    case "LastModifiedDate":
      return r.lastModifiedAt;
    case "CreatedDate":
      return r.createdAt;
    case "Identifier":
      return Number(r.id.slice(1));
    case "CustomerCompanyName":
      return str(obj(obj(r.doc.Customer).Account).CompanyName) ?? "";
    case "TargetCloseDate":
      return str(obj(r.doc.LifeCycle).TargetCloseDate) ?? "";
  }
}

interface Row {
  stored: OpportunityRecord;
  view: OpportunityRecord;
}

/**
 * The caller's opportunities in the catalog, filtered and sorted (default LastModifiedDate,
 * newest first), keyset-paged. Under an auto-review policy ReviewStatus and LastModifiedDate are
 * what the clock makes them, so those two filters apply to the derived values.
 */
export async function listOpportunities(input: Io["input"], ctx: OperationContext): Promise<Io["output"]> {
  const me = ctx.caller.awsAccountId;
  const sortBy = input.Sort?.SortBy ?? "LastModifiedDate";
  const order = input.Sort?.SortOrder ?? "DESCENDING";
  const modifiedAfter = time(input.LastModifiedDate?.AfterLastModifiedDate);
  const modifiedBefore = time(input.LastModifiedDate?.BeforeLastModifiedDate);
  const base: Omit<OpportunityQuery, "after" | "limit"> = {
    catalog: ctx.catalog,
    ownerAccountId: me,
    ids: input.Identifier,
    stages: input.LifeCycleStage,
    reviewStatuses: input.LifeCycleReviewStatus,
    customerCompanyNames: input.CustomerCompanyName,
    lastModifiedAfter: modifiedAfter,
    lastModifiedBefore: modifiedBefore,
    createdAfter: time(input.CreatedDate?.AfterCreatedDate),
    createdBefore: time(input.CreatedDate?.BeforeCreatedDate),
    targetCloseAfter: input.TargetCloseDate?.AfterTargetCloseDate,
    targetCloseBefore: input.TargetCloseDate?.BeforeTargetCloseDate,
    sortBy,
    order,
  };
  const derived = autoReviewSeconds(ctx.settings) !== null;
  // Under auto-review a stored Submitted or In review opportunity may read as Approved, later
  // modified: the store narrows to what can still match (the statuses asked for, with those two
  // when Approved is asked for; stored LastModifiedDate never after the derived one), and the
  // derived values are checked below.
  const storedStatuses = base.reviewStatuses?.includes("Approved")
    ? [...new Set([...base.reviewStatuses, "Submitted", "In review"])]
    : base.reviewStatuses;
  const query = derived
    ? { ...base, reviewStatuses: storedStatuses as typeof base.reviewStatuses, lastModifiedAfter: undefined }
    : base;
  const keep = (r: OpportunityRecord) =>
    (!base.reviewStatuses || base.reviewStatuses.includes(reviewStatusOf(r) as never)) &&
    (modifiedAfter === undefined || r.lastModifiedAt >= modifiedAfter) &&
    (modifiedBefore === undefined || r.lastModifiedAt <= modifiedBefore);
  const cursorOf = (row: Row): KeysetCursor => ({ sort: sortValue(row.stored, sortBy), id: row.stored.id });

  const page = await keysetPage<Row>(
    ctx.pageTokens,
    pageScope("ListOpportunities", me, ctx.catalog, input),
    input.NextToken,
    input.MaxResults ?? 20,
    async (after, limit) => {
      const rows: Row[] = [];
      for (let cursor = after; ; ) {
        const batch = await ctx.tx.opportunities.list({ ...query, after: cursor, limit });
        for (const stored of batch) {
          const view = derived ? asOfNow(stored, ctx.now, ctx.settings).record : stored;
          if (!derived || keep(view)) rows.push({ stored, view });
        }
        const last = batch.at(-1);
        if (rows.length >= limit || batch.length < limit || !last) return rows.slice(0, limit);
        cursor = { sort: sortValue(last, sortBy), id: last.id };
      }
    },
    cursorOf,
  );
  return {
    OpportunitySummaries: page.items.map((row) => opportunitySummary(row.view)),
    NextToken: page.nextToken,
  };
}
