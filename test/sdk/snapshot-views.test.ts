/**
 * What the two snapshot templates show: OpportunitySummaryView copies the partner's opportunity
 * (contacts, account identifiers, sales activities included), AwsOpportunitySummaryFullView is
 * AWS's summary of a submitted opportunity, exactly as GetAwsOpportunitySummary reports it.
 */
import {
  CreateEngagementCommand,
  CreateResourceSnapshotCommand,
  GetAwsOpportunitySummaryCommand,
  GetResourceSnapshotCommand,
  ListEngagementResourceAssociationsCommand,
  SubmitOpportunityCommand,
} from "@aws-sdk/client-partnercentral-selling";
import { describe, expect, it } from "vitest";
import { PARTNER_A, useHarness } from "./helpers/harness.js";
import { COMPLETE_OPPORTUNITY, createOpportunity } from "./helpers/tasks.js";

const CATALOG = "Sandbox";

const h = useHarness({}, { resetEach: true });

const engagement = async () =>
  (
    await h
      .client(PARTNER_A)
      .send(new CreateEngagementCommand({ Catalog: CATALOG, Title: "Views", Description: "Snapshot views" }))
  ).Id!;

async function snapshot(engagementId: string, opportunityId: string, template: string) {
  const ref = {
    Catalog: CATALOG,
    EngagementIdentifier: engagementId,
    ResourceType: "Opportunity" as const,
    ResourceIdentifier: opportunityId,
    ResourceSnapshotTemplateIdentifier: template,
  };
  await h.client(PARTNER_A).send(new CreateResourceSnapshotCommand(ref));
  return h.client(PARTNER_A).send(new GetResourceSnapshotCommand(ref));
}

/** The complete opportunity with everything a partner may add about the customer and the work. */
const DETAILED = {
  ...COMPLETE_OPPORTUNITY,
  Customer: {
    Account: {
      ...COMPLETE_OPPORTUNITY.Customer.Account,
      Industry: "Other",
      OtherIndustry: "Cold-chain freight",
      AwsAccountId: "123456789012",
      Duns: "123456789",
    },
    Contacts: [
      {
        Email: "pat.doe@example-logistics.com",
        FirstName: "Pat",
        LastName: "Doe",
        BusinessTitle: "Head of Fleet IT",
        Phone: "+12065550100",
      },
    ],
  },
  Project: {
    ...COMPLETE_OPPORTUNITY.Project,
    ExpectedCustomerSpend: [
      {
        Amount: "12000",
        CurrencyCode: "USD",
        Frequency: "Monthly",
        TargetCompany: "AWS",
        EstimationUrl: "https://calculator.aws/#/estimate?id=0123456789abcdef0123456789abcdef",
      },
    ],
    SalesActivities: ["Initialized discussions with customer"],
    OtherSolutionDescription: "Telemetry pipeline built on the partner's own tooling",
  },
  OpportunityTeam: [
    {
      Email: "alex@partner-a.example.com",
      FirstName: "Alex",
      LastName: "Partner",
      BusinessTitle: "PartnerAccountManager",
      Phone: "+12065550111",
    },
  ],
};

describe("snapshot views", () => {
  it("OpportunitySummaryView copies the customer's contacts and identifiers and the project's activities", async () => {
    const engagementId = await engagement();
    const opportunityId = await createOpportunity(h, PARTNER_A, DETAILED);
    const view = (await snapshot(engagementId, opportunityId, "OpportunitySummaryView")).Payload!
      .OpportunitySummary!;
    expect(view.Customer).toEqual(DETAILED.Customer);
    expect(view.Project).toMatchObject({
      ExpectedCustomerSpend: DETAILED.Project.ExpectedCustomerSpend,
      SalesActivities: DETAILED.Project.SalesActivities,
      OtherSolutionDescription: DETAILED.Project.OtherSolutionDescription,
    });
    expect(view.OpportunityTeam).toEqual(
      expect.arrayContaining([expect.objectContaining(DETAILED.OpportunityTeam[0])]),
    );
  });

  it("AwsOpportunitySummaryFullView of a submitted opportunity is AWS's summary", async () => {
    const engagementId = await engagement();
    const opportunityId = await createOpportunity(h, PARTNER_A);
    await h.client(PARTNER_A).send(
      new SubmitOpportunityCommand({
        Catalog: CATALOG,
        Identifier: opportunityId,
        InvolvementType: "Co-Sell",
      }),
    );
    const {
      $metadata: _m,
      Catalog: _c,
      ...summary
    } = await h.client(PARTNER_A).send(
      new GetAwsOpportunitySummaryCommand({
        Catalog: CATALOG,
        RelatedOpportunityIdentifier: opportunityId,
      }),
    );
    const full = (await snapshot(engagementId, opportunityId, "AwsOpportunitySummaryFullView")).Payload!
      .AwsOpportunitySummaryFullView!;
    expect(full).toEqual(summary);
    expect(full).toMatchObject({
      RelatedOpportunityId: opportunityId,
      Origin: "Partner Referral",
      InvolvementType: "Co-Sell",
      Visibility: "Full",
      LifeCycle: { Stage: "Prospect", TargetCloseDate: "2030-06-30" },
      RelatedEntityIds: { Solutions: ["S-1234567"] },
      Project: { ExpectedCustomerSpend: COMPLETE_OPPORTUNITY.Project.ExpectedCustomerSpend },
    });
  });

  it("pages ListEngagementResourceAssociations with NextToken", async () => {
    const engagementId = await engagement();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const id = await createOpportunity(h, PARTNER_A);
      await snapshot(engagementId, id, "OpportunitySummaryView");
      ids.push(id);
    }
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await h.client(PARTNER_A).send(
        new ListEngagementResourceAssociationsCommand({
          Catalog: CATALOG,
          EngagementIdentifier: engagementId,
          MaxResults: 2,
          NextToken: token,
        }),
      );
      seen.push(...page.EngagementResourceAssociationSummaries!.map((s) => s.ResourceId!));
      token = page.NextToken;
      pages++;
    } while (token);
    expect(pages).toBe(2);
    expect(seen.sort()).toEqual(ids.sort());
  });
});
