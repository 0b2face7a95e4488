/**
 * AWS's side of a submitted opportunity beyond its scoring: the deal sizing insights by source
 * (AwsProductsSpendInsightsBySource), the partition, and what AWS sets through the control plane
 * (its life cycle with next steps and their history, its view of the customer, the involvement
 * change reason, a lost reason with its review), in GetAwsOpportunitySummary and in the
 * AwsOpportunitySummaryFullView snapshot.
 */
import {
  AssociateOpportunityCommand,
  CreateEngagementCommand,
  CreateOpportunityCommand,
  CreateResourceSnapshotCommand,
  CreateResourceSnapshotJobCommand,
  DisassociateOpportunityCommand,
  GetAwsOpportunitySummaryCommand,
  GetResourceSnapshotCommand,
  PutSellingSystemSettingsCommand,
  StartResourceSnapshotJobCommand,
  SubmitOpportunityCommand,
} from "@aws-sdk/client-partnercentral-selling";
import { describe, expect, it } from "vitest";
import { eventsOf, logEnd } from "./helpers/event-log.js";
import { PARTNER_A, useHarness } from "./helpers/harness.js";
import { associateSolution, COMPLETE_OPPORTUNITY } from "./helpers/tasks.js";

const CATALOG = "Sandbox";
const ESTIMATE_URL = "https://calculator.aws/#/estimate?id=0123456789abcdef0123456789abcdef01234567";

const h = useHarness();

const summaryOf = (id: string) =>
  h
    .client(PARTNER_A)
    .send(new GetAwsOpportunitySummaryCommand({ Catalog: CATALOG, RelatedOpportunityIdentifier: id }));

const changeSummary = (body: Record<string, unknown>) =>
  h.controlRaw("POST", "/_pclocal/aws/opportunities/summary", { Catalog: CATALOG, ...body });

const review = (body: Record<string, unknown>) =>
  h.controlRaw("POST", "/_pclocal/aws/opportunities/review", { Catalog: CATALOG, ...body });

const products = (id: string, verb: "associate" | "disassociate", product: string) => {
  const input = {
    Catalog: CATALOG,
    OpportunityIdentifier: id,
    RelatedEntityType: "AwsProducts" as const,
    RelatedEntityIdentifier: product,
  };
  return h
    .client(PARTNER_A)
    .send(
      verb === "associate"
        ? new AssociateOpportunityCommand(input)
        : new DisassociateOpportunityCommand(input),
    );
};

/** Partner A's opportunity with `fields`, the default solution and `awsProducts`, submitted for co-sell. */
async function submitted(fields: Record<string, unknown> = COMPLETE_OPPORTUNITY, awsProducts: string[] = []) {
  const created = await h
    .client(PARTNER_A)
    .send(new CreateOpportunityCommand({ Catalog: CATALOG, ...fields } as never));
  const id = created.Id!;
  await associateSolution(h, PARTNER_A, id);
  for (const product of awsProducts) await products(id, "associate", product);
  await h
    .client(PARTNER_A)
    .send(new SubmitOpportunityCommand({ Catalog: CATALOG, Identifier: id, InvolvementType: "Co-Sell" }));
  return id;
}

const cents = (amount: string | undefined) => Math.round(Number(amount) * 100);
const AMOUNT = /^(0|[1-9][0-9]{0,30})\.[0-9]{2}$/;

/** The opportunity in the AWS European Sovereign Cloud, its spend in EUR with a calculator estimate. */
const SOVEREIGN = {
  ...COMPLETE_OPPORTUNITY,
  Project: {
    ...COMPLETE_OPPORTUNITY.Project,
    AwsPartition: "aws-eusc",
    ExpectedCustomerSpend: [
      {
        Amount: "20000",
        CurrencyCode: "EUR",
        Frequency: "Monthly",
        TargetCompany: "AWS",
        EstimationUrl: ESTIMATE_URL,
      },
    ],
  },
};

describe("AWS's deal sizing insights", () => {
  it("size the deal at submission: the partner's products and spend, and AWS's own forecast", async () => {
    const id = await submitted(COMPLETE_OPPORTUNITY, ["AmazonRedshift", "AmazonS3"]);
    const insights = (await summaryOf(id)).Insights?.AwsProductsSpendInsightsBySource;
    const partner = insights?.Partner;
    expect(partner).toMatchObject({ CurrencyCode: "USD", Frequency: "Monthly", TotalAmount: "12000.00" });
    expect(partner!.AwsProducts!.map((p) => p.ProductCode)).toEqual(["AmazonRedshift", "AmazonS3"]);
    const [redshift, s3] = partner!.AwsProducts!;
    expect(redshift).toMatchObject({
      ServiceCode: "amazon-redshift",
      Categories: ["MAP", "Modernization Pathway: Analytics"],
    });
    expect(s3!.Categories).toEqual(["MAP", "Storage"]);
    // The partner's monthly spend, split over its products; each with AWS's optimizations.
    expect(cents(redshift!.Amount) + cents(s3!.Amount)).toBe(1_200_000);
    for (const product of partner!.AwsProducts!) {
      expect(product.Optimizations!.length).toBeGreaterThan(0);
      const savings = product.Optimizations!.reduce((sum, o) => sum + cents(o.SavingsAmount), 0);
      expect(savings).toBeGreaterThan(0);
      expect(cents(product.PotentialSavingsAmount)).toBe(savings);
      expect(cents(product.OptimizedAmount)).toBe(cents(product.Amount) - savings);
      expect(product.Optimizations![0]!.Description).toEqual(expect.any(String));
    }
    expect(cents(partner!.TotalPotentialSavingsAmount)).toBe(
      cents(redshift!.PotentialSavingsAmount) + cents(s3!.PotentialSavingsAmount),
    );
    expect(cents(partner!.TotalOptimizedAmount)).toBe(
      1_200_000 - cents(partner!.TotalPotentialSavingsAmount),
    );
    expect(partner!.TotalAmountByCategory).toEqual({
      MAP: "12000.00",
      "Modernization Pathway: Analytics": redshift!.Amount,
      Storage: s3!.Amount,
    });

    // AWS: the products it recommends for an analytics project, its own estimate of the spend.
    const aws = insights?.AWS;
    expect(aws).toMatchObject({ CurrencyCode: "USD", Frequency: "Monthly" });
    expect(aws!.AwsProducts!.map((p) => p.ProductCode)).toEqual(["AmazonRedshift", "AWSGlue", "AmazonS3"]);
    const forecast = cents(aws!.TotalAmount);
    expect(forecast).toBeGreaterThanOrEqual(840_000);
    expect(forecast).toBeLessThanOrEqual(1_680_000);
    expect(aws!.AwsProducts!.reduce((sum, p) => sum + cents(p.Amount), 0)).toBe(forecast);
    for (const amount of [aws!.TotalOptimizedAmount, aws!.TotalPotentialSavingsAmount]) {
      expect(amount).toMatch(AMOUNT);
    }
  });

  it("size it again when the associated AWS products change; without any, AWS's forecast alone", async () => {
    const id = await submitted();
    const before = (await summaryOf(id)).Insights?.AwsProductsSpendInsightsBySource;
    expect(before?.Partner).toBeUndefined();
    expect(before?.AWS?.TotalAmount).toMatch(AMOUNT);

    await products(id, "associate", "AmazonEKS");
    const after = (await summaryOf(id)).Insights?.AwsProductsSpendInsightsBySource;
    expect(after?.Partner?.AwsProducts).toEqual([
      expect.objectContaining({ ProductCode: "AmazonEKS", Amount: "12000.00" }),
    ]);
    expect(after?.AWS?.AwsProducts?.map((p) => p.ProductCode)).toContain("AmazonEKS");

    await products(id, "disassociate", "AmazonEKS");
    expect((await summaryOf(id)).Insights?.AwsProductsSpendInsightsBySource).toEqual(before);
  });

  it("are in EUR in the aws-eusc partition, which AWS's summary shows", async () => {
    const id = await submitted(SOVEREIGN, ["AmazonEC2"]);
    const summary = await summaryOf(id);
    expect(summary.Project).toEqual({
      ExpectedCustomerSpend: SOVEREIGN.Project.ExpectedCustomerSpend,
      AwsPartition: "aws-eusc",
    });
    const insights = summary.Insights?.AwsProductsSpendInsightsBySource;
    expect(insights?.Partner).toMatchObject({ CurrencyCode: "EUR", TotalAmount: "20000.00" });
    expect(insights?.AWS?.CurrencyCode).toBe("EUR");
    // Without a partition, AWS's summary has none.
    expect((await summaryOf(await submitted())).Project?.AwsPartition).toBeUndefined();
  });
});

describe("AWS sets its life cycle, customer view and involvement through the control plane", () => {
  it("records each new NextSteps in NextStepsHistory with the time on the virtual clock", async () => {
    const id = await submitted();
    const clock = async () => Date.parse((await h.control<{ now: string }>("GET", "/_pclocal/clock")).now);
    const setNextSteps = async (NextSteps: string) => {
      const from = await clock();
      expect((await changeSummary({ Identifier: id, LifeCycle: { NextSteps } })).status).toBe(200);
      return [from, await clock()] as const;
    };
    const [from1, to1] = await setNextSteps("Kick-off with the AWS account team");
    await h.control("POST", "/_pclocal/clock", { advanceSeconds: 86_400 });
    const [from2, to2] = await setNextSteps("Architecture review with the AWS specialist");
    await setNextSteps("Architecture review with the AWS specialist");

    const lifeCycle = (await summaryOf(id)).LifeCycle!;
    expect(lifeCycle).toMatchObject({
      Stage: "Prospect",
      TargetCloseDate: COMPLETE_OPPORTUNITY.LifeCycle.TargetCloseDate,
      NextSteps: "Architecture review with the AWS specialist",
    });
    const history = lifeCycle.NextStepsHistory!;
    expect(history.map((e) => e.Value)).toEqual([
      "Kick-off with the AWS account team",
      "Architecture review with the AWS specialist",
    ]);
    expect(history[0]!.Time!.getTime()).toBeGreaterThanOrEqual(from1);
    expect(history[0]!.Time!.getTime()).toBeLessThanOrEqual(to1);
    expect(history[1]!.Time!.getTime()).toBeGreaterThanOrEqual(from2);
    expect(history[1]!.Time!.getTime()).toBeLessThanOrEqual(to2);

    // NextSteps null removes it; the history stays. The history itself is not AWS's to set.
    await changeSummary({ Identifier: id, LifeCycle: { NextSteps: null } });
    const removed = (await summaryOf(id)).LifeCycle!;
    expect(removed.NextSteps).toBeUndefined();
    expect(removed.NextStepsHistory).toHaveLength(2);
    const direct = await changeSummary({
      Identifier: id,
      LifeCycle: { NextStepsHistory: [{ Value: "Backdated", Time: "2020-01-01T00:00:00Z" }] },
    });
    expect(direct.status).toBe(400);
    expect(direct.json.ErrorList).toEqual([
      expect.objectContaining({ FieldName: "lifeCycle.nextStepsHistory", Code: "ACTION_NOT_PERMITTED" }),
    ]);
  });

  it("takes a ClosedLostReason with stage Closed Lost only", async () => {
    const id = await submitted();
    const lost = await changeSummary({
      Identifier: id,
      LifeCycle: { Stage: "Closed Lost", ClosedLostReason: "Lost to Competitor - Google" },
    });
    expect(lost.status).toBe(200);
    expect(lost.json.LifeCycle).toMatchObject({
      Stage: "Closed Lost",
      ClosedLostReason: "Lost to Competitor - Google",
    });
    expect((await summaryOf(id)).LifeCycle?.ClosedLostReason).toBe("Lost to Competitor - Google");

    const reopened = await changeSummary({ Identifier: id, LifeCycle: { Stage: "Qualified" } });
    expect(reopened.status).toBe(400);
    expect(reopened.json.ErrorList).toEqual([
      expect.objectContaining({ FieldName: "lifeCycle.closedLostReason", Code: "INVALID_VALUE" }),
    ]);
    expect((await summaryOf(id)).LifeCycle?.Stage).toBe("Closed Lost");
    const cleared = await changeSummary({
      Identifier: id,
      LifeCycle: { Stage: "Qualified", ClosedLostReason: null },
    });
    expect(cleared.status).toBe(200);
    expect((await summaryOf(id)).LifeCycle).toMatchObject({ Stage: "Qualified" });
    expect((await summaryOf(id)).LifeCycle?.ClosedLostReason).toBeUndefined();

    const bad = await changeSummary({
      Identifier: id,
      LifeCycle: { Stage: "Won", ClosedLostReason: "Bad luck", NextSteps: 5 },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.ErrorList.map((e: any) => `${e.FieldName}:${e.Code}`).sort()).toEqual([
      "lifeCycle.closedLostReason:INVALID_ENUM_VALUE",
      "lifeCycle.nextSteps:INVALID_VALUE",
      "lifeCycle.stage:INVALID_ENUM_VALUE",
    ]);
  });

  it("sets AWS's view of the customer, the partition and the involvement change, each checked against the model", async () => {
    const id = await submitted();
    const before = await summaryOf(id);
    const contact = {
      FirstName: "Jordan",
      LastName: "Reyes",
      Email: "jordan.reyes@example-logistics.com",
      BusinessTitle: "Head of Data",
      Phone: "+12065550100",
    };
    const end = await logEnd(h, PARTNER_A);
    const answer = await changeSummary({
      Identifier: id,
      Customer: { Contacts: [contact] },
      Project: { AwsPartition: "aws-eusc" },
      InvolvementType: "For Visibility Only",
      InvolvementTypeChangeReason: "Risk Mitigation",
    });
    expect(answer.status).toBe(200);
    const summary = await summaryOf(id);
    expect(summary.Customer).toEqual({ Contacts: [contact] });
    expect(summary.Project).toEqual({ ...before.Project, AwsPartition: "aws-eusc" });
    expect(summary.InvolvementType).toBe("For Visibility Only");
    expect(summary.InvolvementTypeChangeReason).toBe("Risk Mitigation");
    expect((await eventsOf(h, PARTNER_A, end)).map((e) => e.event["detail-type"])).toEqual([
      "Opportunity Updated",
    ]);

    const bad = await changeSummary({
      Identifier: id,
      Customer: { Contacts: [{ ...contact, Phone: "555-0100", Email: "not an e-mail" }] },
      Project: { AwsPartition: "aws-cn" },
      InvolvementType: "Solo",
      InvolvementTypeChangeReason: "Boredom",
    });
    expect(bad.status).toBe(400);
    expect(bad.json.ErrorList.map((e: any) => `${e.FieldName}:${e.Code}`).sort()).toEqual([
      "customer.contacts[0].email:INVALID_STRING_FORMAT",
      "customer.contacts[0].phone:INVALID_STRING_FORMAT",
      "involvementType:INVALID_ENUM_VALUE",
      "involvementTypeChangeReason:INVALID_ENUM_VALUE",
      "project.awsPartition:INVALID_ENUM_VALUE",
    ]);

    // null removes: the partition within Project (the spend stays), the customer view as a whole.
    await changeSummary({ Identifier: id, Customer: null, Project: { AwsPartition: null } });
    const removed = await summaryOf(id);
    expect(removed.Customer).toBeUndefined();
    expect(removed.Project).toEqual(before.Project);
  });
});

describe("AWS's review with a lost reason", () => {
  it("closes AWS's side as lost with the reason given to a rejection, and takes a reason with Rejected only", async () => {
    const id = await submitted();
    const approvedWithReason = await review({
      Identifier: id,
      ReviewStatus: "Approved",
      ClosedLostReason: "Failed Vetting",
    });
    expect(approvedWithReason.status).toBe(400);
    expect(approvedWithReason.json.ErrorList).toEqual([
      expect.objectContaining({ FieldName: "closedLostReason", Code: "INVALID_VALUE" }),
    ]);
    const unknown = await review({ Identifier: id, ReviewStatus: "Rejected", ClosedLostReason: "Gremlins" });
    expect(unknown.status).toBe(400);
    expect(unknown.json.ErrorList).toEqual([
      expect.objectContaining({ FieldName: "closedLostReason", Code: "INVALID_ENUM_VALUE" }),
    ]);
    expect((await summaryOf(id)).LifeCycle?.Stage).toBe("Prospect");

    const rejected = await review({
      Identifier: id,
      ReviewStatus: "Rejected",
      ClosedLostReason: "Failed Vetting",
    });
    expect(rejected.status).toBe(200);
    expect((await summaryOf(id)).LifeCycle).toMatchObject({
      Stage: "Closed Lost",
      ClosedLostReason: "Failed Vetting",
    });
    // Without a reason a rejection closes AWS's side without one.
    const plain = await submitted();
    await review({ Identifier: plain, ReviewStatus: "Rejected" });
    const lifeCycle = (await summaryOf(plain)).LifeCycle;
    expect(lifeCycle?.Stage).toBe("Closed Lost");
    expect(lifeCycle?.ClosedLostReason).toBeUndefined();
  });

  it("drops a lost reason AWS set when its review moves the stage on", async () => {
    const id = await submitted();
    await changeSummary({
      Identifier: id,
      LifeCycle: { Stage: "Closed Lost", ClosedLostReason: "No Response" },
    });
    expect((await review({ Identifier: id, ReviewStatus: "Approved" })).status).toBe(200);
    const lifeCycle = (await summaryOf(id)).LifeCycle;
    expect(lifeCycle?.Stage).toBe("Qualified");
    expect(lifeCycle?.ClosedLostReason).toBeUndefined();
  });
});

const AWS_VIEW_CONTACT = {
  FirstName: "Ana",
  LastName: "Silva",
  Email: "ana@example-logistics.com",
  BusinessTitle: "VP Engineering",
  Phone: "+351210000000",
};

describe("AwsOpportunitySummaryFullView snapshot of AWS's whole side", () => {
  it("shows the spend with its estimate URL, the insights by source, and what AWS set", async () => {
    const engagement = await h
      .client(PARTNER_A)
      .send(new CreateEngagementCommand({ Catalog: CATALOG, Title: "AWS side", Description: "Full view" }));
    const id = await submitted(SOVEREIGN, ["AmazonRedshift", "AmazonEKS"]);
    const ref = {
      Catalog: CATALOG,
      EngagementIdentifier: engagement.Id!,
      ResourceType: "Opportunity" as const,
      ResourceIdentifier: id,
      ResourceSnapshotTemplateIdentifier: "AwsOpportunitySummaryFullView",
    };
    await h.client(PARTNER_A).send(
      new PutSellingSystemSettingsCommand({
        Catalog: CATALOG,
        ResourceSnapshotJobRoleIdentifier: `arn:aws:iam::${PARTNER_A.awsAccountId}:role/SnapshotJobRole`,
      }),
    );
    const job = await h.client(PARTNER_A).send(new CreateResourceSnapshotJobCommand(ref));
    await h
      .client(PARTNER_A)
      .send(
        new StartResourceSnapshotJobCommand({ Catalog: CATALOG, ResourceSnapshotJobIdentifier: job.Id! }),
      );

    const first = await h.client(PARTNER_A).send(new GetResourceSnapshotCommand(ref));
    expect(first.Payload?.AwsOpportunitySummaryFullView?.Project?.ExpectedCustomerSpend).toEqual([
      expect.objectContaining({ EstimationUrl: ESTIMATE_URL, CurrencyCode: "EUR" }),
    ]);

    await changeSummary({
      Identifier: id,
      LifeCycle: { NextSteps: "Joint workshop", Stage: "Closed Lost", ClosedLostReason: "Price" },
      Customer: { Contacts: [AWS_VIEW_CONTACT] },
      InvolvementTypeChangeReason: "Customer Requested",
    });
    // The running job wrote a revision; a snapshot taken now is the same view.
    const latest = await h.client(PARTNER_A).send(new GetResourceSnapshotCommand(ref));
    expect(latest.Revision).toBe(2);
    await h.client(PARTNER_A).send(new CreateResourceSnapshotCommand(ref));
    const { $metadata: _m, Catalog: _c, ...summary } = await summaryOf(id);
    const full = (await h.client(PARTNER_A).send(new GetResourceSnapshotCommand(ref))).Payload
      ?.AwsOpportunitySummaryFullView;
    expect(full).toEqual(summary);
    expect(latest.Payload?.AwsOpportunitySummaryFullView).toEqual(summary);
    expect(full).toMatchObject({
      LifeCycle: {
        Stage: "Closed Lost",
        ClosedLostReason: "Price",
        NextSteps: "Joint workshop",
        NextStepsHistory: [{ Value: "Joint workshop", Time: expect.any(Date) }],
      },
      Customer: { Contacts: [AWS_VIEW_CONTACT] },
      InvolvementTypeChangeReason: "Customer Requested",
      Project: { AwsPartition: "aws-eusc" },
    });
    const bySource = full?.Insights?.AwsProductsSpendInsightsBySource;
    expect(bySource?.Partner?.AwsProducts?.map((p) => p.ProductCode)).toEqual([
      "AmazonRedshift",
      "AmazonEKS",
    ]);
    expect(bySource?.AWS?.AwsProducts?.every((p) => p.Optimizations !== undefined)).toBe(true);
  });
});
