import { describe, expect, it } from "vitest";
import type { Store } from "../../src/store/port.js";
import type { EngagementRecord, InvitationRecord } from "../../src/store/records.js";

/**
 * The behaviour every store adapter must have. An adapter's test file calls this with a factory
 * that gives a fresh, opened store (and a way to reopen the same data, where it persists).
 */
export function storeContract(
  name: string,
  fresh: () => Promise<{ store: Store; reopen?: () => Promise<Store> }>,
): void {
  const engagement = (id: string, catalog: "AWS" | "Sandbox" = "Sandbox"): EngagementRecord => ({
    catalog,
    id,
    title: `title ${id}`,
    description: "",
    createdAt: 1_000,
    createdBy: "111122223333",
    modifiedAt: 1_000,
    modifiedBy: "111122223333",
    contexts: [{ Id: "1", Type: "Lead", Payload: { Lead: { CompanyName: "ü" } } }],
  });
  const invitation = (id: string, receiver: string, date: number): InvitationRecord => ({
    catalog: "Sandbox",
    id,
    engagementId: "eng-1",
    engagementTitle: "t",
    payloadType: "LeadInvitation",
    payload: { Customer: { CompanyName: "c" } },
    senderAccountId: "aws",
    senderCompanyName: "AWS",
    receiverAccountId: receiver,
    invitationDate: date,
    expirationDate: date + 10,
    status: "PENDING",
    existingMembers: [],
  });

  describe(`store contract: ${name}`, () => {
    it("stores and reads engagements, scoped by catalog", async () => {
      const { store } = await fresh();
      await store.transaction(async (tx) => {
        await tx.engagements.put(engagement("eng-1"));
      });
      const got = await store.transaction((tx) => tx.engagements.get("Sandbox", "eng-1"), { readonly: true });
      expect(got).toEqual(engagement("eng-1"));
      expect(await store.transaction((tx) => tx.engagements.get("AWS", "eng-1"))).toBeUndefined();
      await store.transaction((tx) =>
        tx.engagements.put({ ...engagement("eng-1"), title: "changed", modifiedAt: 2 }),
      );
      expect((await store.transaction((tx) => tx.engagements.get("Sandbox", "eng-1")))?.title).toBe(
        "changed",
      );
      await store.close();
    });

    it("adds members once, counts and lists them in join order", async () => {
      const { store } = await fresh();
      await store.transaction(async (tx) => {
        for (const [accountId, joinedAt] of [
          ["b", 2],
          ["a", 1],
          ["a", 3],
        ] as const) {
          await tx.members.add({
            catalog: "Sandbox",
            engagementId: "eng-1",
            accountId,
            companyName: accountId,
            joinedAt,
            engagementCreatedAt: 0,
          });
        }
      });
      await store.transaction(async (tx) => {
        expect(await tx.members.count("Sandbox", "eng-1")).toBe(2);
        expect((await tx.members.list("Sandbox", "eng-1")).map((m) => m.accountId)).toEqual(["a", "b"]);
        expect(await tx.members.get("Sandbox", "eng-1", "a")).toMatchObject({ joinedAt: 1 });
        expect(await tx.members.get("AWS", "eng-1", "a")).toBeUndefined();
      });
      await store.close();
    });

    it("stores invitations, updates them and lists a receiver's", async () => {
      const { store } = await fresh();
      await store.transaction(async (tx) => {
        await tx.invitations.put(invitation("engi-2", "r1", 20));
        await tx.invitations.put(invitation("engi-1", "r1", 10));
        await tx.invitations.put(invitation("engi-3", "r2", 5));
        await tx.invitations.put({
          ...invitation("engi-1", "r1", 10),
          status: "REJECTED",
          rejectionReason: "Other",
        });
      });
      await store.transaction(async (tx) => {
        expect(await tx.invitations.get("Sandbox", "engi-1")).toMatchObject({
          status: "REJECTED",
          rejectionReason: "Other",
        });
        const mine = await tx.invitations.listForReceiver("Sandbox", "eng-1", "r1");
        expect(mine.map((i) => i.id)).toEqual(["engi-1", "engi-2"]);
      });
      await store.close();
    });

    it("remembers idempotent responses and purges old ones", async () => {
      const { store } = await fresh();
      const record = {
        accountId: "a",
        operation: "Op",
        clientToken: "t",
        inputHash: "h",
        response: { Id: "x" },
        createdAt: 100,
      };
      await store.transaction((tx) => tx.idempotency.put(record));
      expect(await store.transaction((tx) => tx.idempotency.get("a", "Op", "t"))).toEqual(record);
      expect(await store.transaction((tx) => tx.idempotency.get("b", "Op", "t"))).toBeUndefined();
      expect(await store.transaction((tx) => tx.idempotency.purgeBefore(101))).toBe(1);
      expect(await store.transaction((tx) => tx.idempotency.get("a", "Op", "t"))).toBeUndefined();
      await store.close();
    });

    it("rolls back every write of a failed transaction", async () => {
      const { store } = await fresh();
      await expect(
        store.transaction(async (tx) => {
          await tx.engagements.put(engagement("eng-rollback"));
          throw new Error("boom");
        }),
      ).rejects.toThrow("boom");
      expect(await store.transaction((tx) => tx.engagements.get("Sandbox", "eng-rollback"))).toBeUndefined();
      await store.close();
    });

    it("runs write transactions one at a time", async () => {
      const { store } = await fresh();
      const order: string[] = [];
      const slow = (name: string) =>
        store.transaction(async (tx) => {
          order.push(`${name}:start`);
          await new Promise((r) => setTimeout(r, 20));
          await tx.engagements.put(engagement(`eng-${name}`));
          order.push(`${name}:end`);
        });
      await Promise.all([slow("a"), slow("b")]);
      expect(order).toEqual(["a:start", "a:end", "b:start", "b:end"]);
      await store.close();
    });

    it("reset drops all data", async () => {
      const { store } = await fresh();
      await store.transaction((tx) => tx.engagements.put(engagement("eng-1")));
      await store.reset();
      expect(await store.transaction((tx) => tx.engagements.get("Sandbox", "eng-1"))).toBeUndefined();
      await store.close();
    });

    it("keeps committed data across a reopen, where the adapter persists", async () => {
      const { store, reopen } = await fresh();
      if (!reopen) return;
      await store.transaction((tx) => tx.engagements.put(engagement("eng-kept")));
      await store.close();
      const again = await reopen();
      expect(await again.transaction((tx) => tx.engagements.get("Sandbox", "eng-kept"))).toEqual(
        engagement("eng-kept"),
      );
      await again.close();
    });
  });
}
