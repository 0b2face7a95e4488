import { DEMO_ACCOUNTS } from "../../src/auth/accounts.js";
import type { InvitationRecord } from "../../src/store/records.js";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { progressBar } from "./progress.js";

const BATCH = 10_000;

/**
 * Writes `count` AWS lead invitations to Partner A into a store file, through the store port,
 * spread over the past year so the newest come first.
 */
export async function seedInvitations(path: string, count: number): Promise<void> {
  const store = new SqliteStore(path);
  await store.open();
  const receiver = DEMO_ACCOUNTS[0]!;
  const now = Date.now();
  const tick = progressBar(`seeding ${count} invitations`, count);
  for (let start = 0; start < count; start += BATCH) {
    await store.transaction(async (tx) => {
      for (let i = start; i < Math.min(count, start + BATCH); i++) {
        const id = `engi-${i.toString(36).padStart(13, "0")}`;
        const invitationDate = now - (count - i) * 1000;
        const record: InvitationRecord = {
          catalog: "Sandbox",
          id,
          engagementId: `eng-${i.toString(36).padStart(14, "0")}`,
          engagementTitle: `Seeded lead ${i}`,
          payloadType: i % 2 === 0 ? "LeadInvitation" : "OpportunityInvitation",
          payload: { Customer: { CompanyName: `Customer ${i}`, CountryCode: "US" } },
          senderAccountId: "aws",
          senderCompanyName: "AWS",
          receiverAccountId: receiver.awsAccountId,
          receiverAlias: receiver.alias,
          invitationDate,
          expirationDate: invitationDate + 15 * 24 * 3600_000,
          status: i % 3 === 0 ? "ACCEPTED" : "PENDING",
          existingMembers: [{ CompanyName: "AWS", WebsiteUrl: "www.aws.com" }],
        };
        await tx.invitations.put(record);
      }
    });
    tick(Math.min(count, start + BATCH));
  }
  await store.close();
}
