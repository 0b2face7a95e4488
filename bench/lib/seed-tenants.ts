import { prospectingTaskArn } from "../../src/domain/common/arns.js";
import {
  listedFields,
  PROSPECTING_KIND,
  type ProspectingDoc,
} from "../../src/domain/prospecting/run-prospecting.js";
import type { Store } from "../../src/store/port.js";
import type { Catalog, TaskRecord } from "../../src/store/records.js";

const BATCH = 10_000;
const CATEGORIES = ["Software Product", "Consulting Service", "Managed Service", "Hardware Product"];
const STATUSES = ["Active", "Inactive", "Draft"];

export interface SeedOptions {
  catalog?: Catalog;
  /** Called after each batch with how many rows are written. */
  progress?: (done: number) => void;
}

/** Prefix that keeps each account's seeded ids apart (ids are global per catalog for tasks). */
const tag = (accountId: string) => accountId.slice(-4);

/**
 * Writes `count` finished prospecting tasks of one account through the store port, started one
 * second apart up to now, with names from a small set and 0–3 failed engagements.
 */
export async function seedProspectingTasks(
  store: Store,
  accountId: string,
  count: number,
  { catalog = "Sandbox", progress }: SeedOptions = {},
): Promise<void> {
  const now = Date.now();
  for (let start = 0; start < count; start += BATCH) {
    await store.transaction(async (tx) => {
      for (let i = start; i < Math.min(count, start + BATCH); i++) {
        const id = `task-${tag(accountId)}${i.toString(36).padStart(10, "0")}`;
        const startTime = now - (count - i) * 1000;
        const failed = i % 4;
        const doc: ProspectingDoc = {
          TaskId: id,
          TaskArn: prospectingTaskArn(catalog, id),
          TaskName: `Seeded prospecting ${i % 50}`,
          StartTime: new Date(startTime).toISOString(),
          EndTime: new Date(startTime).toISOString(),
          TaskStatus: "COMPLETED",
          Identifiers: ["eng-00000000000000"],
          Engagements: [],
          TotalEngagementCount: 4,
          CompletedEngagementCount: 4 - failed,
          FailedEngagementCount: failed,
        };
        const record: TaskRecord = {
          catalog,
          id,
          kind: PROSPECTING_KIND,
          accountId,
          startTime,
          status: "COMPLETE",
          ...listedFields(doc),
          doc: doc as unknown as Record<string, unknown>,
        };
        await tx.tasks.put(record);
      }
    });
    progress?.(Math.min(count, start + BATCH));
  }
}

/** Writes `count` solutions of one account through the store port (ids `S-5…`, varied members). */
export async function seedSolutions(
  store: Store,
  accountId: string,
  count: number,
  { catalog = "Sandbox", progress }: SeedOptions = {},
): Promise<void> {
  const now = Date.now();
  for (let start = 0; start < count; start += BATCH) {
    await store.transaction(async (tx) => {
      for (let i = start; i < Math.min(count, start + BATCH); i++) {
        await tx.solutions.put({
          catalog,
          ownerAccountId: accountId,
          id: `S-5${String(i).padStart(9, "0")}`,
          name: `Seeded solution ${String((i * 7919) % count).padStart(7, "0")}`,
          status: STATUSES[i % STATUSES.length]!,
          category: CATEGORIES[i % CATEGORIES.length]!,
          createdAt: now - (count - i) * 1000,
          ...(i % 5 === 0
            ? {
                awsMarketplaceSolutionArn: `arn:aws:aws-marketplace:us-east-1:${accountId}:AWSMarketplace/Solution/soln-${i}`,
              }
            : {}),
        });
      }
    });
    progress?.(Math.min(count, start + BATCH));
  }
}
