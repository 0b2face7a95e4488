import { CUSTOMER_PROJECT_CONTEXT, OPPORTUNITY_INVITATION_PAYLOAD } from "../../sdk/helpers/fixtures.js";

/**
 * Valid operation inputs (parsed JSON, as the validator receives them), built on the SDK tests'
 * fixtures (test/sdk/helpers/fixtures.ts). Each call returns a fresh copy.
 */

/** A fresh copy of the SDK tests' customer project context. */
export const customerProjectContext = () => structuredClone(CUSTOMER_PROJECT_CONTEXT);

/** The least lead context the model accepts (no QualificationStatus: the validator supplies its default). */
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
