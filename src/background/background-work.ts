/**
 * Everything the clock moves without a request: one list, run by one sweeper every second (each
 * item at its own pace) and all at once by the clock route when the virtual clock jumps. Each item
 * is a domain function of a store transaction and the virtual time.
 */
import type { OperationContext } from "../domain/context.js";
import { announceExpiries, hasUnannouncedExpiries } from "../domain/invitations/expiry.js";
import { hasDueAutoReviews, settleAutoReviews } from "../domain/opportunities/aws-review.js";
import { hasDueTasks, settleDueTasks } from "../domain/tasks/settle.js";
import { purgeIdempotencyRecords } from "../operations/idempotency.js";
import type { Services } from "../services.js";
import { type Sweeper, startSweeper } from "../util/sweeper.js";

/** What an item is given: a transaction, the virtual time, the server's shared parts; no caller. */
export type BackgroundContext = Omit<OperationContext, "caller" | "catalog">;

export interface BackgroundItem {
  name: string;
  /** How often the sweeper runs it (the clock route runs every item whatever its pace). */
  everyMs: number;
  /** A read-only look first, where most sweeps find nothing: no write lock is taken then. */
  due?: (ctx: BackgroundContext) => Promise<boolean>;
  /** The work, in one write transaction; returns how many changes it made that may carry events. */
  run: (ctx: BackgroundContext) => Promise<number>;
}

const SECOND = 1_000;

/** Also run by the events route, so a reader sees the expiries the clock has reached. */
export const INVITATION_EXPIRIES: BackgroundItem = {
  name: "invitation expiries",
  everyMs: SECOND,
  due: ({ tx, now }) => hasUnannouncedExpiries(tx, now),
  run: ({ tx, now }) => announceExpiries(tx, now),
};

export const BACKGROUND_WORK: readonly BackgroundItem[] = [
  INVITATION_EXPIRIES,
  {
    // Delayed tasks, prospecting's included: they complete when their time comes.
    name: "delayed tasks",
    everyMs: SECOND,
    due: ({ tx, now }) => hasDueTasks(tx, now),
    run: (ctx) => settleDueTasks(ctx),
  },
  {
    name: "auto-review",
    everyMs: SECOND,
    due: ({ tx, now, settings }) => hasDueAutoReviews(tx, now, settings),
    run: ({ tx, now, settings, accounts }) => settleAutoReviews(tx, now, settings, accounts),
  },
  {
    name: "idempotency purge",
    everyMs: 10 * 60 * SECOND,
    run: async ({ tx, now, settings }) => {
      await purgeIdempotencyRecords(tx, now, settings);
      return 0;
    },
  },
];

type BackgroundServices = Pick<
  Services,
  "store" | "clock" | "accounts" | "settings" | "pageTokens" | "delivery" | "logger"
>;

/** Runs one item now; events it writes go out at once. Returns how many changes it made. */
export async function runBackgroundItem(item: BackgroundItem, services: BackgroundServices): Promise<number> {
  const now = services.clock.now();
  const base = {
    now,
    accounts: services.accounts,
    settings: services.settings,
    pageTokens: services.pageTokens,
  };
  if (
    item.due &&
    !(await services.store.transaction((tx) => item.due!({ ...base, tx }), { readonly: true }))
  ) {
    return 0;
  }
  const changed = await services.store.transaction((tx) => item.run({ ...base, tx }));
  if (changed > 0) services.delivery.wake();
  return changed;
}

/** Runs every item, in order (the clock route, after the clock moved). */
export async function runAllBackgroundWork(services: BackgroundServices): Promise<void> {
  for (const item of BACKGROUND_WORK) await runBackgroundItem(item, services);
}

/**
 * The one sweeper: every second, each item whose pace has come round runs; a failing item is
 * logged and retried on its next turn without holding up the others.
 */
export function startBackgroundSweeper(services: BackgroundServices, tickMs = SECOND): Sweeper {
  const lastRun = new Map<BackgroundItem, number>();
  return startSweeper(
    async () => {
      for (const item of BACKGROUND_WORK) {
        const at = Date.now();
        if (at - (lastRun.get(item) ?? 0) < item.everyMs) continue;
        lastRun.set(item, at);
        try {
          await runBackgroundItem(item, services);
        } catch (err) {
          services.logger.warn({ err }, `${item.name} sweep failed`);
        }
      }
    },
    (err) => services.logger.warn({ err }, "background sweep failed"),
    tickMs,
  );
}
