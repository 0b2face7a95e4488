/**
 * Engagement titles and descriptions are optional (2026-11 model) and a title may be empty: every
 * view shows what was given, an empty string as an empty string, and nothing for what was not.
 */
import {
  AcceptEngagementInvitationCommand,
  CreateEngagementCommand,
  type CreateEngagementCommandInput,
  CreateEngagementInvitationCommand,
  GetEngagementCommand,
  GetEngagementInvitationCommand,
  ListEngagementInvitationsCommand,
  ListEngagementsCommand,
} from "@aws-sdk/client-partnercentral-selling";
import { describe, expect, it } from "vitest";
import { LEAD_INVITATION_PAYLOAD } from "./helpers/fixtures.js";
import { PARTNER_A, PARTNER_B, useHarness } from "./helpers/harness.js";
import { awsSends } from "./helpers/tasks.js";

const Catalog = "Sandbox";

const h = useHarness({}, { resetEach: true });

const a = () => h.client(PARTNER_A);
const b = () => h.client(PARTNER_B);

/** Partner A's engagement created with `fields`, and its invitation to Partner B. */
async function engagementAndInvitation(fields: Partial<CreateEngagementCommandInput>) {
  const { Id } = await a().send(new CreateEngagementCommand({ Catalog, ...fields }));
  const invitation = await a().send(
    new CreateEngagementInvitationCommand({
      Catalog,
      EngagementIdentifier: Id!,
      Invitation: {
        Message: "Join us",
        Receiver: { Account: { AwsAccountId: PARTNER_B.awsAccountId } },
        Payload: { LeadInvitation: LEAD_INVITATION_PAYLOAD },
      },
    }),
  );
  return { engagementId: Id!, invitationId: invitation.Id! };
}

/** The title and description each view shows, by view. */
async function views(engagementId: string, invitationId: string) {
  const pick = (o: object | undefined, keys: string[]) =>
    Object.fromEntries(Object.entries(o ?? {}).filter(([k]) => keys.includes(k)));
  const got = await a().send(new GetEngagementCommand({ Catalog, Identifier: engagementId }));
  const listed = await a().send(
    new ListEngagementsCommand({ Catalog, EngagementIdentifier: [engagementId] }),
  );
  const invitation = await b().send(
    new GetEngagementInvitationCommand({ Catalog, Identifier: invitationId }),
  );
  const invitations = await b().send(
    new ListEngagementInvitationsCommand({
      Catalog,
      ParticipantType: "RECEIVER",
      EngagementIdentifier: [engagementId],
    }),
  );
  return {
    GetEngagement: pick(got, ["Title", "Description"]),
    ListEngagements: pick(listed.EngagementSummaryList?.[0], ["Title"]),
    GetEngagementInvitation: pick(invitation, ["EngagementTitle", "EngagementDescription"]),
    ListEngagementInvitations: pick(invitations.EngagementInvitationSummaries?.[0], ["EngagementTitle"]),
  };
}

describe("CreateEngagement without Title and Description", () => {
  it("creates the engagement, and no view invents a title or a description", async () => {
    const { engagementId, invitationId } = await engagementAndInvitation({});
    expect(await views(engagementId, invitationId)).toEqual({
      GetEngagement: {},
      ListEngagements: {},
      GetEngagementInvitation: {},
      ListEngagementInvitations: {},
    });
  });

  it("keeps an empty title and description as empty strings in every view", async () => {
    const { engagementId, invitationId } = await engagementAndInvitation({ Title: "", Description: "" });
    expect(await views(engagementId, invitationId)).toEqual({
      GetEngagement: { Title: "", Description: "" },
      ListEngagements: { Title: "" },
      GetEngagementInvitation: { EngagementTitle: "", EngagementDescription: "" },
      ListEngagementInvitations: { EngagementTitle: "" },
    });
  });

  it("shows a title given without a description, and the description given without a title", async () => {
    const titled = await engagementAndInvitation({ Title: "Data lake" });
    expect(await views(titled.engagementId, titled.invitationId)).toEqual({
      GetEngagement: { Title: "Data lake" },
      ListEngagements: { Title: "Data lake" },
      GetEngagementInvitation: { EngagementTitle: "Data lake" },
      ListEngagementInvitations: { EngagementTitle: "Data lake" },
    });
    const described = await engagementAndInvitation({ Description: "Shared analytics" });
    expect(await views(described.engagementId, described.invitationId)).toEqual({
      GetEngagement: { Description: "Shared analytics" },
      ListEngagements: {},
      GetEngagementInvitation: { EngagementDescription: "Shared analytics" },
      ListEngagementInvitations: {},
    });
  });
});

describe("an AWS invitation without EngagementDescription", () => {
  it("has no description in the invitation or the engagement", async () => {
    const sent = await awsSends(h, PARTNER_A, {
      PayloadType: "LeadInvitation",
      Payload: LEAD_INVITATION_PAYLOAD,
      EngagementTitle: "",
    });
    const invitation = await a().send(new GetEngagementInvitationCommand({ Catalog, Identifier: sent.Id }));
    expect(invitation.EngagementTitle).toBe("");
    expect(invitation).not.toHaveProperty("EngagementDescription");
    await a().send(new AcceptEngagementInvitationCommand({ Catalog, Identifier: sent.Id }));
    const engagement = await a().send(new GetEngagementCommand({ Catalog, Identifier: sent.EngagementId }));
    expect(engagement.Title).toBe("");
    expect(engagement).not.toHaveProperty("Description");
  });
});
