/**
 * AWS Marketplace solutions and products on opportunities, through the SDK: Associate and
 * Disassociate with their formats and limits, and where they show (GetOpportunity, AWS's summary,
 * both snapshot templates) and count (submission, Committed).
 */
import {
  AssociateOpportunityCommand,
  CreateEngagementCommand,
  CreateOpportunityCommand,
  CreateResourceSnapshotCommand,
  DisassociateOpportunityCommand,
  GetAwsOpportunitySummaryCommand,
  GetOpportunityCommand,
  GetResourceSnapshotCommand,
  type PartnerCentralSellingClient,
  type RelatedEntityType,
  SubmitOpportunityCommand,
  UpdateOpportunityCommand,
  type UpdateOpportunityCommandInput,
} from "@aws-sdk/client-partnercentral-selling";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, PARTNER_A, rejectionOf, startHarness } from "./helpers/harness.js";
import { COMPLETE_OPPORTUNITY } from "./helpers/tasks.js";

let h: Harness;
let a: PartnerCentralSellingClient;
beforeAll(async () => {
  h = await startHarness();
  a = h.client(PARTNER_A);
});
afterAll(() => h.close());

const CATALOG = "Sandbox";
const solutionArn = (n: number) =>
  `arn:aws:aws-marketplace:us-east-1:123456789012:AWSMarketplace/Solution/soln-${String(n).padStart(13, "0")}`;
const productArn = (n: number, type = "SaaSProduct") =>
  `arn:aws:aws-marketplace:us-east-1:123456789012:AWSMarketplace/${type}/prod-${String(n).padStart(13, "0")}`;

const create = async () =>
  (
    await a.send(
      new CreateOpportunityCommand({ Catalog: CATALOG, ...(COMPLETE_OPPORTUNITY as object) } as never),
    )
  ).Id!;
const get = (id: string) => a.send(new GetOpportunityCommand({ Catalog: CATALOG, Identifier: id }));
const awsSummary = (id: string) =>
  a.send(new GetAwsOpportunitySummaryCommand({ Catalog: CATALOG, RelatedOpportunityIdentifier: id }));
const ref = (id: string, RelatedEntityType: RelatedEntityType, RelatedEntityIdentifier: string) => ({
  Catalog: CATALOG,
  OpportunityIdentifier: id,
  RelatedEntityType,
  RelatedEntityIdentifier,
});
const associate = (id: string, type: RelatedEntityType, entity: string) =>
  a.send(new AssociateOpportunityCommand(ref(id, type, entity)));
const disassociate = (id: string, type: RelatedEntityType, entity: string) =>
  a.send(new DisassociateOpportunityCommand(ref(id, type, entity)));
const submit = (id: string) =>
  a.send(new SubmitOpportunityCommand({ Catalog: CATALOG, Identifier: id, InvolvementType: "Co-Sell" }));

describe("AssociateOpportunity with AWS Marketplace solutions and products", () => {
  it("links and unlinks them; GetOpportunity shows them", async () => {
    const id = await create();
    await associate(id, "AwsMarketplaceSolutions", solutionArn(1));
    await associate(id, "AwsMarketplaceProducts", productArn(1, "AmiProduct"));
    await associate(id, "AwsMarketplaceProducts", productArn(2, "ContainerProduct"));
    await associate(id, "AwsMarketplaceSolutions", solutionArn(1)); // already linked: no change
    expect((await get(id)).RelatedEntityIdentifiers).toEqual({
      Solutions: [],
      AwsProducts: [],
      AwsMarketplaceOffers: [],
      AwsMarketplaceOfferSets: [],
      AwsMarketplaceSolutions: [solutionArn(1)],
      AwsMarketplaceProducts: [productArn(1, "AmiProduct"), productArn(2, "ContainerProduct")],
    });
    await disassociate(id, "AwsMarketplaceProducts", productArn(1, "AmiProduct"));
    await disassociate(id, "AwsMarketplaceSolutions", solutionArn(1));
    const after = (await get(id)).RelatedEntityIdentifiers;
    expect(after?.AwsMarketplaceSolutions).toEqual([]);
    expect(after?.AwsMarketplaceProducts).toEqual([productArn(2, "ContainerProduct")]);
    const missing = await rejectionOf(disassociate(id, "AwsMarketplaceSolutions", solutionArn(1)));
    expect(missing.name).toBe("ResourceNotFoundException");
  });

  it("refuses identifiers that are not Marketplace ARNs of the type", async () => {
    const id = await create();
    const cases: [RelatedEntityType, string, string][] = [
      ["AwsMarketplaceSolutions", "S-1234567", "AWS Marketplace solution ARN"],
      ["AwsMarketplaceSolutions", productArn(1), "AWS Marketplace solution ARN"],
      [
        "AwsMarketplaceSolutions",
        "arn:aws:aws-marketplace:us-east-1:1234:AWSMarketplace/Solution/soln-1",
        "AWS Marketplace solution ARN",
      ],
      ["AwsMarketplaceProducts", solutionArn(1), "AWS Marketplace product ARN"],
      ["AwsMarketplaceProducts", "arn:aws:s3:::bucket/SaaSProduct/prod-1", "AWS Marketplace product ARN"],
    ];
    for (const [type, entity, what] of cases) {
      const err = await rejectionOf(associate(id, type, entity));
      expect(err.name).toBe("ValidationException");
      expect(err.Reason).toBe("BUSINESS_VALIDATION_FAILED");
      expect(err.ErrorList).toEqual([
        {
          FieldName: "relatedEntityIdentifier",
          Message: expect.stringContaining(`is not a valid ${what} for RelatedEntityType ${type}`),
          Code: "INVALID_STRING_FORMAT",
        },
      ]);
    }
    const related = (await get(id)).RelatedEntityIdentifiers;
    expect([...related!.AwsMarketplaceSolutions!, ...related!.AwsMarketplaceProducts!]).toEqual([]);
  });

  it("allows at most 10 of each", async () => {
    const id = await create();
    for (let n = 1; n <= 10; n++) {
      await associate(id, "AwsMarketplaceSolutions", solutionArn(n));
      await associate(id, "AwsMarketplaceProducts", productArn(n));
    }
    for (const [type, entity] of [
      ["AwsMarketplaceSolutions", solutionArn(11)],
      ["AwsMarketplaceProducts", productArn(11)],
    ] as const) {
      const err = await rejectionOf(associate(id, type, entity));
      expect(err.Reason).toBe("BUSINESS_VALIDATION_FAILED");
      expect(err.ErrorList).toEqual([
        {
          FieldName: "relatedEntityIdentifier",
          Message: `An opportunity can have at most 10 ${type}.`,
          Code: "TOO_MANY_VALUES",
        },
      ]);
    }
    const related = (await get(id)).RelatedEntityIdentifiers;
    expect(related?.AwsMarketplaceSolutions).toHaveLength(10);
    expect(related?.AwsMarketplaceProducts).toHaveLength(10);
  });
});

describe("what a Marketplace solution or product counts for", () => {
  it("either one is what SubmitOpportunity needs; an AWS product alone is not", async () => {
    const onlyAwsProduct = await create();
    await associate(onlyAwsProduct, "AwsProducts", "AmazonConnect");
    const err = await rejectionOf(submit(onlyAwsProduct));
    expect(err.ErrorList).toEqual([
      expect.objectContaining({
        FieldName: "relatedEntityIdentifiers.solutions",
        Code: "REQUIRED_FIELD_MISSING",
      }),
    ]);

    const withSolution = await create();
    await associate(withSolution, "AwsMarketplaceSolutions", solutionArn(1));
    await submit(withSolution);
    const withProduct = await create();
    await associate(withProduct, "AwsMarketplaceProducts", productArn(1));
    await submit(withProduct);
    expect((await get(withProduct)).LifeCycle?.ReviewStatus).toBe("Submitted");
  });

  it("either one lets the stage move to Committed", async () => {
    const id = await create();
    const toCommitted = async () => {
      const got = await get(id);
      const {
        $metadata: _m,
        Id,
        Arn: _a,
        CreatedDate: _c,
        OpportunityTeam: _t,
        RelatedEntityIdentifiers: _r,
        ...rest
      } = got;
      const doc: any = structuredClone({ ...rest, Identifier: Id });
      doc.LifeCycle.Stage = "Committed";
      return a.send(new UpdateOpportunityCommand(doc as UpdateOpportunityCommandInput));
    };
    expect((await rejectionOf(toCommitted())).ErrorList[0]).toMatchObject({ FieldName: "lifeCycle.stage" });
    await associate(id, "AwsMarketplaceProducts", productArn(1));
    await toCommitted();
    expect((await get(id)).LifeCycle?.Stage).toBe("Committed");
  });
});

describe("AWS's summary and snapshots", () => {
  it("GetAwsOpportunitySummary shows the Marketplace solutions and products, also those linked later", async () => {
    const id = await create();
    await associate(id, "AwsMarketplaceSolutions", solutionArn(1));
    await submit(id);
    expect((await awsSummary(id)).RelatedEntityIds).toEqual({
      Solutions: [],
      AwsProducts: [],
      AwsMarketplaceSolutions: [solutionArn(1)],
      AwsMarketplaceProducts: [],
    });
    await associate(id, "AwsMarketplaceProducts", productArn(7));
    await disassociate(id, "AwsMarketplaceSolutions", solutionArn(1));
    expect((await awsSummary(id)).RelatedEntityIds).toEqual({
      Solutions: [],
      AwsProducts: [],
      AwsMarketplaceSolutions: [],
      AwsMarketplaceProducts: [productArn(7)],
    });
  });

  it("both snapshot templates carry them", async () => {
    const id = await create();
    await associate(id, "AwsMarketplaceSolutions", solutionArn(2));
    await associate(id, "AwsMarketplaceProducts", productArn(3));
    await submit(id);
    const eng = await a.send(
      new CreateEngagementCommand({ Catalog: CATALOG, Title: "Mkt", Description: "Mkt" }),
    );
    const snapshot = async (template: string) => {
      const key = {
        Catalog: CATALOG,
        EngagementIdentifier: eng.Id!,
        ResourceType: "Opportunity" as const,
        ResourceIdentifier: id,
        ResourceSnapshotTemplateIdentifier: template,
      };
      await a.send(new CreateResourceSnapshotCommand(key));
      return (await a.send(new GetResourceSnapshotCommand(key))).Payload;
    };
    const summary = await snapshot("OpportunitySummaryView");
    expect(summary?.OpportunitySummary?.RelatedEntityIdentifiers).toMatchObject({
      AwsMarketplaceSolutions: [solutionArn(2)],
      AwsMarketplaceProducts: [productArn(3)],
    });
    const full = await snapshot("AwsOpportunitySummaryFullView");
    expect(full?.AwsOpportunitySummaryFullView?.RelatedEntityIds).toEqual({
      Solutions: [],
      AwsProducts: [],
      AwsMarketplaceSolutions: [solutionArn(2)],
      AwsMarketplaceProducts: [productArn(3)],
    });
  });
});
