import {
  AcceptEngagementInvitationCommand,
  ListEngagementByAcceptingInvitationTasksCommand,
  type ListEngagementByAcceptingInvitationTasksCommandInput,
  ListEngagementFromOpportunityTasksCommand,
  ListOpportunityFromEngagementTasksCommand,
  StartEngagementByAcceptingInvitationTaskCommand,
  StartEngagementFromOpportunityTaskCommand,
  StartOpportunityFromEngagementTaskCommand,
} from "@aws-sdk/client-partnercentral-selling";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LEAD_CONTEXT, LEAD_INVITATION_PAYLOAD, OPPORTUNITY_INVITATION_PAYLOAD } from "./helpers/fixtures.js";
import { type Harness, PARTNER_A, PARTNER_B, rejectionOf, startHarness } from "./helpers/harness.js";
import { awsSends, createOpportunity } from "./helpers/tasks.js";

let h: Harness;
const Catalog = "Sandbox";
/** Partner A's accept tasks, oldest first: three FAILED, then two COMPLETE. */
const started: {
  TaskId: string;
  TaskArn: string;
  TaskStatus: string;
  OpportunityId?: string;
  Invitation?: string;
}[] = [];

const list = (
  input: Partial<ListEngagementByAcceptingInvitationTasksCommandInput> = {},
  account = PARTNER_A,
) => h.client(account).send(new ListEngagementByAcceptingInvitationTasksCommand({ Catalog, ...input }));

beforeAll(async () => {
  h = await startHarness();
  const a = h.client(PARTNER_A);
  const tick = () => h.control("POST", "/_pclocal/clock", { advanceSeconds: 1 });
  for (const n of [1, 2, 3]) {
    const task = await a.send(
      new StartEngagementByAcceptingInvitationTaskCommand({ Catalog, Identifier: `engi-000000000000${n}` }),
    );
    started.push({ TaskId: task.TaskId!, TaskArn: task.TaskArn!, TaskStatus: task.TaskStatus! });
    await tick();
  }
  for (let n = 0; n < 2; n++) {
    const sent = await awsSends(h, PARTNER_A, {
      PayloadType: "OpportunityInvitation",
      Payload: { OpportunityInvitation: OPPORTUNITY_INVITATION_PAYLOAD },
    });
    const task = await a.send(
      new StartEngagementByAcceptingInvitationTaskCommand({ Catalog, Identifier: sent.Id }),
    );
    started.push({
      TaskId: task.TaskId!,
      TaskArn: task.TaskArn!,
      TaskStatus: task.TaskStatus!,
      OpportunityId: task.OpportunityId!,
      Invitation: sent.Id,
    });
    await tick();
  }
  // Partner B's own task, which A never sees.
  await h
    .client(PARTNER_B)
    .send(new StartEngagementByAcceptingInvitationTaskCommand({ Catalog, Identifier: "engi-0000000000009" }));
});
afterAll(() => h.close());

const ids = (summaries: { TaskId?: string }[] | undefined) => (summaries ?? []).map((t) => t.TaskId);
const newestFirst = () => [...started].reverse().map((t) => t.TaskId);

describe("ListEngagementByAcceptingInvitationTasks", () => {
  it("lists only the caller's tasks, newest first by default", async () => {
    expect(started.map((t) => t.TaskStatus)).toEqual(["FAILED", "FAILED", "FAILED", "COMPLETE", "COMPLETE"]);
    const page = await list();
    expect(ids(page.TaskSummaries)).toEqual(newestFirst());
    expect(page.NextToken).toBeUndefined();
    const ofB = await list({}, PARTNER_B);
    expect(ofB.TaskSummaries).toHaveLength(1);
    expect(ofB.TaskSummaries?.[0]?.TaskId).not.toBeOneOf(newestFirst());
    const otherCatalog = await list({ Catalog: "AWS" });
    expect(otherCatalog.TaskSummaries).toEqual([]);
  });

  it("sorts by StartTime ascending on request", async () => {
    const page = await list({ Sort: { SortBy: "StartTime", SortOrder: "ASCENDING" } });
    expect(ids(page.TaskSummaries)).toEqual(started.map((t) => t.TaskId));
    const times = page.TaskSummaries!.map((t) => t.StartTime!.getTime());
    expect([...times].sort((x, y) => x - y)).toEqual(times);
  });

  it("filters by status, task (id or ARN), opportunity and invitation", async () => {
    expect(ids((await list({ TaskStatus: ["COMPLETE"] })).TaskSummaries)).toEqual(newestFirst().slice(0, 2));
    expect(ids((await list({ TaskStatus: ["FAILED", "IN_PROGRESS"] })).TaskSummaries)).toEqual(
      newestFirst().slice(2),
    );
    expect(
      ids((await list({ TaskIdentifier: [started[0]!.TaskArn, started[1]!.TaskId] })).TaskSummaries),
    ).toEqual([started[1]!.TaskId, started[0]!.TaskId]);
    expect(ids((await list({ OpportunityIdentifier: [started[3]!.OpportunityId!] })).TaskSummaries)).toEqual([
      started[3]!.TaskId,
    ]);
    expect(
      ids((await list({ EngagementInvitationIdentifier: [started[4]!.Invitation!] })).TaskSummaries),
    ).toEqual([started[4]!.TaskId]);
    const failed = await list({ TaskIdentifier: [started[0]!.TaskId] });
    expect(failed.TaskSummaries?.[0]).toMatchObject({
      TaskStatus: "FAILED",
      ReasonCode: "InvitationAccessDenied",
      EngagementInvitationId: "engi-0000000000001",
    });
    // Another account's task is not found by id either.
    expect((await list({ TaskIdentifier: [started[0]!.TaskId] }, PARTNER_B)).TaskSummaries).toEqual([]);
  });

  it("pages with MaxResults and NextToken, without skipping or repeating", async () => {
    const seen: (string | undefined)[] = [];
    const sizes: number[] = [];
    let token: string | undefined;
    do {
      const page = await list({ MaxResults: 2, NextToken: token });
      sizes.push(page.TaskSummaries!.length);
      seen.push(...ids(page.TaskSummaries));
      token = page.NextToken;
    } while (token);
    expect(sizes).toEqual([2, 2, 1]);
    expect(seen).toEqual(newestFirst());
  });

  it("refuses a NextToken of another query, and MaxResults out of range", async () => {
    const first = await list({ MaxResults: 1 });
    const foreign = await rejectionOf(
      list({ MaxResults: 1, NextToken: first.NextToken, TaskStatus: ["FAILED"] }),
    );
    expect(foreign.name).toBe("ValidationException");
    const stolen = await rejectionOf(list({ MaxResults: 1, NextToken: first.NextToken }, PARTNER_B));
    expect(stolen.name).toBe("ValidationException");
    const tooMany = await rejectionOf(list({ MaxResults: 1001 }));
    expect(tooMany.name).toBe("ValidationException");
    expect((await list({ MaxResults: 1000 })).TaskSummaries).toHaveLength(5);
  });
});

describe("ListEngagementFromOpportunityTasks and ListOpportunityFromEngagementTasks", () => {
  it("filter by opportunity, engagement and context", async () => {
    const a = h.client(PARTNER_A);
    const lead = await awsSends(h, PARTNER_A, {
      PayloadType: "LeadInvitation",
      Payload: { LeadInvitation: LEAD_INVITATION_PAYLOAD },
      Context: LEAD_CONTEXT,
    });
    await a.send(new AcceptEngagementInvitationCommand({ Catalog, Identifier: lead.Id }));
    const converted = await a.send(
      new StartOpportunityFromEngagementTaskCommand({
        Catalog,
        Identifier: lead.EngagementId,
        ContextIdentifier: "1",
      }),
    );
    const failedConversion = await a.send(
      new StartOpportunityFromEngagementTaskCommand({
        Catalog,
        Identifier: lead.EngagementId,
        ContextIdentifier: "9",
      }),
    );
    const byContext = await a.send(
      new ListOpportunityFromEngagementTasksCommand({ Catalog, ContextIdentifier: ["2"] }),
    );
    expect(ids(byContext.TaskSummaries)).toEqual([converted.TaskId]);
    const byEngagement = await a.send(
      new ListOpportunityFromEngagementTasksCommand({ Catalog, EngagementIdentifier: [lead.EngagementArn] }),
    );
    expect(ids(byEngagement.TaskSummaries)).toEqual([failedConversion.TaskId, converted.TaskId]);
    const byOpportunity = await a.send(
      new ListOpportunityFromEngagementTasksCommand({
        Catalog,
        OpportunityIdentifier: [converted.OpportunityId!],
      }),
    );
    expect(ids(byOpportunity.TaskSummaries)).toEqual([converted.TaskId]);

    const opportunityId = await createOpportunity(h, PARTNER_A);
    const submitted = await a.send(
      new StartEngagementFromOpportunityTaskCommand({
        Catalog,
        Identifier: opportunityId,
        AwsSubmission: { InvolvementType: "For Visibility Only" },
      }),
    );
    const fromOpportunity = await a.send(
      new ListEngagementFromOpportunityTasksCommand({ Catalog, OpportunityIdentifier: [opportunityId] }),
    );
    const { $metadata, ...summary } = submitted;
    expect(fromOpportunity.TaskSummaries).toEqual([summary]);
    const byItsEngagement = await a.send(
      new ListEngagementFromOpportunityTasksCommand({
        Catalog,
        EngagementIdentifier: [submitted.EngagementId!],
      }),
    );
    expect(ids(byItsEngagement.TaskSummaries)).toEqual([submitted.TaskId]);
    // Each list holds its own kind only.
    const accepting = await list({ TaskIdentifier: [submitted.TaskId!] });
    expect(accepting.TaskSummaries).toEqual([]);
    expect(
      (await h.client(PARTNER_B).send(new ListEngagementFromOpportunityTasksCommand({ Catalog })))
        .TaskSummaries,
    ).toEqual([]);
  });
});
