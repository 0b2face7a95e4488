import { ApiError } from "../../errors.js";
import type { EngagementProspectingResult, ProspectingTaskStatus } from "../../model/generated/shapes.js";
import type { TaskRecord } from "../../store/records.js";
import { isoTime } from "../../util/clock.js";
import type { OperationContext } from "../context.js";
import { engagementForMember } from "../engagements/access.js";
import { MAX_CONTEXTS, putProspectingResult } from "../engagements/change-contexts.js";
import { PROSPECTING_RESULT } from "../engagements/contexts.js";
import { prospectingResult, type ResultOverride, type ResultTask } from "./prospecting-result.js";

export const PROSPECTING_KIND = "ProspectingFromEngagement" as const;

/**
 * ReasonCodes of this emulator (AWS's values are not published; the member is a plain string).
 * Per engagement: `EngagementAccessDenied` (no such engagement, or the caller is not a member),
 * `DuplicateEngagementIdentifier` (the engagement was named earlier in the same task) and
 * `ServiceQuotaExceeded` (the engagement has five contexts, none a prospecting result). For the
 * task: `AllEngagementsFailed` when no engagement could be processed.
 */
export const PROSPECTING_REASONS = {
  accessDenied: "EngagementAccessDenied",
  duplicate: "DuplicateEngagementIdentifier",
  quota: "ServiceQuotaExceeded",
  allFailed: "AllEngagementsFailed",
} as const;

/** What a prospecting task record's `doc` holds. */
export interface ProspectingDoc {
  TaskId: string;
  TaskArn: string;
  TaskName: string;
  StartTime: string;
  EndTime?: string;
  TaskStatus: ProspectingTaskStatus;
  ReasonCode?: string;
  Message?: string;
  Identifiers: string[];
  Engagements: EngagementProspectingResult[];
  TotalEngagementCount: number;
  CompletedEngagementCount: number;
  FailedEngagementCount: number;
  /** While the task waits (delayed mode): the result AWS set ahead for it, if any. */
  pending?: { override?: ResultOverride };
}

export const docOf = (task: TaskRecord) => task.doc as unknown as ProspectingDoc;

/** The members ListProspectingFromEngagementTasks filters and sorts on, kept beside the doc. */
export const listedFields = (doc: ProspectingDoc): Pick<TaskRecord, "name" | "failedCount"> => ({
  name: doc.TaskName,
  failedCount: doc.FailedEngagementCount,
});

/** One engagement of the task: processed on its own, whatever happens to the others. */
async function prospect(
  identifier: string,
  seen: Set<string>,
  task: ResultTask,
  override: ResultOverride | undefined,
  ctx: OperationContext,
): Promise<EngagementProspectingResult> {
  const failed = (ReasonCode: string, Message: string): EngagementProspectingResult => ({
    EngagementIdentifier: identifier,
    Status: "FAILED",
    ReasonCode,
    Message,
  });
  if (seen.has(identifier)) {
    return failed(
      PROSPECTING_REASONS.duplicate,
      `Engagement ${identifier} is named more than once in this task; it is processed once.`,
    );
  }
  seen.add(identifier);
  let engagement: Awaited<ReturnType<typeof engagementForMember>>;
  try {
    engagement = await engagementForMember(ctx, identifier);
  } catch (err) {
    if (
      err instanceof ApiError &&
      (err.type === "ResourceNotFoundException" || err.type === "AccessDeniedException")
    ) {
      return failed(PROSPECTING_REASONS.accessDenied, err.message);
    }
    throw err;
  }
  if (
    engagement.contexts.length >= MAX_CONTEXTS &&
    !engagement.contexts.some((c) => c.Type === PROSPECTING_RESULT)
  ) {
    return failed(
      PROSPECTING_REASONS.quota,
      `Engagement ${identifier} already has ${MAX_CONTEXTS} contexts; none is left for the prospecting result.`,
    );
  }
  const payload = { ProspectingResult: { Aws: prospectingResult(engagement, task, override) } };
  const { context } = await putProspectingResult(
    ctx.tx,
    engagement,
    payload,
    ctx.caller.awsAccountId,
    ctx.now,
  );
  return { EngagementIdentifier: identifier, EngagementContextId: context.Id, Status: "COMPLETED" };
}

/**
 * Processes every engagement of the task as `ctx.caller` at `ctx.now` and records how the task
 * ended: COMPLETED when at least one engagement was processed, else FAILED.
 */
export async function completeProspectingTask(task: TaskRecord, ctx: OperationContext): Promise<TaskRecord> {
  const { pending, ...doc } = docOf(task);
  const { completesAt: _completesAt, ...base } = task;
  const resultTask: ResultTask = {
    TaskId: doc.TaskId,
    TaskArn: doc.TaskArn,
    TaskName: doc.TaskName,
    StartTime: doc.StartTime,
    EndTime: isoTime(ctx.now),
  };
  const seen = new Set<string>();
  const engagements: EngagementProspectingResult[] = [];
  for (const identifier of doc.Identifiers) {
    engagements.push(await prospect(identifier, seen, resultTask, pending?.override, ctx));
  }
  const completed = engagements.filter((e) => e.Status === "COMPLETED").length;
  const done: ProspectingDoc = {
    ...doc,
    EndTime: resultTask.EndTime,
    TaskStatus: completed > 0 ? "COMPLETED" : "FAILED",
    ...(completed > 0
      ? {}
      : {
          ReasonCode: PROSPECTING_REASONS.allFailed,
          Message: `None of the ${engagements.length} engagements could be processed.`,
        }),
    Engagements: engagements,
    CompletedEngagementCount: completed,
    FailedEngagementCount: engagements.length - completed,
  };
  const record: TaskRecord = {
    ...base,
    status: completed > 0 ? "COMPLETE" : "FAILED",
    ...listedFields(done),
    doc: done as unknown as Record<string, unknown>,
  };
  await ctx.tx.tasks.put(record);
  return record;
}
