import { DEMO_ACCOUNTS } from "../../src/auth/accounts.js";
import type { EngagementRecord } from "../../src/store/records.js";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { progressBar } from "./progress.js";

const BATCH = 10_000;

/** The id of the i-th seeded engagement (`eng-` and 14 base-36 digits, like the server's). */
export const seededEngagementId = (i: number) => `eng-${i.toString(36).padStart(14, "0")}`;

/**
 * Writes `count` engagements created by Partner A (A their only member) into a store file,
 * through the store port, in transactions of 10,000.
 */
export async function seedEngagements(path: string, count: number): Promise<void> {
  const store = new SqliteStore(path);
  await store.open();
  const owner = DEMO_ACCOUNTS[0]!;
  const now = Date.now();
  const tick = progressBar(`seeding ${count} engagements`, count);
  for (let start = 0; start < count; start += BATCH) {
    await store.transaction(async (tx) => {
      for (let i = start; i < Math.min(count, start + BATCH); i++) {
        const createdAt = now - (count - i) * 1000;
        const record: EngagementRecord = {
          catalog: "Sandbox",
          id: seededEngagementId(i),
          title: `Seeded engagement ${i}`,
          description: "seeded by bench/seed.ts",
          createdAt,
          createdBy: owner.awsAccountId,
          modifiedAt: createdAt,
          modifiedBy: owner.awsAccountId,
          contexts: [],
        };
        await tx.engagements.put(record);
        await tx.members.add({
          catalog: "Sandbox",
          engagementId: record.id,
          accountId: owner.awsAccountId,
          companyName: owner.companyName,
          websiteUrl: owner.websiteUrl,
          joinedAt: createdAt,
          engagementCreatedAt: createdAt,
        });
      }
    });
    tick(Math.min(count, start + BATCH));
  }
  await store.close();
}
