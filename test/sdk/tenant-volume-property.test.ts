import {
  ListSolutionsCommand,
  type ListSolutionsCommandInput,
  type ListSolutionsCommandOutput,
} from "@aws-sdk/client-partnercentral-selling";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedSolutions } from "../../bench/lib/seed-tenants.js";
import { openStore } from "../../src/store/open-store.js";
import { CountingStore } from "./helpers/counting-store.js";
import { type Harness, PARTNER_A, PARTNER_B, startHarness } from "./helpers/harness.js";

/**
 * A heavy tenant (Partner A, thousands of solutions) and a light one (Partner B) interleaved at
 * random: solutions added or changed for either, and B's catalog listed in every sort, order,
 * filter and page size. B always sees exactly its own solutions in the right order, and every
 * page reads about a page from the store.
 */
const HEAVY = 5_000;
const STATUSES = ["Active", "Inactive", "Draft"] as const;
const CATEGORIES = ["Software Product", "Consulting Service", "Managed Service"] as const;
const SORTS = ["Identifier", "Name", "Status", "Category", "CreatedDate"] as const;

interface View {
  Id: string;
  Name: string;
  Status: string;
  Category: string;
  CreatedDate: string;
}

let h: Harness;
let store: CountingStore;
/** Partner B's catalog as B should see it, by id. */
const lightModel = new Map<string, View>();

beforeAll(async () => {
  store = new CountingStore(await openStore(":memory:"));
  await seedSolutions(store, PARTNER_A.awsAccountId, HEAVY);
  h = await startHarness({ store });
  for (const s of await listAll({ MaxResults: 100 })) lightModel.set(s.Id, s);
}, 60_000);
afterAll(() => h?.close());

/** Every page of B's listing, checking what each page read. */
async function listAll(input: Partial<ListSolutionsCommandInput>): Promise<View[]> {
  const out: View[] = [];
  let NextToken: string | undefined;
  do {
    let page: ListSolutionsCommandOutput | undefined;
    const rows = await store.reads(async () => {
      page = await h
        .client(PARTNER_B)
        .send(new ListSolutionsCommand({ Catalog: "Sandbox", ...input, NextToken }));
    });
    expect(rows).toBeLessThanOrEqual((input.MaxResults ?? 20) + 1 + 8);
    for (const s of page!.SolutionSummaries ?? []) {
      out.push({
        Id: String(s.Id),
        Name: String(s.Name),
        Status: String(s.Status),
        Category: String(s.Category),
        CreatedDate: s.CreatedDate!.toISOString(),
      });
    }
    NextToken = page!.NextToken;
  } while (NextToken);
  return out;
}

const sortKey = (s: View, by: (typeof SORTS)[number]): string | number =>
  by === "Identifier" ? s.Id : by === "CreatedDate" ? Date.parse(s.CreatedDate) : s[by];

const command = fc.oneof(
  fc.record({
    type: fc.constant("put" as const),
    heavy: fc.boolean(),
    // A small id range, so solutions are changed as often as added (defaults included).
    id: fc.oneof(
      fc.constantFrom("S-1234567", "S-0098765"),
      fc.integer({ min: 1, max: 40 }).map((n) => `S-6${n}`),
    ),
    name: fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,11}$/),
    status: fc.constantFrom(...STATUSES),
    category: fc.constantFrom(...CATEGORIES),
  }),
  fc.record({
    type: fc.constant("list" as const),
    sortBy: fc.constantFrom(...SORTS),
    order: fc.constantFrom("ASCENDING" as const, "DESCENDING" as const),
    pageSize: fc.integer({ min: 1, max: 7 }),
    status: fc.option(fc.subarray([...STATUSES], { minLength: 1 }), { nil: undefined }),
    category: fc.option(fc.subarray([...CATEGORIES], { minLength: 1 }), { nil: undefined }),
  }),
);

describe("a heavy and a light tenant, interleaved", () => {
  it("the light tenant lists exactly its own solutions, in order, a page's reads at a time", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 8 }), async (commands) => {
        for (const c of commands) {
          if (c.type === "put") {
            const account = c.heavy ? PARTNER_A : PARTNER_B;
            const view = await h.control<View>("POST", "/_pclocal/solutions", {
              Account: account.awsAccountId,
              Catalog: "Sandbox",
              Id: c.id,
              Name: c.name,
              Status: c.status,
              Category: c.category,
            });
            if (!c.heavy) lightModel.set(view.Id, view);
            continue;
          }
          const listed = await listAll({
            MaxResults: c.pageSize,
            Sort: { SortBy: c.sortBy, SortOrder: c.order },
            Status: c.status,
            Category: c.category,
          });
          const direction = c.order === "ASCENDING" ? 1 : -1;
          const expected = [...lightModel.values()]
            .filter(
              (s) =>
                (!c.status || c.status.includes(s.Status as never)) &&
                (!c.category || c.category.includes(s.Category as never)),
            )
            .sort((a, b) => {
              const [x, y] = [sortKey(a, c.sortBy), sortKey(b, c.sortBy)];
              return direction * (x < y ? -1 : x > y ? 1 : a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : 0);
            });
          expect(listed.map((s) => s.Id)).toEqual(expected.map((s) => s.Id));
          expect(listed).toEqual(
            expected.map(({ Id, Name, Status, Category, CreatedDate }) => ({
              Id,
              Name,
              Status,
              Category,
              CreatedDate,
            })),
          );
        }
      }),
      { numRuns: 25, seed: 20260726 },
    );
  }, 120_000);
});
