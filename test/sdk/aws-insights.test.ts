/**
 * AWS's insights through the SDK: the EnrichmentContext of AWS referrals, AWS's scoring in
 * GetAwsOpportunitySummary and the AwsOpportunitySummaryFullView snapshot, and AWS changing its
 * summary through the control plane.
 */
import {
  AcceptEngagementInvitationCommand,
  CreateEngagementCommand,
  CreateEngagementInvitationCommand,
  CreateOpportunityCommand,
  CreateResourceSnapshotJobCommand,
  GetAwsOpportunitySummaryCommand,
  GetEngagementInvitationCommand,
  GetOpportunityCommand,
  GetResourceSnapshotCommand,
  ListResourceSnapshotsCommand,
  type OpportunityInvitationPayload,
  PutSellingSystemSettingsCommand,
  RejectEngagementInvitationCommand,
  StartResourceSnapshotJobCommand,
  SubmitOpportunityCommand,
} from "@aws-sdk/client-partnercentral-selling";
import { describe, expect, it } from "vitest";
import type { Account } from "../../src/auth/accounts.js";
import { envelopeOf, eventsOf, logEnd } from "./helpers/event-log.js";
import {
  ENRICHMENT_CONTEXT,
  LEAD_INVITATION_PAYLOAD,
  OPPORTUNITY_INVITATION_PAYLOAD,
} from "./helpers/fixtures.js";
import { PARTNER_A, PARTNER_B, rejectionOf, useHarness } from "./helpers/harness.js";
import { associateSolution, awsSends, COMPLETE_OPPORTUNITY } from "./helpers/tasks.js";

const CATALOG = "Sandbox";
const LEVEL = /^(High|Medium|Low)$/;
const COSELL_MOTIONS = ["AWS Field-engaged", "Agent-engaged", "Partner-led"];

const h = useHarness();

const getInvitation = (by: Account, id: string) =>
  h.client(by).send(new GetEngagementInvitationCommand({ Catalog: CATALOG, Identifier: id }));

const sendLead = (extra: Record<string, unknown> = {}) =>
  awsSends(h, PARTNER_A, { PayloadType: "LeadInvitation", Payload: LEAD_INVITATION_PAYLOAD, ...extra });

const summaryOf = (id: string) =>
  h
    .client(PARTNER_A)
    .send(new GetAwsOpportunitySummaryCommand({ Catalog: CATALOG, RelatedOpportunityIdentifier: id }));

const changeSummary = (body: Record<string, unknown>) =>
  h.controlRaw("POST", "/_pclocal/aws/opportunities/summary", { Catalog: CATALOG, ...body });

/** Partner A's opportunity with `fields` and the default solution, submitted for co-sell. */
async function submittedOpportunity(fields: Record<string, unknown> = COMPLETE_OPPORTUNITY) {
  const created = await h
    .client(PARTNER_A)
    .send(new CreateOpportunityCommand({ Catalog: CATALOG, ...fields } as never));
  await associateSolution(h, PARTNER_A, created.Id!);
  await h
    .client(PARTNER_A)
    .send(
      new SubmitOpportunityCommand({ Catalog: CATALOG, Identifier: created.Id!, InvolvementType: "Co-Sell" }),
    );
  return created.Id!;
}

/** Every member CreateOpportunity takes that AWS's quality score rewards, set. */
const THOROUGH_OPPORTUNITY = {
  ...COMPLETE_OPPORTUNITY,
  Customer: {
    Account: { ...COMPLETE_OPPORTUNITY.Customer.Account, AwsAccountId: "123456789012" },
    Contacts: [
      { Email: "cto@example-logistics.com", FirstName: "Sam", LastName: "Lee", BusinessTitle: "CTO" },
    ],
  },
  Project: {
    ...COMPLETE_OPPORTUNITY.Project,
    SalesActivities: ["Initialized discussions with customer"],
    CompetitorName: "On-Prem",
    ExpectedContractDuration: { Term: "Months", Value: "24" },
    // A contract duration comes with the partner's total contract value (a Self entry).
    ExpectedCustomerSpend: [
      { Amount: "288000", CurrencyCode: "USD", Frequency: "Monthly", TargetCompany: "Self" },
      ...COMPLETE_OPPORTUNITY.Project.ExpectedCustomerSpend,
    ],
  },
  LifeCycle: { ...COMPLETE_OPPORTUNITY.LifeCycle, NextSteps: "Architecture review" },
  SoftwareRevenue: {
    DeliveryModel: "Subscription",
    Value: { Amount: "90000.00", CurrencyCode: "EUR" },
    EffectiveDate: "2030-07-01",
    ExpirationDate: "2032-06-30",
  },
};

describe("EnrichmentContext on AWS referrals", () => {
  it("derives AWS's enrichment from the payload: the customer as sent, the same scores for the same payload", async () => {
    const first = await sendLead();
    const second = await sendLead();
    const one = (await getInvitation(PARTNER_A, first.Id)).EnrichmentContext;
    const two = (await getInvitation(PARTNER_A, second.Id)).EnrichmentContext;
    expect(two).toEqual(one);
    const customer = LEAD_INVITATION_PAYLOAD.Customer;
    expect(one).toEqual({
      ProspectingResultAws: {
        Customer: expect.objectContaining({
          AccountName: customer.CompanyName,
          Country: customer.CountryCode,
          Industry: customer.Industry,
          Segment: customer.MarketSegment,
          Geo: "EMEA",
          CompanySize: expect.any(String),
          EligiblePrograms: expect.any(Array),
          PublicProfileSummary: expect.stringContaining(customer.CompanyName),
        }),
        Insights: {
          MarketplaceEngagementScore: expect.stringMatching(LEVEL),
          SolutionScore: expect.stringMatching(LEVEL),
          // The lead's use case is a data lake.
          SolutionCategory: "Analytics",
          SolutionSubCategory: expect.any(String),
        },
      },
      LeadInsights: { LeadReadinessScore: expect.stringMatching(LEVEL) },
    });

    const referral = await awsSends(h, PARTNER_A, {
      PayloadType: "OpportunityInvitation",
      Payload: OPPORTUNITY_INVITATION_PAYLOAD,
    });
    const enrichment = (await getInvitation(PARTNER_A, referral.Id)).EnrichmentContext;
    expect(enrichment?.LeadInsights).toBeUndefined();
    expect(enrichment?.ProspectingResultAws?.Customer).toMatchObject({
      AccountName: OPPORTUNITY_INVITATION_PAYLOAD.Customer.CompanyName,
      Country: "US",
      Industry: "Financial Services",
      Geo: "AMER",
    });
  });

  it("shows the receiver its enrichment before and after accepting, and not once rejected", async () => {
    const accepted = await sendLead();
    expect((await getInvitation(PARTNER_A, accepted.Id)).EnrichmentContext).toBeDefined();
    await h
      .client(PARTNER_A)
      .send(new AcceptEngagementInvitationCommand({ Catalog: CATALOG, Identifier: accepted.Id }));
    const after = await getInvitation(PARTNER_A, accepted.Id);
    expect(after.Status).toBe("ACCEPTED");
    expect(after.EnrichmentContext?.LeadInsights?.LeadReadinessScore).toMatch(LEVEL);

    const rejected = await sendLead();
    await h
      .client(PARTNER_A)
      .send(new RejectEngagementInvitationCommand({ Catalog: CATALOG, Identifier: rejected.Id }));
    const gone = await getInvitation(PARTNER_A, rejected.Id);
    expect(gone.Status).toBe("REJECTED");
    expect(gone.EnrichmentContext).toBeUndefined();
  });

  it("uses an explicit EnrichmentContext as given, and {} for none", async () => {
    const given = await sendLead({ EnrichmentContext: { ...ENRICHMENT_CONTEXT, Unknown: "dropped" } });
    expect((await getInvitation(PARTNER_A, given.Id)).EnrichmentContext).toEqual(ENRICHMENT_CONTEXT);
    const partial = await sendLead({ EnrichmentContext: { LeadInsights: { LeadReadinessScore: "Low" } } });
    expect((await getInvitation(PARTNER_A, partial.Id)).EnrichmentContext).toEqual({
      LeadInsights: { LeadReadinessScore: "Low" },
    });
    const none = await sendLead({ EnrichmentContext: {} });
    expect((await getInvitation(PARTNER_A, none.Id)).EnrichmentContext).toBeUndefined();
  });

  it("refuses an EnrichmentContext that breaks the model with 400 and the issue", async () => {
    const bad = await h.controlRaw("POST", "/_pclocal/aws/engagement-invitations", {
      Catalog: CATALOG,
      ReceiverAwsAccountId: PARTNER_A.awsAccountId,
      PayloadType: "LeadInvitation",
      Payload: LEAD_INVITATION_PAYLOAD,
      EnrichmentContext: {
        ProspectingResultAws: { Customer: { Country: "Atlantis", EligiblePrograms: "MAP" } },
        LeadInsights: { LeadReadinessScore: 3 },
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.__type).toBe("ValidationException");
    expect(bad.json.ErrorList.map((e: any) => `${e.FieldName}:${e.Code}`).sort()).toEqual([
      "enrichmentContext.leadInsights.leadReadinessScore:INVALID_VALUE",
      "enrichmentContext.prospectingResultAws.customer.country:INVALID_ENUM_VALUE",
      "enrichmentContext.prospectingResultAws.customer.eligiblePrograms:INVALID_VALUE",
    ]);
    const notObject = await h.controlRaw("POST", "/_pclocal/aws/engagement-invitations", {
      Catalog: CATALOG,
      ReceiverAwsAccountId: PARTNER_A.awsAccountId,
      PayloadType: "LeadInvitation",
      Payload: LEAD_INVITATION_PAYLOAD,
      EnrichmentContext: "high",
    });
    expect(notObject.status).toBe(400);
    expect(notObject.json.ErrorList.map((e: any) => e.FieldName)).toEqual(["enrichmentContext"]);
  });

  it("gives partners' invitations none, for the receiver and the sender", async () => {
    const engagement = await h
      .client(PARTNER_A)
      .send(new CreateEngagementCommand({ Catalog: CATALOG, Title: "Joint deal", Description: "A and B" }));
    const invitation = await h.client(PARTNER_A).send(
      new CreateEngagementInvitationCommand({
        Catalog: CATALOG,
        EngagementIdentifier: engagement.Id!,
        Invitation: {
          Message: "Join us",
          Receiver: { Account: { AwsAccountId: PARTNER_B.awsAccountId } },
          Payload: {
            OpportunityInvitation: OPPORTUNITY_INVITATION_PAYLOAD as unknown as OpportunityInvitationPayload,
          },
        },
      }),
    );
    const received = await getInvitation(PARTNER_B, invitation.Id!);
    expect(received.Payload?.OpportunityInvitation).toBeDefined();
    expect(received.EnrichmentContext).toBeUndefined();
    expect((await getInvitation(PARTNER_A, invitation.Id!)).EnrichmentContext).toBeUndefined();
  });
});

describe("AWS's scoring in GetAwsOpportunitySummary", () => {
  it("scores a submitted opportunity: quality 0–100, at most five recommendations, co-sell motion, deal terms", async () => {
    const id = await submittedOpportunity();
    const summary = await summaryOf(id);
    const quality = summary.Insights?.OpportunityQuality;
    expect(Number.isInteger(quality?.Score)).toBe(true);
    expect(quality!.Score).toBeGreaterThanOrEqual(0);
    expect(quality!.Score).toBeLessThanOrEqual(100);
    expect(quality?.Trend).toBe("No Change");
    expect(summary.Insights?.EngagementScore).toMatch(LEVEL);
    const recommendations = summary.Insights?.Recommendations ?? [];
    expect(recommendations.length).toBeGreaterThan(0);
    expect(recommendations.length).toBeLessThanOrEqual(5);
    for (const r of recommendations) {
      expect(["OpportunityQuality", "SolutionRecommendation", "SpecialistRecommendation"]).toContain(r.Type);
      expect(r.Details).toEqual(expect.any(String));
    }
    expect(recommendations).toContainEqual(
      expect.objectContaining({
        Type: "SolutionRecommendation",
        Attributes: expect.objectContaining({ SolutionId: "S-1234567" }),
      }),
    );
    expect(summary.Insights?.NextBestActions).toBe(recommendations[0]!.Details);
    expect(COSELL_MOTIONS).toContain(summary.CosellMotion);
    // Without the partner's software revenue: the monthly expected spend over a year from the close date.
    expect(summary.SoftwareRevenue).toEqual({
      Value: { Amount: "144000.00", CurrencyCode: "USD" },
      Discount: expect.stringMatching(/^\d{1,2}\.\d{2}$/),
      EffectiveDate: COMPLETE_OPPORTUNITY.LifeCycle.TargetCloseDate,
      ExpirationDate: "2031-06-30",
    });
    // What the summary had before stays.
    expect(summary).toMatchObject({
      RelatedOpportunityId: id,
      InvolvementType: "Co-Sell",
      LifeCycle: { Stage: "Prospect" },
      RelatedEntityIds: { Solutions: ["S-1234567"] },
    });
  });

  it("rewards complete content and names the gaps", async () => {
    const sparse = await summaryOf(await submittedOpportunity());
    const thorough = await summaryOf(await submittedOpportunity(THOROUGH_OPPORTUNITY));
    expect(thorough.Insights!.OpportunityQuality!.Score!).toBeGreaterThan(
      sparse.Insights!.OpportunityQuality!.Score!,
    );
    const gaps = (s: typeof sparse) =>
      (s.Insights?.Recommendations ?? [])
        .filter((r) => r.Type === "OpportunityQuality")
        .map((r) => r.Attributes?.Field);
    expect(gaps(sparse)).toContain("Customer.Contacts");
    expect(gaps(thorough)).toEqual([]);
    // The partner's software revenue is AWS's deal value.
    expect(thorough.SoftwareRevenue).toMatchObject({
      Value: THOROUGH_OPPORTUNITY.SoftwareRevenue.Value,
      EffectiveDate: "2030-07-01",
      ExpirationDate: "2032-06-30",
    });
  });

  it("gives the same opportunity the same scoring", async () => {
    await h.control("POST", "/_pclocal/reset");
    const first = await submittedOpportunity(THOROUGH_OPPORTUNITY);
    const { $metadata: _m1, ...before } = await summaryOf(first);
    await h.control("POST", "/_pclocal/reset");
    const again = await submittedOpportunity(THOROUGH_OPPORTUNITY);
    expect(again).toBe(first);
    const { $metadata: _m2, ...after } = await summaryOf(again);
    expect(after).toEqual(before);
  });
});

describe("AWS changes its summary through the control plane", () => {
  /** A submitted opportunity of Partner A in an engagement with a running AwsOpportunitySummaryFullView job. */
  async function withRunningFullViewJob() {
    const engagement = await h
      .client(PARTNER_A)
      .send(new CreateEngagementCommand({ Catalog: CATALOG, Title: "Insights", Description: "AWS's view" }));
    const id = await submittedOpportunity();
    await h.client(PARTNER_A).send(
      new PutSellingSystemSettingsCommand({
        Catalog: CATALOG,
        ResourceSnapshotJobRoleIdentifier: `arn:aws:iam::${PARTNER_A.awsAccountId}:role/SnapshotJobRole`,
      }),
    );
    const ref = {
      Catalog: CATALOG,
      EngagementIdentifier: engagement.Id!,
      ResourceType: "Opportunity" as const,
      ResourceIdentifier: id,
      ResourceSnapshotTemplateIdentifier: "AwsOpportunitySummaryFullView",
    };
    const job = await h.client(PARTNER_A).send(new CreateResourceSnapshotJobCommand(ref));
    await h
      .client(PARTNER_A)
      .send(
        new StartResourceSnapshotJobCommand({ Catalog: CATALOG, ResourceSnapshotJobIdentifier: job.Id! }),
      );
    const revisions = async () =>
      (
        await h
          .client(PARTNER_A)
          .send(new ListResourceSnapshotsCommand({ Catalog: CATALOG, EngagementIdentifier: engagement.Id! }))
      ).ResourceSnapshotSummaries!.map((s) => s.Revision);
    const latest = () => h.client(PARTNER_A).send(new GetResourceSnapshotCommand(ref));
    return { id, revisions, latest };
  }

  const OVERRIDE = {
    Insights: {
      OpportunityQuality: { Score: 91, Trend: "Improving" },
      Recommendations: [
        {
          Type: "SpecialistRecommendation",
          Details: "Bring in the AWS analytics specialist.",
          Attributes: { Specialty: "Analytics" },
        },
      ],
      EngagementScore: "High",
      NextBestActions: "Book the architecture review.",
    },
    CosellMotion: "AWS Field-engaged",
    SoftwareRevenue: {
      Value: { Amount: "250000.00", CurrencyCode: "USD" },
      Discount: "12.50",
      EffectiveDate: "2030-07-01",
      ExpirationDate: "2031-06-30",
    },
    OpportunityTeam: [
      {
        FirstName: "Riley",
        LastName: "Stone",
        Email: "riley@amazon.example.com",
        BusinessTitle: "AWSSalesRep",
      },
      {
        FirstName: "Morgan",
        LastName: "Vale",
        Email: "morgan@amazon.example.com",
        BusinessTitle: "Signatory",
      },
    ],
  };

  it("shows AWS's values in GetAwsOpportunitySummary and a new snapshot revision, and sends Opportunity Updated", async () => {
    const { id, revisions, latest } = await withRunningFullViewJob();
    expect(await revisions()).toEqual([1]);
    const opportunityBefore = await h
      .client(PARTNER_A)
      .send(new GetOpportunityCommand({ Catalog: CATALOG, Identifier: id }));
    const end = await logEnd(h, PARTNER_A);

    const answer = await changeSummary({ Identifier: id, ...OVERRIDE });
    expect(answer.status).toBe(200);
    const summary = await summaryOf(id);
    expect(summary).toMatchObject(OVERRIDE);
    const { $metadata: _m, ...wire } = summary;
    expect(answer.json).toEqual(JSON.parse(JSON.stringify(wire)));
    expect(summary.RelatedEntityIds?.Solutions).toEqual(["S-1234567"]);

    expect(await revisions()).toEqual([1, 2]);
    const snapshot = await latest();
    expect(snapshot.Revision).toBe(2);
    expect(snapshot.Payload?.AwsOpportunitySummaryFullView).toMatchObject(OVERRIDE);

    const events = (await eventsOf(h, PARTNER_A, end)).map((e) => e.event);
    expect(events).toContainEqual({
      ...envelopeOf(PARTNER_A, "Opportunity Updated", []),
      detail: { schemaVersion: "1", catalog: CATALOG, opportunity: { identifier: id } },
    });
    expect(events.map((e) => e["detail-type"]).sort()).toEqual([
      "Engagement Resource Snapshot Created",
      "Opportunity Updated",
    ]);
    // The partner's own opportunity is as it was: an update prepared before still applies.
    const opportunityAfter = await h
      .client(PARTNER_A)
      .send(new GetOpportunityCommand({ Catalog: CATALOG, Identifier: id }));
    expect(opportunityAfter.LastModifiedDate).toEqual(opportunityBefore.LastModifiedDate);

    // The same values again change nothing: no event, no revision.
    const quiet = await logEnd(h, PARTNER_A);
    expect((await changeSummary({ Identifier: id, ...OVERRIDE })).status).toBe(200);
    expect(await eventsOf(h, PARTNER_A, quiet)).toEqual([]);
    expect(await revisions()).toEqual([1, 2]);
  });

  it("changes Insights member by member, and null removes a member", async () => {
    const id = await submittedOpportunity();
    const before = await summaryOf(id);
    await changeSummary({
      Identifier: id,
      Insights: { OpportunityQuality: { Score: 12, Trend: "Declining" } },
    });
    const after = await summaryOf(id);
    expect(after.Insights?.OpportunityQuality).toEqual({ Score: 12, Trend: "Declining" });
    expect(after.Insights?.Recommendations).toEqual(before.Insights?.Recommendations);
    expect(after.CosellMotion).toBe(before.CosellMotion);

    await changeSummary({ Identifier: id, CosellMotion: null, Insights: { Recommendations: null } });
    const removed = await summaryOf(id);
    expect(removed.CosellMotion).toBeUndefined();
    expect(removed.Insights?.Recommendations).toBeUndefined();
    expect(removed.Insights?.OpportunityQuality).toEqual({ Score: 12, Trend: "Declining" });
  });

  it("accepts Signatory on AWS's team and refuses an unknown title", async () => {
    const id = await submittedOpportunity();
    const signatory = {
      FirstName: "Ada",
      LastName: "Park",
      Email: "ada@amazon.example.com",
      BusinessTitle: "Signatory",
    };
    expect((await changeSummary({ Identifier: id, OpportunityTeam: [signatory] })).status).toBe(200);
    expect((await summaryOf(id)).OpportunityTeam).toEqual([signatory]);

    const bad = await changeSummary({
      Identifier: id,
      OpportunityTeam: [{ ...signatory, BusinessTitle: "Notary" }],
    });
    expect(bad.status).toBe(400);
    expect(bad.json.ErrorList).toEqual([
      expect.objectContaining({ FieldName: "opportunityTeam[0].businessTitle", Code: "INVALID_ENUM_VALUE" }),
    ]);
    expect((await summaryOf(id)).OpportunityTeam).toEqual([signatory]);
  });

  it("refuses bodies that break the model with 400 and every issue", async () => {
    const id = await submittedOpportunity();
    const bad = await changeSummary({
      Identifier: id,
      Insights: {
        OpportunityQuality: { Score: 101 },
        Recommendations: [{ Type: "OpportunityQuality" }],
        EngagementScore: "Stellar",
      },
      CosellMotion: 7,
      SoftwareRevenue: { Value: { Amount: "lots", CurrencyCode: "USD" } },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.__type).toBe("ValidationException");
    expect(bad.json.ErrorList.map((e: any) => `${e.FieldName}:${e.Code}`).sort()).toEqual([
      "cosellMotion:INVALID_VALUE",
      "insights.engagementScore:INVALID_ENUM_VALUE",
      "insights.opportunityQuality.score:VALUE_OUT_OF_RANGE",
      "insights.recommendations[0].details:REQUIRED_FIELD_MISSING",
      "softwareRevenue.value.amount:INVALID_STRING_FORMAT",
    ]);
    const six = Array.from({ length: 6 }, (_, i) => ({ Type: "OpportunityQuality", Details: `Tip ${i}` }));
    const tooMany = await changeSummary({ Identifier: id, Insights: { Recommendations: six } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.ErrorList.map((e: any) => e.FieldName)).toEqual(["insights.recommendations"]);
    const empty = await changeSummary({ Identifier: id });
    expect(empty.status).toBe(400);
    expect(empty.json.ErrorList[0].Message).toMatch(
      /Insights, CosellMotion, SoftwareRevenue, OpportunityTeam/,
    );
  });

  it("needs a submitted opportunity: 409 before submission, 404 for none", async () => {
    const created = await h
      .client(PARTNER_A)
      .send(new CreateOpportunityCommand({ Catalog: CATALOG, ...COMPLETE_OPPORTUNITY } as never));
    const pending = await changeSummary({ Identifier: created.Id, CosellMotion: "Partner-led" });
    expect(pending.status).toBe(409);
    expect(pending.json.__type).toBe("ConflictException");
    expect((await rejectionOf(summaryOf(created.Id!))).name).toBe("ResourceNotFoundException");
    const missing = await changeSummary({ Identifier: "O999999999", CosellMotion: "Partner-led" });
    expect(missing.status).toBe(404);
  });
});
