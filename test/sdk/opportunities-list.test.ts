import {
  AssociateOpportunityCommand,
  CreateOpportunityCommand,
  GetOpportunityCommand,
  ListOpportunitiesCommand,
  type ListOpportunitiesCommandInput,
  type OpportunitySummary,
  type PartnerCentralSellingClient,
  paginateListOpportunities,
  SubmitOpportunityCommand,
  UpdateOpportunityCommand,
} from "@aws-sdk/client-partnercentral-selling";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, PARTNER_A, PARTNER_C, rejectionOf, startHarness } from "./helpers/harness.js";

let h: Harness;
let c: PartnerCentralSellingClient;

interface Seed {
  company: string;
  close: string;
  stage: string;
}
const SEEDS: Seed[] = [
  { company: "Delta Corp", close: "2099-03-01", stage: "Prospect" },
  { company: "Alpha Inc", close: "2099-01-15", stage: "Qualified" },
  { company: "Charlie LLC", close: "2099-05-20", stage: "Prospect" },
  { company: "Bravo GmbH", close: "2099-02-10", stage: "Technical Validation" },
  { company: "Echo SA", close: "2099-04-05", stage: "Qualified" },
];
/** Ids in creation order. */
const ids: string[] = [];
let createdBetween: { after: Date; before: Date };

beforeAll(async () => {
  h = await startHarness();
  c = h.client(PARTNER_C);
  for (const [i, s] of SEEDS.entries()) {
    if (i === 2) await h.control("POST", "/_pclocal/clock", { advanceSeconds: 60 });
    const { Id } = await c.send(
      new CreateOpportunityCommand({
        Catalog: "AWS",
        PartnerOpportunityIdentifier: `P-${i}`,
        Customer: {
          Account: {
            CompanyName: s.company,
            WebsiteUrl: "https://www.example.com",
            Industry: "Retail",
            Address: { CountryCode: "US", City: "Austin", PostalCode: "73301", StateOrRegion: "Texas" },
          },
        },
        Project: {
          Title: `Project ${i}`,
          CustomerBusinessProblem: "A business problem of at least twenty characters.",
          DeliveryModels: ["SaaS or PaaS"],
          ExpectedCustomerSpend: [
            { Amount: "100", CurrencyCode: "USD", Frequency: "Monthly", TargetCompany: "AWS" },
          ],
        },
        LifeCycle: { Stage: s.stage as never, TargetCloseDate: s.close, NextSteps: "Call" },
      }),
    );
    ids.push(Id!);
    if (i === 2) {
      const got = await c.send(new GetOpportunityCommand({ Catalog: "AWS", Identifier: Id! }));
      createdBetween = { after: got.CreatedDate!, before: got.CreatedDate! };
    }
    if (i === 3) await h.control("POST", "/_pclocal/clock", { advanceSeconds: 60 });
  }
  // The first one is submitted: it is the most recently modified.
  await c.send(
    new AssociateOpportunityCommand({
      Catalog: "AWS",
      OpportunityIdentifier: ids[0]!,
      RelatedEntityType: "Solutions",
      RelatedEntityIdentifier: "S-0041817",
    }),
  );
  await c.send(
    new SubmitOpportunityCommand({ Catalog: "AWS", Identifier: ids[0]!, InvolvementType: "Co-Sell" }),
  );
  // Another account's and another catalog's opportunities never show.
  await h.client(PARTNER_A).send(new CreateOpportunityCommand({ Catalog: "AWS" }));
  await c.send(new CreateOpportunityCommand({ Catalog: "Sandbox" }));
});
afterAll(() => h.close());

async function all(
  input: Omit<ListOpportunitiesCommandInput, "Catalog"> = {},
): Promise<OpportunitySummary[]> {
  const items: OpportunitySummary[] = [];
  for await (const page of paginateListOpportunities({ client: c }, { Catalog: "AWS", ...input })) {
    items.push(...(page.OpportunitySummaries ?? []));
  }
  return items;
}
const idsOf = (items: OpportunitySummary[]) => items.map((o) => o.Id);

describe("ListOpportunities", () => {
  it("lists the caller's opportunities of the catalog, last modified first, as OpportunitySummary", async () => {
    const items = await all();
    expect(idsOf(items)).toEqual([ids[0], ids[4], ids[3], ids[2], ids[1]]);
    const got = await c.send(new GetOpportunityCommand({ Catalog: "AWS", Identifier: ids[0]! }));
    expect(items[0]).toEqual({
      Catalog: "AWS",
      Id: ids[0],
      Arn: got.Arn,
      PartnerOpportunityIdentifier: "P-0",
      OpportunityType: "Net New Business",
      LastModifiedDate: got.LastModifiedDate,
      CreatedDate: got.CreatedDate,
      LifeCycle: {
        Stage: "Prospect",
        TargetCloseDate: "2099-03-01",
        NextSteps: "Call",
        ReviewStatus: "Submitted",
      },
      Customer: {
        Account: {
          CompanyName: "Delta Corp",
          WebsiteUrl: "https://www.example.com",
          Industry: "Retail",
          Address: { CountryCode: "US", City: "Austin", PostalCode: "73301", StateOrRegion: "Texas" },
        },
      },
      Project: {
        DeliveryModels: ["SaaS or PaaS"],
        ExpectedCustomerSpend: [
          { Amount: "100", CurrencyCode: "USD", Frequency: "Monthly", TargetCompany: "AWS" },
        ],
      },
    });
  });

  it("sorts by each sort field in both directions", async () => {
    const byCompany = [ids[1], ids[3], ids[2], ids[0], ids[4]];
    const byClose = [ids[1], ids[3], ids[0], ids[4], ids[2]];
    const cases: [string, (string | undefined)[]][] = [
      ["Identifier", ids],
      ["CreatedDate", ids],
      ["CustomerCompanyName", byCompany],
      ["TargetCloseDate", byClose],
      ["LastModifiedDate", [ids[1], ids[2], ids[3], ids[4], ids[0]]],
    ];
    for (const [SortBy, ascending] of cases) {
      const asc = await all({ Sort: { SortBy: SortBy as never, SortOrder: "ASCENDING" }, MaxResults: 2 });
      expect(idsOf(asc), SortBy).toEqual(ascending);
      const desc = await all({ Sort: { SortBy: SortBy as never, SortOrder: "DESCENDING" }, MaxResults: 2 });
      expect(idsOf(desc), SortBy).toEqual([...ascending].reverse());
    }
  });

  it("filters by identifier, stage, review status and company name", async () => {
    expect(idsOf(await all({ Identifier: [ids[1]!, ids[3]!] })).sort()).toEqual([ids[1], ids[3]].sort());
    expect(idsOf(await all({ LifeCycleStage: ["Qualified"] })).sort()).toEqual([ids[1], ids[4]].sort());
    expect(idsOf(await all({ LifeCycleReviewStatus: ["Submitted"] }))).toEqual([ids[0]]);
    expect(idsOf(await all({ LifeCycleReviewStatus: ["Pending Submission"] }))).toHaveLength(4);
    expect(idsOf(await all({ CustomerCompanyName: ["Echo SA", "Alpha Inc"] })).sort()).toEqual(
      [ids[1], ids[4]].sort(),
    );
  });

  it("filters by date ranges (AfterLastModifiedDate inclusive)", async () => {
    const first = await c.send(new GetOpportunityCommand({ Catalog: "AWS", Identifier: ids[0]! }));
    expect(idsOf(await all({ LastModifiedDate: { AfterLastModifiedDate: first.LastModifiedDate } }))).toEqual(
      [ids[0]],
    );
    expect(
      idsOf(await all({ LastModifiedDate: { BeforeLastModifiedDate: createdBetween.before } })).sort(),
    ).toEqual([ids[1], ids[2]].sort());
    expect(
      idsOf(
        await all({
          CreatedDate: { AfterCreatedDate: createdBetween.after, BeforeCreatedDate: createdBetween.before },
        }),
      ),
    ).toEqual([ids[2]]);
    expect(
      idsOf(
        await all({
          TargetCloseDate: { AfterTargetCloseDate: "2099-02-10", BeforeTargetCloseDate: "2099-04-05" },
        }),
      ).sort(),
    ).toEqual([ids[0], ids[3], ids[4]].sort());
  });

  it("pages with a default of 20 and an opaque token bound to the query", async () => {
    const page1 = await c.send(new ListOpportunitiesCommand({ Catalog: "AWS", MaxResults: 3 }));
    expect(page1.OpportunitySummaries).toHaveLength(3);
    expect(page1.NextToken).toBeTruthy();
    const page2 = await c.send(
      new ListOpportunitiesCommand({ Catalog: "AWS", MaxResults: 3, NextToken: page1.NextToken }),
    );
    expect(page2.NextToken).toBeUndefined();
    expect(idsOf([...page1.OpportunitySummaries!, ...page2.OpportunitySummaries!])).toEqual(
      idsOf(await all()),
    );
    const foreign = await rejectionOf(
      c.send(
        new ListOpportunitiesCommand({
          Catalog: "AWS",
          LifeCycleStage: ["Prospect"],
          NextToken: page1.NextToken,
        }),
      ),
    );
    expect(foreign.name).toBe("ValidationException");
    const unpaged = await c.send(new ListOpportunitiesCommand({ Catalog: "AWS" }));
    expect(unpaged.OpportunitySummaries).toHaveLength(5);
    expect(unpaged.NextToken).toBeUndefined();
  });

  it("sees auto-approvals in the review-status filter", async () => {
    // Due at once: nothing stores the approval before these reads, they derive it from the clock.
    await h.control("POST", "/_pclocal/aws/opportunities/auto-review", { approveAfterSeconds: 0 });
    try {
      expect(idsOf(await all({ LifeCycleReviewStatus: ["Approved"] }))).toEqual([ids[0]]);
      expect(idsOf(await all({ LifeCycleReviewStatus: ["Submitted"] }))).toEqual([]);
      const got = await c.send(new GetOpportunityCommand({ Catalog: "AWS", Identifier: ids[0]! }));
      await c.send(
        new UpdateOpportunityCommand({
          Catalog: "AWS",
          Identifier: ids[0]!,
          LastModifiedDate: got.LastModifiedDate!,
          Customer: got.Customer,
          Project: got.Project,
          PartnerOpportunityIdentifier: got.PartnerOpportunityIdentifier,
          LifeCycle: { ...got.LifeCycle, NextSteps: "Approved: plan the launch" },
        }),
      );
    } finally {
      await h.control("POST", "/_pclocal/aws/opportunities/auto-review", { approveAfterSeconds: null });
    }
  });
});
