/**
 * What ListOpportunities and GetOpportunity carry of an opportunity's life: AWS's review comments
 * and reason, the reason a deal was lost, the history of next steps.
 */
import {
  GetOpportunityCommand,
  ListOpportunitiesCommand,
  type OpportunitySummary,
  SubmitOpportunityCommand,
} from "@aws-sdk/client-partnercentral-selling";
import { describe, expect, it } from "vitest";
import { PARTNER_A, useHarness } from "./helpers/harness.js";
import { COMPLETE_OPPORTUNITY, createOpportunity } from "./helpers/tasks.js";

const CATALOG = "Sandbox";

const h = useHarness({}, { resetEach: true });

async function listed(id: string): Promise<OpportunitySummary> {
  const page = await h.client(PARTNER_A).send(new ListOpportunitiesCommand({ Catalog: CATALOG }));
  const summary = page.OpportunitySummaries!.find((s) => s.Id === id);
  if (!summary) throw new Error(`${id} is not listed`);
  return summary;
}

describe("opportunity summaries", () => {
  it("ListOpportunities shows AWS's review comments and reason", async () => {
    const id = await createOpportunity(h, PARTNER_A);
    await h
      .client(PARTNER_A)
      .send(new SubmitOpportunityCommand({ Catalog: CATALOG, Identifier: id, InvolvementType: "Co-Sell" }));
    await h.control("POST", "/_pclocal/aws/opportunities/review", {
      Catalog: CATALOG,
      Identifier: id,
      ReviewStatus: "Action Required",
      ReviewComments: "Add the customer's website",
      ReviewStatusReason: "Missing customer details",
    });
    expect((await listed(id)).LifeCycle).toMatchObject({
      ReviewStatus: "Action Required",
      ReviewComments: "Add the customer's website",
      ReviewStatusReason: "Missing customer details",
    });
  });

  it("ListOpportunities shows why a deal was lost", async () => {
    const id = await createOpportunity(h, PARTNER_A, {
      ...COMPLETE_OPPORTUNITY,
      LifeCycle: {
        Stage: "Closed Lost",
        ClosedLostReason: "Customer Deficiency",
        TargetCloseDate: "2030-06-30",
      },
    });
    expect((await listed(id)).LifeCycle).toMatchObject({
      Stage: "Closed Lost",
      ClosedLostReason: "Customer Deficiency",
    });
  });

  it("GetOpportunity returns the next-steps history it was given", async () => {
    const history = [
      { Value: "Discovery call held", Time: new Date("2026-01-05T10:00:00.000Z") },
      { Value: "Architecture review planned", Time: new Date("2026-01-12T15:30:00.000Z") },
    ];
    const id = await createOpportunity(h, PARTNER_A, {
      ...COMPLETE_OPPORTUNITY,
      LifeCycle: {
        ...COMPLETE_OPPORTUNITY.LifeCycle,
        NextSteps: "Plan the review",
        NextStepsHistory: history,
      },
    });
    const got = await h
      .client(PARTNER_A)
      .send(new GetOpportunityCommand({ Catalog: CATALOG, Identifier: id }));
    expect(got.LifeCycle?.NextStepsHistory).toEqual(history);
  });
});
