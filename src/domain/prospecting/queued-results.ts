import type { StoreTx } from "../../store/port.js";
import type { Catalog } from "../../store/records.js";
import type { ResultOverride } from "./prospecting-result.js";

/** A prospecting result AWS set ahead for one of an account's next tasks. */
export interface QueuedResult extends ResultOverride {
  /** Only a task in this catalog takes it; any task when absent. */
  catalog?: Catalog;
  /** When it was queued (epoch ms). */
  queuedAt: number;
}

const KIND = "queued-prospecting-results";
/** One record per account holds its queue; entries name their catalog, so the record's is fixed. */
const RECORD_CATALOG: Catalog = "AWS";

async function read(tx: StoreTx, accountId: string): Promise<QueuedResult[]> {
  const record = await tx.resources.get(KIND, RECORD_CATALOG, accountId);
  return (record?.doc.queue as QueuedResult[] | undefined) ?? [];
}

async function write(tx: StoreTx, accountId: string, queue: QueuedResult[], now: number) {
  if (queue.length === 0) {
    await tx.resources.delete(KIND, RECORD_CATALOG, accountId);
    return;
  }
  await tx.resources.put({
    kind: KIND,
    catalog: RECORD_CATALOG,
    id: accountId,
    ownerAccountId: accountId,
    createdAt: now,
    doc: { queue },
  });
}

/** The account's queued results, oldest first. */
export const queuedResults = read;

/** Queues a result behind those the account already has; answers the whole queue. */
export async function queueResult(
  tx: StoreTx,
  accountId: string,
  entry: QueuedResult,
): Promise<QueuedResult[]> {
  const queue = [...(await read(tx, accountId)), entry];
  await write(tx, accountId, queue, entry.queuedAt);
  return queue;
}

/** Removes and answers the oldest queued result a task of the account in `catalog` may take. */
export async function takeQueuedResult(
  tx: StoreTx,
  accountId: string,
  catalog: Catalog,
  now: number,
): Promise<ResultOverride | undefined> {
  const queue = await read(tx, accountId);
  const index = queue.findIndex((e) => e.catalog === undefined || e.catalog === catalog);
  if (index < 0) return undefined;
  const { Customer, Insights } = queue[index]!;
  await write(
    tx,
    accountId,
    queue.filter((_, i) => i !== index),
    now,
  );
  return { ...(Customer ? { Customer } : {}), ...(Insights ? { Insights } : {}) };
}
