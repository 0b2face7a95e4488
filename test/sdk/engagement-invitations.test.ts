import {
  CreateEngagementCommand,
  CreateEngagementInvitationCommand,
  GetEngagementCommand,
  GetEngagementInvitationCommand,
} from "@aws-sdk/client-partnercentral-selling";
import { describe, expect, it } from "vitest";
import {
  ENRICHMENT_CONTEXT as ENRICHMENT,
  LEAD_INVITATION_PAYLOAD,
  OPPORTUNITY_INVITATION_PAYLOAD,
} from "./helpers/fixtures.js";
import { PARTNER_A, PARTNER_B, PARTNER_C, rejectionOf, useHarness } from "./helpers/harness.js";

const h = useHarness();

const ARN_ID =
  /^arn:aws:partnercentral:us-east-1::catalog\/Sandbox\/engagement-invitation\/engi-[0-9a-z]{13}$/;

async function awsSends(body: Record<string, unknown>) {
  return h.control<{ Id: string; Arn: string; EngagementId: string; EngagementArn: string }>(
    "POST",
    "/_pclocal/aws/engagement-invitations",
    { Catalog: "Sandbox", ReceiverAwsAccountId: PARTNER_A.awsAccountId, ...body },
  );
}

async function engagementOfA(title = "Joint migration") {
  const created = await h
    .client(PARTNER_A)
    .send(
      new CreateEngagementCommand({ Catalog: "Sandbox", Title: title, Description: "Partner A and friends" }),
    );
  return created.Id!;
}

describe("GetEngagementInvitation: seed fidelity", () => {
  it("returns an AWS opportunity referral exactly as sent, with every field", async () => {
    const sent = await awsSends({
      PayloadType: "OpportunityInvitation",
      Payload: { OpportunityInvitation: OPPORTUNITY_INVITATION_PAYLOAD as never },
      EngagementTitle: "Core banking modernization",
      EngagementDescription: "AWS referral for Example Bank",
      InvitationMessage: "Please help this customer migrate.",
      ExpirationDate: "2030-01-02T03:04:05.000Z",
      EnrichmentContext: ENRICHMENT,
    });
    expect(sent.Id).toMatch(/^engi-[0-9a-z]{13}$/);
    expect(sent.Arn).toMatch(ARN_ID);
    expect(sent.EngagementId).toMatch(/^eng-[0-9a-z]{14}$/);

    const got = await h
      .client(PARTNER_A)
      .send(new GetEngagementInvitationCommand({ Catalog: "Sandbox", Identifier: sent.Id }));
    const { $metadata, ...fields } = got;
    expect(fields).toEqual({
      Arn: sent.Arn,
      PayloadType: "OpportunityInvitation",
      Id: sent.Id,
      EngagementId: sent.EngagementId,
      EngagementTitle: "Core banking modernization",
      Status: "PENDING",
      InvitationDate: expect.any(Date),
      ExpirationDate: new Date("2030-01-02T03:04:05.000Z"),
      SenderAwsAccountId: "aws",
      SenderCompanyName: "AWS",
      Receiver: { Account: { AwsAccountId: PARTNER_A.awsAccountId, Alias: PARTNER_A.alias } },
      Catalog: "Sandbox",
      Payload: { OpportunityInvitation: OPPORTUNITY_INVITATION_PAYLOAD as never },
      InvitationMessage: "Please help this customer migrate.",
      EngagementDescription: "AWS referral for Example Bank",
      ExistingMembers: [{ CompanyName: "AWS", WebsiteUrl: "www.aws.com" }],
      EnrichmentContext: ENRICHMENT,
    });
    expect($metadata.httpStatusCode).toBe(200);
    expect(Math.abs(got.InvitationDate!.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("returns an AWS lead invitation with every field, by id and by ARN", async () => {
    const sent = await awsSends({
      PayloadType: "LeadInvitation",
      Payload: { LeadInvitation: LEAD_INVITATION_PAYLOAD },
    });
    const a = h.client(PARTNER_A);
    const byId = await a.send(
      new GetEngagementInvitationCommand({ Catalog: "Sandbox", Identifier: sent.Id }),
    );
    const byArn = await a.send(
      new GetEngagementInvitationCommand({ Catalog: "Sandbox", Identifier: sent.Arn }),
    );
    expect(byId.Payload).toEqual({ LeadInvitation: LEAD_INVITATION_PAYLOAD });
    expect(byId.PayloadType).toBe("LeadInvitation");
    expect(byId.EngagementTitle).toBe("Lead: Example Clinics LLC");
    const { $metadata: _m1, ...one } = byId;
    const { $metadata: _m2, ...two } = byArn;
    expect(two).toEqual(one);
    // AWS referrals expire 15 days after they are sent.
    expect(byId.ExpirationDate!.getTime() - byId.InvitationDate!.getTime()).toBe(15 * 24 * 3600_000);
  });

  it("gives an AWS referral the observed default message and accepts the bare payload", async () => {
    const sent = await awsSends({
      PayloadType: "OpportunityInvitation",
      Payload: OPPORTUNITY_INVITATION_PAYLOAD,
    });
    const got = await h
      .client(PARTNER_A)
      .send(new GetEngagementInvitationCommand({ Catalog: "Sandbox", Identifier: sent.Id }));
    expect(got.InvitationMessage).toMatch(/^This invite is for an AWS originated referral\./);
    expect(got.EngagementTitle).toBe(OPPORTUNITY_INVITATION_PAYLOAD.Project.Title.slice(0, 40));
    expect(got.Payload?.OpportunityInvitation).toEqual(OPPORTUNITY_INVITATION_PAYLOAD);
  });

  it("rejects an AWS invitation whose payload breaks the model", async () => {
    const { status, json } = await h.controlRaw("POST", "/_pclocal/aws/engagement-invitations", {
      Catalog: "Sandbox",
      ReceiverAwsAccountId: PARTNER_A.awsAccountId,
      PayloadType: "OpportunityInvitation",
      Payload: {
        ...OPPORTUNITY_INVITATION_PAYLOAD,
        Customer: { ...OPPORTUNITY_INVITATION_PAYLOAD.Customer, CountryCode: "XX" },
      },
    });
    expect(status).toBe(400);
    expect(json.__type).toBe("ValidationException");
    expect(json.ErrorList).toContainEqual(
      expect.objectContaining({ FieldName: "payload.customer.countryCode", Code: "INVALID_ENUM_VALUE" }),
    );
  });
});

describe("visibility", () => {
  it("shows an invitation to its sender and receiver only", async () => {
    const engagementId = await engagementOfA();
    const invited = await h.client(PARTNER_A).send(
      new CreateEngagementInvitationCommand({
        Catalog: "Sandbox",
        EngagementIdentifier: engagementId,
        Invitation: {
          Message: "Join us",
          Receiver: { Account: { AwsAccountId: PARTNER_B.awsAccountId } },
          Payload: { OpportunityInvitation: OPPORTUNITY_INVITATION_PAYLOAD as never },
        },
      }),
    );
    expect(invited.Id).toMatch(/^engi-[0-9a-z]{13}$/);
    expect(invited.Arn).toMatch(ARN_ID);

    const asReceiver = await h
      .client(PARTNER_B)
      .send(new GetEngagementInvitationCommand({ Catalog: "Sandbox", Identifier: invited.Id }));
    expect(asReceiver).toMatchObject({
      Status: "PENDING",
      SenderAwsAccountId: PARTNER_A.awsAccountId,
      SenderCompanyName: PARTNER_A.companyName,
      EngagementId: engagementId,
      EngagementTitle: "Joint migration",
      EngagementDescription: "Partner A and friends",
      InvitationMessage: "Join us",
      Receiver: { Account: { AwsAccountId: PARTNER_B.awsAccountId, Alias: PARTNER_B.alias } },
      ExistingMembers: [{ CompanyName: PARTNER_A.companyName, WebsiteUrl: PARTNER_A.websiteUrl }],
    });
    const asSender = await h
      .client(PARTNER_A)
      .send(new GetEngagementInvitationCommand({ Catalog: "Sandbox", Identifier: invited.Arn }));
    expect(asSender.Id).toBe(invited.Id);

    const stranger = await rejectionOf(
      h
        .client(PARTNER_C)
        .send(new GetEngagementInvitationCommand({ Catalog: "Sandbox", Identifier: invited.Id })),
    );
    expect(stranger.name).toBe("ResourceNotFoundException");
    expect(stranger.$metadata.httpStatusCode).toBe(404);
  });

  it("shows an engagement to members; an invitee is denied; anyone else finds nothing", async () => {
    const engagementId = await engagementOfA();
    await h.client(PARTNER_A).send(
      new CreateEngagementInvitationCommand({
        Catalog: "Sandbox",
        EngagementIdentifier: engagementId,
        Invitation: {
          Message: "Join us",
          Receiver: { Account: { AwsAccountId: PARTNER_B.awsAccountId } },
          Payload: { LeadInvitation: LEAD_INVITATION_PAYLOAD },
        },
      }),
    );
    const member = await h
      .client(PARTNER_A)
      .send(new GetEngagementCommand({ Catalog: "Sandbox", Identifier: engagementId }));
    expect(member.MemberCount).toBe(1);

    const invitee = await rejectionOf(
      h.client(PARTNER_B).send(new GetEngagementCommand({ Catalog: "Sandbox", Identifier: engagementId })),
    );
    expect(invitee.name).toBe("AccessDeniedException");
    expect(invitee.$metadata.httpStatusCode).toBe(403);

    const stranger = await rejectionOf(
      h.client(PARTNER_C).send(new GetEngagementCommand({ Catalog: "Sandbox", Identifier: engagementId })),
    );
    expect(stranger.name).toBe("ResourceNotFoundException");
  });

  it("lets only members invite, and refuses self, duplicate and member invitations", async () => {
    const engagementId = await engagementOfA();
    const invite = (by: typeof PARTNER_A, to: string) =>
      h.client(by).send(
        new CreateEngagementInvitationCommand({
          Catalog: "Sandbox",
          EngagementIdentifier: engagementId,
          Invitation: {
            Message: "Join us",
            Receiver: { Account: { AwsAccountId: to } },
            Payload: { OpportunityInvitation: OPPORTUNITY_INVITATION_PAYLOAD as never },
          },
        }),
      );
    await invite(PARTNER_A, PARTNER_B.awsAccountId);

    expect((await rejectionOf(invite(PARTNER_C, PARTNER_B.awsAccountId))).name).toBe(
      "ResourceNotFoundException",
    );
    expect((await rejectionOf(invite(PARTNER_B, PARTNER_C.awsAccountId))).name).toBe("AccessDeniedException");
    const self = await rejectionOf(invite(PARTNER_A, PARTNER_A.awsAccountId));
    expect(self.name).toBe("ValidationException");
    expect(self.Reason).toBe("BUSINESS_VALIDATION_FAILED");
    expect((await rejectionOf(invite(PARTNER_A, PARTNER_B.awsAccountId))).name).toBe("ConflictException");
  });

  it("keeps the AWS and Sandbox catalogs apart", async () => {
    const engagementId = await engagementOfA();
    const other = await rejectionOf(
      h.client(PARTNER_A).send(new GetEngagementCommand({ Catalog: "AWS", Identifier: engagementId })),
    );
    expect(other.name).toBe("ResourceNotFoundException");
    const sent = await awsSends({ PayloadType: "LeadInvitation", Payload: LEAD_INVITATION_PAYLOAD });
    const otherInvitation = await rejectionOf(
      h.client(PARTNER_A).send(new GetEngagementInvitationCommand({ Catalog: "AWS", Identifier: sent.Id })),
    );
    expect(otherInvitation.name).toBe("ResourceNotFoundException");
    const arnOfOtherCatalog = sent.Arn.replace("/Sandbox/", "/AWS/");
    const byForeignArn = await rejectionOf(
      h
        .client(PARTNER_A)
        .send(new GetEngagementInvitationCommand({ Catalog: "Sandbox", Identifier: arnOfOtherCatalog })),
    );
    expect(byForeignArn.name).toBe("ResourceNotFoundException");

    const unknown = await rejectionOf(
      h.client(PARTNER_A).send(new GetEngagementCommand({ Catalog: "Production", Identifier: engagementId })),
    );
    expect(unknown.name).toBe("ValidationException");
    expect(unknown.ErrorList).toEqual([
      expect.objectContaining({ FieldName: "catalog", Code: "INVALID_ENUM_VALUE" }),
    ]);
  });
});

describe("expiry", () => {
  it("turns a pending invitation EXPIRED the instant its expiration date passes", async () => {
    const sent = await awsSends({ PayloadType: "LeadInvitation", Payload: LEAD_INVITATION_PAYLOAD });
    const read = async () =>
      (
        await h
          .client(PARTNER_A)
          .send(new GetEngagementInvitationCommand({ Catalog: "Sandbox", Identifier: sent.Id }))
      ).Status;
    expect(await read()).toBe("PENDING");
    await h.control("POST", "/_pclocal/clock", { advanceSeconds: 15 * 24 * 3600 - 5 });
    expect(await read()).toBe("PENDING");
    await h.control("POST", "/_pclocal/clock", { advanceSeconds: 5 });
    expect(await read()).toBe("EXPIRED");
    await h.control("POST", "/_pclocal/clock", { advanceSeconds: -(15 * 24 * 3600) });
  });

  it("honours an ExpirationDate given by AWS, and expires for the sender too", async () => {
    const clock = await h.control<{ now: string }>("GET", "/_pclocal/clock");
    const expiry = new Date(Date.parse(clock.now) + 3600_000).toISOString();
    const sent = await awsSends({
      PayloadType: "LeadInvitation",
      Payload: LEAD_INVITATION_PAYLOAD,
      ExpirationDate: expiry,
    });
    const engagementId = await engagementOfA();
    const partnerInvite = await h.client(PARTNER_A).send(
      new CreateEngagementInvitationCommand({
        Catalog: "Sandbox",
        EngagementIdentifier: engagementId,
        Invitation: {
          Message: "Join us",
          Receiver: { Account: { AwsAccountId: PARTNER_B.awsAccountId } },
          Payload: { LeadInvitation: LEAD_INVITATION_PAYLOAD },
        },
      }),
    );
    await h.control("POST", "/_pclocal/clock", { now: new Date(Date.parse(expiry) + 1000).toISOString() });
    const aws = await h
      .client(PARTNER_A)
      .send(new GetEngagementInvitationCommand({ Catalog: "Sandbox", Identifier: sent.Id }));
    expect(aws.Status).toBe("EXPIRED");
    expect(aws.ExpirationDate?.toISOString()).toBe(expiry);
    const partner = await h
      .client(PARTNER_A)
      .send(new GetEngagementInvitationCommand({ Catalog: "Sandbox", Identifier: partnerInvite.Id }));
    expect(partner.Status).toBe("PENDING");
    await h.control("POST", "/_pclocal/clock", { advanceSeconds: 15 * 24 * 3600 });
    const later = await h
      .client(PARTNER_B)
      .send(new GetEngagementInvitationCommand({ Catalog: "Sandbox", Identifier: partnerInvite.Id }));
    expect(later.Status).toBe("EXPIRED");
    await h.control("POST", "/_pclocal/reset");
  });
});
