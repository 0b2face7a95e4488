import {
  AcceptEngagementInvitationCommand,
  AssignOpportunityCommand,
  AssociateOpportunityCommand,
  CreateEngagementCommand,
  CreateEngagementContextCommand,
  CreateEngagementInvitationCommand,
  CreateOpportunityCommand,
  CreateResourceSnapshotCommand,
  CreateResourceSnapshotJobCommand,
  DeleteResourceSnapshotJobCommand,
  DisassociateOpportunityCommand,
  GetAwsOpportunitySummaryCommand,
  GetEngagementCommand,
  GetEngagementInvitationCommand,
  GetOpportunityCommand,
  GetProspectingFromEngagementTaskCommand,
  GetResourceSnapshotCommand,
  GetResourceSnapshotJobCommand,
  GetSellingSystemSettingsCommand,
  ListEngagementByAcceptingInvitationTasksCommand,
  ListEngagementFromOpportunityTasksCommand,
  ListEngagementInvitationsCommand,
  ListEngagementMembersCommand,
  ListEngagementResourceAssociationsCommand,
  ListEngagementsCommand,
  ListOpportunitiesCommand,
  ListOpportunityFromEngagementTasksCommand,
  ListProspectingFromEngagementTasksCommand,
  ListResourceSnapshotJobsCommand,
  ListResourceSnapshotsCommand,
  ListSolutionsCommand,
  ListTagsForResourceCommand,
  type PartnerCentralSellingClient,
  PutSellingSystemSettingsCommand,
  RejectEngagementInvitationCommand,
  StartEngagementByAcceptingInvitationTaskCommand,
  StartEngagementFromOpportunityTaskCommand,
  StartOpportunityFromEngagementTaskCommand,
  StartProspectingFromEngagementTaskCommand,
  StartResourceSnapshotJobCommand,
  StopResourceSnapshotJobCommand,
  SubmitOpportunityCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateEngagementContextCommand,
  UpdateOpportunityCommand,
} from "@aws-sdk/client-partnercentral-selling";
import { describe, expect, it } from "vitest";
import type { Account } from "../../src/auth/accounts.js";
import { OPERATION_NAMES } from "../../src/model/generated/operations.js";
import {
  CUSTOMER_PROJECT_CONTEXT,
  LEAD_CONTEXT,
  LEAD_INVITATION_PAYLOAD,
  OPPORTUNITY_INVITATION_PAYLOAD,
} from "./helpers/fixtures.js";
import { PARTNER_A, PARTNER_B, useHarness } from "./helpers/harness.js";
import { COMPLETE_OPPORTUNITY } from "./helpers/tasks.js";

const h = useHarness();

const S = "Sandbox";
const answered = new Set<string>();

/** A client that records every operation that answered 200. */
function recording(account: Account): PartnerCentralSellingClient {
  const client = h.client(account);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const out = await next(args);
      answered.add(String(context.commandName).replace(/Command$/, ""));
      return out;
    },
    { step: "initialize", name: "recordAnsweredOperation" },
  );
  return client;
}

describe("every operation", () => {
  it("answers each of the 45 operations through the official SDK", { timeout: 60_000 }, async () => {
    const a = recording(PARTNER_A);
    const b = recording(PARTNER_B);

    // Engagements, contexts, members, invitations.
    const eng = await a.send(
      new CreateEngagementCommand({ Catalog: S, Title: "Walk", Description: "every op" }),
    );
    expect((await a.send(new GetEngagementCommand({ Catalog: S, Identifier: eng.Id }))).Id).toBe(eng.Id);
    expect(
      (await a.send(new ListEngagementsCommand({ Catalog: S }))).EngagementSummaryList?.length,
    ).toBeGreaterThan(0);
    const ctx = await a.send(
      new CreateEngagementContextCommand({
        Catalog: S,
        EngagementIdentifier: eng.Id,
        Type: "CustomerProject",
        Payload: CUSTOMER_PROJECT_CONTEXT.Payload as never,
      }),
    );
    expect(ctx.ContextId).toBe("1");
    await a.send(
      new UpdateEngagementContextCommand({
        Catalog: S,
        EngagementIdentifier: eng.Id,
        ContextIdentifier: ctx.ContextId,
        EngagementLastModifiedAt: ctx.EngagementLastModifiedAt,
        Type: "CustomerProject",
        Payload: CUSTOMER_PROJECT_CONTEXT.Payload as never,
      }),
    );
    const invite = await a.send(
      new CreateEngagementInvitationCommand({
        Catalog: S,
        EngagementIdentifier: eng.Id,
        Invitation: {
          Message: "Join",
          Receiver: { Account: { AwsAccountId: PARTNER_B.awsAccountId } },
          Payload: { OpportunityInvitation: OPPORTUNITY_INVITATION_PAYLOAD as never },
        },
      }),
    );
    expect(
      (await b.send(new GetEngagementInvitationCommand({ Catalog: S, Identifier: invite.Id }))).Status,
    ).toBe("PENDING");
    await b.send(
      new RejectEngagementInvitationCommand({ Catalog: S, Identifier: invite.Id, RejectionReason: "Other" }),
    );
    const sent = await a.send(
      new ListEngagementInvitationsCommand({ Catalog: S, ParticipantType: "SENDER" }),
    );
    expect(sent.EngagementInvitationSummaries?.[0]?.Status).toBe("REJECTED");
    const members = await a.send(new ListEngagementMembersCommand({ Catalog: S, Identifier: eng.Id }));
    expect(members.EngagementMemberList?.map((m) => m.AccountId)).toEqual([PARTNER_A.awsAccountId]);

    // AWS refers an opportunity to B, accepted through the task.
    const referral = await h.control<{ Id: string }>("POST", "/_pclocal/aws/engagement-invitations", {
      Catalog: S,
      ReceiverAwsAccountId: PARTNER_B.awsAccountId,
      PayloadType: "OpportunityInvitation",
      Payload: OPPORTUNITY_INVITATION_PAYLOAD,
    });
    const accepted = await b.send(
      new StartEngagementByAcceptingInvitationTaskCommand({ Catalog: S, Identifier: referral.Id }),
    );
    expect(accepted.TaskStatus).toBe("COMPLETE");
    const acceptTasks = await b.send(new ListEngagementByAcceptingInvitationTasksCommand({ Catalog: S }));
    expect(acceptTasks.TaskSummaries?.[0]?.TaskId).toBe(accepted.TaskId);

    // AWS sends A a lead, accepted and converted.
    const lead = await h.control<{ Id: string; EngagementId: string }>(
      "POST",
      "/_pclocal/aws/engagement-invitations",
      {
        Catalog: S,
        ReceiverAwsAccountId: PARTNER_A.awsAccountId,
        PayloadType: "LeadInvitation",
        Payload: LEAD_INVITATION_PAYLOAD,
        Context: LEAD_CONTEXT,
      },
    );
    await a.send(new AcceptEngagementInvitationCommand({ Catalog: S, Identifier: lead.Id }));
    const converted = await a.send(
      new StartOpportunityFromEngagementTaskCommand({
        Catalog: S,
        Identifier: lead.EngagementId,
        ContextIdentifier: "1",
      }),
    );
    expect(converted.TaskStatus).toBe("COMPLETE");
    const convertTasks = await a.send(new ListOpportunityFromEngagementTasksCommand({ Catalog: S }));
    expect(convertTasks.TaskSummaries?.[0]?.TaskId).toBe(converted.TaskId);

    // Settings, solutions.
    await a.send(
      new PutSellingSystemSettingsCommand({ Catalog: S, ResourceSnapshotJobRoleIdentifier: "SnapshotRole" }),
    );
    const settings = await a.send(new GetSellingSystemSettingsCommand({ Catalog: S }));
    expect(settings.ResourceSnapshotJobRoleArn).toBe(
      `arn:aws:iam::${PARTNER_A.awsAccountId}:role/SnapshotRole`,
    );
    const solutions = await a.send(new ListSolutionsCommand({ Catalog: S }));
    expect(solutions.SolutionSummaries?.map((s) => s.Id)).toContain("S-1234567");

    // Opportunities.
    const opp = await a.send(
      new CreateOpportunityCommand({ Catalog: S, ...(COMPLETE_OPPORTUNITY as object) } as never),
    );
    const got = await a.send(new GetOpportunityCommand({ Catalog: S, Identifier: opp.Id }));
    const {
      $metadata: _m,
      Id,
      Arn: _arn,
      CreatedDate: _c,
      RelatedEntityIdentifiers: _r,
      OpportunityTeam: _t,
      ...rest
    } = got;
    const updated = await a.send(
      new UpdateOpportunityCommand({
        ...(rest as object),
        Identifier: Id,
        Catalog: S,
        PartnerOpportunityIdentifier: "crm-1",
      } as never),
    );
    expect(updated.LastModifiedDate!.getTime()).toBeGreaterThan(got.LastModifiedDate!.getTime());
    const listed = await a.send(new ListOpportunitiesCommand({ Catalog: S, Identifier: [opp.Id!] }));
    expect(listed.OpportunitySummaries?.map((o) => o.Id)).toEqual([opp.Id]);
    await a.send(
      new AssignOpportunityCommand({
        Catalog: S,
        Identifier: opp.Id,
        Assignee: {
          Email: "owner@partner-a.example.com",
          FirstName: "Olu",
          LastName: "Owner",
          BusinessTitle: "OpportunityOwner",
        },
      }),
    );
    const link = (RelatedEntityIdentifier: string) => ({
      Catalog: S,
      OpportunityIdentifier: opp.Id,
      RelatedEntityType: "Solutions" as const,
      RelatedEntityIdentifier,
    });
    await a.send(new AssociateOpportunityCommand(link("S-1234567")));
    await a.send(new AssociateOpportunityCommand(link("S-0052021")));
    await a.send(new DisassociateOpportunityCommand(link("S-0052021")));
    const started = await a.send(
      new StartEngagementFromOpportunityTaskCommand({
        Catalog: S,
        Identifier: opp.Id,
        AwsSubmission: { InvolvementType: "Co-Sell" },
      }),
    );
    expect(started.TaskStatus).toBe("COMPLETE");
    const fromOppTasks = await a.send(new ListEngagementFromOpportunityTasksCommand({ Catalog: S }));
    expect(fromOppTasks.TaskSummaries?.[0]?.TaskId).toBe(started.TaskId);
    const summary = await a.send(
      new GetAwsOpportunitySummaryCommand({ Catalog: S, RelatedOpportunityIdentifier: opp.Id }),
    );
    expect(summary.RelatedOpportunityId).toBe(opp.Id);

    const second = await a.send(
      new CreateOpportunityCommand({ Catalog: S, ...(COMPLETE_OPPORTUNITY as object) } as never),
    );
    await a.send(new AssociateOpportunityCommand({ ...link("S-1234567"), OpportunityIdentifier: second.Id }));
    await a.send(
      new SubmitOpportunityCommand({
        Catalog: S,
        Identifier: second.Id,
        InvolvementType: "For Visibility Only",
      }),
    );

    // Snapshots and jobs, on the engagement the submission created.
    const ref = {
      Catalog: S,
      EngagementIdentifier: started.EngagementId,
      ResourceType: "Opportunity" as const,
      ResourceIdentifier: opp.Id,
      ResourceSnapshotTemplateIdentifier: "OpportunitySummaryView",
    };
    const snap = await a.send(new CreateResourceSnapshotCommand(ref));
    const revision = await a.send(new GetResourceSnapshotCommand({ ...ref, Revision: snap.Revision }));
    expect(revision.Revision).toBe(snap.Revision);
    const snaps = await a.send(
      new ListResourceSnapshotsCommand({ Catalog: S, EngagementIdentifier: started.EngagementId }),
    );
    expect(snaps.ResourceSnapshotSummaries?.length).toBeGreaterThan(0);
    const assoc = await a.send(
      new ListEngagementResourceAssociationsCommand({
        Catalog: S,
        EngagementIdentifier: started.EngagementId,
      }),
    );
    expect(assoc.EngagementResourceAssociationSummaries?.[0]?.ResourceId).toBe(opp.Id);

    const second2 = await a.send(new CreateEngagementCommand({ Catalog: S, Title: "Jobs", Description: "" }));
    const job = await a.send(
      new CreateResourceSnapshotJobCommand({
        ...ref,
        EngagementIdentifier: second2.Id,
        ResourceIdentifier: opp.Id,
      }),
    );
    const jobRef = { Catalog: S, ResourceSnapshotJobIdentifier: job.Id };
    await a.send(new StartResourceSnapshotJobCommand(jobRef));
    expect((await a.send(new GetResourceSnapshotJobCommand(jobRef))).Status).toBe("Running");
    const jobs = await a.send(
      new ListResourceSnapshotJobsCommand({ Catalog: S, EngagementIdentifier: second2.Id }),
    );
    expect(jobs.ResourceSnapshotJobSummaries?.map((j) => j.Id)).toEqual([job.Id]);
    await a.send(new StopResourceSnapshotJobCommand(jobRef));
    await a.send(new DeleteResourceSnapshotJobCommand(jobRef));

    // Tags.
    const oppArn = got.Arn!;
    await a.send(new TagResourceCommand({ ResourceArn: oppArn, Tags: [{ Key: "stage", Value: "walk" }] }));
    expect((await a.send(new ListTagsForResourceCommand({ ResourceArn: oppArn }))).Tags).toContainEqual({
      Key: "stage",
      Value: "walk",
    });
    await a.send(new UntagResourceCommand({ ResourceArn: oppArn, TagKeys: ["stage"] }));

    // Prospecting.
    const prospecting = await a.send(
      new StartProspectingFromEngagementTaskCommand({ Catalog: S, Identifiers: [eng.Id!], TaskName: "walk" }),
    );
    const task = await a.send(
      new GetProspectingFromEngagementTaskCommand({ Catalog: S, TaskIdentifier: prospecting.TaskId }),
    );
    expect(task.TaskId).toBe(prospecting.TaskId);
    const tasks = await a.send(new ListProspectingFromEngagementTasksCommand({ Catalog: S }));
    expect(tasks.TaskSummaries?.length).toBe(1);

    expect([...answered].sort()).toEqual([...OPERATION_NAMES].sort());
  });
});
