/**
 * End-to-end lifecycles of engagement invitations and engagements, as a partner's CRM integration
 * sees them through the official SDK: AWS referrals and leads, partner-to-partner invitations,
 * rejection, expiry on the virtual clock, the ten-partner limit and ListEngagements' filters.
 */
import {
  AcceptEngagementInvitationCommand,
  CreateEngagementCommand,
  CreateEngagementInvitationCommand,
  type EngagementContextDetails,
  type EngagementInvitationSummary,
  type EngagementMember,
  type EngagementSummary,
  GetEngagementCommand,
  GetEngagementInvitationCommand,
  type InvitationStatus,
  type LeadInvitationPayload,
  ListEngagementInvitationsCommand,
  type ListEngagementInvitationsCommandInput,
  ListEngagementMembersCommand,
  ListEngagementsCommand,
  type ListEngagementsCommandInput,
  type OpportunityInvitationPayload,
  type Payload,
  RejectEngagementInvitationCommand,
} from "@aws-sdk/client-partnercentral-selling";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Account } from "../../src/auth/accounts.js";
import {
  CUSTOMER_PROJECT_CONTEXT,
  LEAD_CONTEXT,
  LEAD_INVITATION_PAYLOAD,
  OPPORTUNITY_INVITATION_PAYLOAD,
} from "./helpers/fixtures.js";
import {
  EXTRA_PARTNERS,
  type Harness,
  PARTNER_A,
  PARTNER_B,
  PARTNER_C,
  rejectionOf,
  startHarness,
} from "./helpers/harness.js";

const CATALOG = "Sandbox";
const DAY = 24 * 3600;
const OPPORTUNITY = OPPORTUNITY_INVITATION_PAYLOAD as unknown as OpportunityInvitationPayload;
const LEAD = LEAD_INVITATION_PAYLOAD as unknown as LeadInvitationPayload;
const PROJECT_CONTEXT = CUSTOMER_PROJECT_CONTEXT as unknown as EngagementContextDetails;
const FULL_LEAD_CONTEXT = LEAD_CONTEXT as unknown as EngagementContextDetails;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ extraAccounts: EXTRA_PARTNERS });
});
afterAll(() => h.close());
// Every test starts from an empty store and the real time.
beforeEach(async () => {
  await h.control("POST", "/_pclocal/reset");
});

interface Sent {
  Id: string;
  Arn: string;
  EngagementId: string;
  EngagementArn: string;
}

/** AWS sends an invitation (referral or lead) through the control plane. */
function awsSends(receiver: Account, body: Record<string, unknown>): Promise<Sent> {
  return h.control<Sent>("POST", "/_pclocal/aws/engagement-invitations", {
    Catalog: CATALOG,
    ReceiverAwsAccountId: receiver.awsAccountId,
    ...body,
  });
}

async function createEngagement(
  by: Account,
  title: string,
  contexts?: EngagementContextDetails[],
): Promise<string> {
  const created = await h
    .client(by)
    .send(
      new CreateEngagementCommand({ Catalog: CATALOG, Title: title, Description: "", Contexts: contexts }),
    );
  return created.Id!;
}

function invite(
  by: Account,
  engagementId: string,
  to: Account,
  payload: Payload = { OpportunityInvitation: OPPORTUNITY },
) {
  return h.client(by).send(
    new CreateEngagementInvitationCommand({
      Catalog: CATALOG,
      EngagementIdentifier: engagementId,
      Invitation: {
        Message: "Join us",
        Receiver: { Account: { AwsAccountId: to.awsAccountId } },
        Payload: payload,
      },
    }),
  );
}

function accept(by: Account, invitationId: string) {
  return h
    .client(by)
    .send(new AcceptEngagementInvitationCommand({ Catalog: CATALOG, Identifier: invitationId }));
}

function reject(by: Account, invitationId: string, reason?: string) {
  return h.client(by).send(
    new RejectEngagementInvitationCommand({
      Catalog: CATALOG,
      Identifier: invitationId,
      RejectionReason: reason,
    }),
  );
}

function getInvitation(by: Account, invitationId: string) {
  return h
    .client(by)
    .send(new GetEngagementInvitationCommand({ Catalog: CATALOG, Identifier: invitationId }));
}

function getEngagement(by: Account, engagementId: string) {
  return h.client(by).send(new GetEngagementCommand({ Catalog: CATALOG, Identifier: engagementId }));
}

/** Every invitation summary of a listing, following NextToken to the end. */
async function listInvitations(
  by: Account,
  input: Omit<ListEngagementInvitationsCommandInput, "Catalog">,
): Promise<EngagementInvitationSummary[]> {
  const all: EngagementInvitationSummary[] = [];
  let NextToken: string | undefined;
  for (let page = 0; page < 50; page++) {
    const out = await h
      .client(by)
      .send(new ListEngagementInvitationsCommand({ Catalog: CATALOG, ...input, NextToken }));
    all.push(...(out.EngagementInvitationSummaries ?? []));
    NextToken = out.NextToken;
    if (!NextToken) return all;
  }
  throw new Error("ListEngagementInvitations never ended");
}

/** Every engagement summary of a listing, following NextToken to the end. */
async function listEngagements(
  by: Account,
  input: Omit<ListEngagementsCommandInput, "Catalog"> = {},
): Promise<EngagementSummary[]> {
  const all: EngagementSummary[] = [];
  let NextToken: string | undefined;
  for (let page = 0; page < 50; page++) {
    const out = await h
      .client(by)
      .send(new ListEngagementsCommand({ Catalog: CATALOG, ...input, NextToken }));
    all.push(...out.EngagementSummaryList!);
    NextToken = out.NextToken;
    if (!NextToken) return all;
  }
  throw new Error("ListEngagements never ended");
}

async function listMembers(by: Account, engagementId: string): Promise<EngagementMember[]> {
  const all: EngagementMember[] = [];
  let NextToken: string | undefined;
  for (let page = 0; page < 50; page++) {
    const out = await h
      .client(by)
      .send(new ListEngagementMembersCommand({ Catalog: CATALOG, Identifier: engagementId, NextToken }));
    all.push(...out.EngagementMemberList!);
    NextToken = out.NextToken;
    if (!NextToken) return all;
  }
  throw new Error("ListEngagementMembers never ended");
}

const memberOf = (account: Account): EngagementMember => ({
  AccountId: account.awsAccountId,
  CompanyName: account.companyName,
  WebsiteUrl: account.websiteUrl,
});
const AWS_MEMBER: EngagementMember = { AccountId: "aws", CompanyName: "AWS", WebsiteUrl: "www.aws.com" };

async function advance(seconds: number) {
  await h.control("POST", "/_pclocal/clock", { advanceSeconds: seconds });
}

describe("an AWS opportunity referral", () => {
  it("is found among the receiver's invitations, accepted, and opens the engagement with AWS's context", async () => {
    const sent = await awsSends(PARTNER_A, {
      PayloadType: "OpportunityInvitation",
      Payload: { OpportunityInvitation: OPPORTUNITY_INVITATION_PAYLOAD },
      Context: CUSTOMER_PROJECT_CONTEXT,
    });

    const received = await listInvitations(PARTNER_A, { ParticipantType: "RECEIVER" });
    const summary = received.find((s) => s.Id === sent.Id);
    expect(summary).toMatchObject({
      Arn: sent.Arn,
      EngagementId: sent.EngagementId,
      PayloadType: "OpportunityInvitation",
      Status: "PENDING",
      SenderAwsAccountId: "aws",
      SenderCompanyName: "AWS",
      ParticipantType: "RECEIVER",
      Catalog: CATALOG,
      Receiver: { Account: { AwsAccountId: PARTNER_A.awsAccountId, Alias: PARTNER_A.alias } },
    });
    // Not a member yet: invited, so told it may not look.
    expect((await rejectionOf(getEngagement(PARTNER_A, sent.EngagementId))).name).toBe(
      "AccessDeniedException",
    );
    expect((await listEngagements(PARTNER_A)).map((e) => e.Id)).not.toContain(sent.EngagementId);
    expect((await rejectionOf(listMembers(PARTNER_A, sent.EngagementId))).name).toBe("AccessDeniedException");
    expect((await rejectionOf(listMembers(PARTNER_B, sent.EngagementId))).name).toBe(
      "ResourceNotFoundException",
    );

    const accepted = await accept(PARTNER_A, sent.Id);
    expect(accepted.$metadata.httpStatusCode).toBe(200);
    expect((await getInvitation(PARTNER_A, sent.Id)).Status).toBe("ACCEPTED");
    expect(
      (await listInvitations(PARTNER_A, { ParticipantType: "RECEIVER" })).find((s) => s.Id === sent.Id)
        ?.Status,
    ).toBe("ACCEPTED");

    const engagement = await getEngagement(PARTNER_A, sent.EngagementId);
    expect(engagement).toMatchObject({
      Id: sent.EngagementId,
      Arn: sent.EngagementArn,
      CreatedBy: "aws",
      MemberCount: 2,
      ModifiedBy: PARTNER_A.awsAccountId,
      Contexts: [{ Id: "1", ...CUSTOMER_PROJECT_CONTEXT }],
    });
    expect(engagement.ModifiedAt!.getTime()).toBeGreaterThanOrEqual(engagement.CreatedAt!.getTime());

    const members = await listMembers(PARTNER_A, sent.EngagementId);
    expect(members).toHaveLength(2);
    expect(members).toEqual(expect.arrayContaining([AWS_MEMBER, memberOf(PARTNER_A)]));

    const listed = (await listEngagements(PARTNER_A)).find((e) => e.Id === sent.EngagementId);
    expect(listed).toMatchObject({ MemberCount: 2, CreatedBy: "aws", ContextTypes: ["CustomerProject"] });

    const again = await rejectionOf(accept(PARTNER_A, sent.Id));
    expect(again.name).toBe("ConflictException");
    expect(again.$metadata.httpStatusCode).toBe(409);
    expect((await rejectionOf(reject(PARTNER_A, sent.Id, "Other"))).name).toBe("ConflictException");
    expect((await getEngagement(PARTNER_A, sent.EngagementId)).MemberCount).toBe(2);
  });

  it("derives a CustomerProject context from the payload when AWS gives none", async () => {
    const sent = await awsSends(PARTNER_A, {
      PayloadType: "OpportunityInvitation",
      Payload: { OpportunityInvitation: OPPORTUNITY_INVITATION_PAYLOAD },
    });
    await accept(PARTNER_A, sent.Id);
    const engagement = await getEngagement(PARTNER_A, sent.EngagementId);
    expect(engagement.Contexts).toHaveLength(1);
    expect(engagement.Contexts![0]).toMatchObject({
      Id: "1",
      Type: "CustomerProject",
      Payload: {
        CustomerProject: {
          Customer: { CompanyName: OPPORTUNITY_INVITATION_PAYLOAD.Customer.CompanyName },
          Project: { Title: OPPORTUNITY_INVITATION_PAYLOAD.Project.Title },
        },
      },
    });
  });
});

describe("an AWS lead", () => {
  it("reveals the lead's contacts through the Lead context once accepted", async () => {
    const sent = await awsSends(PARTNER_A, {
      PayloadType: "LeadInvitation",
      Payload: { LeadInvitation: LEAD_INVITATION_PAYLOAD },
      Context: LEAD_CONTEXT,
    });
    const before = await getInvitation(PARTNER_A, sent.Id);
    expect(before.Payload).toEqual({ LeadInvitation: LEAD });
    expect(JSON.stringify(before)).not.toContain("cio@example-university.edu");

    const leads = await listInvitations(PARTNER_A, {
      ParticipantType: "RECEIVER",
      PayloadType: ["LeadInvitation"],
    });
    expect(leads.map((s) => s.Id)).toEqual([sent.Id]);

    await accept(PARTNER_A, sent.Id);
    const engagement = await getEngagement(PARTNER_A, sent.EngagementId);
    expect(engagement.MemberCount).toBe(2);
    expect(engagement.ModifiedBy).toBe(PARTNER_A.awsAccountId);
    expect(engagement.Contexts).toEqual([{ Id: "1", ...FULL_LEAD_CONTEXT }]);
    const contact = engagement.Contexts![0]!.Payload!.Lead!.Interactions![0]!.Contact;
    expect(contact).toEqual({
      BusinessTitle: "CIO",
      Email: "cio@example-university.edu",
      FirstName: "Jordan",
      LastName: "Lee",
      Phone: "+16175550123",
    });
    const active = await listEngagements(PARTNER_A, { ContextTypes: ["Lead"] });
    expect(active.map((e) => e.Id)).toEqual([sent.EngagementId]);
  });
});

describe("a partner-to-partner invitation", () => {
  it("once rejected shows REJECTED with the reason to the sender, and without payload to the receiver", async () => {
    const engagementId = await createEngagement(PARTNER_A, "Joint migration");
    const { Id } = await invite(PARTNER_A, engagementId, PARTNER_B);
    const reason = "Unable to support";
    const rejected = await reject(PARTNER_B, Id!, reason);
    expect(rejected.$metadata.httpStatusCode).toBe(200);

    const senderView = await getInvitation(PARTNER_A, Id!);
    expect(senderView).toMatchObject({ Status: "REJECTED", RejectionReason: reason });
    expect(senderView.Payload).toEqual({ OpportunityInvitation: OPPORTUNITY });
    const sent = await listInvitations(PARTNER_A, { ParticipantType: "SENDER" });
    expect(sent.filter((s) => s.Id === Id)).toEqual([
      expect.objectContaining({ Status: "REJECTED", ParticipantType: "SENDER", EngagementId: engagementId }),
    ]);
    const sentRejected = await listInvitations(PARTNER_A, {
      ParticipantType: "SENDER",
      Status: ["REJECTED"],
    });
    expect(sentRejected.map((s) => s.Id)).toEqual([Id]);

    const receiverView = await getInvitation(PARTNER_B, Id!);
    expect(receiverView.Status).toBe("REJECTED");
    expect(receiverView.RejectionReason).toBe(reason);
    expect(receiverView.Payload).toBeUndefined();
    const received = await listInvitations(PARTNER_B, { ParticipantType: "RECEIVER" });
    expect(received.filter((s) => s.Id === Id)).toEqual([
      expect.objectContaining({ Status: "REJECTED", ParticipantType: "RECEIVER" }),
    ]);

    const late = await rejectionOf(accept(PARTNER_B, Id!));
    expect(late.name).toBe("ConflictException");
    expect((await rejectionOf(reject(PARTNER_B, Id!, reason))).name).toBe("ConflictException");
    expect((await getEngagement(PARTNER_A, engagementId)).MemberCount).toBe(1);
    expect((await listEngagements(PARTNER_B)).map((e) => e.Id)).not.toContain(engagementId);

    // The sender may try again with a new invitation.
    const retry = await invite(PARTNER_A, engagementId, PARTNER_B);
    expect(retry.Id).not.toBe(Id);
    expect((await getInvitation(PARTNER_B, retry.Id!)).Status).toBe("PENDING");
  });

  it("cannot be accepted or rejected by its sender", async () => {
    const engagementId = await createEngagement(PARTNER_A, "Self acceptance");
    const { Id } = await invite(PARTNER_A, engagementId, PARTNER_B);
    const acceptOwn = await rejectionOf(accept(PARTNER_A, Id!));
    expect(acceptOwn.name).toBe("AccessDeniedException");
    expect(acceptOwn.$metadata.httpStatusCode).toBe(403);
    expect((await rejectionOf(reject(PARTNER_A, Id!, "Other"))).name).toBe("AccessDeniedException");
    // A stranger cannot even see it.
    expect((await rejectionOf(accept(PARTNER_C, Id!))).name).toBe("ResourceNotFoundException");
    expect((await getInvitation(PARTNER_B, Id!)).Status).toBe("PENDING");
    expect((await getEngagement(PARTNER_A, engagementId)).MemberCount).toBe(1);
  });

  it("lists the members who joined since in the ExistingMembers of a later invitation", async () => {
    const engagementId = await createEngagement(PARTNER_A, "Growing");
    const first = await invite(PARTNER_A, engagementId, PARTNER_B);
    expect((await getInvitation(PARTNER_B, first.Id!)).ExistingMembers).toEqual([
      { CompanyName: PARTNER_A.companyName, WebsiteUrl: PARTNER_A.websiteUrl },
    ]);
    await accept(PARTNER_B, first.Id!);
    const engagement = await getEngagement(PARTNER_B, engagementId);
    expect(engagement.MemberCount).toBe(2);
    expect(engagement.ModifiedBy).toBe(PARTNER_B.awsAccountId);

    // The new member may invite in turn.
    const later = await invite(PARTNER_B, engagementId, EXTRA_PARTNERS[0]!);
    const seen = await getInvitation(EXTRA_PARTNERS[0]!, later.Id!);
    expect(seen.ExistingMembers).toHaveLength(2);
    expect(seen.ExistingMembers).toEqual(
      expect.arrayContaining([
        { CompanyName: PARTNER_A.companyName, WebsiteUrl: PARTNER_A.websiteUrl },
        { CompanyName: PARTNER_B.companyName, WebsiteUrl: PARTNER_B.websiteUrl },
      ]),
    );
    expect(seen.SenderAwsAccountId).toBe(PARTNER_B.awsAccountId);
    expect(seen.SenderCompanyName).toBe(PARTNER_B.companyName);
  });
});

describe("ListEngagementInvitations filters", () => {
  it("filters by engagement, sender and payload type, for the receiver and the sender", async () => {
    const fromAws = await awsSends(PARTNER_B, {
      PayloadType: "LeadInvitation",
      Payload: LEAD_INVITATION_PAYLOAD,
    });
    const first = await createEngagement(PARTNER_A, "First");
    const second = await createEngagement(PARTNER_A, "Second");
    const toFirst = (await invite(PARTNER_A, first, PARTNER_B)).Id!;
    const toSecond = (await invite(PARTNER_A, second, PARTNER_B, { LeadInvitation: LEAD })).Id!;
    const fromC = await createEngagement(PARTNER_C, "From C");
    const byC = (await invite(PARTNER_C, fromC, PARTNER_B)).Id!;
    const ofC = (await invite(PARTNER_A, first, PARTNER_C)).Id!;

    const ids = async (by: Account, input: Omit<ListEngagementInvitationsCommandInput, "Catalog">) =>
      (await listInvitations(by, input)).map((s) => s.Id).sort();
    const sorted = (...list: string[]) => [...list].sort();

    expect(await ids(PARTNER_B, { ParticipantType: "RECEIVER" })).toEqual(
      sorted(fromAws.Id, toFirst, toSecond, byC),
    );
    expect(await ids(PARTNER_B, { ParticipantType: "SENDER" })).toEqual([]);
    expect(await ids(PARTNER_A, { ParticipantType: "SENDER" })).toEqual(sorted(toFirst, toSecond, ofC));
    expect(await ids(PARTNER_A, { ParticipantType: "RECEIVER" })).toEqual([]);
    expect(
      await ids(PARTNER_B, { ParticipantType: "RECEIVER", EngagementIdentifier: [first, fromC] }),
    ).toEqual(sorted(toFirst, byC));
    expect(await ids(PARTNER_B, { ParticipantType: "RECEIVER", SenderAwsAccountId: ["aws"] })).toEqual([
      fromAws.Id,
    ]);
    expect(
      await ids(PARTNER_B, {
        ParticipantType: "RECEIVER",
        SenderAwsAccountId: [PARTNER_A.awsAccountId, PARTNER_C.awsAccountId],
      }),
    ).toEqual(sorted(toFirst, toSecond, byC));
    expect(await ids(PARTNER_B, { ParticipantType: "RECEIVER", PayloadType: ["LeadInvitation"] })).toEqual(
      sorted(fromAws.Id, toSecond),
    );
    expect(await ids(PARTNER_A, { ParticipantType: "SENDER", EngagementIdentifier: [first] })).toEqual(
      sorted(toFirst, ofC),
    );
    // C sees what it sent and what it received, nothing else.
    expect(await ids(PARTNER_C, { ParticipantType: "SENDER" })).toEqual([byC]);
    expect(await ids(PARTNER_C, { ParticipantType: "RECEIVER" })).toEqual([ofC]);

    const missing = await rejectionOf(
      h.client(PARTNER_B).send(new ListEngagementInvitationsCommand({ Catalog: CATALOG } as never)),
    );
    expect(missing.name).toBe("ValidationException");
    expect(missing.ErrorList).toContainEqual(expect.objectContaining({ FieldName: "participantType" }));
  });
});

describe("expiry on the virtual clock", () => {
  it("shows EXPIRED to sender and receiver alike, in Get, List and the Status filter", async () => {
    const engagementId = await createEngagement(PARTNER_A, "Expiring");
    const { Id } = await invite(PARTNER_A, engagementId, PARTNER_B);
    const aws = await awsSends(PARTNER_B, {
      PayloadType: "LeadInvitation",
      Payload: LEAD_INVITATION_PAYLOAD,
    });

    const statusInList = async (
      by: Account,
      participant: "SENDER" | "RECEIVER",
      id: string,
      status?: InvitationStatus[],
    ) =>
      (await listInvitations(by, { ParticipantType: participant, Status: status })).find((s) => s.Id === id)
        ?.Status;

    await advance(15 * DAY - 60);
    expect((await getInvitation(PARTNER_A, Id!)).Status).toBe("PENDING");
    expect(await statusInList(PARTNER_B, "RECEIVER", Id!, ["PENDING"])).toBe("PENDING");
    expect(await statusInList(PARTNER_B, "RECEIVER", Id!, ["EXPIRED"])).toBeUndefined();

    await advance(61);
    for (const [by, participant, id] of [
      [PARTNER_A, "SENDER", Id!],
      [PARTNER_B, "RECEIVER", Id!],
      [PARTNER_B, "RECEIVER", aws.Id],
    ] as const) {
      expect((await getInvitation(by, id)).Status).toBe("EXPIRED");
      expect(await statusInList(by, participant, id)).toBe("EXPIRED");
      expect(await statusInList(by, participant, id, ["PENDING"])).toBeUndefined();
      expect(await statusInList(by, participant, id, ["EXPIRED"])).toBe("EXPIRED");
      expect(await statusInList(by, participant, id, ["ACCEPTED", "EXPIRED"])).toBe("EXPIRED");
    }

    const late = await rejectionOf(accept(PARTNER_B, Id!));
    expect(late.name).toBe("ConflictException");
    expect((await rejectionOf(accept(PARTNER_B, aws.Id))).name).toBe("ConflictException");
    expect((await rejectionOf(reject(PARTNER_B, Id!, "Other"))).name).toBe("ConflictException");
    expect((await getEngagement(PARTNER_A, engagementId)).MemberCount).toBe(1);

    // An expired invitation does not block a new one.
    const again = await invite(PARTNER_A, engagementId, PARTNER_B);
    expect((await getInvitation(PARTNER_B, again.Id!)).Status).toBe("PENDING");
  });
});

describe("the partner limit", () => {
  it("holds an engagement at ten partners, refusing the 11th invitation and the 11th acceptance", async () => {
    const engagementId = await createEngagement(PARTNER_A, "Ten partners");
    // Ten pending invitations are fine while there is room.
    const invitations: string[] = [];
    for (const partner of EXTRA_PARTNERS)
      invitations.push((await invite(PARTNER_A, engagementId, partner)).Id!);
    for (let i = 0; i < 9; i++) await accept(EXTRA_PARTNERS[i]!, invitations[i]!);

    expect((await getEngagement(PARTNER_A, engagementId)).MemberCount).toBe(10);
    const members = await listMembers(PARTNER_A, engagementId);
    expect(members).toHaveLength(10);
    expect(new Set(members.map((m) => m.AccountId))).toEqual(
      new Set([PARTNER_A, ...EXTRA_PARTNERS.slice(0, 9)].map((a) => a.awsAccountId)),
    );

    const eleventhInvitation = await rejectionOf(invite(PARTNER_A, engagementId, PARTNER_B));
    expect(eleventhInvitation.name).toBe("ServiceQuotaExceededException");
    expect(eleventhInvitation.$metadata.httpStatusCode).toBe(402);

    const lastPartner = EXTRA_PARTNERS[9]!;
    const eleventhAcceptance = await rejectionOf(accept(lastPartner, invitations[9]!));
    expect(eleventhAcceptance.name).toBe("ServiceQuotaExceededException");
    expect((await getInvitation(lastPartner, invitations[9]!)).Status).toBe("PENDING");
    expect((await getEngagement(PARTNER_A, engagementId)).MemberCount).toBe(10);
    expect((await listEngagements(lastPartner)).map((e) => e.Id)).not.toContain(engagementId);
  });

  it("does not count AWS: AWS and ten partners fit, the 11th partner is refused", async () => {
    const sent = await awsSends(PARTNER_A, { PayloadType: "LeadInvitation", Payload: LEAD });
    await accept(PARTNER_A, sent.Id);
    const engagementId = sent.EngagementId;
    for (const partner of EXTRA_PARTNERS.slice(0, 8)) {
      await accept(partner, (await invite(PARTNER_A, engagementId, partner)).Id!);
    }
    // Two more invitations while nine partners are in: both fit, only one can be accepted.
    const ninth = await invite(PARTNER_A, engagementId, EXTRA_PARTNERS[8]!);
    const lastPartner = EXTRA_PARTNERS[9]!;
    const tenth = await invite(PARTNER_A, engagementId, lastPartner);
    await accept(EXTRA_PARTNERS[8]!, ninth.Id!);

    const members = await listMembers(PARTNER_A, engagementId);
    expect(members).toHaveLength(11);
    expect(members).toContainEqual(AWS_MEMBER);
    expect((await getEngagement(PARTNER_A, engagementId)).MemberCount).toBe(11);

    const eleventhAcceptance = await rejectionOf(accept(lastPartner, tenth.Id!));
    expect(eleventhAcceptance.name).toBe("ServiceQuotaExceededException");
    expect(eleventhAcceptance.message).toContain("10 partners");
    expect((await getInvitation(lastPartner, tenth.Id!)).Status).toBe("PENDING");
    const eleventhInvitation = await rejectionOf(invite(PARTNER_A, engagementId, PARTNER_B));
    expect(eleventhInvitation.name).toBe("ServiceQuotaExceededException");
    expect((await getEngagement(PARTNER_A, engagementId)).MemberCount).toBe(11);
  });
});

describe("ListEngagements", () => {
  it("lists only the caller's engagements, filtered and sorted by creation date", async () => {
    const step = () => advance(10);
    const ownProject = await createEngagement(PARTNER_A, "A project", [PROJECT_CONTEXT]);
    await step();
    const ownLead = await createEngagement(PARTNER_A, "A lead", [FULL_LEAD_CONTEXT]);
    await step();
    const ownBare = await createEngagement(PARTNER_A, "A bare");
    await step();
    const awsReferral = await awsSends(PARTNER_A, {
      PayloadType: "OpportunityInvitation",
      Payload: OPPORTUNITY_INVITATION_PAYLOAD,
    });
    await step();
    const awsLead = await awsSends(PARTNER_A, {
      PayloadType: "LeadInvitation",
      Payload: LEAD_INVITATION_PAYLOAD,
      Context: LEAD_CONTEXT,
    });
    await step();
    const fromB = await createEngagement(PARTNER_B, "B invites A");
    const bInvitation = await invite(PARTNER_B, fromB, PARTNER_A);
    await step();
    const onlyB = await createEngagement(PARTNER_B, "B alone", [FULL_LEAD_CONTEXT]);
    await step();
    const pendingForA = await awsSends(PARTNER_A, {
      PayloadType: "LeadInvitation",
      Payload: LEAD_INVITATION_PAYLOAD,
    });
    await accept(PARTNER_A, awsReferral.Id);
    await accept(PARTNER_A, awsLead.Id);
    await accept(PARTNER_A, bInvitation.Id!);

    const ids = async (input: Omit<ListEngagementsCommandInput, "Catalog"> = {}) =>
      (await listEngagements(PARTNER_A, input)).map((e) => e.Id);
    const newestFirst = [fromB, awsLead.EngagementId, awsReferral.EngagementId, ownBare, ownLead, ownProject];

    expect(await ids()).toEqual(newestFirst);
    expect(await ids({ Sort: { SortBy: "CreatedDate", SortOrder: "DESCENDING" } })).toEqual(newestFirst);
    expect(await ids({ Sort: { SortBy: "CreatedDate", SortOrder: "ASCENDING" } })).toEqual(
      [...newestFirst].reverse(),
    );

    expect(await ids({ CreatedBy: [PARTNER_A.awsAccountId] })).toEqual([ownBare, ownLead, ownProject]);
    expect(await ids({ CreatedBy: ["aws"] })).toEqual([awsLead.EngagementId, awsReferral.EngagementId]);
    expect(await ids({ CreatedBy: ["aws", PARTNER_B.awsAccountId] })).toEqual([
      fromB,
      awsLead.EngagementId,
      awsReferral.EngagementId,
    ]);
    expect(await ids({ ExcludeCreatedBy: ["aws"] })).toEqual([fromB, ownBare, ownLead, ownProject]);
    expect(await ids({ ContextTypes: ["Lead"] })).toEqual([awsLead.EngagementId, ownLead]);
    expect(await ids({ ContextTypes: ["CustomerProject"] })).toEqual([awsReferral.EngagementId, ownProject]);
    expect(await ids({ ExcludeContextTypes: ["Lead"] })).toEqual([
      fromB,
      awsReferral.EngagementId,
      ownBare,
      ownProject,
    ]);
    expect(await ids({ EngagementIdentifier: [ownLead, onlyB, pendingForA.EngagementId] })).toEqual([
      ownLead,
    ]);
    expect(
      await ids({
        CreatedBy: ["aws"],
        ContextTypes: ["Lead"],
        Sort: { SortBy: "CreatedDate", SortOrder: "ASCENDING" },
      }),
    ).toEqual([awsLead.EngagementId]);

    const summaries = await listEngagements(PARTNER_A);
    const lead = summaries.find((e) => e.Id === awsLead.EngagementId);
    expect(lead).toMatchObject({
      Arn: awsLead.EngagementArn,
      Title: "Lead: Example Clinics LLC",
      CreatedBy: "aws",
      MemberCount: 2,
      ModifiedBy: PARTNER_A.awsAccountId,
      ContextTypes: ["Lead"],
    });
    const dates = summaries.map((e) => e.CreatedAt!.getTime());
    expect(dates).toEqual([...dates].sort((x, y) => y - x));

    // Engagements A does not belong to are never listed, whoever asks about them.
    expect((await listEngagements(PARTNER_B)).map((e) => e.Id).sort()).toEqual([fromB, onlyB].sort());
    expect(await listEngagements(PARTNER_C)).toEqual([]);
    expect((await listEngagements(PARTNER_C, { EngagementIdentifier: [ownProject, onlyB] })).length).toBe(0);
  });
});
