/**
 * Leads as the 2026-11 model has them, through the SDK: a lead needs only the company and one
 * contact; industry, segment, country and website are free text; insights are kept. A minimal or
 * free-text lead converts into an opportunity that its own model takes back (UpdateOpportunity),
 * and linking an opportunity to a lead engagement by a snapshot adds its CustomerProject context.
 */
import {
  AcceptEngagementInvitationCommand,
  CreateEngagementCommand,
  CreateEngagementContextCommand,
  CreateEngagementInvitationCommand,
  CreateOpportunityCommand,
  CreateResourceSnapshotCommand,
  CreateResourceSnapshotJobCommand,
  type EngagementContextDetails,
  GetEngagementCommand,
  GetEngagementInvitationCommand,
  GetOpportunityCommand,
  type LeadContext,
  ListEngagementInvitationsCommand,
  ListResourceSnapshotsCommand,
  PutSellingSystemSettingsCommand,
  StartOpportunityFromEngagementTaskCommand,
  StartResourceSnapshotJobCommand,
  UpdateEngagementContextCommand,
  UpdateOpportunityCommand,
} from "@aws-sdk/client-partnercentral-selling";
import { describe, expect, it } from "vitest";
import type { Account } from "../../src/auth/accounts.js";
import { eventsOf, logEnd } from "./helpers/event-log.js";
import { PARTNER_A, PARTNER_B, rejectionOf, useHarness } from "./helpers/harness.js";
import { awsSends, COMPLETE_OPPORTUNITY, replayForUpdate } from "./helpers/tasks.js";

const Catalog = "Sandbox";

const h = useHarness({}, { resetEach: true });

const contact = { FirstName: "Sam", LastName: "Rivera", Email: "sam.rivera", BusinessTitle: "Buyer" };

/** What a Lead context needs now: the company and one interaction's contact. */
const MINIMAL_LEAD = {
  Customer: { CompanyName: "Minimal Lead Co" },
  Interactions: [{ Contact: contact }],
};

/** A lead whose customer is free text of forms the opportunity's enums and patterns refuse. */
const FREE_TEXT_LEAD = {
  Insights: { LeadReadinessScore: "High" },
  QualificationStatus: "Qualified",
  Customer: {
    CompanyName: "Orbital Farms GmbH",
    Industry: "Vertical farming in orbit",
    MarketSegment: "Mid-market (DACH)",
    WebsiteUrl: "see our LinkedIn page",
    AwsMaturity: "",
    Address: { City: "München", PostalCode: "80331", StateOrRegion: "Bayern", CountryCode: "Germany" },
  },
  Interactions: [
    {
      SourceType: "",
      CustomerAction: "",
      BusinessProblem: "Too short",
      Contact: { ...contact, Phone: "reception, ext. 12", Email: "not an e-mail address" },
    },
  ],
};

const leadContext = (lead: object) => ({ Type: "Lead", Payload: { Lead: lead } }) as EngagementContextDetails;
const withDefault = (lead: object) => ({ QualificationStatus: "Unqualified", ...lead });

async function createEngagement(by: Account, contexts: object[] = [], extra: object = {}) {
  const created = await h.client(by).send(
    new CreateEngagementCommand({
      Catalog,
      Title: "Lead engagement",
      Contexts: contexts as EngagementContextDetails[],
      ...extra,
    }),
  );
  return created.Id!;
}

const getEngagement = (by: Account, id: string) =>
  h.client(by).send(new GetEngagementCommand({ Catalog, Identifier: id }));

const leadOf = async (by: Account, id: string, contextId = "1") =>
  (await getEngagement(by, id)).Contexts!.find((c) => c.Id === contextId)!.Payload!.Lead!;

const convert = (by: Account, engagementId: string) =>
  h.client(by).send(
    new StartOpportunityFromEngagementTaskCommand({
      Catalog,
      Identifier: engagementId,
      ContextIdentifier: "1",
    }),
  );

const getOpportunity = (by: Account, id: string) =>
  h.client(by).send(new GetOpportunityCommand({ Catalog, Identifier: id }));

/** Converts the engagement's lead and proves UpdateOpportunity takes the opportunity back as it is. */
async function convertAndReplay(by: Account, engagementId: string) {
  const task = await convert(by, engagementId);
  expect(task.TaskStatus).toBe("COMPLETE");
  const got = await getOpportunity(by, task.OpportunityId!);
  const updated = await h.client(by).send(new UpdateOpportunityCommand(replayForUpdate(got)));
  expect(updated.Id).toBe(task.OpportunityId);
  return { task, opportunity: got };
}

describe("Lead contexts", () => {
  it("take a minimal lead in CreateEngagement, CreateEngagementContext and UpdateEngagementContext", async () => {
    const id = await createEngagement(PARTNER_A, [leadContext(MINIMAL_LEAD)]);
    expect(await leadOf(PARTNER_A, id)).toEqual(withDefault(MINIMAL_LEAD));

    const added = await h.client(PARTNER_A).send(
      new CreateEngagementContextCommand({
        Catalog,
        EngagementIdentifier: id,
        Type: "Lead",
        Payload: { Lead: MINIMAL_LEAD as LeadContext },
      }),
    );
    expect(added.ContextId).toBe("2");
    expect(await leadOf(PARTNER_A, id, "2")).toEqual(withDefault(MINIMAL_LEAD));

    const next = { Contact: { ...contact, FirstName: "Alex" } };
    await h.client(PARTNER_A).send(
      new UpdateEngagementContextCommand({
        Catalog,
        EngagementIdentifier: id,
        ContextIdentifier: "1",
        EngagementLastModifiedAt: added.EngagementLastModifiedAt!,
        Type: "Lead",
        Payload: { Lead: { Customer: MINIMAL_LEAD.Customer, Interaction: next } },
      }),
    );
    expect((await leadOf(PARTNER_A, id)).Interactions).toEqual([{ Contact: contact }, next]);
  });

  it("keep free-text industry, segment, country, website and contact details, and the lead's insights", async () => {
    const id = await createEngagement(PARTNER_A, [leadContext(FREE_TEXT_LEAD)]);
    expect(await leadOf(PARTNER_A, id)).toEqual(FREE_TEXT_LEAD);

    const update = (lead: object, at: Date) =>
      h.client(PARTNER_A).send(
        new UpdateEngagementContextCommand({
          Catalog,
          EngagementIdentifier: id,
          ContextIdentifier: "1",
          EngagementLastModifiedAt: at,
          Type: "Lead",
          Payload: { Lead: lead as never },
        }),
      );
    const engagement = await getEngagement(PARTNER_A, id);
    const withoutInsights = await update({ Customer: FREE_TEXT_LEAD.Customer }, engagement.ModifiedAt!);
    expect((await leadOf(PARTNER_A, id)).Insights).toEqual({ LeadReadinessScore: "High" });

    await update(
      { Customer: FREE_TEXT_LEAD.Customer, Insights: { LeadReadinessScore: "Very high" } },
      withoutInsights.EngagementLastModifiedAt!,
    );
    const lead = await leadOf(PARTNER_A, id);
    expect(lead.Insights).toEqual({ LeadReadinessScore: "Very high" });
    expect(lead.Customer).toEqual(FREE_TEXT_LEAD.Customer);
  });
});

describe("lead invitations", () => {
  const MINIMAL_INVITATION = {
    Customer: { CompanyName: "Minimal Lead Co" },
    Interaction: { ContactBusinessTitle: "Head of Data" },
  };
  const FREE_TEXT_INVITATION = {
    Customer: {
      CompanyName: "Orbital Farms GmbH",
      Industry: "Vertical farming in orbit",
      CountryCode: "de",
      MarketSegment: "Mid-market (DACH)",
      WebsiteUrl: "see our LinkedIn page",
    },
    Interaction: { SourceType: "", Usecase: "", ContactBusinessTitle: "" },
  };

  it("from AWS need only the company and the contact's title; acceptance reveals a Lead of what was sent", async () => {
    const sent = await awsSends(h, PARTNER_A, {
      PayloadType: "LeadInvitation",
      Payload: MINIMAL_INVITATION,
    });
    const got = await h
      .client(PARTNER_A)
      .send(new GetEngagementInvitationCommand({ Catalog, Identifier: sent.Id }));
    expect(got.Payload).toEqual({ LeadInvitation: MINIMAL_INVITATION });
    expect(got.EngagementTitle).toBe("Lead: Minimal Lead Co");
    expect(got).not.toHaveProperty("EngagementDescription");

    await h.client(PARTNER_A).send(new AcceptEngagementInvitationCommand({ Catalog, Identifier: sent.Id }));
    const lead = await leadOf(PARTNER_A, sent.EngagementId);
    // Nothing the invitation did not say: no address, no source, no customer action.
    expect(lead).toEqual({
      QualificationStatus: "Unqualified",
      Customer: { CompanyName: "Minimal Lead Co" },
      Interactions: [{ InteractionDate: expect.any(Date), Contact: { BusinessTitle: "Head of Data" } }],
    });
  });

  it("from AWS keep free-text industry, country and segment", async () => {
    const sent = await awsSends(h, PARTNER_A, {
      PayloadType: "LeadInvitation",
      Payload: { LeadInvitation: FREE_TEXT_INVITATION },
    });
    const got = await h
      .client(PARTNER_A)
      .send(new GetEngagementInvitationCommand({ Catalog, Identifier: sent.Id }));
    expect(got.Payload).toEqual({ LeadInvitation: FREE_TEXT_INVITATION });
    await h.client(PARTNER_A).send(new AcceptEngagementInvitationCommand({ Catalog, Identifier: sent.Id }));
    expect((await leadOf(PARTNER_A, sent.EngagementId)).Customer).toEqual({
      CompanyName: "Orbital Farms GmbH",
      Industry: "Vertical farming in orbit",
      Address: { CountryCode: "de" },
      MarketSegment: "Mid-market (DACH)",
      WebsiteUrl: "see our LinkedIn page",
    });
  });

  it("in CreateEngagementInvitation need no more, and the receiver reads and lists them", async () => {
    const id = await createEngagement(PARTNER_A);
    for (const payload of [MINIMAL_INVITATION, FREE_TEXT_INVITATION]) {
      const engagementId = payload === MINIMAL_INVITATION ? id : await createEngagement(PARTNER_A);
      const created = await h.client(PARTNER_A).send(
        new CreateEngagementInvitationCommand({
          Catalog,
          EngagementIdentifier: engagementId,
          Invitation: {
            Message: "A lead for you",
            Receiver: { Account: { AwsAccountId: PARTNER_B.awsAccountId } },
            Payload: { LeadInvitation: payload },
          },
        }),
      );
      const got = await h
        .client(PARTNER_B)
        .send(new GetEngagementInvitationCommand({ Catalog, Identifier: created.Id! }));
      expect(got.Payload).toEqual({ LeadInvitation: payload });
      expect(got.Status).toBe("PENDING");
    }
    const listed = await h.client(PARTNER_B).send(
      new ListEngagementInvitationsCommand({
        Catalog,
        ParticipantType: "RECEIVER",
        PayloadType: ["LeadInvitation"],
      }),
    );
    expect(listed.EngagementInvitationSummaries).toHaveLength(2);
  });
});

describe("converting a lead (StartOpportunityFromEngagementTask)", () => {
  it("turns a minimal lead into an opportunity that UpdateOpportunity takes back", async () => {
    const id = await createEngagement(PARTNER_A, [leadContext(MINIMAL_LEAD)]);
    const { task, opportunity } = await convertAndReplay(PARTNER_A, id);
    expect(opportunity.Customer).toEqual({ Account: { CompanyName: "Minimal Lead Co" }, Contacts: [] });
    expect(opportunity.Project).toEqual({ Title: "Converted from Lead", ExpectedCustomerSpend: [] });
    const context = (await getEngagement(PARTNER_A, id)).Contexts!.find((c) => c.Id === task.ContextId);
    expect(context?.Payload?.CustomerProject).toEqual({
      Customer: { CompanyName: "Minimal Lead Co" },
      Project: {
        Title: "Converted from Lead",
        TargetCompletionDate: opportunity.LifeCycle!.TargetCloseDate,
      },
    });
  });

  it("maps a known industry whatever its case and spacing, the country code and the address", async () => {
    const problem = "Branch staff cannot see customer history across channels.";
    const lead = {
      Customer: {
        CompanyName: "Example Savings Bank",
        Industry: "  financial   SERVICES ",
        WebsiteUrl: "https://www.example-savings.de",
        Address: { City: "Berlin", PostalCode: "10115", StateOrRegion: "", CountryCode: " de " },
      },
      Interactions: [{ BusinessProblem: problem, Contact: contact }],
    };
    const id = await createEngagement(PARTNER_A, [leadContext(lead)]);
    const { task, opportunity } = await convertAndReplay(PARTNER_A, id);
    expect(opportunity.Customer!.Account).toEqual({
      CompanyName: "Example Savings Bank",
      Industry: "Financial Services",
      WebsiteUrl: "https://www.example-savings.de",
      Address: { City: "Berlin", PostalCode: "10115", CountryCode: "DE" },
    });
    expect(opportunity.Project!.CustomerBusinessProblem).toBe(problem);
    const context = (await getEngagement(PARTNER_A, id)).Contexts!.find((c) => c.Id === task.ContextId);
    expect(context?.Payload?.CustomerProject?.Customer).toEqual({
      Industry: "Financial Services",
      CompanyName: "Example Savings Bank",
      WebsiteUrl: "https://www.example-savings.de",
      CountryCode: "DE",
    });
  });

  it("names an unknown industry in OtherIndustry and leaves out what the opportunity's model refuses", async () => {
    // As long as a lead's industry may be, and as long as OtherIndustry may be.
    const longIndustry = "Vertical farming in orbit, ".padEnd(255, "and more ");
    const id = await createEngagement(PARTNER_A, [
      leadContext({ ...FREE_TEXT_LEAD, Customer: { ...FREE_TEXT_LEAD.Customer, Industry: longIndustry } }),
    ]);
    const { opportunity } = await convertAndReplay(PARTNER_A, id);
    const account = opportunity.Customer!.Account!;
    expect(account.Industry).toBe("Other");
    expect(account.OtherIndustry).toBe(longIndustry);
    // "Germany" is no country code and "see our LinkedIn page" no website; the short business
    // problem is under the opportunity's 20 characters.
    expect(account).not.toHaveProperty("WebsiteUrl");
    expect(account.Address).toEqual({ City: "München", PostalCode: "80331", StateOrRegion: "Bayern" });
    expect(opportunity.Project).not.toHaveProperty("CustomerBusinessProblem");

    const again = await getOpportunity(PARTNER_A, opportunity.Id!);
    expect(again.Customer!.Account).toMatchObject({
      Industry: "Other",
      OtherIndustry: account.OtherIndustry,
    });
  });

  it("takes the business problem of the newest interaction that states a usable one", async () => {
    const usable = "Researchers wait weeks for on-premises compute capacity.";
    const id = await createEngagement(PARTNER_A, [
      leadContext({
        Customer: { CompanyName: "Example University" },
        Interactions: [
          { InteractionDate: new Date("2026-01-01T00:00:00Z"), BusinessProblem: usable, Contact: contact },
          { InteractionDate: new Date("2026-02-01T00:00:00Z"), BusinessProblem: "Call me", Contact: contact },
          { InteractionDate: new Date("2026-03-01T00:00:00Z"), Contact: contact },
        ],
      }),
    ]);
    const { opportunity } = await convertAndReplay(PARTNER_A, id);
    expect(opportunity.Project!.CustomerBusinessProblem).toBe(usable);
  });
});

describe("linking an opportunity to a lead engagement by a resource snapshot", () => {
  const OPPORTUNITY = {
    ...COMPLETE_OPPORTUNITY,
    Customer: {
      Account: { ...COMPLETE_OPPORTUNITY.Customer.Account, WebsiteUrl: "https://www.example-logistics.com" },
    },
  };

  async function acceptedLead() {
    const sent = await awsSends(h, PARTNER_A, {
      PayloadType: "LeadInvitation",
      Payload: {
        Customer: { CompanyName: "Example Logistics Ltd" },
        Interaction: { ContactBusinessTitle: "CIO" },
      },
    });
    await h.client(PARTNER_A).send(new AcceptEngagementInvitationCommand({ Catalog, Identifier: sent.Id }));
    return sent.EngagementId;
  }

  const createOpportunity = async (fields: object = OPPORTUNITY) =>
    (
      await h
        .client(PARTNER_A)
        .send(new CreateOpportunityCommand({ Catalog, ...(fields as object) } as never))
    ).Id!;

  const snapshot = (engagementId: string, opportunityId: string) =>
    h.client(PARTNER_A).send(
      new CreateResourceSnapshotCommand({
        Catalog,
        EngagementIdentifier: engagementId,
        ResourceType: "Opportunity",
        ResourceIdentifier: opportunityId,
        ResourceSnapshotTemplateIdentifier: "OpportunitySummaryView",
      }),
    );

  /** The CustomerProject context the opportunity above stands for. */
  const PROJECT_OF_OPPORTUNITY = {
    Customer: {
      Industry: "Transportation and Logistics",
      CompanyName: "Example Logistics Ltd",
      WebsiteUrl: "https://www.example-logistics.com",
      CountryCode: "US",
    },
    Project: {
      Title: COMPLETE_OPPORTUNITY.Project.Title,
      BusinessProblem: COMPLETE_OPPORTUNITY.Project.CustomerBusinessProblem,
      TargetCompletionDate: COMPLETE_OPPORTUNITY.LifeCycle.TargetCloseDate,
    },
  };

  it("with CreateResourceSnapshot adds the CustomerProject context once, and tells the partner members", async () => {
    const engagementId = await acceptedLead();
    const opportunityId = await createOpportunity();
    const since = await logEnd(h, PARTNER_A);
    await snapshot(engagementId, opportunityId);

    const engagement = await getEngagement(PARTNER_A, engagementId);
    expect(engagement.Contexts!.map((c) => [c.Id, c.Type])).toEqual([
      ["1", "Lead"],
      ["2", "CustomerProject"],
    ]);
    expect(engagement.Contexts![1]!.Payload!.CustomerProject).toEqual(PROJECT_OF_OPPORTUNITY);
    expect(engagement.ModifiedBy).toBe(PARTNER_A.awsAccountId);
    const events = (await eventsOf(h, PARTNER_A, since)).map((e) => e.event);
    expect(events.map((e) => e["detail-type"])).toEqual([
      "Engagement Updated",
      "Engagement Resource Snapshot Created",
    ]);
    expect(events[0]!.detail.engagement.ContextTypes).toEqual(["Lead", "CustomerProject"]);

    const second = await snapshot(engagementId, opportunityId);
    expect(second.Revision).toBe(2);
    expect((await getEngagement(PARTNER_A, engagementId)).Contexts).toHaveLength(2);
    // The lead is linked now: converting it as well would make a second opportunity of it.
    expect((await convert(PARTNER_A, engagementId)).ReasonCode).toBe("EngagementConflict");
  });

  it("with a snapshot job adds it on the job's first run", async () => {
    const engagementId = await acceptedLead();
    const opportunityId = await createOpportunity();
    await h.client(PARTNER_A).send(
      new PutSellingSystemSettingsCommand({
        Catalog,
        ResourceSnapshotJobRoleIdentifier: "PartnerCentralSnapshotJobRole",
      }),
    );
    const job = await h.client(PARTNER_A).send(
      new CreateResourceSnapshotJobCommand({
        Catalog,
        EngagementIdentifier: engagementId,
        ResourceType: "Opportunity",
        ResourceIdentifier: opportunityId,
        ResourceSnapshotTemplateIdentifier: "OpportunitySummaryView",
      }),
    );
    expect((await getEngagement(PARTNER_A, engagementId)).Contexts).toHaveLength(1);
    await h
      .client(PARTNER_A)
      .send(new StartResourceSnapshotJobCommand({ Catalog, ResourceSnapshotJobIdentifier: job.Id! }));
    const contexts = (await getEngagement(PARTNER_A, engagementId)).Contexts!;
    expect(contexts.map((c) => c.Type)).toEqual(["Lead", "CustomerProject"]);
    expect(contexts[1]!.Payload!.CustomerProject).toEqual(PROJECT_OF_OPPORTUNITY);
  });

  it("adds nothing to an engagement without a lead", async () => {
    const engagementId = await createEngagement(PARTNER_A);
    await snapshot(engagementId, await createOpportunity());
    expect((await getEngagement(PARTNER_A, engagementId)).Contexts ?? []).toEqual([]);
  });

  it("refuses the link when the engagement has no room for the context, and writes no snapshot", async () => {
    const lead = leadContext(MINIMAL_LEAD);
    const engagementId = await createEngagement(PARTNER_A, [lead, lead, lead, lead, lead]);
    const opportunityId = await createOpportunity();
    const err = await rejectionOf(snapshot(engagementId, opportunityId));
    expect(err.name).toBe("ServiceQuotaExceededException");
    const listed = await h
      .client(PARTNER_A)
      .send(new ListResourceSnapshotsCommand({ Catalog, EngagementIdentifier: engagementId }));
    expect(listed.ResourceSnapshotSummaries).toEqual([]);
    expect((await getEngagement(PARTNER_A, engagementId)).Contexts).toHaveLength(5);
  });
});
