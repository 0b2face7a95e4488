import {
  AssignOpportunityCommand,
  AssociateOpportunityCommand,
  CreateOpportunityCommand,
  type CreateOpportunityCommandInput,
  DisassociateOpportunityCommand,
  GetAwsOpportunitySummaryCommand,
  GetOpportunityCommand,
  type GetOpportunityCommandOutput,
  type PartnerCentralSellingClient,
  SubmitOpportunityCommand,
  UpdateOpportunityCommand,
} from "@aws-sdk/client-partnercentral-selling";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envelopeOf, eventsOf, logEnd } from "./helpers/event-log.js";
import { type Harness, PARTNER_A, PARTNER_B, rejectionOf, startHarness } from "./helpers/harness.js";
import { replayForUpdate } from "./helpers/tasks.js";

let h: Harness;
let a: PartnerCentralSellingClient;
let b: PartnerCentralSellingClient;
beforeAll(async () => {
  h = await startHarness();
  a = h.client(PARTNER_A);
  b = h.client(PARTNER_B);
});
afterAll(() => h.close());

type Catalog = "AWS" | "Sandbox";

/** Every member CreateOpportunity can store, set. */
const FULL_OPPORTUNITY = {
  PrimaryNeedsFromAws: ["Co-Sell - Architectural Validation", "Co-Sell - Pricing Assistance"],
  NationalSecurity: "No",
  PartnerOpportunityIdentifier: "CRM-0001",
  Customer: {
    Account: {
      Industry: "Financial Services",
      CompanyName: "Example Bank Corp",
      WebsiteUrl: "https://www.examplebank.com",
      AwsAccountId: "123456789012",
      Address: {
        City: "Seattle",
        PostalCode: "98101",
        StateOrRegion: "Washington",
        CountryCode: "US",
        StreetAddress: "1 Main Street",
      },
      Duns: "123456789",
    },
    Contacts: [
      {
        Email: "cto@examplebank.com",
        FirstName: "Casey",
        LastName: "Doe",
        BusinessTitle: "CTO",
        Phone: "+12065550100",
      },
    ],
  },
  Project: {
    DeliveryModels: ["SaaS or PaaS", "Professional Services"],
    ExpectedCustomerSpend: [
      {
        Amount: "25000.50",
        CurrencyCode: "USD",
        Frequency: "Monthly",
        TargetCompany: "AWS",
        EstimationUrl: "https://calculator.aws/#/estimate?id=0123456789abcdef0123456789abcdef",
      },
    ],
    Title: "Core banking modernization",
    ApnPrograms: ["APN Immersion Days"],
    CustomerBusinessProblem: "The core banking platform cannot scale for the holiday peak.",
    CustomerUseCase: "Migration / Database Migration",
    SalesActivities: ["Initialized discussions with customer", "Conducted POC / Demo"],
    CompetitorName: "On-Prem",
    OtherSolutionDescription: "Hand-built scripts",
    AdditionalComments: "Met at re:Invent",
  },
  OpportunityType: "Net New Business",
  Marketing: {
    CampaignName: "Spring launch",
    Source: "Marketing Activity",
    UseCases: ["AI/ML"],
    Channels: ["AWS Marketing Central", "Email"],
    AwsFundingUsed: "No",
  },
  SoftwareRevenue: {
    DeliveryModel: "Subscription",
    Value: { Amount: "1200.00", CurrencyCode: "USD" },
    EffectiveDate: "2026-01-01",
    ExpirationDate: "2099-01-01",
  },
  LifeCycle: {
    Stage: "Qualified",
    NextSteps: "Schedule the architecture review",
    TargetCloseDate: "2099-06-30",
  },
} as const;

const create = async (client: PartnerCentralSellingClient, catalog: Catalog, extra: object = {}) =>
  client.send(
    new CreateOpportunityCommand({
      Catalog: catalog,
      ...FULL_OPPORTUNITY,
      ...extra,
    } as unknown as CreateOpportunityCommandInput),
  );

const get = (client: PartnerCentralSellingClient, catalog: Catalog, id: string) =>
  client.send(new GetOpportunityCommand({ Catalog: catalog, Identifier: id }));

const update = (
  client: PartnerCentralSellingClient,
  got: GetOpportunityCommandOutput,
  change?: (doc: any) => void,
) => client.send(new UpdateOpportunityCommand(replayForUpdate(got, change)));

const associateSolution = (
  client: PartnerCentralSellingClient,
  catalog: Catalog,
  id: string,
  // Every account's default solutions: S-1234567 in Sandbox, S-0041817 in the AWS catalog.
  solution = catalog === "AWS" ? "S-0041817" : "S-1234567",
) =>
  client.send(
    new AssociateOpportunityCommand({
      Catalog: catalog,
      OpportunityIdentifier: id,
      RelatedEntityType: "Solutions",
      RelatedEntityIdentifier: solution,
    }),
  );

const submit = (client: PartnerCentralSellingClient, catalog: Catalog, id: string) =>
  client.send(new SubmitOpportunityCommand({ Catalog: catalog, Identifier: id, InvolvementType: "Co-Sell" }));

/** A complete opportunity with a solution, submitted. */
async function submitted(catalog: Catalog) {
  const { Id } = await create(a, catalog);
  await associateSolution(a, catalog, Id!);
  await submit(a, catalog, Id!);
  return Id!;
}

const review = (catalog: Catalog, id: string, status: string, extra: object = {}) =>
  h.control("POST", "/_pclocal/aws/opportunities/review", {
    Catalog: catalog,
    Identifier: id,
    ReviewStatus: status,
    ...extra,
  });

const fieldsOf = (err: any) => (err.ErrorList ?? []).map((e: any) => e.FieldName);

describe("CreateOpportunity + GetOpportunity", () => {
  it("stores every field and returns it with the server-kept members", async () => {
    const created = await create(a, "Sandbox");
    expect(created.Id).toMatch(/^O[0-9]{7,}$/);
    expect(created.PartnerOpportunityIdentifier).toBe("CRM-0001");
    expect(created.LastModifiedDate).toBeInstanceOf(Date);

    const got = await get(a, "Sandbox", created.Id!);
    const { $metadata, ...fields } = got;
    expect(fields).toEqual({
      ...structuredClone(FULL_OPPORTUNITY),
      Id: created.Id,
      Arn: `arn:aws:partnercentral:us-east-1:${PARTNER_A.awsAccountId}:catalog/Sandbox/opportunity/${created.Id}`,
      Catalog: "Sandbox",
      CreatedDate: created.LastModifiedDate,
      LastModifiedDate: created.LastModifiedDate,
      LifeCycle: { ...FULL_OPPORTUNITY.LifeCycle, ReviewStatus: "Pending Submission" },
      OpportunityTeam: [expect.objectContaining({ BusinessTitle: "OpportunityOwner" })],
      RelatedEntityIdentifiers: {
        AwsMarketplaceOffers: [],
        AwsMarketplaceOfferSets: [],
        AwsMarketplaceSolutions: [],
        AwsMarketplaceProducts: [],
        Solutions: [],
        AwsProducts: [],
      },
    });
  });

  it("applies AWS's defaults to a bare opportunity and omits PartnerOpportunityIdentifier", async () => {
    const created = await a.send(new CreateOpportunityCommand({ Catalog: "AWS" }));
    expect(created.PartnerOpportunityIdentifier).toBeUndefined();
    const got = await get(a, "AWS", created.Id!);
    expect(got.OpportunityType).toBe("Net New Business");
    expect(got.NationalSecurity).toBe("No");
    expect(got.Marketing).toEqual({ Source: "None" });
    expect(got.LifeCycle).toEqual({ ReviewStatus: "Pending Submission" });
  });

  it("ignores a ReviewStatus given on create", async () => {
    const created = await create(a, "Sandbox", {
      LifeCycle: { ...FULL_OPPORTUNITY.LifeCycle, ReviewStatus: "Approved" },
    });
    expect((await get(a, "Sandbox", created.Id!)).LifeCycle?.ReviewStatus).toBe("Pending Submission");
  });

  it("keeps opportunities private to their owner and catalog", async () => {
    const created = await create(a, "Sandbox");
    expect((await rejectionOf(get(b, "Sandbox", created.Id!))).name).toBe("ResourceNotFoundException");
    expect((await rejectionOf(get(a, "AWS", created.Id!))).name).toBe("ResourceNotFoundException");
    const other = await rejectionOf(
      b.send(
        new UpdateOpportunityCommand({
          Catalog: "Sandbox",
          Identifier: created.Id!,
          LastModifiedDate: created.LastModifiedDate!,
        }),
      ),
    );
    expect(other.name).toBe("ResourceNotFoundException");
    expect((await rejectionOf(submit(b, "Sandbox", created.Id!))).name).toBe("ResourceNotFoundException");
  });

  it("allows only Partner Referral in the AWS catalog, AWS Referral in Sandbox", async () => {
    const err = await rejectionOf(create(a, "AWS", { Origin: "AWS Referral" }));
    expect(err.name).toBe("ValidationException");
    expect(err.Reason).toBe("BUSINESS_VALIDATION_FAILED");
    expect(fieldsOf(err)).toEqual(["origin"]);
    await create(a, "AWS", { Origin: "Partner Referral" });
    const referral = await create(a, "Sandbox", { Origin: "AWS Referral" });
    const id = referral.Id!;
    await associateSolution(a, "Sandbox", id);
    await submit(a, "Sandbox", id);
    const summary = await a.send(
      new GetAwsOpportunitySummaryCommand({ Catalog: "Sandbox", RelatedOpportunityIdentifier: id }),
    );
    expect(summary.Origin).toBe("AWS Referral");
  });

  it("requires ClosedLostReason exactly when the stage is Closed Lost", async () => {
    const err = await rejectionOf(
      create(a, "Sandbox", { LifeCycle: { Stage: "Closed Lost", TargetCloseDate: "2099-01-01" } }),
    );
    expect(err.Reason).toBe("BUSINESS_VALIDATION_FAILED");
    expect(err.ErrorList).toEqual([
      expect.objectContaining({ FieldName: "lifeCycle.closedLostReason", Code: "REQUIRED_FIELD_MISSING" }),
    ]);
    const err2 = await rejectionOf(
      create(a, "Sandbox", { LifeCycle: { Stage: "Prospect", ClosedLostReason: "Customer Deficiency" } }),
    );
    expect(err2.ErrorList).toEqual([
      expect.objectContaining({ FieldName: "lifeCycle.closedLostReason", Code: "INVALID_VALUE" }),
    ]);
  });

  it("answers the first response again for the same ClientToken, and refuses another body", async () => {
    const first = await create(a, "Sandbox", { ClientToken: "same-token-1" });
    const again = await create(a, "Sandbox", { ClientToken: "same-token-1" });
    expect(again.Id).toBe(first.Id);
    expect(again.LastModifiedDate).toEqual(first.LastModifiedDate);
    const err = await rejectionOf(
      create(a, "Sandbox", { ClientToken: "same-token-1", PartnerOpportunityIdentifier: "X" }),
    );
    expect(err.name).toBe("ConflictException");
    expect(err.message).toBe("Conflicting client token submitted for a new request body.");
  });
});

describe("UpdateOpportunity", () => {
  it("replaces the whole document: an omitted member is cleared, team and related entities stay", async () => {
    const created = await create(a, "Sandbox");
    await associateSolution(a, "Sandbox", created.Id!);
    const before = await get(a, "Sandbox", created.Id!);
    const updated = await update(a, before, (doc) => {
      delete doc.Marketing;
      delete doc.Customer.Contacts;
      doc.Project.Title = "Renamed";
    });
    expect(updated.Id).toBe(created.Id);
    expect(updated.LastModifiedDate!.getTime()).toBeGreaterThan(before.LastModifiedDate!.getTime());
    const after = await get(a, "Sandbox", created.Id!);
    expect(after.Marketing).toBeUndefined();
    expect(after.Customer?.Contacts).toBeUndefined();
    expect(after.Project?.Title).toBe("Renamed");
    expect(after.OpportunityTeam).toEqual(before.OpportunityTeam);
    expect(after.RelatedEntityIdentifiers?.Solutions).toEqual(["S-1234567"]);
    expect(after.CreatedDate).toEqual(before.CreatedDate);
    expect(after.LastModifiedDate).toEqual(updated.LastModifiedDate);
  });

  it("refuses a stale LastModifiedDate with ConflictException", async () => {
    const created = await create(a, "Sandbox");
    const v1 = await get(a, "Sandbox", created.Id!);
    await update(a, v1, (doc) => {
      doc.Project.Title = "First";
    });
    const err = await rejectionOf(update(a, v1, (doc) => (doc.Project.Title = "Second")));
    expect(err.name).toBe("ConflictException");
    expect((await get(a, "Sandbox", created.Id!)).Project?.Title).toBe("First");
  });

  it("lets exactly one of two concurrent updates with the same LastModifiedDate win", async () => {
    const created = await create(a, "Sandbox");
    const v1 = await get(a, "Sandbox", created.Id!);
    const results = await Promise.allSettled(
      ["One", "Two", "Three"].map((title) => update(a, v1, (doc) => (doc.Project.Title = title))),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    expect(won).toHaveLength(1);
    expect(lost.map((r) => r.reason.name)).toEqual(["ConflictException", "ConflictException"]);
  });

  it("ignores a ReviewStatus change in the AWS catalog", async () => {
    const created = await create(a, "AWS");
    const v1 = await get(a, "AWS", created.Id!);
    await update(a, v1, (doc) => (doc.LifeCycle.ReviewStatus = "Approved"));
    expect((await get(a, "AWS", created.Id!)).LifeCycle?.ReviewStatus).toBe("Pending Submission");
  });

  it("blocks every change while Submitted or In review, and in a Rejected opportunity", async () => {
    const id = await submitted("AWS");
    const err = await rejectionOf(update(a, await get(a, "AWS", id), (doc) => (doc.Project.Title = "Nope")));
    expect(err.name).toBe("ValidationException");
    expect(err.Reason).toBe("BUSINESS_VALIDATION_FAILED");
    expect(err.ErrorList).toEqual([
      expect.objectContaining({ FieldName: "lifeCycle.reviewStatus", Code: "ACTION_NOT_PERMITTED" }),
    ]);
    await review("AWS", id, "In review");
    expect(
      (await rejectionOf(update(a, await get(a, "AWS", id), (doc) => (doc.Project.Title = "Nope"))))
        .ErrorList[0].Code,
    ).toBe("ACTION_NOT_PERMITTED");
    await review("AWS", id, "Rejected", { ReviewStatusReason: "Duplicate opportunity" });
    const rejected = await get(a, "AWS", id);
    expect(rejected.LifeCycle?.ReviewStatus).toBe("Rejected");
    expect(rejected.LifeCycle?.ReviewStatusReason).toBe("Duplicate opportunity");
    const err3 = await rejectionOf(update(a, rejected, (doc) => (doc.LifeCycle.NextSteps = "Nope")));
    expect(err3.ErrorList[0]).toMatchObject({
      FieldName: "lifeCycle.reviewStatus",
      Code: "ACTION_NOT_PERMITTED",
    });
  });

  it("Action Required: only the listed fields may change, and the fix goes back to Submitted; then Approved", async () => {
    const id = await submitted("AWS");
    await review("AWS", id, "Action Required", { ReviewComments: "Please fix the website" });
    const v1 = await get(a, "AWS", id);
    expect(v1.LifeCycle).toMatchObject({
      ReviewStatus: "Action Required",
      ReviewComments: "Please fix the website",
    });

    const err = await rejectionOf(
      update(a, v1, (doc) => {
        doc.Project.Title = "Not allowed";
        doc.Customer.Account.Industry = "Retail";
        doc.Customer.Account.WebsiteUrl = "https://www.examplebank.example";
      }),
    );
    expect(err.name).toBe("ValidationException");
    expect(err.Reason).toBe("BUSINESS_VALIDATION_FAILED");
    expect(fieldsOf(err).sort()).toEqual(["customer.account.industry", "project.title"]);
    expect(err.ErrorList.every((e: any) => e.Code === "ACTION_NOT_PERMITTED")).toBe(true);

    await update(a, v1, (doc) => {
      doc.Customer.Account.WebsiteUrl = "https://www.examplebank.example";
      doc.Customer.Account.Address.City = "Tacoma";
      doc.LifeCycle.TargetCloseDate = "2099-07-31";
      doc.Project.ExpectedCustomerSpend[0].Amount = "30000";
      doc.Project.CustomerBusinessProblem = "The core banking platform cannot scale for peaks at all.";
      doc.PartnerOpportunityIdentifier = "CRM-0002";
    });
    const fixed = await get(a, "AWS", id);
    expect(fixed.LifeCycle?.ReviewStatus).toBe("Submitted");
    expect(fixed.Customer?.Account?.WebsiteUrl).toBe("https://www.examplebank.example");

    const approved = await review("AWS", id, "Approved");
    expect(approved).toEqual({ Id: id, ReviewStatus: "Approved", LastModifiedDate: expect.any(String) });
    expect((await get(a, "AWS", id)).LifeCycle?.ReviewStatus).toBe("Approved");
  });

  it("Approved: the listed fields are immutable, the others may change", async () => {
    const id = await submitted("AWS");
    await review("AWS", id, "Approved");
    const v1 = await get(a, "AWS", id);
    const err = await rejectionOf(
      update(a, v1, (doc) => {
        doc.Project.Title = "New title";
        doc.Customer.Account.Address.PostalCode = "98102";
        doc.Customer.Account.Address.CountryCode = "CA";
        doc.Customer.Account.Industry = "Retail";
        doc.Customer.Account.WebsiteUrl = "https://other.example.com";
        doc.Project.CustomerBusinessProblem = "Something else entirely, long enough.";
        doc.PartnerOpportunityIdentifier = "CRM-9";
      }),
    );
    expect(err.Reason).toBe("BUSINESS_VALIDATION_FAILED");
    expect(fieldsOf(err).sort()).toEqual([
      "customer.account.address.countryCode",
      "customer.account.address.postalCode",
      "customer.account.industry",
      "customer.account.websiteUrl",
      "partnerOpportunityIdentifier",
      "project.customerBusinessProblem",
      "project.title",
    ]);
    await update(a, v1, (doc) => {
      doc.LifeCycle.Stage = "Technical Validation";
      doc.LifeCycle.NextSteps = "Run the POC";
      doc.Customer.Account.Address.City = "Bellevue";
    });
    const after = await get(a, "AWS", id);
    expect(after.LifeCycle).toMatchObject({ Stage: "Technical Validation", ReviewStatus: "Approved" });
  });

  it("accepts no change once the stage is Closed Lost", async () => {
    const created = await create(a, "Sandbox");
    const v1 = await get(a, "Sandbox", created.Id!);
    await update(a, v1, (doc) => {
      doc.LifeCycle.Stage = "Closed Lost";
      doc.LifeCycle.ClosedLostReason = "Customer Deficiency";
    });
    const v2 = await get(a, "Sandbox", created.Id!);
    const err = await rejectionOf(update(a, v2, (doc) => (doc.LifeCycle.NextSteps = "Reopen")));
    expect(err.ErrorList[0]).toMatchObject({ FieldName: "lifeCycle.stage", Code: "ACTION_NOT_PERMITTED" });
  });

  it("needs a solution to move to Committed", async () => {
    const created = await create(a, "Sandbox");
    const err = await rejectionOf(
      update(a, await get(a, "Sandbox", created.Id!), (d) => (d.LifeCycle.Stage = "Committed")),
    );
    expect(err.ErrorList[0]).toMatchObject({ FieldName: "lifeCycle.stage", Code: "INVALID_VALUE" });
    await associateSolution(a, "Sandbox", created.Id!);
    await update(a, await get(a, "Sandbox", created.Id!), (d) => (d.LifeCycle.Stage = "Committed"));
  });

  it("Sandbox: an update setting ReviewStatus simulates AWS's review, even while Submitted", async () => {
    const id = await submitted("Sandbox");
    const v1 = await get(a, "Sandbox", id);
    await update(a, v1, (doc) => {
      doc.LifeCycle.ReviewStatus = "Action Required";
      doc.LifeCycle.ReviewComments = "Add the postal code";
      doc.LifeCycle.ReviewStatusReason = "Missing information";
    });
    const v2 = await get(a, "Sandbox", id);
    expect(v2.LifeCycle).toMatchObject({
      ReviewStatus: "Action Required",
      ReviewComments: "Add the postal code",
      ReviewStatusReason: "Missing information",
    });
    await update(a, v2, (doc) => (doc.Customer.Account.Address.PostalCode = "98109"));
    const v3 = await get(a, "Sandbox", id);
    expect(v3.LifeCycle?.ReviewStatus).toBe("Submitted");
    await update(a, v3, (doc) => (doc.LifeCycle.ReviewStatus = "Approved"));
    expect((await get(a, "Sandbox", id)).LifeCycle?.ReviewStatus).toBe("Approved");
  });

  it("Sandbox: a simulated review needs a submitted opportunity", async () => {
    const created = await create(a, "Sandbox");
    const err = await rejectionOf(
      update(a, await get(a, "Sandbox", created.Id!), (doc) => (doc.LifeCycle.ReviewStatus = "Approved")),
    );
    expect(err.ErrorList[0]).toMatchObject({
      FieldName: "lifeCycle.reviewStatus",
      Code: "ACTION_NOT_PERMITTED",
    });
  });
});

describe("SubmitOpportunity", () => {
  it("reports every missing submit-time field at once", async () => {
    const bare = await a.send(
      new CreateOpportunityCommand({ Catalog: "Sandbox", LifeCycle: { TargetCloseDate: "2001-01-01" } }),
    );
    const err = await rejectionOf(submit(a, "Sandbox", bare.Id!));
    expect(err.name).toBe("ValidationException");
    expect(err.Reason).toBe("BUSINESS_VALIDATION_FAILED");
    expect(err.ErrorList).toEqual(
      expect.arrayContaining([
        {
          FieldName: "customer.account.companyName",
          Message: expect.any(String),
          Code: "REQUIRED_FIELD_MISSING",
        },
        {
          FieldName: "customer.account.websiteUrl",
          Message: expect.any(String),
          Code: "REQUIRED_FIELD_MISSING",
        },
        {
          FieldName: "customer.account.address.countryCode",
          Message: expect.any(String),
          Code: "REQUIRED_FIELD_MISSING",
        },
        { FieldName: "project.title", Message: expect.any(String), Code: "REQUIRED_FIELD_MISSING" },
        {
          FieldName: "project.customerBusinessProblem",
          Message: expect.any(String),
          Code: "REQUIRED_FIELD_MISSING",
        },
        {
          FieldName: "project.expectedCustomerSpend",
          Message: expect.any(String),
          Code: "REQUIRED_FIELD_MISSING",
        },
        { FieldName: "lifeCycle.targetCloseDate", Message: expect.any(String), Code: "INVALID_VALUE" },
        {
          FieldName: "relatedEntityIdentifiers.solutions",
          Message: expect.any(String),
          Code: "REQUIRED_FIELD_MISSING",
        },
      ]),
    );
    expect(err.ErrorList).toHaveLength(8);
    expect((await get(a, "Sandbox", bare.Id!)).LifeCycle?.ReviewStatus).toBe("Pending Submission");
  });

  it("needs no website for national-security opportunities", async () => {
    const { Id } = await create(a, "Sandbox", {
      NationalSecurity: "Yes",
      Customer: {
        Account: { ...FULL_OPPORTUNITY.Customer.Account, Industry: "Government", WebsiteUrl: undefined },
      },
    });
    await associateSolution(a, "Sandbox", Id!);
    await submit(a, "Sandbox", Id!);
  });

  it("submits: Submitted, AWS's summary appears, a second submit is refused", async () => {
    const { Id } = await create(a, "AWS");
    const id = Id!;
    const before = await rejectionOf(
      a.send(new GetAwsOpportunitySummaryCommand({ Catalog: "AWS", RelatedOpportunityIdentifier: id })),
    );
    expect(before.name).toBe("ResourceNotFoundException");
    await associateSolution(a, "AWS", id);
    const v0 = await get(a, "AWS", id);
    await a.send(
      new SubmitOpportunityCommand({
        Catalog: "AWS",
        Identifier: id,
        InvolvementType: "For Visibility Only",
      }),
    );
    const v1 = await get(a, "AWS", id);
    expect(v1.LifeCycle?.ReviewStatus).toBe("Submitted");
    expect(v1.LastModifiedDate!.getTime()).toBeGreaterThan(v0.LastModifiedDate!.getTime());
    const { $metadata, ...summary } = await a.send(
      new GetAwsOpportunitySummaryCommand({ Catalog: "AWS", RelatedOpportunityIdentifier: id }),
    );
    expect(summary).toEqual({
      Catalog: "AWS",
      RelatedOpportunityId: id,
      Origin: "Partner Referral",
      InvolvementType: "For Visibility Only",
      Visibility: "Full",
      LifeCycle: { Stage: "Prospect", TargetCloseDate: "2099-06-30" },
      OpportunityTeam: [],
      RelatedEntityIds: {
        Solutions: ["S-0041817"],
        AwsProducts: [],
        AwsMarketplaceSolutions: [],
        AwsMarketplaceProducts: [],
      },
      Project: { ExpectedCustomerSpend: FULL_OPPORTUNITY.Project.ExpectedCustomerSpend },
      // AWS's scoring and deal sizing (test/sdk/aws-insights.test.ts and aws-summary.test.ts
      // have the details): no AWS product associated, so AWS's forecast alone.
      Insights: {
        EngagementScore: expect.stringMatching(/^(High|Medium|Low)$/),
        NextBestActions: expect.any(String),
        OpportunityQuality: { Score: expect.any(Number), Trend: "No Change" },
        Recommendations: expect.any(Array),
        AwsProductsSpendInsightsBySource: { AWS: expect.objectContaining({ Frequency: "Monthly" }) },
      },
      CosellMotion: "Partner-led",
      SoftwareRevenue: {
        Value: FULL_OPPORTUNITY.SoftwareRevenue.Value,
        Discount: expect.stringMatching(/^\d+\.\d{2}$/),
        EffectiveDate: FULL_OPPORTUNITY.SoftwareRevenue.EffectiveDate,
        ExpirationDate: FULL_OPPORTUNITY.SoftwareRevenue.ExpirationDate,
      },
    });
    const again = await rejectionOf(submit(a, "AWS", id));
    expect(again.name).toBe("ConflictException");
    expect(again.$metadata.httpStatusCode).toBe(409);
    const other = await rejectionOf(
      b.send(new GetAwsOpportunitySummaryCommand({ Catalog: "AWS", RelatedOpportunityIdentifier: id })),
    );
    expect(other.name).toBe("ResourceNotFoundException");
  });

  it("keeps a Limited visibility", async () => {
    const { Id } = await create(a, "Sandbox");
    await associateSolution(a, "Sandbox", Id!);
    await a.send(
      new SubmitOpportunityCommand({
        Catalog: "Sandbox",
        Identifier: Id!,
        InvolvementType: "Co-Sell",
        Visibility: "Limited",
      }),
    );
    const summary = await a.send(
      new GetAwsOpportunitySummaryCommand({ Catalog: "Sandbox", RelatedOpportunityIdentifier: Id! }),
    );
    expect(summary).toMatchObject({ InvolvementType: "Co-Sell", Visibility: "Limited" });
  });
});

describe("control plane review", () => {
  it("reviews only Submitted or In review opportunities, and checks its input", async () => {
    const { Id } = await create(a, "Sandbox");
    const pending = await h.controlRaw("POST", "/_pclocal/aws/opportunities/review", {
      Catalog: "Sandbox",
      Identifier: Id,
      ReviewStatus: "Approved",
    });
    expect(pending.status).toBe(409);
    expect(pending.json.__type).toBe("ConflictException");
    const bad = await h.controlRaw("POST", "/_pclocal/aws/opportunities/review", {
      Catalog: "Nope",
      Identifier: Id,
      ReviewStatus: "Pending Submission",
    });
    expect(bad.status).toBe(400);
    expect(bad.json.ErrorList.map((e: any) => e.FieldName)).toEqual(["catalog", "reviewStatus"]);
    const missing = await h.controlRaw("POST", "/_pclocal/aws/opportunities/review", {
      Catalog: "Sandbox",
      Identifier: "O999999999",
      ReviewStatus: "Approved",
    });
    expect(missing.status).toBe(404);
  });

  it("auto-approves submitted opportunities once the policy's virtual seconds passed", async () => {
    await h.control("POST", "/_pclocal/aws/opportunities/auto-review", { approveAfterSeconds: 3600 });
    try {
      const id = await submitted("AWS");
      const end = await logEnd(h, PARTNER_A);
      expect((await get(a, "AWS", id)).LifeCycle?.ReviewStatus).toBe("Submitted");
      await h.control("POST", "/_pclocal/clock", { advanceSeconds: 3601 });
      const got = await get(a, "AWS", id);
      expect(got.LifeCycle?.ReviewStatus).toBe("Approved");
      const events = (await eventsOf(h, PARTNER_A, end)).filter(
        (e) => e.event.detail.opportunity?.identifier === id,
      );
      expect(events.map((e) => e.event["detail-type"])).toEqual(["Opportunity Updated"]);
      // The approval is a change: an update with the Submitted-time LastModifiedDate is stale.
      expect(got.LastModifiedDate).toBeInstanceOf(Date);
      await update(a, got, (doc) => (doc.LifeCycle.NextSteps = "Kick-off"));
    } finally {
      await h.control("POST", "/_pclocal/aws/opportunities/auto-review", { approveAfterSeconds: null });
    }
    expect(await h.control("GET", "/_pclocal/aws/opportunities/auto-review")).toEqual({
      approveAfterSeconds: null,
    });
  });
});

describe("AssignOpportunity", () => {
  it("replaces the OpportunityOwner entry of the team", async () => {
    const { Id } = await create(a, "Sandbox", {
      OpportunityTeam: [
        {
          Email: "pam@partner-a.example.com",
          FirstName: "Pam",
          LastName: "Lee",
          BusinessTitle: "PartnerAccountManager",
        },
      ],
    });
    const before = await get(a, "Sandbox", Id!);
    await a.send(
      new AssignOpportunityCommand({
        Catalog: "Sandbox",
        Identifier: Id!,
        Assignee: {
          Email: "new.owner@partner-a.example.com",
          FirstName: "Nia",
          LastName: "Owner",
          Phone: "+14155550123",
          BusinessTitle: "OpportunityOwner",
        },
      }),
    );
    const after = await get(a, "Sandbox", Id!);
    expect(after.OpportunityTeam).toEqual([
      {
        Email: "new.owner@partner-a.example.com",
        FirstName: "Nia",
        LastName: "Owner",
        Phone: "+14155550123",
        BusinessTitle: "OpportunityOwner",
      },
      {
        Email: "pam@partner-a.example.com",
        FirstName: "Pam",
        LastName: "Lee",
        BusinessTitle: "PartnerAccountManager",
      },
    ]);
    expect(after.LastModifiedDate!.getTime()).toBeGreaterThan(before.LastModifiedDate!.getTime());
  });
});

describe("AssociateOpportunity / DisassociateOpportunity", () => {
  const associate = (id: string, type: any, entity: string) =>
    a.send(
      new AssociateOpportunityCommand({
        Catalog: "Sandbox",
        OpportunityIdentifier: id,
        RelatedEntityType: type,
        RelatedEntityIdentifier: entity,
      }),
    );
  const disassociate = (id: string, type: any, entity: string) =>
    a.send(
      new DisassociateOpportunityCommand({
        Catalog: "Sandbox",
        OpportunityIdentifier: id,
        RelatedEntityType: type,
        RelatedEntityIdentifier: entity,
      }),
    );
  const OFFER = "arn:aws:aws-marketplace:us-east-1:123456789012:AWSMarketplace/Offer/offer-abcdefghijklm";
  const OFFER_SET =
    "arn:aws:aws-marketplace:us-east-1:123456789012:AWSMarketplace/OfferSet/offerset-abcdefghijk";

  it("links and unlinks each kind, answering an empty body", async () => {
    const { Id } = await create(a, "Sandbox");
    const id = Id!;
    const res = await associate(id, "Solutions", "S-1234567");
    expect(Object.keys(res)).toEqual(["$metadata"]);
    await associate(id, "Solutions", "S-0052021");
    await associate(id, "AwsProducts", "AmazonEC2");
    await associate(id, "AwsMarketplaceOffers", OFFER);
    expect((await get(a, "Sandbox", id)).RelatedEntityIdentifiers).toEqual({
      Solutions: ["S-1234567", "S-0052021"],
      AwsProducts: ["AmazonEC2"],
      AwsMarketplaceOffers: [OFFER],
      AwsMarketplaceOfferSets: [],
      AwsMarketplaceSolutions: [],
      AwsMarketplaceProducts: [],
    });
    await disassociate(id, "Solutions", "S-1234567");
    await disassociate(id, "AwsMarketplaceOffers", OFFER);
    expect((await get(a, "Sandbox", id)).RelatedEntityIdentifiers).toEqual({
      Solutions: ["S-0052021"],
      AwsProducts: ["AmazonEC2"],
      AwsMarketplaceOffers: [],
      AwsMarketplaceOfferSets: [],
      AwsMarketplaceSolutions: [],
      AwsMarketplaceProducts: [],
    });
    const missing = await rejectionOf(disassociate(id, "Solutions", "S-1234567"));
    expect(missing.name).toBe("ResourceNotFoundException");
    const badId = await rejectionOf(associate(id, "Solutions", "solution-1"));
    expect(badId.name).toBe("ValidationException");
  });

  it("enforces the per-opportunity limits", async () => {
    const { Id } = await create(a, "Sandbox");
    const id = Id!;
    for (const n of [
      1000001, 1000002, 1000003, 1000004, 1000005, 1000006, 1000007, 1000008, 1000009, 1000010, 2000000,
    ])
      await h.control("POST", "/_pclocal/solutions", {
        Account: PARTNER_A.awsAccountId,
        Catalog: "Sandbox",
        Id: `S-${n}`,
        Name: `Solution ${n}`,
        Status: "Active",
        Category: "Software Product",
      });
    for (let i = 1; i <= 10; i++) await associate(id, "Solutions", `S-${1000000 + i}`);
    const solutions = await rejectionOf(associate(id, "Solutions", "S-2000000"));
    expect(solutions.name).toBe("ValidationException");
    expect(solutions.Reason).toBe("BUSINESS_VALIDATION_FAILED");
    expect(solutions.ErrorList[0].Code).toBe("TOO_MANY_VALUES");
    for (let i = 1; i <= 20; i++) await associate(id, "AwsProducts", `Product${i}`);
    expect((await rejectionOf(associate(id, "AwsProducts", "Product21"))).ErrorList[0].Code).toBe(
      "TOO_MANY_VALUES",
    );
    await associate(id, "AwsMarketplaceOffers", OFFER);
    expect((await rejectionOf(associate(id, "AwsMarketplaceOffers", `${OFFER}x`))).ErrorList[0].Code).toBe(
      "TOO_MANY_VALUES",
    );
    const both = await rejectionOf(associate(id, "AwsMarketplaceOfferSets", OFFER_SET));
    expect(both.ErrorList[0]).toMatchObject({ FieldName: "relatedEntityType", Code: "INVALID_VALUE" });
    await disassociate(id, "AwsMarketplaceOffers", OFFER);
    await associate(id, "AwsMarketplaceOfferSets", OFFER_SET);
  });

  it("is private to the owner", async () => {
    const { Id } = await create(a, "Sandbox");
    const err = await rejectionOf(
      b.send(
        new AssociateOpportunityCommand({
          Catalog: "Sandbox",
          OpportunityIdentifier: Id!,
          RelatedEntityType: "Solutions",
          RelatedEntityIdentifier: "S-1234567",
        }),
      ),
    );
    expect(err.name).toBe("ResourceNotFoundException");
  });
});

describe("opportunity events", () => {
  it("announces Created on create and Updated on every change, with only the identifier", async () => {
    const end = await logEnd(h, PARTNER_A);
    const { Id } = await create(a, "Sandbox");
    const id = Id!;
    await associateSolution(a, "Sandbox", id);
    await update(a, await get(a, "Sandbox", id), (doc) => (doc.Project.Title = "Evented"));
    await submit(a, "Sandbox", id);
    await review("Sandbox", id, "Approved");
    const events = (await eventsOf(h, PARTNER_A, end)).map((e) => e.event);
    const detail = { schemaVersion: "1", catalog: "Sandbox", opportunity: { identifier: id } };
    expect(events).toEqual([
      { ...envelopeOf(PARTNER_A, "Opportunity Created", []), detail },
      ...Array.from({ length: 4 }, () => ({ ...envelopeOf(PARTNER_A, "Opportunity Updated", []), detail })),
    ]);
    expect(await eventsOf(h, PARTNER_B, await logEnd(h, PARTNER_B))).toEqual([]);
  });
});
