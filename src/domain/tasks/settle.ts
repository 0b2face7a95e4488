import type { StoreTx } from "../../store/port.js";
import type { TaskKind, TaskRecord } from "../../store/records.js";
import type { Doc } from "../common/doc.js";
import type { OperationContext } from "../context.js";
import { completeProspectingTask } from "../prospecting/run-prospecting.js";
import { acceptInvitationTask } from "./accept-invitation-task.js";
import { engagementFromOpportunityTask } from "./engagement-from-opportunity-task.js";
import { opportunityFromEngagementTask } from "./opportunity-from-engagement-task.js";
import { completeTask, failedDoc, type TaskExecutor } from "./run-task.js";
import { TaskFailure, taskView } from "./task-records.js";

type Completer = (task: TaskRecord, ctx: OperationContext) => Promise<unknown>;

/** A Start…Task executor completes its task with the request the task kept. */
const withExecutor =
  (executor: TaskExecutor): Completer =>
  (task, ctx) =>
    completeTask(task, (task.doc.pending as Doc | undefined) ?? {}, executor, ctx);

const COMPLETERS: Record<TaskKind, Completer> = {
  EngagementByAcceptingInvitation: withExecutor(acceptInvitationTask),
  EngagementFromOpportunity: withExecutor(engagementFromOpportunityTask),
  OpportunityFromEngagement: withExecutor(opportunityFromEngagementTask),
  ProspectingFromEngagement: completeProspectingTask,
};

const BATCH = 100;

/** What settling needs: a store transaction and the server's shared parts; no caller. */
export type SettleContext = Omit<OperationContext, "caller" | "catalog">;

/** Whether a delayed task is due at `now` (a cheap read). */
export const hasDueTasks = async (tx: StoreTx, now: number): Promise<boolean> =>
  (await tx.tasks.due(now, 1)).length > 0;

/**
 * Completes every IN_PROGRESS task whose delay has passed (delayed-task mode): each runs as the
 * account that started it, at the instant it was due, so its effects and events carry that time.
 * Returns how many it completed.
 */
export async function settleDueTasks(ctx: SettleContext): Promise<number> {
  let count = 0;
  for (;;) {
    const due = await ctx.tx.tasks.due(ctx.now, BATCH);
    for (const task of due) await settle(task, ctx);
    count += due.length;
    if (due.length < BATCH) return count;
  }
}

async function settle(task: TaskRecord, ctx: SettleContext): Promise<void> {
  const caller = ctx.accounts.byAccountId(task.accountId);
  const complete = COMPLETERS[task.kind];
  if (!caller || !complete) {
    const { pending: _pending, ...doc } = task.doc;
    const { completesAt: _completesAt, ...base } = task;
    const failure = new TaskFailure("InternalError", `Task ${task.id} can no longer run.`);
    await ctx.tx.tasks.put({ ...base, status: "FAILED", doc: failedDoc(doc, failure) });
    return;
  }
  const taskCtx: OperationContext = {
    ...ctx,
    caller,
    catalog: task.catalog,
    now: task.completesAt ?? ctx.now,
  };
  await complete(task, taskCtx);
}

/**
 * A Start…Task replayed with its ClientToken answers the task's current state (AWS documents
 * re-calling it "with the same payload" as the way to check on it), not the first answer.
 */
export async function currentTaskState(stored: unknown, ctx: OperationContext): Promise<unknown> {
  const taskId = (stored as { TaskId?: unknown } | undefined)?.TaskId;
  if (typeof taskId !== "string") return stored;
  await settleDueTasks(ctx);
  const task = await ctx.tx.tasks.get(ctx.catalog, taskId);
  return task ? taskView(task) : stored;
}
