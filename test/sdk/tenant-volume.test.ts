import {
  AssociateOpportunityCommand,
  CreateOpportunityCommand,
  ListEngagementResourceAssociationsCommand,
  ListProspectingFromEngagementTasksCommand,
  type ListProspectingFromEngagementTasksCommandInput,
  ListSolutionsCommand,
  type ListSolutionsCommandInput,
} from "@aws-sdk/client-partnercentral-selling";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedProspectingTasks, seedSolutions } from "../../bench/lib/seed-tenants.js";
import { openStore } from "../../src/store/open-store.js";
import type { Store } from "../../src/store/port.js";
import { CountingStore } from "./helpers/counting-store.js";
import { type Harness, PARTNER_A, PARTNER_B, startHarness } from "./helpers/harness.js";

/**
 * One tenant must not slow another: Partner A holds 12,000 prospecting tasks and 12,000
 * solutions, Partner B a handful. Every page either of them asks for reads about a page of
 * records from the store, whichever sort, order or depth (the SQLite plans behind these reads are
 * checked in test/unit/store-sqlite.test.ts).
 */
const HEAVY = 12_000;
const LIGHT = 5;
const PAGE = 20;
/** A page, the one extra row that tells whether another follows, and the default solutions. */
const BUDGET = PAGE + 1 + 8;

let h: Harness;
let store: CountingStore;
beforeAll(async () => {
  store = new CountingStore(await openStore(":memory:"));
  await seedProspectingTasks(store, PARTNER_A.awsAccountId, HEAVY);
  await seedSolutions(store, PARTNER_A.awsAccountId, HEAVY);
  await seedProspectingTasks(store, PARTNER_B.awsAccountId, LIGHT);
  await seedSolutions(store, PARTNER_B.awsAccountId, LIGHT);
  await seedSnapshotRecords(store, PARTNER_A.awsAccountId, HEAVY);
  h = await startHarness({ store });
}, 60_000);
afterAll(() => h?.close());

/**
 * Partner A's snapshot bookkeeping: `count` engagement ↔ opportunity associations in engagements
 * only A is a member of, and as many Running snapshot jobs on other opportunities of A.
 */
async function seedSnapshotRecords(s: Store, owner: string, count: number) {
  await s.transaction(async (tx) => {
    for (let i = 0; i < count; i++) {
      const engagementId = `eng-${i.toString(36).padStart(14, "0")}`;
      const opportunityId = `O9${String(i).padStart(8, "0")}`;
      await tx.resources.put({
        kind: "engagement-resource-association",
        catalog: "Sandbox",
        id: `${engagementId}|Opportunity|${opportunityId}`,
        ownerAccountId: owner,
        parentId: engagementId,
        refId: opportunityId,
        createdAt: i,
        doc: {
          EngagementId: engagementId,
          ResourceType: "Opportunity",
          ResourceId: opportunityId,
          CreatedBy: owner,
        },
      });
      await tx.resources.put({
        kind: "resource-snapshot-job",
        catalog: "Sandbox",
        id: `job-${i.toString(36).padStart(13, "0")}`,
        ownerAccountId: owner,
        parentId: engagementId,
        refId: opportunityId,
        status: "Running",
        createdAt: i,
        doc: {
          EngagementId: engagementId,
          ResourceType: "Opportunity",
          ResourceId: opportunityId,
          ResourceSnapshotTemplateName: "OpportunitySummaryView",
        },
      });
    }
  });
}

const listTasks = (
  account: typeof PARTNER_A,
  input: Partial<ListProspectingFromEngagementTasksCommandInput>,
) =>
  h
    .client(account)
    .send(new ListProspectingFromEngagementTasksCommand({ Catalog: "Sandbox", MaxResults: PAGE, ...input }));
const listSolutions = (account: typeof PARTNER_A, input: Partial<ListSolutionsCommandInput>) =>
  h.client(account).send(new ListSolutionsCommand({ Catalog: "Sandbox", MaxResults: PAGE, ...input }));

const TASK_SORTS = ["StartTime", "TaskName", "FailedEngagementCount"] as const;
const SOLUTION_SORTS = ["Identifier", "Name", "Status", "Category", "CreatedDate"] as const;
const ORDERS = ["ASCENDING", "DESCENDING"] as const;

describe("ListProspectingFromEngagementTasks next to a heavy tenant", () => {
  it("reads about a page for the light tenant, in every sort and order", async () => {
    for (const SortBy of TASK_SORTS) {
      for (const SortOrder of ORDERS) {
        let res: Awaited<ReturnType<typeof listTasks>> | undefined;
        const rows = await store.reads(async () => {
          res = await listTasks(PARTNER_B, { Sort: { SortBy, SortOrder } });
        });
        expect(res!.TaskSummaries).toHaveLength(LIGHT);
        expect(rows, `${SortBy} ${SortOrder}`).toBeLessThanOrEqual(BUDGET);
      }
    }
  });

  it("reads about a page for the heavy tenant's first and deeper pages, in every sort and order", async () => {
    for (const SortBy of TASK_SORTS) {
      for (const SortOrder of ORDERS) {
        let token: string | undefined;
        for (let page = 0; page < 3; page++) {
          let res: Awaited<ReturnType<typeof listTasks>> | undefined;
          const rows = await store.reads(async () => {
            res = await listTasks(PARTNER_A, { Sort: { SortBy, SortOrder }, NextToken: token });
          });
          expect(res!.TaskSummaries).toHaveLength(PAGE);
          expect(rows, `${SortBy} ${SortOrder} page ${page}`).toBeLessThanOrEqual(BUDGET);
          expect(rows).toBeGreaterThanOrEqual(PAGE);
          token = res!.NextToken;
          expect(token).toBeDefined();
        }
      }
    }
  });

  it("reads about a page when filtering the heavy tenant by name or start time", async () => {
    const newest = (await listTasks(PARTNER_A, { MaxResults: 1 })).TaskSummaries![0]!;
    const filters: Partial<ListProspectingFromEngagementTasksCommandInput>[] = [
      { TaskName: ["Seeded prospecting 7"] },
      { StartBefore: newest.StartTime },
      { TaskName: ["Seeded prospecting 7"], Sort: { SortBy: "TaskName", SortOrder: "ASCENDING" } },
    ];
    for (const filter of filters) {
      let res: Awaited<ReturnType<typeof listTasks>> | undefined;
      const rows = await store.reads(async () => {
        res = await listTasks(PARTNER_A, filter);
      });
      expect(res!.TaskSummaries).toHaveLength(PAGE);
      expect(rows, JSON.stringify(filter)).toBeLessThanOrEqual(BUDGET);
    }
  });
});

describe("ListSolutions next to a heavy tenant", () => {
  it("reads about a page for the light tenant, in every sort and order", async () => {
    for (const SortBy of SOLUTION_SORTS) {
      for (const SortOrder of ORDERS) {
        let res: Awaited<ReturnType<typeof listSolutions>> | undefined;
        const rows = await store.reads(async () => {
          res = await listSolutions(PARTNER_B, { Sort: { SortBy, SortOrder } });
        });
        expect(res!.SolutionSummaries).toHaveLength(LIGHT + 4); // and the four Sandbox defaults
        expect(rows, `${SortBy} ${SortOrder}`).toBeLessThanOrEqual(BUDGET);
      }
    }
  });

  it("reads about a page for the heavy tenant's first and deeper pages, in every sort and order", async () => {
    for (const SortBy of SOLUTION_SORTS) {
      for (const SortOrder of ORDERS) {
        let token: string | undefined;
        for (let page = 0; page < 3; page++) {
          let res: Awaited<ReturnType<typeof listSolutions>> | undefined;
          const rows = await store.reads(async () => {
            res = await listSolutions(PARTNER_A, { Sort: { SortBy, SortOrder }, NextToken: token });
          });
          expect(res!.SolutionSummaries).toHaveLength(PAGE);
          expect(rows, `${SortBy} ${SortOrder} page ${page}`).toBeLessThanOrEqual(BUDGET);
          expect(rows).toBeGreaterThanOrEqual(PAGE);
          token = res!.NextToken;
          expect(token).toBeDefined();
        }
      }
    }
  });

  it("reads about a page when filtering the heavy tenant by status, category or listing", async () => {
    const filters: Partial<ListSolutionsCommandInput>[] = [
      { Status: ["Active"] },
      { Category: ["Managed Service"], Sort: { SortBy: "Name", SortOrder: "ASCENDING" } },
      {
        AwsMarketplaceSolutionArn: Array.from(
          { length: 3 },
          (_, i) =>
            `arn:aws:aws-marketplace:us-east-1:${PARTNER_A.awsAccountId}:AWSMarketplace/Solution/soln-${i * 5}`,
        ),
      },
    ];
    for (const filter of filters) {
      let res: Awaited<ReturnType<typeof listSolutions>> | undefined;
      const rows = await store.reads(async () => {
        res = await listSolutions(PARTNER_A, filter);
      });
      expect(res!.SolutionSummaries!.length).toBeGreaterThan(0);
      expect(rows, JSON.stringify(filter)).toBeLessThanOrEqual(BUDGET);
    }
  });
});

describe("snapshot bookkeeping next to a heavy tenant", () => {
  it("lists another partner's engagement resource associations without reading the heavy tenant's", async () => {
    let res: any;
    const rows = await store.reads(async () => {
      res = await h
        .client(PARTNER_B)
        .send(new ListEngagementResourceAssociationsCommand({ Catalog: "Sandbox" }));
    });
    expect(res.EngagementResourceAssociationSummaries).toEqual([]);
    expect(rows).toBeLessThanOrEqual(BUDGET);
  });

  it("changes an opportunity of the heavy tenant without reading its snapshot jobs on other opportunities", async () => {
    const a = h.client(PARTNER_A);
    const { Id } = await a.send(new CreateOpportunityCommand({ Catalog: "Sandbox" }));
    const rows = await store.reads(() =>
      a.send(
        new AssociateOpportunityCommand({
          Catalog: "Sandbox",
          OpportunityIdentifier: Id,
          RelatedEntityType: "Solutions",
          RelatedEntityIdentifier: "S-1234567",
        }),
      ),
    );
    expect(rows).toBeLessThanOrEqual(BUDGET);
  });
});
