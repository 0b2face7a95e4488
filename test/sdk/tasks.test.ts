import {
  AcceptEngagementInvitationCommand,
  CreateEngagementCommand,
  CreateEngagementInvitationCommand,
  GetEngagementCommand,
  GetEngagementInvitationCommand,
  GetOpportunityCommand,
  ListEngagementByAcceptingInvitationTasksCommand,
  ListEngagementFromOpportunityTasksCommand,
  ListOpportunityFromEngagementTasksCommand,
  StartEngagementByAcceptingInvitationTaskCommand,
  StartEngagementFromOpportunityTaskCommand,
  StartOpportunityFromEngagementTaskCommand,
  UpdateEngagementContextCommand,
} from "@aws-sdk/client-partnercentral-selling";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { eventsOf, logEnd } from "./helpers/event-log.js";
import { LEAD_CONTEXT, LEAD_INVITATION_PAYLOAD, OPPORTUNITY_INVITATION_PAYLOAD } from "./helpers/fixtures.js";
import {
  EXTRA_PARTNERS,
  type Harness,
  PARTNER_A,
  PARTNER_B,
  rejectionOf,
  startHarness,
} from "./helpers/harness.js";
import {
  associateSolution,
  awsSends,
  COMPLETE_OPPORTUNITY,
  createOpportunity,
  JOB_ID,
  OPPORTUNITY_ID,
  patchOpportunity,
  storedOpportunity,
  TASK_ID,
  taskArnPattern,
} from "./helpers/tasks.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ extraAccounts: EXTRA_PARTNERS });
});
afterAll(() => h.close());
afterEach(async () => {
  await h.control("POST", "/_pclocal/tasks/mode", { delaySeconds: 0 });
});

const Catalog = "Sandbox";
const a = () => h.client(PARTNER_A);

const awsReferral = () =>
  awsSends(h, PARTNER_A, {
    PayloadType: "OpportunityInvitation",
    Payload: { OpportunityInvitation: OPPORTUNITY_INVITATION_PAYLOAD },
  });

const acceptTask = (identifier: string, account = PARTNER_A, token?: string) =>
  h.client(account).send(
    new StartEngagementByAcceptingInvitationTaskCommand({
      Catalog,
      Identifier: identifier,
      ClientToken: token,
    }),
  );

/** AWS sends Partner A a lead engagement with a full Lead context, and A accepts it. */
async function acceptedLead(lead: Record<string, unknown> = LEAD_CONTEXT.Payload.Lead) {
  const sent = await awsSends(h, PARTNER_A, {
    PayloadType: "LeadInvitation",
    Payload: { LeadInvitation: LEAD_INVITATION_PAYLOAD },
    Context: { Type: "Lead", Payload: { Lead: lead } },
  });
  await a().send(new AcceptEngagementInvitationCommand({ Catalog, Identifier: sent.Id }));
  return sent;
}

const convertTask = (engagementId: string, contextId: string, account = PARTNER_A) =>
  h.client(account).send(
    new StartOpportunityFromEngagementTaskCommand({
      Catalog,
      Identifier: engagementId,
      ContextIdentifier: contextId,
    }),
  );

const submitTask = (opportunityId: string, account = PARTNER_A) =>
  h.client(account).send(
    new StartEngagementFromOpportunityTaskCommand({
      Catalog,
      Identifier: opportunityId,
      AwsSubmission: { InvolvementType: "Co-Sell", Visibility: "Full" },
    }),
  );

describe("StartEngagementByAcceptingInvitationTask", () => {
  it("accepts an AWS referral and creates the approved opportunity at once", async () => {
    const sent = await awsReferral();
    const since = await logEnd(h, PARTNER_A);
    const started = await acceptTask(sent.Id);
    const { $metadata, ...task } = started;
    expect($metadata.httpStatusCode).toBe(200);
    expect(task).toEqual({
      TaskId: expect.stringMatching(TASK_ID),
      TaskArn: expect.stringMatching(taskArnPattern("engagement-by-accepting-invitation-task")),
      StartTime: expect.any(Date),
      TaskStatus: "COMPLETE",
      OpportunityId: expect.stringMatching(OPPORTUNITY_ID),
      ResourceSnapshotJobId: expect.stringMatching(JOB_ID),
      EngagementInvitationId: sent.Id,
    });
    expect(task.TaskArn!.endsWith(`/${task.TaskId}`)).toBe(true);

    const invitation = await a().send(new GetEngagementInvitationCommand({ Catalog, Identifier: sent.Id }));
    expect(invitation.Status).toBe("ACCEPTED");
    const engagement = await a().send(new GetEngagementCommand({ Catalog, Identifier: sent.EngagementId }));
    expect(engagement.MemberCount).toBe(2);

    const opportunity = await storedOpportunity(h, task.OpportunityId!);
    expect(opportunity.ownerAccountId).toBe(PARTNER_A.awsAccountId);
    expect(opportunity.doc).toMatchObject({
      Origin: "AWS Referral",
      Customer: {
        Account: {
          CompanyName: "Example Bank Corp",
          Industry: "Financial Services",
          WebsiteUrl: "https://www.examplebank.com",
          Address: { CountryCode: "US" },
        },
      },
      Project: {
        Title: OPPORTUNITY_INVITATION_PAYLOAD.Project.Title,
        CustomerBusinessProblem: OPPORTUNITY_INVITATION_PAYLOAD.Project.BusinessProblem,
        ExpectedCustomerSpend: OPPORTUNITY_INVITATION_PAYLOAD.Project.ExpectedCustomerSpend,
      },
      LifeCycle: { Stage: "Prospect", ReviewStatus: "Approved", TargetCloseDate: "2027-06-30" },
    });

    const got = await a().send(new GetOpportunityCommand({ Catalog, Identifier: task.OpportunityId! }));
    expect(got).toMatchObject({
      Id: task.OpportunityId,
      LifeCycle: { Stage: "Prospect", ReviewStatus: "Approved", TargetCloseDate: "2027-06-30" },
    });

    const types = (await eventsOf(h, PARTNER_A, since)).map((e) => e.event["detail-type"]);
    expect(types).toEqual([
      "Engagement Invitation Accepted",
      "Engagement Member Added",
      "Opportunity Created",
      "Opportunity Updated",
    ]);

    const listed = await a().send(
      new ListEngagementByAcceptingInvitationTasksCommand({ Catalog, TaskIdentifier: [task.TaskId!] }),
    );
    expect(listed.TaskSummaries).toEqual([task]);
  });

  it("takes the invitation's ARN as Identifier", async () => {
    const sent = await awsReferral();
    const task = await acceptTask(sent.Arn);
    expect(task.TaskStatus).toBe("COMPLETE");
    expect(task.EngagementInvitationId).toBe(sent.Id);
  });

  it("accepts a lead invitation without creating an opportunity", async () => {
    const sent = await awsSends(h, PARTNER_A, {
      PayloadType: "LeadInvitation",
      Payload: { LeadInvitation: LEAD_INVITATION_PAYLOAD },
    });
    const task = await acceptTask(sent.Id);
    expect(task.TaskStatus).toBe("COMPLETE");
    expect(task.OpportunityId).toBeUndefined();
    expect(task.EngagementInvitationId).toBe(sent.Id);
    const engagement = await a().send(new GetEngagementCommand({ Catalog, Identifier: sent.EngagementId }));
    expect(engagement.MemberCount).toBe(2);
  });

  it("creates a Partner Referral from another partner's invitation, inheriting its review state", async () => {
    // Partner A submits its opportunity (Submitted), then invites B into the engagement.
    const opportunityId = await createOpportunity(h, PARTNER_A);
    const submitted = await submitTask(opportunityId);
    expect(submitted.TaskStatus).toBe("COMPLETE");
    const invited = await a().send(
      new CreateEngagementInvitationCommand({
        Catalog,
        EngagementIdentifier: submitted.EngagementId!,
        Invitation: {
          Message: "Co-sell with us",
          Receiver: { Account: { AwsAccountId: PARTNER_B.awsAccountId } },
          Payload: { OpportunityInvitation: OPPORTUNITY_INVITATION_PAYLOAD as never },
        },
      }),
    );
    const task = await acceptTask(invited.Id!, PARTNER_B);
    expect(task.TaskStatus).toBe("COMPLETE");
    const opportunity = await storedOpportunity(h, task.OpportunityId!);
    expect(opportunity.ownerAccountId).toBe(PARTNER_B.awsAccountId);
    expect(opportunity.doc.Origin).toBe("Partner Referral");
    expect(opportunity.doc.LifeCycle).toEqual({ Stage: "Prospect", ReviewStatus: "Submitted" });
    expect(opportunity.doc.Project.ExpectedCustomerSpend).toEqual([]);

    // A sender without a submitted opportunity: the receiver's opportunity is Approved.
    const engagement = await a().send(
      new CreateEngagementCommand({ Catalog, Title: "Plain", Description: "" }),
    );
    const plain = await a().send(
      new CreateEngagementInvitationCommand({
        Catalog,
        EngagementIdentifier: engagement.Id!,
        Invitation: {
          Message: "Join",
          Receiver: { Account: { AwsAccountId: PARTNER_B.awsAccountId } },
          Payload: { OpportunityInvitation: OPPORTUNITY_INVITATION_PAYLOAD as never },
        },
      }),
    );
    const second = await acceptTask(plain.Id!, PARTNER_B);
    expect((await storedOpportunity(h, second.OpportunityId!)).doc.LifeCycle.ReviewStatus).toBe("Approved");
  });

  describe("fails the task (still recorded) when", () => {
    it("the invitation does not exist: InvitationAccessDenied", async () => {
      const task = await acceptTask("engi-0000000000000");
      expect(task).toMatchObject({
        TaskId: expect.stringMatching(TASK_ID),
        TaskStatus: "FAILED",
        ReasonCode: "InvitationAccessDenied",
        Message: expect.stringContaining("engi-0000000000000"),
        EngagementInvitationId: "engi-0000000000000",
      });
      expect(task.OpportunityId).toBeUndefined();
      expect(task.ResourceSnapshotJobId).toBeUndefined();
      const listed = await a().send(
        new ListEngagementByAcceptingInvitationTasksCommand({ Catalog, TaskIdentifier: [task.TaskId!] }),
      );
      expect(listed.TaskSummaries?.[0]?.TaskStatus).toBe("FAILED");
    });

    it("the invitation is another account's: InvitationAccessDenied", async () => {
      const sent = await awsReferral();
      const task = await acceptTask(sent.Id, PARTNER_B);
      expect(task.ReasonCode).toBe("InvitationAccessDenied");
      const invitation = await a().send(new GetEngagementInvitationCommand({ Catalog, Identifier: sent.Id }));
      expect(invitation.Status).toBe("PENDING");
    });

    it("the caller sent the invitation: InvitationAccessDenied", async () => {
      const engagement = await a().send(
        new CreateEngagementCommand({ Catalog, Title: "Mine", Description: "" }),
      );
      const invited = await a().send(
        new CreateEngagementInvitationCommand({
          Catalog,
          EngagementIdentifier: engagement.Id!,
          Invitation: {
            Message: "Join",
            Receiver: { Account: { AwsAccountId: PARTNER_B.awsAccountId } },
            Payload: { LeadInvitation: LEAD_INVITATION_PAYLOAD },
          },
        }),
      );
      const task = await acceptTask(invited.Id!, PARTNER_A);
      expect(task.ReasonCode).toBe("InvitationAccessDenied");
    });

    it("the invitation was accepted already: EngagementInvitationConflict, nothing created twice", async () => {
      const sent = await awsReferral();
      const first = await acceptTask(sent.Id);
      const again = await acceptTask(sent.Id);
      expect(again.TaskId).not.toBe(first.TaskId);
      expect(again).toMatchObject({ TaskStatus: "FAILED", ReasonCode: "EngagementInvitationConflict" });
      expect(again.OpportunityId).toBeUndefined();
      const engagement = await a().send(new GetEngagementCommand({ Catalog, Identifier: sent.EngagementId }));
      expect(engagement.MemberCount).toBe(2);
    });

    it("the invitation expired: EngagementInvitationConflict", async () => {
      const sent = await awsSends(h, PARTNER_A, {
        PayloadType: "OpportunityInvitation",
        Payload: { OpportunityInvitation: OPPORTUNITY_INVITATION_PAYLOAD },
        ExpirationDate: new Date(h.server.services.clock.now() + 60_000).toISOString(),
      });
      await h.control("POST", "/_pclocal/clock", { advanceSeconds: 120 });
      const task = await acceptTask(sent.Id);
      expect(task).toMatchObject({ TaskStatus: "FAILED", ReasonCode: "EngagementInvitationConflict" });
      expect(task.Message).toContain("EXPIRED");
    });

    it("the engagement is full: ServiceQuotaExceeded", async () => {
      const engagement = await a().send(
        new CreateEngagementCommand({ Catalog, Title: "Crowded", Description: "" }),
      );
      const invite = (to: string) =>
        a().send(
          new CreateEngagementInvitationCommand({
            Catalog,
            EngagementIdentifier: engagement.Id!,
            Invitation: {
              Message: "Join",
              Receiver: { Account: { AwsAccountId: to } },
              Payload: { LeadInvitation: LEAD_INVITATION_PAYLOAD },
            },
          }),
        );
      const toB = await invite(PARTNER_B.awsAccountId);
      for (const extra of EXTRA_PARTNERS.slice(0, 9)) {
        const inv = await invite(extra.awsAccountId);
        await h.client(extra).send(new AcceptEngagementInvitationCommand({ Catalog, Identifier: inv.Id! }));
      }
      const task = await acceptTask(toB.Id!, PARTNER_B);
      expect(task).toMatchObject({ TaskStatus: "FAILED", ReasonCode: "ServiceQuotaExceeded" });
    });
  });
});

describe("StartOpportunityFromEngagementTask", () => {
  it("converts a lead into a 'Converted from Lead' opportunity and a CustomerProject context", async () => {
    await h.control("POST", "/_pclocal/clock", { now: "2025-11-03T03:12:02.000Z" });
    try {
      const newer = {
        ...LEAD_CONTEXT.Payload.Lead.Interactions[0]!,
        InteractionDate: "2025-11-02T10:00:00.000Z",
        BusinessProblem: "The newest interaction's business problem wins over older ones.",
      };
      const older = {
        ...newer,
        InteractionDate: "2025-10-01T10:00:00.000Z",
        BusinessProblem: "An older business problem that must not be used.",
      };
      const sent = await acceptedLead({
        ...LEAD_CONTEXT.Payload.Lead,
        Interactions: [newer, older],
      });
      const since = await logEnd(h, PARTNER_A);
      const { $metadata, ...task } = await convertTask(sent.EngagementArn, "1");
      expect(task).toEqual({
        TaskId: expect.stringMatching(TASK_ID),
        TaskArn: expect.stringMatching(taskArnPattern("opportunity-from-engagement-task")),
        StartTime: expect.any(Date),
        TaskStatus: "COMPLETE",
        OpportunityId: expect.stringMatching(OPPORTUNITY_ID),
        ResourceSnapshotJobId: expect.stringMatching(JOB_ID),
        EngagementId: sent.EngagementId,
        ContextId: "2",
      });
      expect(Math.abs(task.StartTime!.getTime() - Date.parse("2025-11-03T03:12:02.000Z"))).toBeLessThan(
        5_000,
      );

      const opportunity = await storedOpportunity(h, task.OpportunityId!);
      expect(opportunity.doc).toMatchObject({
        Customer: {
          Account: {
            CompanyName: "Example University",
            Industry: "Education",
            WebsiteUrl: "https://www.example-university.edu",
            Address: {
              City: "Boston",
              PostalCode: "02115",
              StateOrRegion: "Massachusetts",
              CountryCode: "US",
            },
          },
          Contacts: [],
        },
        Project: {
          Title: "Converted from Lead",
          CustomerBusinessProblem: newer.BusinessProblem,
          ExpectedCustomerSpend: [],
        },
        LifeCycle: { Stage: "Prospect", ReviewStatus: "Pending Submission", TargetCloseDate: "2026-02-01" },
      });

      const engagement = await a().send(new GetEngagementCommand({ Catalog, Identifier: sent.EngagementId }));
      expect(engagement.Contexts?.map((c) => [c.Id, c.Type])).toEqual([
        ["1", "Lead"],
        ["2", "CustomerProject"],
      ]);
      expect(engagement.Contexts?.[1]?.Payload?.CustomerProject).toEqual({
        Customer: {
          Industry: "Education",
          CompanyName: "Example University",
          WebsiteUrl: "https://www.example-university.edu",
          CountryCode: "US",
        },
        Project: {
          Title: "Converted from Lead",
          BusinessProblem: newer.BusinessProblem,
          TargetCompletionDate: "2026-02-01",
        },
      });
      const types = (await eventsOf(h, PARTNER_A, since)).map((e) => e.event["detail-type"]);
      expect(types).toEqual(["Opportunity Created", "Engagement Updated"]);

      const listed = await a().send(
        new ListOpportunityFromEngagementTasksCommand({
          Catalog,
          EngagementIdentifier: [sent.EngagementId],
          ContextIdentifier: ["2"],
        }),
      );
      expect(listed.TaskSummaries).toEqual([task]);
    } finally {
      h.server.services.clock.reset();
    }
  });

  describe("fails the task when", () => {
    it("the context does not exist: ContextNotFound", async () => {
      const sent = await acceptedLead();
      const task = await convertTask(sent.EngagementId, "7");
      expect(task).toMatchObject({
        TaskStatus: "FAILED",
        ReasonCode: "ContextNotFound",
        EngagementId: sent.EngagementId,
      });
      expect(task.OpportunityId).toBeUndefined();
    });

    it("the context is a CustomerProject: CustomerProjectContextNotPermitted", async () => {
      const sent = await awsReferral();
      await acceptTask(sent.Id);
      const task = await convertTask(sent.EngagementId, "1");
      expect(task).toMatchObject({ TaskStatus: "FAILED", ReasonCode: "CustomerProjectContextNotPermitted" });
    });

    it("the lead is disqualified: DisqualifiedLeadNotPermitted", async () => {
      const sent = await acceptedLead({ ...LEAD_CONTEXT.Payload.Lead, QualificationStatus: "Disqualified" });
      const task = await convertTask(sent.EngagementId, "1");
      expect(task).toMatchObject({ TaskStatus: "FAILED", ReasonCode: "DisqualifiedLeadNotPermitted" });
    });

    it("the lead was disqualified by an update after acceptance: DisqualifiedLeadNotPermitted", async () => {
      const sent = await acceptedLead();
      const engagement = await a().send(new GetEngagementCommand({ Catalog, Identifier: sent.EngagementId }));
      const lead = LEAD_CONTEXT.Payload.Lead;
      await a().send(
        new UpdateEngagementContextCommand({
          Catalog,
          EngagementIdentifier: sent.EngagementId,
          ContextIdentifier: "1",
          EngagementLastModifiedAt: engagement.ModifiedAt!,
          Type: "Lead",
          Payload: { Lead: { QualificationStatus: "Disqualified", Customer: lead.Customer as never } },
        }),
      );
      const task = await convertTask(sent.EngagementId, "1");
      expect(task.ReasonCode).toBe("DisqualifiedLeadNotPermitted");
    });

    it("the caller is not a member: EngagementAccessDenied", async () => {
      const sent = await acceptedLead();
      const task = await convertTask(sent.EngagementId, "1", PARTNER_B);
      expect(task).toMatchObject({ TaskStatus: "FAILED", ReasonCode: "EngagementAccessDenied" });
      const unknown = await convertTask("eng-00000000000000", "1");
      expect(unknown.ReasonCode).toBe("EngagementAccessDenied");
    });

    it("the lead was converted already: EngagementConflict", async () => {
      const sent = await acceptedLead();
      expect((await convertTask(sent.EngagementId, "1")).TaskStatus).toBe("COMPLETE");
      const again = await convertTask(sent.EngagementId, "1");
      expect(again).toMatchObject({ TaskStatus: "FAILED", ReasonCode: "EngagementConflict" });
    });
  });
});

describe("StartEngagementFromOpportunityTask", () => {
  it("submits the caller's opportunity: new engagement, invitation to AWS, ReviewStatus Submitted", async () => {
    const opportunityId = await createOpportunity(h, PARTNER_A);
    const since = await logEnd(h, PARTNER_A);
    const { $metadata, ...task } = await submitTask(opportunityId);
    expect(task).toEqual({
      TaskId: expect.stringMatching(TASK_ID),
      TaskArn: expect.stringMatching(taskArnPattern("engagement-from-opportunity-task")),
      StartTime: expect.any(Date),
      TaskStatus: "COMPLETE",
      OpportunityId: opportunityId,
      ResourceSnapshotJobId: expect.stringMatching(JOB_ID),
      EngagementId: expect.stringMatching(/^eng-[0-9a-z]{14}$/),
      EngagementInvitationId: expect.stringMatching(/^engi-[0-9a-z]{13}$/),
    });

    const engagement = await a().send(new GetEngagementCommand({ Catalog, Identifier: task.EngagementId }));
    expect(engagement).toMatchObject({
      CreatedBy: PARTNER_A.awsAccountId,
      MemberCount: 1,
      Title: COMPLETE_OPPORTUNITY.Project.Title.slice(0, 40),
    });
    expect(engagement.Contexts).toEqual([
      {
        Id: "1",
        Type: "CustomerProject",
        Payload: {
          CustomerProject: {
            Customer: {
              Industry: "Transportation and Logistics",
              CompanyName: "Example Logistics Ltd",
              WebsiteUrl: "https://www.example-logistics.com",
              CountryCode: "US",
            },
            Project: {
              Title: COMPLETE_OPPORTUNITY.Project.Title,
              BusinessProblem: COMPLETE_OPPORTUNITY.Project.CustomerBusinessProblem,
              TargetCompletionDate: "2030-06-30",
            },
          },
        },
      },
    ]);

    const invitation = await a().send(
      new GetEngagementInvitationCommand({ Catalog, Identifier: task.EngagementInvitationId }),
    );
    expect(invitation).toMatchObject({
      Status: "PENDING",
      EngagementId: task.EngagementId,
      SenderAwsAccountId: PARTNER_A.awsAccountId,
      Receiver: { Account: { AwsAccountId: "aws" } },
      PayloadType: "OpportunityInvitation",
      Payload: {
        OpportunityInvitation: {
          Customer: { CompanyName: "Example Logistics Ltd", CountryCode: "US" },
          Project: {
            Title: COMPLETE_OPPORTUNITY.Project.Title,
            TargetCompletionDate: "2030-06-30",
            ExpectedCustomerSpend: COMPLETE_OPPORTUNITY.Project.ExpectedCustomerSpend,
          },
        },
      },
    });

    const opportunity = await storedOpportunity(h, opportunityId);
    expect(opportunity.doc.LifeCycle.ReviewStatus).toBe("Submitted");
    expect(opportunity.awsSummary).toMatchObject({ InvolvementType: "Co-Sell", Visibility: "Full" });

    const types = (await eventsOf(h, PARTNER_A, since)).map((e) => e.event["detail-type"]);
    expect(types).toEqual([
      "Opportunity Updated",
      "Engagement Created",
      "Engagement Member Added",
      "Engagement Invitation Created",
    ]);

    const listed = await a().send(
      new ListEngagementFromOpportunityTasksCommand({ Catalog, EngagementIdentifier: [task.EngagementId!] }),
    );
    expect(listed.TaskSummaries).toEqual([task]);
  });

  it("submits a converted lead, once completed, through the lead's engagement where AWS is a member", async () => {
    const sent = await acceptedLead();
    const converted = await convertTask(sent.EngagementId, "1");
    const opportunityId = converted.OpportunityId!;
    // As converted it has no expected spend and no solution: SubmitOpportunity's rules refuse it.
    const refused = await submitTask(opportunityId);
    expect(refused).toMatchObject({ TaskStatus: "FAILED", ReasonCode: "OpportunityValidationFailed" });
    expect(refused.Message).toContain("project.expectedCustomerSpend");
    expect(refused.Message).toContain("relatedEntityIdentifiers.solutions");
    expect((await storedOpportunity(h, opportunityId)).doc.LifeCycle.ReviewStatus).toBe("Pending Submission");

    await patchOpportunity(h, opportunityId, (doc) => {
      doc.Project.ExpectedCustomerSpend = COMPLETE_OPPORTUNITY.Project.ExpectedCustomerSpend;
    });
    await associateSolution(h, PARTNER_A, opportunityId);
    const task = await submitTask(opportunityId);
    expect(task).toMatchObject({
      TaskStatus: "COMPLETE",
      OpportunityId: opportunityId,
      EngagementId: sent.EngagementId,
    });
    expect(task.EngagementInvitationId).toBeUndefined();
    expect((await storedOpportunity(h, opportunityId)).doc.LifeCycle.ReviewStatus).toBe("Submitted");
  });

  describe("fails the task when", () => {
    it("the opportunity was submitted already: OpportunityConflict", async () => {
      const opportunityId = await createOpportunity(h, PARTNER_A);
      expect((await submitTask(opportunityId)).TaskStatus).toBe("COMPLETE");
      const again = await submitTask(opportunityId);
      expect(again).toMatchObject({
        TaskStatus: "FAILED",
        ReasonCode: "OpportunityConflict",
        OpportunityId: opportunityId,
      });
      expect(again.EngagementId).toBeUndefined();
    });

    it("the opportunity is another account's or unknown: OpportunityAccessDenied", async () => {
      const opportunityId = await createOpportunity(h, PARTNER_A);
      const task = await submitTask(opportunityId, PARTNER_B);
      expect(task).toMatchObject({ TaskStatus: "FAILED", ReasonCode: "OpportunityAccessDenied" });
      expect((await storedOpportunity(h, opportunityId)).doc.LifeCycle.ReviewStatus).toBe(
        "Pending Submission",
      );
      expect((await submitTask("O999999999")).ReasonCode).toBe("OpportunityAccessDenied");
    });

    it("the opportunity lacks what a submission needs: OpportunityValidationFailed", async () => {
      const opportunityId = await createOpportunity(
        h,
        PARTNER_A,
        { Customer: { Account: { CompanyName: "Half-filled Inc" } } },
        { viaStore: true },
      );
      const task = await submitTask(opportunityId);
      expect(task).toMatchObject({ TaskStatus: "FAILED", ReasonCode: "OpportunityValidationFailed" });
      expect(task.Message).toContain("project.title");
      expect(task.Message).toContain("lifeCycle.targetCloseDate");
    });
  });
});

describe("ClientToken", () => {
  it("replays a completed task without doing anything again", async () => {
    const sent = await awsReferral();
    const first = await acceptTask(sent.Id, PARTNER_A, "accept-once");
    const again = await acceptTask(sent.Id, PARTNER_A, "accept-once");
    expect(again.TaskId).toBe(first.TaskId);
    expect(again.TaskStatus).toBe("COMPLETE");
    expect(again.OpportunityId).toBe(first.OpportunityId);
    const listed = await a().send(
      new ListEngagementByAcceptingInvitationTasksCommand({
        Catalog,
        EngagementInvitationIdentifier: [sent.Id],
      }),
    );
    expect(listed.TaskSummaries?.map((t) => t.TaskId)).toEqual([first.TaskId]);
  });

  it("refuses the same token with another request: ConflictException", async () => {
    const one = await awsReferral();
    const two = await awsReferral();
    await acceptTask(one.Id, PARTNER_A, "accept-token-conflict");
    const err = await rejectionOf(acceptTask(two.Id, PARTNER_A, "accept-token-conflict"));
    expect(err.name).toBe("ConflictException");
    expect(err.$metadata.httpStatusCode).toBe(409);
    expect(err.message).toBe("Conflicting client token submitted for a new request body.");
  });

  it("in delayed mode answers IN_PROGRESS, and the replay reports COMPLETE once the delay passed", async () => {
    expect(await h.control("POST", "/_pclocal/tasks/mode", { delaySeconds: 60 })).toEqual({
      mode: "delayed",
      delaySeconds: 60,
    });
    const sent = await awsReferral();
    const started = await acceptTask(sent.Id, PARTNER_A, "delayed-accept");
    expect(started).toMatchObject({ TaskStatus: "IN_PROGRESS", EngagementInvitationId: sent.Id });
    expect(started.OpportunityId).toBeUndefined();
    const pending = await a().send(new GetEngagementInvitationCommand({ Catalog, Identifier: sent.Id }));
    expect(pending.Status).toBe("PENDING");

    const early = await acceptTask(sent.Id, PARTNER_A, "delayed-accept");
    expect(early).toMatchObject({ TaskId: started.TaskId, TaskStatus: "IN_PROGRESS" });
    const listedEarly = await a().send(
      new ListEngagementByAcceptingInvitationTasksCommand({ Catalog, TaskIdentifier: [started.TaskId!] }),
    );
    expect(listedEarly.TaskSummaries?.[0]?.TaskStatus).toBe("IN_PROGRESS");

    await h.control("POST", "/_pclocal/clock", { advanceSeconds: 61 });
    const done = await acceptTask(sent.Id, PARTNER_A, "delayed-accept");
    expect(done).toMatchObject({
      TaskId: started.TaskId,
      TaskStatus: "COMPLETE",
      OpportunityId: expect.stringMatching(OPPORTUNITY_ID),
      ResourceSnapshotJobId: expect.stringMatching(JOB_ID),
    });
    const accepted = await a().send(new GetEngagementInvitationCommand({ Catalog, Identifier: sent.Id }));
    expect(accepted.Status).toBe("ACCEPTED");
    const listed = await a().send(
      new ListEngagementByAcceptingInvitationTasksCommand({ Catalog, TaskIdentifier: [started.TaskId!] }),
    );
    const { $metadata, ...doneTask } = done;
    expect(listed.TaskSummaries).toEqual([doneTask]);
  });

  it("in delayed mode a task whose precondition fails by then ends FAILED", async () => {
    await h.control("POST", "/_pclocal/tasks/mode", { delaySeconds: 5 });
    const sent = await awsReferral();
    const first = await acceptTask(sent.Id);
    const second = await acceptTask(sent.Id);
    expect([first.TaskStatus, second.TaskStatus]).toEqual(["IN_PROGRESS", "IN_PROGRESS"]);
    await h.control("POST", "/_pclocal/clock", { advanceSeconds: 6 });
    const listed = await a().send(
      new ListEngagementByAcceptingInvitationTasksCommand({
        Catalog,
        TaskIdentifier: [first.TaskId!, second.TaskId!],
        Sort: { SortBy: "StartTime", SortOrder: "ASCENDING" },
      }),
    );
    expect(listed.TaskSummaries?.map((t) => [t.TaskStatus, t.ReasonCode])).toEqual([
      ["COMPLETE", undefined],
      ["FAILED", "EngagementInvitationConflict"],
    ]);
  });

  it("in delayed mode a due task completes in the background, with no call to settle it", async () => {
    await h.control("POST", "/_pclocal/tasks/mode", { delaySeconds: 1 });
    const sent = await awsReferral();
    const started = await acceptTask(sent.Id);
    expect(started.TaskStatus).toBe("IN_PROGRESS");
    // Lists are read-only: only the background sweep can complete the task they show.
    await vi.waitFor(
      async () => {
        const listed = await a().send(
          new ListEngagementByAcceptingInvitationTasksCommand({ Catalog, TaskIdentifier: [started.TaskId!] }),
        );
        expect(listed.TaskSummaries?.[0]?.TaskStatus).toBe("COMPLETE");
      },
      { timeout: 5_000, interval: 100 },
    );
  });

  it("the task mode switch refuses a bad delay", async () => {
    const { status, json } = await h.controlRaw("POST", "/_pclocal/tasks/mode", { delaySeconds: -1 });
    expect(status).toBe(400);
    expect(json.__type).toBe("ValidationException");
    expect(await h.control("GET", "/_pclocal/tasks/mode")).toEqual({ mode: "synchronous", delaySeconds: 0 });
  });
});
