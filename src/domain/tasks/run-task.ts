import type { TaskKind, TaskRecord } from "../../store/records.js";
import { isoTime } from "../../util/clock.js";
import { newTaskId } from "../../util/ids.js";
import { taskArn } from "../common/arns.js";
import { type Doc, str } from "../common/doc.js";
import type { OperationContext } from "../context.js";
import { TaskFailure, taskView } from "./task-records.js";

/** What a task learned by running: its wire members (OpportunityId, ContextId…). */
export interface TaskOutcome {
  members: Doc;
  /** The engagement the task worked in, kept for look-ups even where the summary has no EngagementId. */
  engagementId?: string;
}

export interface TaskExecutor {
  kind: TaskKind;
  /**
   * Carries the task out as `ctx.caller` at `ctx.now`. A precondition that does not hold throws a
   * {@link TaskFailure} before anything is written.
   */
  run(request: Doc, ctx: OperationContext): Promise<TaskOutcome>;
}

/** Keeps the record's query columns in step with its wire members. */
function indexed(task: TaskRecord, engagementId?: string): TaskRecord {
  const next: TaskRecord = { ...task };
  const pairs = [
    ["opportunityId", str(task.doc.OpportunityId)],
    ["engagementId", str(task.doc.EngagementId) ?? engagementId ?? task.engagementId],
    ["invitationId", str(task.doc.EngagementInvitationId)],
    ["contextId", str(task.doc.ContextId)],
  ] as const;
  for (const [field, value] of pairs) {
    if (value === undefined) delete next[field];
    else next[field] = value;
  }
  return next;
}

/**
 * Starts a task of the caller's. By default it runs at once and answers COMPLETE or FAILED (as
 * AWS answers); with `settings.taskDelaySeconds` > 0 it answers IN_PROGRESS and keeps the request
 * until {@link completeTask} runs it once the delay has passed on the virtual clock.
 * `known` are the wire members known before it runs (e.g. the invitation it accepts).
 */
export async function startTask(
  executor: TaskExecutor,
  ctx: OperationContext,
  request: Doc,
  known: Doc,
): Promise<Doc> {
  const { catalog, now } = ctx;
  const id = newTaskId();
  const task = indexed({
    catalog,
    id,
    kind: executor.kind,
    accountId: ctx.caller.awsAccountId,
    startTime: now,
    status: "IN_PROGRESS",
    doc: {
      TaskId: id,
      TaskArn: taskArn(catalog, executor.kind, id),
      StartTime: isoTime(now),
      TaskStatus: "IN_PROGRESS",
      ...known,
    },
  });
  const delaySeconds = ctx.settings.taskDelaySeconds;
  if (delaySeconds > 0) {
    const waiting = {
      ...task,
      completesAt: now + delaySeconds * 1000,
      doc: { ...task.doc, pending: request },
    };
    await ctx.tx.tasks.put(waiting);
    return taskView(waiting);
  }
  return taskView(await completeTask(task, request, executor, ctx));
}

/** Runs a task and records how it ended: COMPLETE with what it made, or FAILED with the reason. */
export async function completeTask(
  task: TaskRecord,
  request: Doc,
  executor: TaskExecutor,
  ctx: OperationContext,
): Promise<TaskRecord> {
  const { pending: _pending, ...doc } = task.doc;
  const { completesAt: _completesAt, ...base } = task;
  let done: TaskRecord;
  try {
    const outcome = await executor.run(request, ctx);
    done = indexed(
      { ...base, status: "COMPLETE", doc: { ...doc, ...outcome.members, TaskStatus: "COMPLETE" } },
      outcome.engagementId,
    );
  } catch (err) {
    if (!(err instanceof TaskFailure)) throw err;
    done = indexed({ ...base, status: "FAILED", doc: failedDoc(doc, err) });
  }
  await ctx.tx.tasks.put(done);
  return done;
}

export function failedDoc(doc: Doc, failure: TaskFailure): Doc {
  return { ...doc, TaskStatus: "FAILED", Message: failure.message, ReasonCode: failure.reasonCode };
}
