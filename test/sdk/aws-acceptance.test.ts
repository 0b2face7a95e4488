import {
  GetEngagementCommand,
  GetEngagementInvitationCommand,
  ListEngagementMembersCommand,
  StartEngagementFromOpportunityTaskCommand,
} from "@aws-sdk/client-partnercentral-selling";
import { describe, expect, it } from "vitest";
import { eventsOf, logEnd } from "./helpers/event-log.js";
import { PARTNER_A, useHarness } from "./helpers/harness.js";
import { createOpportunity } from "./helpers/tasks.js";

const h = useHarness();

async function submitted() {
  const opportunityId = await createOpportunity(h, PARTNER_A);
  const task = await h.client(PARTNER_A).send(
    new StartEngagementFromOpportunityTaskCommand({
      Catalog: "Sandbox",
      Identifier: opportunityId,
      AwsSubmission: { InvolvementType: "Co-Sell", Visibility: "Full" },
    }),
  );
  expect(task.TaskStatus).toBe("COMPLETE");
  return { opportunityId, engagementId: task.EngagementId!, invitationId: task.EngagementInvitationId! };
}

const review = (opportunityId: string, ReviewStatus: string) =>
  h.control("POST", "/_pclocal/aws/opportunities/review", {
    Catalog: "Sandbox",
    Identifier: opportunityId,
    ReviewStatus,
  });

describe("AWS deciding a submission", () => {
  it("joins the engagement when it approves", async () => {
    const { opportunityId, engagementId, invitationId } = await submitted();
    const a = h.client(PARTNER_A);
    const before = await a.send(new GetEngagementCommand({ Catalog: "Sandbox", Identifier: engagementId }));
    expect(before.MemberCount).toBe(1);
    const from = await logEnd(h, PARTNER_A);

    await review(opportunityId, "Approved");

    const after = await a.send(new GetEngagementCommand({ Catalog: "Sandbox", Identifier: engagementId }));
    expect(after.MemberCount).toBe(2);
    expect(after.ModifiedBy).toBe("aws");
    const members = await a.send(
      new ListEngagementMembersCommand({ Catalog: "Sandbox", Identifier: engagementId }),
    );
    expect(members.EngagementMemberList?.map((m) => m.AccountId)).toEqual([PARTNER_A.awsAccountId, "aws"]);
    const invitation = await a.send(
      new GetEngagementInvitationCommand({ Catalog: "Sandbox", Identifier: invitationId }),
    );
    expect(invitation.Status).toBe("ACCEPTED");
    expect(invitation.Receiver?.Account?.AwsAccountId).toBe("aws");

    const types = (await eventsOf(h, PARTNER_A, from)).map((e) => e.event["detail-type"]);
    expect(types).toEqual([
      "Opportunity Updated",
      "Engagement Invitation Accepted",
      "Engagement Member Added",
    ]);
  });

  it("rejects its invitation when it rejects the opportunity", async () => {
    const { opportunityId, engagementId, invitationId } = await submitted();
    const from = await logEnd(h, PARTNER_A);
    await review(opportunityId, "Rejected");
    const a = h.client(PARTNER_A);
    const invitation = await a.send(
      new GetEngagementInvitationCommand({ Catalog: "Sandbox", Identifier: invitationId }),
    );
    expect(invitation.Status).toBe("REJECTED");
    const engagement = await a.send(
      new GetEngagementCommand({ Catalog: "Sandbox", Identifier: engagementId }),
    );
    expect(engagement.MemberCount).toBe(1);
    const types = (await eventsOf(h, PARTNER_A, from)).map((e) => e.event["detail-type"]);
    expect(types).toEqual(["Opportunity Updated", "Engagement Invitation Rejected"]);
  });

  it("leaves its invitation pending while it asks for changes", async () => {
    const { opportunityId, invitationId } = await submitted();
    await review(opportunityId, "Action Required");
    const invitation = await h
      .client(PARTNER_A)
      .send(new GetEngagementInvitationCommand({ Catalog: "Sandbox", Identifier: invitationId }));
    expect(invitation.Status).toBe("PENDING");
  });

  it("joins when the auto-review policy approves", async () => {
    const { engagementId } = await submitted();
    await h.control("POST", "/_pclocal/aws/opportunities/auto-review", { approveAfterSeconds: 60 });
    await h.control("POST", "/_pclocal/clock", { advanceSeconds: 61 });
    await h.control("POST", "/_pclocal/aws/opportunities/auto-review", { approveAfterSeconds: null });
    const engagement = await h
      .client(PARTNER_A)
      .send(new GetEngagementCommand({ Catalog: "Sandbox", Identifier: engagementId }));
    expect(engagement.MemberCount).toBe(2);
  });
});
