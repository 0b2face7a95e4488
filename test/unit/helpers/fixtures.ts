import { OPPORTUNITY_INVITATION_PAYLOAD } from "../../sdk/helpers/fixtures.js";

/** Valid operation inputs (parsed JSON, as the validator receives them). Each call returns a fresh copy. */

export const customerProjectContext = () => ({
  Type: "CustomerProject",
  Payload: {
    CustomerProject: {
      Customer: {
        Industry: "Retail",
        CompanyName: "Example Retail Inc",
        WebsiteUrl: "https://shop.example-retail.com",
        CountryCode: "CA",
      },
      Project: {
        Title: "Omnichannel inventory platform",
        BusinessProblem: "Inventory is out of sync between stores and the web shop.",
        TargetCompletionDate: "2027-03-31",
      },
    },
  },
});

export const leadContext = () => ({
  Type: "Lead",
  Payload: {
    Lead: {
      Customer: {
        CompanyName: "Example University",
        Address: { City: "Boston", PostalCode: "02115", CountryCode: "US" },
      },
      Interactions: [
        {
          SourceType: "Webinar",
          SourceId: "web-77",
          SourceName: "Data on AWS webinar",
          InteractionDate: "2026-10-01T15:30:00Z",
          CustomerAction: "Requested a follow-up",
          Contact: {
            BusinessTitle: "CIO",
            Email: "cio@example-university.edu",
            FirstName: "Jordan",
            LastName: "Lee",
          },
        },
      ],
    },
  },
});

export const createEngagement = () => ({
  Catalog: "Sandbox",
  ClientToken: "token-engagement-1",
  Title: "Once",
  Description: "only once",
  Contexts: [customerProjectContext()],
});

/** A fresh copy of the SDK tests' payload with every member set. */
export const opportunityInvitationPayload = () => structuredClone(OPPORTUNITY_INVITATION_PAYLOAD);

export const createEngagementInvitation = () => ({
  Catalog: "Sandbox",
  ClientToken: "token-invitation-1",
  EngagementIdentifier: "eng-m1l0v2mnccwtv4",
  Invitation: {
    Message: "Let us work on this together.",
    Receiver: { Account: { AwsAccountId: "444455556666", Alias: "partner-b" } },
    Payload: { OpportunityInvitation: opportunityInvitationPayload() },
  },
});
