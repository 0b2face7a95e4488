import type { OperationTypes } from "../../model/generated/operations.js";
import type { Catalog, TaskKind } from "../../store/records.js";
import { ARN_KIND, resolveIdentifier, TASK_ARN_KIND } from "../common/arns.js";
import { keysetPage, pageScope } from "../common/page-tokens.js";
import type { OperationContext } from "../context.js";
import { taskView } from "./task-records.js";

/** The model gives no default page size for task lists; the service's other lists use 20. */
export const DEFAULT_TASK_PAGE = 20;

interface TaskFilters {
  MaxResults?: number;
  NextToken?: string;
  Sort?: { SortBy: string; SortOrder: string };
  TaskStatus?: string[];
  TaskIdentifier?: string[];
  OpportunityIdentifier?: string[];
  EngagementIdentifier?: string[];
  EngagementInvitationIdentifier?: string[];
  ContextIdentifier?: string[];
}

/** Ids named by identifiers that may be ARNs of `kind`; an ARN of anything else matches nothing. */
const idsOf = (identifiers: string[] | undefined, catalog: Catalog, kind: string) =>
  identifiers?.map((i) => resolveIdentifier(i, catalog, kind) ?? i);

/**
 * The caller's tasks of one kind (only tasks the caller started are listed), filtered, newest
 * first unless sorted otherwise, keyset-paged.
 */
async function listTasks(operation: string, kind: TaskKind, input: TaskFilters, ctx: OperationContext) {
  const { catalog } = ctx;
  const me = ctx.caller.awsAccountId;
  const page = await keysetPage(
    ctx.pageTokens,
    pageScope(operation, me, catalog, input),
    input.NextToken,
    input.MaxResults ?? DEFAULT_TASK_PAGE,
    (after, limit) =>
      ctx.tx.tasks.list({
        catalog,
        kind,
        accountId: me,
        statuses: input.TaskStatus,
        ids: idsOf(input.TaskIdentifier, catalog, TASK_ARN_KIND[kind]),
        opportunityIds: idsOf(input.OpportunityIdentifier, catalog, ARN_KIND.opportunity),
        engagementIds: idsOf(input.EngagementIdentifier, catalog, ARN_KIND.engagement),
        invitationIds: idsOf(input.EngagementInvitationIdentifier, catalog, ARN_KIND.invitation),
        contextIds: input.ContextIdentifier,
        order: input.Sort?.SortOrder === "ASCENDING" ? "ASCENDING" : "DESCENDING",
        after,
        limit,
      }),
    (task) => ({ sort: task.startTime, id: task.id }),
  );
  return { TaskSummaries: page.items.map(taskView), NextToken: page.nextToken };
}

type Op<N extends keyof OperationTypes> = OperationTypes[N];

export const listEngagementByAcceptingInvitationTasks = (
  input: Op<"ListEngagementByAcceptingInvitationTasks">["input"],
  ctx: OperationContext,
) =>
  listTasks(
    "ListEngagementByAcceptingInvitationTasks",
    "EngagementByAcceptingInvitation",
    input,
    ctx,
  ) as Promise<Op<"ListEngagementByAcceptingInvitationTasks">["output"]>;

export const listEngagementFromOpportunityTasks = (
  input: Op<"ListEngagementFromOpportunityTasks">["input"],
  ctx: OperationContext,
) =>
  listTasks("ListEngagementFromOpportunityTasks", "EngagementFromOpportunity", input, ctx) as Promise<
    Op<"ListEngagementFromOpportunityTasks">["output"]
  >;

export const listOpportunityFromEngagementTasks = (
  input: Op<"ListOpportunityFromEngagementTasks">["input"],
  ctx: OperationContext,
) =>
  listTasks("ListOpportunityFromEngagementTasks", "OpportunityFromEngagement", input, ctx) as Promise<
    Op<"ListOpportunityFromEngagementTasks">["output"]
  >;
