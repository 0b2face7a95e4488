import type { AccountRegistry } from "../../auth/accounts.js";
import type { EventDelivery } from "../../events/delivery.js";
import type { Store } from "../../store/port.js";
import type { TaskKind, TaskRecord } from "../../store/records.js";
import type { Clock } from "../../util/clock.js";
import type { Logger } from "../../util/logger.js";
import { type Sweeper, startSweeper } from "../../util/sweeper.js";
import type { Doc } from "../common/doc.js";
import type { PageTokens } from "../common/page-tokens.js";
import type { DomainSettings, OperationContext } from "../context.js";
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
const SWEEP_INTERVAL_MS = 1_000;

/** What settling needs: a store transaction and the server's shared parts; no caller. */
export type SettleContext = Omit<OperationContext, "caller" | "catalog">;

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

/** The server's handles settling needs (a part of src/services.ts's `Services`). */
interface SettleServices {
  store: Store;
  clock: Clock;
  accounts: AccountRegistry;
  settings: DomainSettings;
  pageTokens: PageTokens;
  delivery: EventDelivery;
  logger: Logger;
}

/** Settles due tasks outside a request (the clock route, the sweeper). */
export async function settleTasks(services: SettleServices): Promise<number> {
  const now = services.clock.now();
  // A cheap read first: most sweeps find nothing and need no write lock.
  const due = await services.store.transaction((tx) => tx.tasks.due(now, 1), { readonly: true });
  if (due.length === 0) return 0;
  const settled = await services.store.transaction((tx) =>
    settleDueTasks({
      tx,
      now,
      accounts: services.accounts,
      settings: services.settings,
      pageTokens: services.pageTokens,
    }),
  );
  if (settled > 0) services.delivery.wake();
  return settled;
}

/**
 * Settles due tasks every second in the background, so a delayed task completes on time even when
 * nobody starts or replays a task (lists are read-only and cannot settle).
 */
export function startTaskSweeper(services: SettleServices, intervalMs = SWEEP_INTERVAL_MS): Sweeper {
  return startSweeper(
    () => settleTasks(services),
    (err) => services.logger.warn({ err }, "task settle sweep failed"),
    intervalMs,
  );
}
