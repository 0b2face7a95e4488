import { describe, expect, it } from "vitest";
import type { Store } from "../../src/store/port.js";
import type {
  EngagementRecord,
  InvitationRecord,
  MemberRecord,
  OpportunityQuery,
  OpportunityRecord,
  ResourceQuery,
  ReviewCursor,
  SolutionQuery,
  SolutionRecord,
  SortOrder,
  TaskQuery,
  TaskRecord,
} from "../../src/store/records.js";

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

  const opportunity = (
    id: string,
    o: {
      company?: string;
      modified?: number;
      created?: number;
      close?: string;
      stage?: string;
      review?: string;
    },
  ): OpportunityRecord => ({
    catalog: "AWS",
    id,
    ownerAccountId: "111122223333",
    createdAt: o.created ?? 1,
    lastModifiedAt: o.modified ?? 1,
    doc: {
      Customer: { Account: { CompanyName: o.company ?? "Company" } },
      LifeCycle: {
        Stage: o.stage ?? "Qualified",
        ReviewStatus: o.review ?? "Pending Submission",
        TargetCloseDate: o.close ?? "2099-01-01",
      },
    },
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

    it("keeps an absent engagement title and description apart from empty ones", async () => {
      const { store, reopen } = await fresh();
      const { title: _t, description: _d, ...untitled } = engagement("eng-untitled");
      const empty = { ...engagement("eng-empty"), title: "", description: "" };
      const untitledInvitation = {
        ...invitation("engi-untitled", "r", 1),
        engagementId: "eng-untitled",
        engagementTitle: undefined,
      };
      const emptyInvitation = {
        ...invitation("engi-empty", "r", 2),
        engagementId: "eng-empty",
        engagementTitle: "",
        engagementDescription: "",
      };
      await store.transaction(async (tx) => {
        await tx.engagements.put(untitled);
        await tx.engagements.put(empty);
        await tx.invitations.put(untitledInvitation);
        await tx.invitations.put(emptyInvitation);
      });
      const read = async (s: Store) =>
        s.transaction(
          async (tx) => ({
            untitled: await tx.engagements.get("Sandbox", "eng-untitled"),
            empty: await tx.engagements.get("Sandbox", "eng-empty"),
            untitledInvitation: await tx.invitations.get("Sandbox", "engi-untitled"),
            emptyInvitation: await tx.invitations.get("Sandbox", "engi-empty"),
          }),
          { readonly: true },
        );
      const check = (got: Awaited<ReturnType<typeof read>>) => {
        expect(got.untitled).toEqual(untitled);
        expect(got.untitled).not.toHaveProperty("title");
        expect(got.untitled).not.toHaveProperty("description");
        expect(got.empty).toMatchObject({ title: "", description: "" });
        expect(got.untitledInvitation).not.toHaveProperty("engagementTitle");
        expect(got.untitledInvitation).not.toHaveProperty("engagementDescription");
        expect(got.emptyInvitation).toMatchObject({ engagementTitle: "", engagementDescription: "" });
      };
      check(await read(store));
      await store.close();
      if (reopen) {
        const again = await reopen();
        check(await read(again));
        await again.close();
      }
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

    it("stores tasks, lists an account's tasks of one kind filtered and keyset-paged, finds due ones", async () => {
      const { store } = await fresh();
      const task = (id: string, startTime: number, extra: Partial<TaskRecord> = {}): TaskRecord => ({
        catalog: "Sandbox",
        id,
        kind: "OpportunityFromEngagement",
        accountId: "111122223333",
        startTime,
        status: "COMPLETE",
        opportunityId: `O${startTime}`,
        engagementId: "eng-1",
        contextId: "2",
        doc: { TaskId: id, TaskStatus: "COMPLETE", OpportunityId: `O${startTime}` },
        ...extra,
      });
      await store.transaction(async (tx) => {
        await tx.tasks.put(task("task-1", 100));
        await tx.tasks.put(
          task("task-2", 200, { status: "FAILED", opportunityId: undefined, contextId: undefined }),
        );
        await tx.tasks.put(
          task("task-3", 300, { status: "IN_PROGRESS", completesAt: 350, engagementId: "eng-2" }),
        );
        await tx.tasks.put(task("task-4", 400, { status: "IN_PROGRESS", completesAt: 900 }));
        await tx.tasks.put(task("task-other-account", 150, { accountId: "444455556666" }));
        await tx.tasks.put(task("task-other-kind", 160, { kind: "EngagementFromOpportunity" }));
        await tx.tasks.put(task("task-other-catalog", 170, { catalog: "AWS" }));
      });
      await store.transaction(async (tx) => {
        expect(await tx.tasks.get("Sandbox", "task-3")).toEqual(
          task("task-3", 300, { status: "IN_PROGRESS", completesAt: 350, engagementId: "eng-2" }),
        );
        expect(await tx.tasks.get("AWS", "task-3")).toBeUndefined();
        const query = {
          catalog: "Sandbox" as const,
          kind: "OpportunityFromEngagement" as const,
          accountId: "111122223333",
          order: "DESCENDING" as SortOrder,
          limit: 10,
        };
        const ids = async (q: Partial<typeof query> & Record<string, unknown>) =>
          (await tx.tasks.list({ ...query, ...q })).map((t) => t.id);
        expect(await ids({})).toEqual(["task-4", "task-3", "task-2", "task-1"]);
        expect(await ids({ order: "ASCENDING" })).toEqual(["task-1", "task-2", "task-3", "task-4"]);
        expect(await ids({ statuses: ["IN_PROGRESS", "FAILED"] })).toEqual(["task-4", "task-3", "task-2"]);
        expect(await ids({ ids: ["task-1", "task-other-kind"] })).toEqual(["task-1"]);
        expect(await ids({ opportunityIds: ["O300"] })).toEqual(["task-3"]);
        expect(await ids({ engagementIds: ["eng-2"] })).toEqual(["task-3"]);
        expect(await ids({ contextIds: ["2"] })).toEqual(["task-4", "task-3", "task-1"]);
        expect(await ids({ after: { sort: 300, id: "task-3" }, limit: 1 })).toEqual(["task-2"]);
        expect(await ids({ after: { sort: 200, id: "task-2" }, order: "ASCENDING" })).toEqual([
          "task-3",
          "task-4",
        ]);
        expect((await tx.tasks.due(400, 10)).map((t) => t.id)).toEqual(["task-3"]);
        expect((await tx.tasks.due(1_000, 10)).map((t) => t.id)).toEqual(["task-3", "task-4"]);
        expect((await tx.tasks.due(1_000, 1)).map((t) => t.id)).toEqual(["task-3"]);
        // Completing a task replaces it: it is no longer due and its status filters anew.
        await tx.tasks.put(task("task-3", 300, { engagementId: "eng-2" }));
        expect((await tx.tasks.due(1_000, 10)).map((t) => t.id)).toEqual(["task-4"]);
        expect(await ids({ statuses: ["COMPLETE"] })).toEqual(["task-3", "task-1"]);
      });
      await store.close();
    });

    it("stores opportunities by catalog and id, with AWS's summary, and numbers them per catalog", async () => {
      const { store } = await fresh();
      const ids = await store.transaction(async (tx) => [
        await tx.opportunities.nextId("AWS"),
        await tx.opportunities.nextId("AWS"),
        await tx.opportunities.nextId("Sandbox"),
      ]);
      expect(ids.every((id) => /^O[0-9]{7,19}$/.test(id))).toBe(true);
      expect(Number(ids[1]!.slice(1))).toBeGreaterThan(Number(ids[0]!.slice(1)));
      const record = opportunity(ids[0]!, { company: "Ümlaut AG" });
      await store.transaction((tx) => tx.opportunities.put(record));
      expect(
        await store.transaction((tx) => tx.opportunities.get("AWS", ids[0]!), { readonly: true }),
      ).toEqual(record);
      expect(await store.transaction((tx) => tx.opportunities.get("Sandbox", ids[0]!))).toBeUndefined();
      const changed = { ...record, lastModifiedAt: 5_000, awsSummary: { InvolvementType: "Co-Sell" } };
      await store.transaction((tx) => tx.opportunities.put(changed));
      expect(await store.transaction((tx) => tx.opportunities.get("AWS", ids[0]!))).toEqual(changed);
      await store.close();
    });

    it("lists an owner's opportunities filtered, sorted and keyset-paged", async () => {
      const { store } = await fresh();
      const rows = [
        opportunity("O1000010", {
          company: "Charlie",
          modified: 30,
          created: 1,
          close: "2099-03-01",
          stage: "Prospect",
        }),
        opportunity("O1000002", {
          company: "Alpha",
          modified: 10,
          created: 2,
          close: "2099-01-01",
          review: "Submitted",
        }),
        opportunity("O1000003", {
          company: "Bravo",
          modified: 20,
          created: 3,
          close: "2099-02-01",
          stage: "Prospect",
        }),
        opportunity("O1000004", { company: "Alpha", modified: 20, created: 4, close: "2099-04-01" }),
        { ...opportunity("O1000005", {}), ownerAccountId: "444455556666" },
        { ...opportunity("O1000006", {}), catalog: "Sandbox" as const },
      ];
      await store.transaction(async (tx) => {
        for (const r of rows) await tx.opportunities.put(r);
      });
      const list = (q: Partial<OpportunityQuery>) =>
        store.transaction(async (tx) =>
          (
            await tx.opportunities.list({
              catalog: "AWS",
              ownerAccountId: "111122223333",
              sortBy: "LastModifiedDate",
              order: "DESCENDING",
              limit: 100,
              ...q,
            })
          ).map((r) => r.id),
        );
      expect(await list({})).toEqual(["O1000010", "O1000004", "O1000003", "O1000002"]);
      expect(await list({ sortBy: "Identifier", order: "ASCENDING" })).toEqual([
        "O1000002",
        "O1000003",
        "O1000004",
        "O1000010",
      ]);
      expect(await list({ sortBy: "CustomerCompanyName", order: "ASCENDING" })).toEqual([
        "O1000002",
        "O1000004",
        "O1000003",
        "O1000010",
      ]);
      expect(await list({ sortBy: "TargetCloseDate", order: "DESCENDING" })).toEqual([
        "O1000004",
        "O1000010",
        "O1000003",
        "O1000002",
      ]);
      expect(
        await list({
          sortBy: "CreatedDate",
          order: "ASCENDING",
          after: { sort: 2, id: "O1000002" },
          limit: 1,
        }),
      ).toEqual(["O1000003"]);
      expect(await list({ after: { sort: 20, id: "O1000004" } })).toEqual(["O1000003", "O1000002"]);
      expect(
        await list({ sortBy: "Identifier", order: "ASCENDING", after: { sort: 1000003, id: "O1000003" } }),
      ).toEqual(["O1000004", "O1000010"]);
      expect(
        await list({
          sortBy: "CustomerCompanyName",
          order: "ASCENDING",
          after: { sort: "Alpha", id: "O1000002" },
        }),
      ).toEqual(["O1000004", "O1000003", "O1000010"]);
      expect(await list({ ids: ["O1000002", "O1000005"] })).toEqual(["O1000002"]);
      expect(await list({ stages: ["Prospect"] })).toEqual(["O1000010", "O1000003"]);
      expect(await list({ reviewStatuses: ["Submitted"] })).toEqual(["O1000002"]);
      expect(await list({ customerCompanyNames: ["Alpha"] })).toEqual(["O1000004", "O1000002"]);
      expect(await list({ lastModifiedAfter: 20, lastModifiedBefore: 20 })).toEqual(["O1000004", "O1000003"]);
      expect(await list({ createdAfter: 2, createdBefore: 3 })).toEqual(["O1000003", "O1000002"]);
      expect(await list({ targetCloseAfter: "2099-02-01", targetCloseBefore: "2099-03-01" })).toEqual([
        "O1000010",
        "O1000003",
      ]);
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

    it("stores resources by kind and catalog, lists them by parent, owner and sort key, and deletes them", async () => {
      const { store } = await fresh();
      const resource = (id: string, createdAt: number, sortKey: string, parentId = "eng-1") => ({
        kind: "snapshot",
        catalog: "Sandbox" as const,
        id,
        ownerAccountId: "111122223333",
        parentId,
        status: "Running",
        createdAt,
        sortKey,
        doc: { Id: id },
      });
      await store.transaction(async (tx) => {
        await tx.resources.put(resource("r-2", 20, "b"));
        await tx.resources.put(resource("r-1", 10, "c"));
        await tx.resources.put(resource("r-3", 30, "a", "eng-2"));
        await tx.resources.put({ ...resource("r-9", 5, "z"), kind: "solution" });
      });
      await store.transaction(async (tx) => {
        expect(await tx.resources.get("snapshot", "Sandbox", "r-1")).toEqual(resource("r-1", 10, "c"));
        expect(await tx.resources.get("snapshot", "AWS", "r-1")).toBeUndefined();
        const byParent = await tx.resources.list({
          kind: "snapshot",
          catalog: "Sandbox",
          parentIds: ["eng-1"],
          sortBy: "createdAt",
          order: "ASCENDING",
          limit: 10,
        });
        expect(byParent.map((r) => r.id)).toEqual(["r-1", "r-2"]);
        const byKey = await tx.resources.list({
          kind: "snapshot",
          catalog: "Sandbox",
          ownerAccountId: "111122223333",
          sortBy: "sortKey",
          order: "DESCENDING",
          after: { sort: "c", id: "r-1" },
          limit: 10,
        });
        expect(byKey.map((r) => r.id)).toEqual(["r-2", "r-3"]);
        expect(await tx.resources.delete("snapshot", "Sandbox", "r-2")).toBe(true);
        expect(await tx.resources.delete("snapshot", "Sandbox", "r-2")).toBe(false);
      });
      await store.close();
    });

    it("lists tasks by name or failed count, filtered by exact names and strict start bounds", async () => {
      const { store } = await fresh();
      const task = (id: string, startTime: number, name: string, failedCount: number): TaskRecord => ({
        catalog: "Sandbox",
        id,
        kind: "ProspectingFromEngagement",
        accountId: "111122223333",
        startTime,
        status: "COMPLETE",
        name,
        failedCount,
        doc: { TaskId: id, TaskName: name },
      });
      await store.transaction(async (tx) => {
        await tx.tasks.put(task("task-a", 100, "beta", 2));
        await tx.tasks.put(task("task-b", 200, "alpha", 0));
        await tx.tasks.put(task("task-c", 300, "beta", 1));
        await tx.tasks.put(task("task-d", 400, "gamma", 2));
        await tx.tasks.put({ ...task("task-x", 250, "alpha", 0), accountId: "444455556666" });
      });
      await store.transaction(async (tx) => {
        const ids = async (q: Partial<TaskQuery>) =>
          (
            await tx.tasks.list({
              catalog: "Sandbox",
              kind: "ProspectingFromEngagement",
              accountId: "111122223333",
              order: "ASCENDING",
              limit: 10,
              ...q,
            })
          ).map((t) => t.id);
        expect(await tx.tasks.get("Sandbox", "task-a")).toEqual(task("task-a", 100, "beta", 2));
        expect(await ids({ sortBy: "name" })).toEqual(["task-b", "task-a", "task-c", "task-d"]);
        expect(await ids({ sortBy: "name", order: "DESCENDING" })).toEqual([
          "task-d",
          "task-c",
          "task-a",
          "task-b",
        ]);
        expect(await ids({ sortBy: "failedCount" })).toEqual(["task-b", "task-c", "task-a", "task-d"]);
        expect(await ids({ sortBy: "name", after: { sort: "beta", id: "task-a" } })).toEqual([
          "task-c",
          "task-d",
        ]);
        expect(await ids({ sortBy: "failedCount", after: { sort: 2, id: "task-a" }, limit: 1 })).toEqual([
          "task-d",
        ]);
        expect(await ids({ names: ["beta", "gamma"] })).toEqual(["task-a", "task-c", "task-d"]);
        expect(await ids({ startAfter: 100, startBefore: 400 })).toEqual(["task-b", "task-c"]);
        expect(await ids({ names: ["alpha"], startAfter: 200 })).toEqual([]);
        // A task renamed or recounted is sorted anew.
        await tx.tasks.put(task("task-d", 400, "aardvark", 0));
        expect(await ids({ sortBy: "name", limit: 1 })).toEqual(["task-d"]);
      });
      await store.close();
    });

    it("stores solutions per owner and catalog, lists them filtered, sorted and keyset-paged", async () => {
      const { store, reopen } = await fresh();
      const solution = (id: string, o: Partial<SolutionRecord> = {}): SolutionRecord => ({
        catalog: "Sandbox",
        ownerAccountId: "111122223333",
        id,
        name: `name ${id}`,
        status: "Active",
        category: "Software Product",
        createdAt: 1,
        ...o,
      });
      const listed = "arn:aws:aws-marketplace:us-east-1:111122223333:AWSMarketplace/Solution/soln-1";
      await store.transaction(async (tx) => {
        await tx.solutions.put(solution("S-3", { name: "Alpha", status: "Draft", createdAt: 30 }));
        await tx.solutions.put(
          solution("S-1", { name: "Gamma", createdAt: 10, awsMarketplaceSolutionArn: listed }),
        );
        await tx.solutions.put(solution("S-2", { name: "Beta", category: "Managed Service", createdAt: 20 }));
        await tx.solutions.put(solution("S-1", { ownerAccountId: "444455556666", name: "Other's" }));
        await tx.solutions.put(solution("S-1", { catalog: "AWS", name: "Other catalog" }));
      });
      await store.transaction(async (tx) => {
        expect(await tx.solutions.get("Sandbox", "111122223333", "S-1")).toEqual(
          solution("S-1", { name: "Gamma", createdAt: 10, awsMarketplaceSolutionArn: listed }),
        );
        expect((await tx.solutions.get("Sandbox", "444455556666", "S-1"))?.name).toBe("Other's");
        expect(await tx.solutions.get("Sandbox", "111122223333", "S-9")).toBeUndefined();
        const ids = async (q: Partial<SolutionQuery>) =>
          (
            await tx.solutions.list({
              catalog: "Sandbox",
              ownerAccountId: "111122223333",
              sortBy: "id",
              order: "ASCENDING",
              limit: 10,
              ...q,
            })
          ).map((r) => r.id);
        expect(await ids({})).toEqual(["S-1", "S-2", "S-3"]);
        expect(await ids({ order: "DESCENDING" })).toEqual(["S-3", "S-2", "S-1"]);
        expect(await ids({ sortBy: "name" })).toEqual(["S-3", "S-2", "S-1"]);
        expect(await ids({ sortBy: "status" })).toEqual(["S-1", "S-2", "S-3"]);
        expect(await ids({ sortBy: "category", order: "DESCENDING" })).toEqual(["S-3", "S-1", "S-2"]);
        expect(await ids({ sortBy: "createdAt", after: { sort: 10, id: "S-1" } })).toEqual(["S-2", "S-3"]);
        expect(await ids({ sortBy: "name", after: { sort: "Beta", id: "S-2" }, limit: 1 })).toEqual(["S-1"]);
        expect(await ids({ statuses: ["Draft"] })).toEqual(["S-3"]);
        expect(await ids({ ids: ["S-2", "S-9"] })).toEqual(["S-2"]);
        expect(await ids({ categories: ["Managed Service"] })).toEqual(["S-2"]);
        expect(await ids({ awsMarketplaceSolutionArns: [listed, "arn:none"] })).toEqual(["S-1"]);
        // Replacing a solution can drop its listing.
        await tx.solutions.put(solution("S-1", { name: "Gamma", createdAt: 10 }));
        expect(await ids({ awsMarketplaceSolutionArns: [listed] })).toEqual([]);
        expect((await tx.solutions.get("Sandbox", "111122223333", "S-1"))?.awsMarketplaceSolutionArn).toBe(
          undefined,
        );
      });
      if (reopen) {
        await store.close();
        const again = await reopen();
        expect(
          (await again.transaction((tx) => tx.solutions.get("Sandbox", "111122223333", "S-2")))?.name,
        ).toBe("Beta");
        await again.reset();
        expect(await again.transaction((tx) => tx.solutions.get("Sandbox", "111122223333", "S-2"))).toBe(
          undefined,
        );
        await again.close();
      } else {
        await store.close();
      }
    });

    it("lists resources by what they refer to, by sort key, and under a member's engagements", async () => {
      const { store } = await fresh();
      const member = (engagementId: string, accountId: string): MemberRecord => ({
        catalog: "Sandbox",
        engagementId,
        accountId,
        companyName: accountId,
        joinedAt: 1,
        engagementCreatedAt: 1,
      });
      const resource = (id: string, parentId: string, refId: string, sortKey: string, createdAt: number) => ({
        kind: "association",
        catalog: "Sandbox" as const,
        id,
        ownerAccountId: "111122223333",
        parentId,
        refId,
        sortKey,
        createdAt,
        doc: { Id: id },
      });
      await store.transaction(async (tx) => {
        await tx.members.add(member("eng-1", "111122223333"));
        await tx.members.add(member("eng-2", "111122223333"));
        await tx.members.add(member("eng-2", "444455556666"));
        await tx.resources.put(resource("r-1", "eng-1", "O1", "a", 10));
        await tx.resources.put(resource("r-2", "eng-2", "O2", "b", 20));
        await tx.resources.put(resource("r-3", "eng-3", "O1", "a", 30));
        await tx.resources.put(resource("r-4", "eng-2", "O1", "a", 5));
      });
      await store.transaction(async (tx) => {
        const ids = async (q: Partial<ResourceQuery>) =>
          (
            await tx.resources.list({
              kind: "association",
              catalog: "Sandbox",
              sortBy: "createdAt",
              order: "ASCENDING",
              limit: 10,
              ...q,
            })
          ).map((r) => r.id);
        expect((await tx.resources.get("association", "Sandbox", "r-1"))?.refId).toBe("O1");
        expect(await ids({ refIds: ["O1"] })).toEqual(["r-4", "r-1", "r-3"]);
        expect(await ids({ sortKeys: ["b"] })).toEqual(["r-2"]);
        expect(await ids({ parentMemberAccountId: "111122223333" })).toEqual(["r-4", "r-1", "r-2"]);
        expect(await ids({ parentMemberAccountId: "444455556666", refIds: ["O1"] })).toEqual(["r-4"]);
        expect(
          await ids({ parentMemberAccountId: "111122223333", after: { sort: 5, id: "r-4" }, limit: 1 }),
        ).toEqual(["r-1"]);
        expect(await ids({ parentMemberAccountId: "777788889999" })).toEqual([]);
      });
      await store.close();
    });

    it("finds opportunities awaiting AWS's review by submission time, across owners and catalogs", async () => {
      const { store } = await fresh();
      const submitted = (
        id: string,
        at: number | undefined,
        review = "Submitted",
        catalog: "AWS" | "Sandbox" = "AWS",
      ) => ({
        ...opportunity(id, { review }),
        catalog,
        ownerAccountId: id === "O2" ? "444455556666" : "111122223333",
        ...(at === undefined ? {} : { awsSummary: { _submittedAt: at } }),
      });
      await store.transaction(async (tx) => {
        await tx.opportunities.put(submitted("O1", 300));
        await tx.opportunities.put(submitted("O2", 100, "In review"));
        await tx.opportunities.put(submitted("O3", 200, "Submitted", "Sandbox"));
        await tx.opportunities.put(submitted("O4", 150, "Approved"));
        await tx.opportunities.put(submitted("O5", undefined, "Pending Submission"));
        await tx.opportunities.put(submitted("O6", 900));
      });
      await store.transaction(async (tx) => {
        const ids = async (before: number, after?: ReviewCursor, limit = 10) =>
          (await tx.opportunities.awaitingReview(before, after, limit)).map((o) => o.id);
        expect(await ids(300)).toEqual(["O2", "O3", "O1"]);
        expect(await ids(199)).toEqual(["O2"]);
        expect(await ids(300, { submittedAt: 100, catalog: "AWS", id: "O2" }, 1)).toEqual(["O3"]);
        // A review answered leaves the set.
        await tx.opportunities.put(submitted("O3", 200, "Approved", "Sandbox"));
        expect(await ids(1_000)).toEqual(["O2", "O1", "O6"]);
      });
      await store.close();
    });

    it("knows an account's newest event seq and finds a webhook by id", async () => {
      const { store } = await fresh();
      await store.transaction(async (tx) => {
        expect(await tx.events.lastSeq("a")).toBe(0);
        const event = (accountId: string) => ({
          accountId,
          catalog: "Sandbox" as const,
          time: 1,
          detailType: "T",
          event: { n: 1 },
        });
        const [, second, third] = await tx.events.append([event("a"), event("a"), event("b")]);
        expect(await tx.events.lastSeq("a")).toBe(second!.seq);
        expect(await tx.events.lastSeq("b")).toBe(third!.seq);
        const hook = { id: "wh-1", accountId: "a", url: "http://x", createdAt: 5, deliveredSeq: 0 };
        await tx.webhooks.put(hook);
        expect(await tx.webhooks.get("wh-1")).toEqual(hook);
        expect(await tx.webhooks.get("wh-2")).toBeUndefined();
      });
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
