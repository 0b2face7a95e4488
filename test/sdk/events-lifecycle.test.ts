import {
  AcceptEngagementInvitationCommand,
  CreateEngagementCommand,
  CreateEngagementContextCommand,
  CreateEngagementInvitationCommand,
  GetEngagementCommand,
  RejectEngagementInvitationCommand,
} from "@aws-sdk/client-partnercentral-selling";
import { describe, expect, it } from "vitest";
import type { Account } from "../../src/auth/accounts.js";
import { envelopeOf, eventsOf, logEnd } from "./helpers/event-log.js";
import {
  CUSTOMER_PROJECT_CONTEXT,
  LEAD_CONTEXT,
  OPPORTUNITY_INVITATION_PAYLOAD,
} from "./helpers/fixtures.js";
import { PARTNER_A, PARTNER_B, useHarness } from "./helpers/harness.js";

const h = useHarness();

async function invite(from: Account, to: Account) {
  const engagement = await h
    .client(from)
    .send(new CreateEngagementCommand({ Catalog: "Sandbox", Title: "Evented", Description: "" }));
  const invitation = await h.client(from).send(
    new CreateEngagementInvitationCommand({
      Catalog: "Sandbox",
      EngagementIdentifier: engagement.Id,
      Invitation: {
        Message: "Join us",
        Receiver: { Account: { AwsAccountId: to.awsAccountId } },
        Payload: { OpportunityInvitation: OPPORTUNITY_INVITATION_PAYLOAD as never },
      },
    }),
  );
  return { engagement, invitation };
}

const answered = (
  participantType: string,
  engagementId: string,
  invitation: { Id?: string; Arn?: string },
) => ({
  schemaVersion: "1.0",
  catalog: "Sandbox",
  engagementInvitation: {
    arn: invitation.Arn,
    id: invitation.Id,
    engagementId,
    participantType,
    senderAccountId: PARTNER_A.awsAccountId,
    receiverAccountId: PARTNER_B.awsAccountId,
    payloadType: "OpportunityInvitation",
  },
});

describe("lifecycle events", () => {
  it("sends Invitation Accepted and Member Added to both sides when the receiver accepts", async () => {
    const { engagement, invitation } = await invite(PARTNER_A, PARTNER_B);
    const [fromA, fromB] = [await logEnd(h, PARTNER_A), await logEnd(h, PARTNER_B)];
    await h
      .client(PARTNER_B)
      .send(new AcceptEngagementInvitationCommand({ Catalog: "Sandbox", Identifier: invitation.Id }));
    const engagementArn = engagement.Arn!;
    const memberAdded = (to: Account) => ({
      ...envelopeOf(to, "Engagement Member Added", [engagementArn]),
      detail: {
        catalog: "Sandbox",
        engagement: { id: engagement.Id },
        engagementMember: { accountId: PARTNER_B.awsAccountId, companyName: PARTNER_B.companyName },
      },
    });
    expect((await eventsOf(h, PARTNER_A, fromA)).map((e) => e.event)).toEqual([
      {
        ...envelopeOf(PARTNER_A, "Engagement Invitation Accepted", [invitation.Arn!]),
        detail: answered("SENDER", engagement.Id!, invitation),
      },
      memberAdded(PARTNER_A),
    ]);
    expect((await eventsOf(h, PARTNER_B, fromB)).map((e) => e.event)).toEqual([
      {
        ...envelopeOf(PARTNER_B, "Engagement Invitation Accepted", [invitation.Arn!]),
        detail: answered("RECEIVER", engagement.Id!, invitation),
      },
      memberAdded(PARTNER_B),
    ]);
  });

  it("sends Invitation Rejected to both sides", async () => {
    const { engagement, invitation } = await invite(PARTNER_A, PARTNER_B);
    const [fromA, fromB] = [await logEnd(h, PARTNER_A), await logEnd(h, PARTNER_B)];
    await h.client(PARTNER_B).send(
      new RejectEngagementInvitationCommand({
        Catalog: "Sandbox",
        Identifier: invitation.Id,
        RejectionReason: "Other",
      }),
    );
    expect((await eventsOf(h, PARTNER_A, fromA)).map((e) => e.event)).toEqual([
      {
        ...envelopeOf(PARTNER_A, "Engagement Invitation Rejected", [invitation.Arn!]),
        detail: answered("SENDER", engagement.Id!, invitation),
      },
    ]);
    expect((await eventsOf(h, PARTNER_B, fromB)).map((e) => e.event)).toEqual([
      {
        ...envelopeOf(PARTNER_B, "Engagement Invitation Rejected", [invitation.Arn!]),
        detail: answered("RECEIVER", engagement.Id!, invitation),
      },
    ]);
  });

  it("sends Engagement Updated to every member when a context is added", async () => {
    const { engagement, invitation } = await invite(PARTNER_A, PARTNER_B);
    await h
      .client(PARTNER_B)
      .send(new AcceptEngagementInvitationCommand({ Catalog: "Sandbox", Identifier: invitation.Id }));
    const [fromA, fromB] = [await logEnd(h, PARTNER_A), await logEnd(h, PARTNER_B)];
    await h.client(PARTNER_B).send(
      new CreateEngagementContextCommand({
        Catalog: "Sandbox",
        EngagementIdentifier: engagement.Id,
        Type: "CustomerProject",
        Payload: CUSTOMER_PROJECT_CONTEXT.Payload as never,
      }),
    );
    const got = await h
      .client(PARTNER_A)
      .send(new GetEngagementCommand({ Catalog: "Sandbox", Identifier: engagement.Id }));
    const updated = (to: Account) => ({
      ...envelopeOf(to, "Engagement Updated", [engagement.Arn!]),
      detail: {
        catalog: "Sandbox",
        engagement: {
          engagementArn: engagement.Arn,
          engagementId: engagement.Id,
          LastModifiedAt: got.ModifiedAt!.toISOString(),
          LastModifiedBy: PARTNER_B.awsAccountId,
          ContextTypes: ["CustomerProject"],
        },
      },
    });
    expect((await eventsOf(h, PARTNER_A, fromA)).map((e) => e.event)).toEqual([updated(PARTNER_A)]);
    expect((await eventsOf(h, PARTNER_B, fromB)).map((e) => e.event)).toEqual([updated(PARTNER_B)]);
  });

  it("sends Engagement Updated to the partner members when AWS updates a lead", async () => {
    const sent = await h.control<{ Id: string; EngagementId: string }>(
      "POST",
      "/_pclocal/aws/engagement-invitations",
      {
        Catalog: "Sandbox",
        ReceiverAwsAccountId: PARTNER_A.awsAccountId,
        PayloadType: "LeadInvitation",
        Payload: {
          Customer: { CompanyName: "Lead Co", CountryCode: "US" },
          Interaction: {
            SourceType: "Event",
            SourceId: "e-1",
            SourceName: "Summit",
            ContactBusinessTitle: "CTO",
          },
        },
        Context: LEAD_CONTEXT,
      },
    );
    await h
      .client(PARTNER_A)
      .send(new AcceptEngagementInvitationCommand({ Catalog: "Sandbox", Identifier: sent.Id }));
    const from = await logEnd(h, PARTNER_A);
    const lead = LEAD_CONTEXT.Payload.Lead;
    await h.control("POST", "/_pclocal/aws/engagements/context", {
      Catalog: "Sandbox",
      EngagementIdentifier: sent.EngagementId,
      ContextIdentifier: "1",
      Type: "Lead",
      Payload: { Lead: { QualificationStatus: "Qualified", Customer: lead.Customer } },
    });
    const events = (await eventsOf(h, PARTNER_A, from)).map((e) => e.event);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      "detail-type": "Engagement Updated",
      detail: {
        engagement: { engagementId: sent.EngagementId, LastModifiedBy: "aws", ContextTypes: ["Lead"] },
      },
    });
  });
});
