import { notFound, type ValidationIssue, validationError } from "../../errors.js";
import type { OperationTypes } from "../../model/generated/operations.js";
import type { KeysetCursor, TaskQuery, TaskRecord } from "../../store/records.js";
import { isoTime, wireTimeMs } from "../../util/clock.js";
import { PROSPECTING_ARN_KIND, prospectingTaskArn, resolveIdentifier } from "../common/arns.js";
import { keysetPage, pageScope } from "../common/page-tokens.js";
import type { OperationContext } from "../context.js";
import { settleDueTasks } from "../tasks/settle.js";
import { newProspectingTaskId } from "./ids.js";
import { takeQueuedResult } from "./queued-results.js";
import {
  completeProspectingTask,
  docOf,
  listedFields,
  PROSPECTING_KIND,
  type ProspectingDoc,
} from "./run-prospecting.js";

type Op<N extends keyof OperationTypes> = OperationTypes[N];

/** Limits AWS documents but the SDK does not carry (so the generated validator cannot check them). */
export const MAX_IDENTIFIERS = 100;
export const MAX_TASK_NAME = 128;
export const MAX_LIST_FILTER = 10;
/** AWS says only "a service-defined default page size"; the service's other lists use 20. */
export const DEFAULT_PROSPECTING_PAGE = 20;

function startIssues(input: Op<"StartProspectingFromEngagementTask">["input"]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const n = input.Identifiers.length;
  if (n < 1) {
    issues.push({
      FieldName: "identifiers",
      Message: "Must have at least 1 entry",
      Code: "NOT_ENOUGH_VALUES",
    });
  } else if (n > MAX_IDENTIFIERS) {
    issues.push({
      FieldName: "identifiers",
      Message: `Must have at most ${MAX_IDENTIFIERS} entries`,
      Code: "TOO_MANY_VALUES",
    });
  }
  const name = input.TaskName.length;
  if (name < 1 || name > MAX_TASK_NAME) {
    issues.push({
      FieldName: "taskName",
      Message: `Must be between 1 and ${MAX_TASK_NAME} characters`,
      Code: "INVALID_STRING_FORMAT",
    });
  }
  return issues;
}

/** The task as StartProspectingFromEngagementTask answers it. */
function startView(doc: ProspectingDoc): Op<"StartProspectingFromEngagementTask">["output"] {
  return {
    Identifiers: doc.Identifiers,
    TaskName: doc.TaskName,
    Message: doc.Message,
    ReasonCode: doc.ReasonCode,
    StartTime: doc.StartTime,
    TaskId: doc.TaskId,
    TaskArn: doc.TaskArn,
    TaskStatus: doc.TaskStatus,
  };
}

/**
 * Starts a prospecting task over up to 100 of the caller's engagements, as the other Start…Task
 * operations run: within the request by default (COMPLETED, or FAILED when no engagement could be
 * processed), or IN_PROGRESS in delayed mode until `settings.taskDelaySeconds` virtual seconds
 * have passed (src/domain/tasks/settle.ts completes it). It takes the oldest result AWS queued
 * for the caller through the control plane, if any.
 */
export async function startProspectingFromEngagementTask(
  input: Op<"StartProspectingFromEngagementTask">["input"],
  ctx: OperationContext,
): Promise<Op<"StartProspectingFromEngagementTask">["output"]> {
  const issues = startIssues(input);
  if (issues.length > 0) throw validationError(issues);
  // Tasks that came due run first, so tasks take effect in the order they were due.
  await settleDueTasks(ctx);

  const { catalog, now } = ctx;
  const override = await takeQueuedResult(ctx.tx, ctx.caller.awsAccountId, catalog, now);
  const id = newProspectingTaskId();
  const doc: ProspectingDoc = {
    TaskId: id,
    TaskArn: prospectingTaskArn(catalog, id),
    TaskName: input.TaskName,
    StartTime: isoTime(now),
    TaskStatus: "IN_PROGRESS",
    Identifiers: [...input.Identifiers],
    Engagements: input.Identifiers.map((identifier) => ({
      EngagementIdentifier: identifier,
      Status: "IN_PROGRESS",
    })),
    TotalEngagementCount: input.Identifiers.length,
    CompletedEngagementCount: 0,
    FailedEngagementCount: 0,
    pending: override ? { override } : {},
  };
  const task: TaskRecord = {
    catalog,
    id,
    kind: PROSPECTING_KIND,
    accountId: ctx.caller.awsAccountId,
    startTime: now,
    status: "IN_PROGRESS",
    ...listedFields(doc),
    doc: doc as unknown as Record<string, unknown>,
  };
  const delaySeconds = ctx.settings.taskDelaySeconds;
  if (delaySeconds > 0) {
    await ctx.tx.tasks.put({ ...task, completesAt: now + delaySeconds * 1000 });
    return startView(doc);
  }
  return startView(docOf(await completeProspectingTask(task, ctx)));
}

/**
 * A replayed start settles due tasks (it is a Start…Task call) and answers the first response:
 * AWS documents that the same ClientToken "returns the same response without creating a
 * duplicate task". GetProspectingFromEngagementTask tells how the task stands now.
 */
export async function replayProspectingStart(stored: unknown, ctx: OperationContext): Promise<unknown> {
  await settleDueTasks(ctx);
  return stored;
}

/** Only the caller's own prospecting tasks exist for it; anything else is not found. */
export async function getProspectingFromEngagementTask(
  input: Op<"GetProspectingFromEngagementTask">["input"],
  ctx: OperationContext,
): Promise<Op<"GetProspectingFromEngagementTask">["output"]> {
  // The model admits task ids only (ProspectingTaskIdentifier), so no ARN reaches this point.
  const task = await ctx.tx.tasks.get(ctx.catalog, input.TaskIdentifier);
  if (!task || task.kind !== PROSPECTING_KIND || task.accountId !== ctx.caller.awsAccountId) {
    throw notFound(`Prospecting task ${input.TaskIdentifier} was not found.`);
  }
  const doc = docOf(task);
  return {
    TaskId: doc.TaskId,
    TaskArn: doc.TaskArn,
    TaskName: doc.TaskName,
    StartTime: doc.StartTime,
    EndTime: doc.EndTime,
    Engagements: doc.Engagements,
  };
}

function listIssues(input: Op<"ListProspectingFromEngagementTasks">["input"]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const [member, field] of [
    ["TaskIdentifier", "taskIdentifier"],
    ["TaskName", "taskName"],
  ] as const) {
    if ((input[member]?.length ?? 0) > MAX_LIST_FILTER) {
      issues.push({
        FieldName: field,
        Message: `Must have at most ${MAX_LIST_FILTER} entries`,
        Code: "TOO_MANY_VALUES",
      });
    }
  }
  return issues;
}

type SortBy = "StartTime" | "TaskName" | "FailedEngagementCount";

/** Each sort as the store orders it, and the value a page ends on. */
const SORT: Record<
  SortBy,
  { by: NonNullable<TaskQuery["sortBy"]>; key: (t: TaskRecord) => number | string }
> = {
  StartTime: { by: "startTime", key: (t) => t.startTime },
  TaskName: { by: "name", key: (t) => t.name ?? docOf(t).TaskName },
  FailedEngagementCount: { by: "failedCount", key: (t) => t.failedCount ?? docOf(t).FailedEngagementCount },
};

/**
 * The caller's prospecting tasks, filtered (task ids or ARNs, exact task names, started strictly
 * after `StartAfter` / strictly before `StartBefore`), sorted (default StartTime DESCENDING; ties
 * by task id in the same direction), keyset-paged (default 20).
 */
export async function listProspectingFromEngagementTasks(
  input: Op<"ListProspectingFromEngagementTasks">["input"],
  ctx: OperationContext,
): Promise<Op<"ListProspectingFromEngagementTasks">["output"]> {
  const issues = listIssues(input);
  if (issues.length > 0) throw validationError(issues);

  const sort = SORT[input.Sort?.SortBy ?? "StartTime"];
  const keyOf = (task: TaskRecord): KeysetCursor => ({ sort: sort.key(task), id: task.id });

  const page = await keysetPage(
    ctx.pageTokens,
    pageScope("ListProspectingFromEngagementTasks", ctx.caller.awsAccountId, ctx.catalog, input),
    input.NextToken,
    input.MaxResults ?? DEFAULT_PROSPECTING_PAGE,
    (after, limit) =>
      ctx.tx.tasks.list({
        catalog: ctx.catalog,
        kind: PROSPECTING_KIND,
        accountId: ctx.caller.awsAccountId,
        ids: input.TaskIdentifier?.length
          ? input.TaskIdentifier.map((i) => resolveIdentifier(i, ctx.catalog, PROSPECTING_ARN_KIND) ?? i)
          : undefined,
        names: input.TaskName?.length ? input.TaskName : undefined,
        startAfter: input.StartAfter === undefined ? undefined : wireTimeMs(input.StartAfter),
        startBefore: input.StartBefore === undefined ? undefined : wireTimeMs(input.StartBefore),
        sortBy: sort.by,
        order: input.Sort?.SortOrder ?? "DESCENDING",
        after,
        limit,
      }),
    keyOf,
  );
  return {
    TaskSummaries: page.items.map((task) => {
      const doc = docOf(task);
      return {
        TaskId: doc.TaskId,
        TaskArn: doc.TaskArn,
        TaskName: doc.TaskName,
        StartTime: doc.StartTime,
        EndTime: doc.EndTime,
        TotalEngagementCount: doc.TotalEngagementCount,
        CompletedEngagementCount: doc.CompletedEngagementCount,
        FailedEngagementCount: doc.FailedEngagementCount,
      };
    }),
    NextToken: page.nextToken,
  };
}
