/**
 * Resource snapshots and snapshot jobs through the SDK: revisions across opportunity updates,
 * who sees which template, job states, the missing-role failure, associations and the
 * Engagement Resource Snapshot Created events.
 */
import {
  AcceptEngagementInvitationCommand,
  CreateEngagementCommand,
  CreateEngagementInvitationCommand,
  CreateOpportunityCommand,
  CreateResourceSnapshotCommand,
  CreateResourceSnapshotJobCommand,
  DeleteResourceSnapshotJobCommand,
  GetOpportunityCommand,
  GetResourceSnapshotCommand,
  GetResourceSnapshotJobCommand,
  ListEngagementResourceAssociationsCommand,
  ListResourceSnapshotJobsCommand,
  ListResourceSnapshotsCommand,
  ListTagsForResourceCommand,
  type OpportunityInvitationPayload,
  PutSellingSystemSettingsCommand,
  StartEngagementByAcceptingInvitationTaskCommand,
  StartResourceSnapshotJobCommand,
  StopResourceSnapshotJobCommand,
  UpdateOpportunityCommand,
  type UpdateOpportunityCommandInput,
} from "@aws-sdk/client-partnercentral-selling";
import { describe, expect, it } from "vitest";
import type { Account } from "../../src/auth/accounts.js";
import { envelopeOf, eventsOf, logEnd } from "./helpers/event-log.js";
import { OPPORTUNITY_INVITATION_PAYLOAD } from "./helpers/fixtures.js";
import { PARTNER_A, PARTNER_B, PARTNER_C, rejectionOf, useHarness } from "./helpers/harness.js";
import { COMPLETE_OPPORTUNITY, JOB_ID } from "./helpers/tasks.js";

const CATALOG = "Sandbox";
const SUMMARY = "OpportunitySummaryView";
const FULL = "AwsOpportunitySummaryFullView";

const h = useHarness({}, { resetEach: true });

const tick = () => h.control("POST", "/_pclocal/clock", { advanceSeconds: 1 });

/** Partner A's engagement with Partner B as a member, and A's opportunity. */
async function setup() {
  const eng = await h
    .client(PARTNER_A)
    .send(new CreateEngagementCommand({ Catalog: CATALOG, Title: "Snapshots", Description: "Shared work" }));
  const invitation = await h.client(PARTNER_A).send(
    new CreateEngagementInvitationCommand({
      Catalog: CATALOG,
      EngagementIdentifier: eng.Id!,
      Invitation: {
        Message: "Join us",
        Receiver: { Account: { AwsAccountId: PARTNER_B.awsAccountId } },
        Payload: {
          OpportunityInvitation: OPPORTUNITY_INVITATION_PAYLOAD as unknown as OpportunityInvitationPayload,
        },
      },
    }),
  );
  await h
    .client(PARTNER_B)
    .send(new AcceptEngagementInvitationCommand({ Catalog: CATALOG, Identifier: invitation.Id! }));
  const opp = await h
    .client(PARTNER_A)
    .send(new CreateOpportunityCommand({ Catalog: CATALOG, ...(COMPLETE_OPPORTUNITY as object) } as never));
  return { engagementId: eng.Id!, opportunityId: opp.Id! };
}

const snapshotRef = (engagementId: string, opportunityId: string, template = SUMMARY) => ({
  Catalog: CATALOG,
  EngagementIdentifier: engagementId,
  ResourceType: "Opportunity" as const,
  ResourceIdentifier: opportunityId,
  ResourceSnapshotTemplateIdentifier: template,
});

const createSnapshot = (by: Account, engagementId: string, opportunityId: string, template = SUMMARY) =>
  h.client(by).send(new CreateResourceSnapshotCommand(snapshotRef(engagementId, opportunityId, template)));

const getSnapshot = (
  by: Account,
  engagementId: string,
  opportunityId: string,
  template = SUMMARY,
  revision?: number,
) =>
  h.client(by).send(
    new GetResourceSnapshotCommand({
      ...snapshotRef(engagementId, opportunityId, template),
      Revision: revision,
    }),
  );

/** UpdateOpportunity with PUT semantics: the whole current payload, changed by `change`. */
async function updateOpportunity(id: string, change: (doc: any) => void) {
  await tick();
  const got = await h.client(PARTNER_A).send(new GetOpportunityCommand({ Catalog: CATALOG, Identifier: id }));
  const {
    $metadata: _m,
    Id,
    Arn: _a,
    CreatedDate: _c,
    OpportunityTeam: _t,
    RelatedEntityIdentifiers: _r,
    ...rest
  } = got;
  const doc: any = structuredClone({ ...rest, Identifier: Id });
  change(doc);
  await h.client(PARTNER_A).send(new UpdateOpportunityCommand(doc as UpdateOpportunityCommandInput));
}

const registerRole = (by: Account) =>
  h.client(by).send(
    new PutSellingSystemSettingsCommand({
      Catalog: CATALOG,
      ResourceSnapshotJobRoleIdentifier: `arn:aws:iam::${by.awsAccountId}:role/PartnerCentralSnapshotJobRole`,
    }),
  );

async function createJob(engagementId: string, opportunityId: string, template = SUMMARY) {
  const job = await h
    .client(PARTNER_A)
    .send(new CreateResourceSnapshotJobCommand(snapshotRef(engagementId, opportunityId, template)));
  return job.Id!;
}

const jobRef = (id: string) => ({ Catalog: CATALOG, ResourceSnapshotJobIdentifier: id });
const getJob = (id: string, by: Account = PARTNER_A) =>
  h.client(by).send(new GetResourceSnapshotJobCommand(jobRef(id)));

const revisionsOf = async (by: Account, engagementId: string, opportunityId: string) =>
  (
    await h.client(by).send(
      new ListResourceSnapshotsCommand({
        Catalog: CATALOG,
        EngagementIdentifier: engagementId,
        ResourceIdentifier: opportunityId,
        ResourceSnapshotTemplateIdentifier: SUMMARY,
      }),
    )
  ).ResourceSnapshotSummaries!.map((s) => s.Revision);

describe("CreateResourceSnapshot / GetResourceSnapshot", () => {
  it("numbers revisions per engagement, resource and template, and keeps every revision", async () => {
    const { engagementId, opportunityId } = await setup();
    const first = await createSnapshot(PARTNER_A, engagementId, opportunityId);
    expect(first.Revision).toBe(1);
    expect(first.Arn).toBe(
      `arn:aws:partnercentral:us-east-1::catalog/Sandbox/engagement/${engagementId}/resource/Opportunity/${opportunityId}/template/OpportunitySummaryView/snapshot/1`,
    );
    await updateOpportunity(opportunityId, (doc) => {
      doc.Project.Title = "Second title";
    });
    const second = await createSnapshot(PARTNER_A, engagementId, opportunityId);
    expect(second.Revision).toBe(2);
    expect((await createSnapshot(PARTNER_A, engagementId, opportunityId, FULL)).Revision).toBe(1);

    const latest = await getSnapshot(PARTNER_B, engagementId, opportunityId);
    expect(latest.Revision).toBe(2);
    expect(latest.CreatedBy).toBe(PARTNER_A.awsAccountId);
    expect(latest.EngagementId).toBe(engagementId);
    expect(latest.ResourceSnapshotTemplateName).toBe(SUMMARY);
    expect(latest.TargetMemberAccounts?.sort()).toEqual(
      [PARTNER_A.awsAccountId, PARTNER_B.awsAccountId].sort(),
    );
    expect(latest.Payload?.OpportunitySummary?.Project?.CustomerUseCase).toBe(
      COMPLETE_OPPORTUNITY.Project.CustomerUseCase,
    );
    const old = await getSnapshot(PARTNER_B, engagementId, opportunityId, SUMMARY, 1);
    expect(old.Arn).toBe(first.Arn);
    expect(old.Payload?.OpportunitySummary?.Customer?.Account?.CompanyName).toBe("Example Logistics Ltd");
    expect(old.Payload?.OpportunitySummary?.Lifecycle).toEqual({
      Stage: "Prospect",
      TargetCloseDate: "2030-06-30",
      ReviewStatus: "Pending Submission",
    });
    expect(old.Payload?.OpportunitySummary?.OpportunityType).toBe("Net New Business");
    expect(old.Payload?.OpportunitySummary?.PrimaryNeedsFromAws).toEqual([
      "Co-Sell - Architectural Validation",
    ]);

    const missing = await rejectionOf(getSnapshot(PARTNER_A, engagementId, opportunityId, SUMMARY, 3));
    expect(missing.name).toBe("ResourceNotFoundException");
  });

  it("shows AwsOpportunitySummaryFullView to the owner only, OpportunitySummaryView to every member", async () => {
    const { engagementId, opportunityId } = await setup();
    await createSnapshot(PARTNER_A, engagementId, opportunityId, FULL);
    await createSnapshot(PARTNER_A, engagementId, opportunityId, SUMMARY);
    expect((await getSnapshot(PARTNER_A, engagementId, opportunityId, FULL)).Revision).toBe(1);
    expect((await rejectionOf(getSnapshot(PARTNER_B, engagementId, opportunityId, FULL))).name).toBe(
      "AccessDeniedException",
    );
    expect((await getSnapshot(PARTNER_B, engagementId, opportunityId, SUMMARY)).Revision).toBe(1);
    expect((await rejectionOf(getSnapshot(PARTNER_C, engagementId, opportunityId, SUMMARY))).name).toBe(
      "ResourceNotFoundException",
    );
    const list = async (by: Account) =>
      (
        await h
          .client(by)
          .send(new ListResourceSnapshotsCommand({ Catalog: CATALOG, EngagementIdentifier: engagementId }))
      ).ResourceSnapshotSummaries!.map((s) => s.ResourceSnapshotTemplateName);
    expect(await list(PARTNER_A)).toEqual([FULL, SUMMARY]);
    expect(await list(PARTNER_B)).toEqual([SUMMARY]);
  });

  it("refuses unknown templates, others' opportunities and non-members", async () => {
    const { engagementId, opportunityId } = await setup();
    const unknown = await rejectionOf(
      createSnapshot(PARTNER_A, engagementId, opportunityId, "OpportunityFullView"),
    );
    expect(unknown.name).toBe("ValidationException");
    expect(unknown.Reason).toBe("BUSINESS_VALIDATION_FAILED");
    expect((await rejectionOf(createSnapshot(PARTNER_B, engagementId, opportunityId))).name).toBe(
      "ResourceNotFoundException",
    );
    expect((await rejectionOf(createSnapshot(PARTNER_C, engagementId, opportunityId))).name).toBe(
      "ResourceNotFoundException",
    );
  });

  it("pages ListResourceSnapshots with NextToken", async () => {
    const { engagementId, opportunityId } = await setup();
    for (let i = 0; i < 3; i++) await createSnapshot(PARTNER_A, engagementId, opportunityId);
    const seen: number[] = [];
    let token: string | undefined;
    do {
      const page = await h.client(PARTNER_B).send(
        new ListResourceSnapshotsCommand({
          Catalog: CATALOG,
          EngagementIdentifier: engagementId,
          MaxResults: 2,
          NextToken: token,
        }),
      );
      seen.push(...page.ResourceSnapshotSummaries!.map((s) => s.Revision!));
      token = page.NextToken;
    } while (token);
    expect(seen).toEqual([1, 2, 3]);
  });
});

describe("snapshot events", () => {
  it("sends OpportunitySummaryView snapshots to every member, AwsOpportunitySummaryFullView to the owner", async () => {
    const { engagementId, opportunityId } = await setup();
    const fromA = await logEnd(h, PARTNER_A);
    const fromB = await logEnd(h, PARTNER_B);
    const summary = await createSnapshot(PARTNER_A, engagementId, opportunityId, SUMMARY);
    const full = await createSnapshot(PARTNER_A, engagementId, opportunityId, FULL);
    const event = (account: Account, arn: string) => ({
      ...envelopeOf(account, "Engagement Resource Snapshot Created", [arn]),
      detail: {
        schemaVersion: "1",
        catalog: CATALOG,
        resourceSnapshot: {
          arn,
          engagementId,
          resourceId: opportunityId,
          resourceType: "Opportunity",
          createdBy: PARTNER_A.awsAccountId,
        },
      },
    });
    expect((await eventsOf(h, PARTNER_A, fromA)).map((e) => e.event)).toEqual([
      event(PARTNER_A, summary.Arn!),
      event(PARTNER_A, full.Arn!),
    ]);
    expect((await eventsOf(h, PARTNER_B, fromB)).map((e) => e.event)).toEqual([
      event(PARTNER_B, summary.Arn!),
    ]);
  });
});

describe("resource snapshot jobs", () => {
  it("writes a revision when started and after each opportunity change, and nothing when nothing changed", async () => {
    const { engagementId, opportunityId } = await setup();
    await registerRole(PARTNER_A);
    const jobId = await createJob(engagementId, opportunityId);
    expect(jobId).toMatch(JOB_ID);
    const created = await getJob(jobId);
    expect(created.Status).toBe("Stopped");
    expect(created.Arn).toBe(
      `arn:aws:partnercentral:us-east-1:${PARTNER_A.awsAccountId}:catalog/Sandbox/resource-snapshot-job/${jobId}`,
    );
    expect(created.ResourceArn).toBe(
      `arn:aws:partnercentral:us-east-1:${PARTNER_A.awsAccountId}:catalog/Sandbox/opportunity/${opportunityId}`,
    );
    expect(created).toMatchObject({
      Catalog: CATALOG,
      Id: jobId,
      EngagementId: engagementId,
      ResourceType: "Opportunity",
      ResourceId: opportunityId,
      ResourceSnapshotTemplateName: SUMMARY,
    });
    expect(created.LastSuccessfulExecutionDate).toBeUndefined();
    expect(await revisionsOf(PARTNER_B, engagementId, opportunityId)).toEqual([]);

    await h.client(PARTNER_A).send(new StartResourceSnapshotJobCommand(jobRef(jobId)));
    expect(await revisionsOf(PARTNER_B, engagementId, opportunityId)).toEqual([1]);
    const started = await getJob(jobId);
    expect(started.Status).toBe("Running");
    expect(started.LastSuccessfulExecutionDate).toBeInstanceOf(Date);
    expect(started.LastFailure).toBeUndefined();

    await updateOpportunity(opportunityId, (doc) => {
      doc.LifeCycle.NextSteps = "Call the customer";
    });
    await updateOpportunity(opportunityId, (doc) => {
      doc.Project.ExpectedCustomerSpend[0].Amount = "15000";
    });
    // A change the template does not show (the project title) writes nothing.
    await updateOpportunity(opportunityId, (doc) => {
      doc.Project.Title = "A title the summary view does not carry";
    });
    expect(await revisionsOf(PARTNER_B, engagementId, opportunityId)).toEqual([1, 2, 3]);
    const v2 = await getSnapshot(PARTNER_B, engagementId, opportunityId, SUMMARY, 2);
    expect(v2.Payload?.OpportunitySummary?.Lifecycle?.NextSteps).toBe("Call the customer");
    expect(v2.Payload?.OpportunitySummary?.Project?.ExpectedCustomerSpend?.[0]?.Amount).toBe("12000");
    const v3 = await getSnapshot(PARTNER_B, engagementId, opportunityId);
    expect(v3.Revision).toBe(3);
    expect(v3.Payload?.OpportunitySummary?.Project?.ExpectedCustomerSpend?.[0]?.Amount).toBe("15000");

    // Stopped: changes no longer write revisions; started again with nothing new: nothing either.
    await h.client(PARTNER_A).send(new StopResourceSnapshotJobCommand(jobRef(jobId)));
    await updateOpportunity(opportunityId, (doc) => {
      doc.LifeCycle.NextSteps = "Send the proposal";
    });
    expect(await revisionsOf(PARTNER_B, engagementId, opportunityId)).toEqual([1, 2, 3]);
    await h.client(PARTNER_A).send(new StartResourceSnapshotJobCommand(jobRef(jobId)));
    expect(await revisionsOf(PARTNER_B, engagementId, opportunityId)).toEqual([1, 2, 3, 4]);
    await h.client(PARTNER_A).send(new StopResourceSnapshotJobCommand(jobRef(jobId)));
    await h.client(PARTNER_A).send(new StartResourceSnapshotJobCommand(jobRef(jobId)));
    expect(await revisionsOf(PARTNER_B, engagementId, opportunityId)).toEqual([1, 2, 3, 4]);
  });

  it("fails visibly without a registered snapshot-job role", async () => {
    const { engagementId, opportunityId } = await setup();
    const jobId = await createJob(engagementId, opportunityId);
    await h.client(PARTNER_A).send(new StartResourceSnapshotJobCommand(jobRef(jobId)));
    const job = await getJob(jobId);
    expect(job.Status).toBe("Running");
    expect(job.LastFailure).toMatch(/No ResourceSnapshotJobRoleArn registered.*PutSellingSystemSettings/);
    expect(job.LastSuccessfulExecutionDate).toBeUndefined();
    expect(await revisionsOf(PARTNER_A, engagementId, opportunityId)).toEqual([]);

    await registerRole(PARTNER_A);
    await updateOpportunity(opportunityId, (doc) => {
      doc.LifeCycle.NextSteps = "Now it works";
    });
    const recovered = await getJob(jobId);
    expect(recovered.LastFailure).toBeUndefined();
    expect(recovered.LastSuccessfulExecutionDate).toBeInstanceOf(Date);
    expect(await revisionsOf(PARTNER_A, engagementId, opportunityId)).toEqual([1]);
  });

  it("enforces the job states: start once, stop a running job, delete only a stopped one", async () => {
    const { engagementId, opportunityId } = await setup();
    const jobId = await createJob(engagementId, opportunityId);
    const client = h.client(PARTNER_A);
    const stopStopped = await rejectionOf(client.send(new StopResourceSnapshotJobCommand(jobRef(jobId))));
    expect(stopStopped.name).toBe("ValidationException");
    expect(stopStopped.Reason).toBe("BUSINESS_VALIDATION_FAILED");
    await client.send(new StartResourceSnapshotJobCommand(jobRef(jobId)));
    const startRunning = await rejectionOf(client.send(new StartResourceSnapshotJobCommand(jobRef(jobId))));
    expect(startRunning.name).toBe("ValidationException");
    const deleteRunning = await rejectionOf(client.send(new DeleteResourceSnapshotJobCommand(jobRef(jobId))));
    expect(deleteRunning.name).toBe("ConflictException");
    expect(deleteRunning.$metadata.httpStatusCode).toBe(409);
    await client.send(new StopResourceSnapshotJobCommand(jobRef(jobId)));
    await client.send(new DeleteResourceSnapshotJobCommand(jobRef(jobId)));
    expect((await rejectionOf(getJob(jobId))).name).toBe("ResourceNotFoundException");
  });

  it("keeps the tags given at creation", async () => {
    const { engagementId, opportunityId } = await setup();
    const job = await h.client(PARTNER_A).send(
      new CreateResourceSnapshotJobCommand({
        ...snapshotRef(engagementId, opportunityId),
        Tags: [{ Key: "team", Value: "alliances" }],
      }),
    );
    const tags = await h.client(PARTNER_A).send(new ListTagsForResourceCommand({ ResourceArn: job.Arn }));
    expect(tags.Tags).toEqual([{ Key: "team", Value: "alliances" }]);
  });

  it("keeps jobs to their owner, one per engagement, resource and template", async () => {
    const { engagementId, opportunityId } = await setup();
    const jobId = await createJob(engagementId, opportunityId);
    expect((await rejectionOf(getJob(jobId, PARTNER_B))).name).toBe("ResourceNotFoundException");
    expect(
      (await rejectionOf(h.client(PARTNER_B).send(new StartResourceSnapshotJobCommand(jobRef(jobId))))).name,
    ).toBe("ResourceNotFoundException");
    expect((await rejectionOf(createJob(engagementId, opportunityId))).name).toBe("ConflictException");
    const unknown = await rejectionOf(createJob(engagementId, opportunityId, "Nope123"));
    expect(unknown.name).toBe("ValidationException");
  });

  it("lists the owner's jobs newest first, filtered by engagement and status", async () => {
    const { engagementId, opportunityId } = await setup();
    const first = await createJob(engagementId, opportunityId, SUMMARY);
    await tick();
    const second = await createJob(engagementId, opportunityId, FULL);
    await h.client(PARTNER_A).send(new StartResourceSnapshotJobCommand(jobRef(first)));
    const list = (input: object, by: Account = PARTNER_A) =>
      h.client(by).send(new ListResourceSnapshotJobsCommand({ Catalog: CATALOG, ...input }));
    expect((await list({})).ResourceSnapshotJobSummaries).toEqual([
      {
        Id: second,
        Arn: `arn:aws:partnercentral:us-east-1:${PARTNER_A.awsAccountId}:catalog/Sandbox/resource-snapshot-job/${second}`,
        EngagementId: engagementId,
        Status: "Stopped",
      },
      {
        Id: first,
        Arn: `arn:aws:partnercentral:us-east-1:${PARTNER_A.awsAccountId}:catalog/Sandbox/resource-snapshot-job/${first}`,
        EngagementId: engagementId,
        Status: "Running",
      },
    ]);
    const ids = async (input: object) => (await list(input)).ResourceSnapshotJobSummaries!.map((j) => j.Id);
    expect(await ids({ Sort: { SortBy: "CreatedDate", SortOrder: "ASCENDING" } })).toEqual([first, second]);
    expect(await ids({ Status: "Running" })).toEqual([first]);
    expect(await ids({ EngagementIdentifier: engagementId, Status: "Stopped" })).toEqual([second]);
    const paged = await list({ MaxResults: 1 });
    expect(paged.ResourceSnapshotJobSummaries!.map((j) => j.Id)).toEqual([second]);
    expect(
      (await list({ MaxResults: 1, NextToken: paged.NextToken })).ResourceSnapshotJobSummaries!.map(
        (j) => j.Id,
      ),
    ).toEqual([first]);
    expect((await list({}, PARTNER_B)).ResourceSnapshotJobSummaries).toEqual([]);
  });
});

describe("ListEngagementResourceAssociations", () => {
  it("lists each engagement and resource with a snapshot, to members", async () => {
    const { engagementId, opportunityId } = await setup();
    const list = (by: Account, input: object = {}) =>
      h
        .client(by)
        .send(new ListEngagementResourceAssociationsCommand({ Catalog: CATALOG, ...input }))
        .then((r) => r.EngagementResourceAssociationSummaries);
    expect(await list(PARTNER_A)).toEqual([]);
    await createSnapshot(PARTNER_A, engagementId, opportunityId, SUMMARY);
    await createSnapshot(PARTNER_A, engagementId, opportunityId, FULL);
    const row = {
      Catalog: CATALOG,
      EngagementId: engagementId,
      ResourceType: "Opportunity",
      ResourceId: opportunityId,
      CreatedBy: PARTNER_A.awsAccountId,
    };
    expect(await list(PARTNER_A)).toEqual([row]);
    expect(await list(PARTNER_B, { EngagementIdentifier: engagementId })).toEqual([row]);
    expect(
      await list(PARTNER_B, { ResourceIdentifier: opportunityId, CreatedBy: PARTNER_A.awsAccountId }),
    ).toEqual([row]);
    expect(await list(PARTNER_B, { CreatedBy: PARTNER_B.awsAccountId })).toEqual([]);
    expect(await list(PARTNER_C)).toEqual([]);
    expect((await rejectionOf(list(PARTNER_C, { EngagementIdentifier: engagementId }))).name).toBe(
      "ResourceNotFoundException",
    );
  });
});

describe("jobs set up by tasks", () => {
  it("accepting an opportunity invitation through the task starts a real OpportunitySummaryView job", async () => {
    const eng = await h
      .client(PARTNER_A)
      .send(new CreateEngagementCommand({ Catalog: CATALOG, Title: "Task job", Description: "Shared work" }));
    const invitation = await h.client(PARTNER_A).send(
      new CreateEngagementInvitationCommand({
        Catalog: CATALOG,
        EngagementIdentifier: eng.Id!,
        Invitation: {
          Message: "Join us",
          Receiver: { Account: { AwsAccountId: PARTNER_B.awsAccountId } },
          Payload: {
            OpportunityInvitation: OPPORTUNITY_INVITATION_PAYLOAD as unknown as OpportunityInvitationPayload,
          },
        },
      }),
    );
    await registerRole(PARTNER_B);
    const task = await h
      .client(PARTNER_B)
      .send(
        new StartEngagementByAcceptingInvitationTaskCommand({ Catalog: CATALOG, Identifier: invitation.Id! }),
      );
    expect(task.TaskStatus).toBe("COMPLETE");
    const job = await getJob(task.ResourceSnapshotJobId!, PARTNER_B);
    expect(job).toMatchObject({
      Status: "Running",
      EngagementId: eng.Id,
      ResourceId: task.OpportunityId,
      ResourceSnapshotTemplateName: SUMMARY,
    });
    expect(job.LastFailure).toBeUndefined();
    const seen = await getSnapshot(PARTNER_A, eng.Id!, task.OpportunityId!);
    expect(seen.Revision).toBe(1);
    expect(seen.CreatedBy).toBe(PARTNER_B.awsAccountId);
  });
});
