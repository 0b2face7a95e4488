import {
  AcceptEngagementInvitationCommand,
  CreateEngagementCommand,
  CreateEngagementContextCommand,
  CreateEngagementInvitationCommand,
  type EngagementContextDetails,
  type EngagementContextPayload,
  GetEngagementCommand,
  GetProspectingFromEngagementTaskCommand,
  ListEngagementsCommand,
  ListProspectingFromEngagementTasksCommand,
  type OpportunityInvitationPayload,
  type ProspectingResultAws,
  StartOpportunityFromEngagementTaskCommand,
  StartProspectingFromEngagementTaskCommand,
  UpdateEngagementContextCommand,
} from "@aws-sdk/client-partnercentral-selling";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Account } from "../../src/auth/accounts.js";
import { envelopeOf, eventsOf, logEnd } from "./helpers/event-log.js";
import {
  CUSTOMER_PROJECT_CONTEXT,
  LEAD_CONTEXT,
  OPPORTUNITY_INVITATION_PAYLOAD,
} from "./helpers/fixtures.js";
import { PARTNER_A, PARTNER_B, rejectionOf, startHarness, useHarness } from "./helpers/harness.js";

const Catalog = "Sandbox";
const CONTEXT_ID = /^ctx-[0-9a-z]{14}$/;
const LEVELS = ["High", "Medium", "Low"];
const LEAD = LEAD_CONTEXT as unknown as EngagementContextDetails;
const PROJECT = CUSTOMER_PROJECT_CONTEXT as unknown as EngagementContextDetails;
const QUEUE = "/_pclocal/aws/prospecting-results";

const h = useHarness();
beforeEach(async () => {
  await h.control("POST", "/_pclocal/reset");
  await h.control("POST", "/_pclocal/tasks/mode", { delaySeconds: 0 });
});

/** A lead context like the fixture's, for another company. */
function leadFor(CompanyName: string, overrides: Record<string, unknown> = {}): EngagementContextDetails {
  const lead = structuredClone(LEAD_CONTEXT);
  Object.assign(lead.Payload.Lead.Customer, { CompanyName, ...overrides });
  return lead as unknown as EngagementContextDetails;
}

async function createEngagement(
  contexts: EngagementContextDetails[] = [LEAD],
  by: Account = PARTNER_A,
  on = h,
) {
  const created = await on
    .client(by)
    .send(new CreateEngagementCommand({ Catalog, Title: "Prospected", Description: "", Contexts: contexts }));
  return created.Id!;
}

const start = (Identifiers: string[], TaskName = "prospecting", by: Account = PARTNER_A, on = h) =>
  on.client(by).send(new StartProspectingFromEngagementTaskCommand({ Catalog, TaskName, Identifiers }));

const getTask = (TaskIdentifier: string, by: Account = PARTNER_A, on = h) =>
  on.client(by).send(new GetProspectingFromEngagementTaskCommand({ Catalog, TaskIdentifier }));

const getEngagement = (Identifier: string, by: Account = PARTNER_A, on = h) =>
  on.client(by).send(new GetEngagementCommand({ Catalog, Identifier }));

/** The engagement's prospecting-result contexts. */
async function resultContexts(engagementId: string, by: Account = PARTNER_A, on = h) {
  const engagement = await getEngagement(engagementId, by, on);
  return (engagement.Contexts ?? []).filter((c) => c.Type === "ProspectingResult");
}

/** AWS's result in the engagement's one prospecting-result context. */
async function resultOf(engagementId: string, on = h): Promise<ProspectingResultAws> {
  const [context] = await resultContexts(engagementId, PARTNER_A, on);
  return context!.Payload!.ProspectingResult!.Aws!;
}

/** Prospects the engagements in one task and answers each one's EngagementContextId. */
async function prospect(ids: string[], TaskName = "prospecting") {
  const started = await start(ids, TaskName);
  const task = await getTask(started.TaskId!);
  return { started, task, contextIds: task.Engagements!.map((e) => e.EngagementContextId) };
}

describe("a processed engagement gets a ProspectingResult context", () => {
  it("holds AWS's result for the engagement's customer, named in the task's EngagementContextId", async () => {
    const lead = await createEngagement([LEAD]);
    const project = await createEngagement([PROJECT]);
    const { started, task } = await prospect([lead, project], "Q4 prospecting");
    expect(started.TaskStatus).toBe("COMPLETED");
    expect(task.Engagements!.map((e) => [e.EngagementIdentifier, e.Status])).toEqual([
      [lead, "COMPLETED"],
      [project, "COMPLETED"],
    ]);

    for (const [i, id] of [lead, project].entries()) {
      const engagement = await getEngagement(id);
      expect(engagement.Contexts!.map((c) => c.Type)).toEqual([
        i === 0 ? "Lead" : "CustomerProject",
        "ProspectingResult",
      ]);
      const context = engagement.Contexts![1]!;
      expect(context.Id).toMatch(CONTEXT_ID);
      expect(context.Id).toBe(task.Engagements![i]!.EngagementContextId);
      expect(Object.keys(context.Payload!)).toEqual(["ProspectingResult"]);
      const aws = context.Payload!.ProspectingResult!.Aws!;
      expect(aws).toMatchObject({
        TaskId: started.TaskId,
        TaskArn: started.TaskArn,
        TaskName: "Q4 prospecting",
        StartTime: started.StartTime,
        EndTime: task.EndTime,
      });
      expect(LEVELS).toContain(aws.Insights!.MarketplaceEngagementScore);
      expect(LEVELS).toContain(aws.Insights!.SolutionScore);
      expect(aws.Insights!.SolutionCategory).toMatch(/\S/);
      expect(aws.Insights!.SolutionSubCategory).toMatch(/\S/);
      expect(aws.Customer!.EligiblePrograms!.length).toBeGreaterThan(0);
    }

    // From the lead: company, country (and where it lies), industry, segment.
    const fromLead = (await resultOf(lead)).Customer!;
    expect(fromLead).toMatchObject({
      AccountName: "Example University",
      Country: "US",
      Geo: "NAMER",
      Region: "Americas",
      SubRegion: "Northern America",
      Industry: "Education",
      Segment: "Large",
      CompanySize: "1,000-9,999 employees",
    });
    expect(["Higher Education", "K-12", "EdTech"]).toContain(fromLead.SubIndustry);
    expect(fromLead.PublicProfileSummary).toContain("Example University");
    expect(fromLead.PublicProfileSummary).toContain("United States");

    // From the customer project: company, country, industry.
    expect((await resultOf(project)).Customer).toMatchObject({
      AccountName: "Example Retail Inc",
      Country: "CA",
      Geo: "NAMER",
      Industry: "Retail",
    });
  });

  it("is visible to every member, who hear of it as Engagement Updated", async () => {
    const id = await createEngagement([LEAD]);
    const invitation = await h.client(PARTNER_A).send(
      new CreateEngagementInvitationCommand({
        Catalog,
        EngagementIdentifier: id,
        Invitation: {
          Message: "Join us",
          Receiver: { Account: { AwsAccountId: PARTNER_B.awsAccountId } },
          Payload: { OpportunityInvitation: OPPORTUNITY_INVITATION_PAYLOAD as OpportunityInvitationPayload },
        },
      }),
    );
    await h
      .client(PARTNER_B)
      .send(new AcceptEngagementInvitationCommand({ Catalog, Identifier: invitation.Id }));
    const [fromA, fromB] = [await logEnd(h, PARTNER_A), await logEnd(h, PARTNER_B)];

    const { contextIds } = await prospect([id]);
    const asA = await getEngagement(id, PARTNER_A);
    const asB = await getEngagement(id, PARTNER_B);
    expect(asB.Contexts).toEqual(asA.Contexts);
    expect(asB.Contexts!.find((c) => c.Type === "ProspectingResult")!.Id).toBe(contextIds[0]);

    const updated = (to: Account) => ({
      ...envelopeOf(to, "Engagement Updated", [asA.Arn!]),
      detail: {
        catalog: Catalog,
        engagement: {
          engagementArn: asA.Arn,
          engagementId: id,
          LastModifiedAt: asA.ModifiedAt!.toISOString(),
          LastModifiedBy: PARTNER_A.awsAccountId,
          ContextTypes: ["Lead", "ProspectingResult"],
        },
      },
    });
    expect((await eventsOf(h, PARTNER_A, fromA)).map((e) => e.event)).toEqual([updated(PARTNER_A)]);
    expect((await eventsOf(h, PARTNER_B, fromB)).map((e) => e.event)).toEqual([updated(PARTNER_B)]);
  });

  it("is found by ListEngagements ContextTypes and left out by ExcludeContextTypes", async () => {
    const prospected = await createEngagement([LEAD]);
    const plain = await createEngagement([LEAD]);
    await prospect([prospected]);
    const list = async (input: {
      ContextTypes?: "ProspectingResult"[];
      ExcludeContextTypes?: "ProspectingResult"[];
    }) =>
      (await h.client(PARTNER_A).send(new ListEngagementsCommand({ Catalog, ...input })))
        .EngagementSummaryList!;

    const withResult = await list({ ContextTypes: ["ProspectingResult"] });
    expect(withResult.map((e) => e.Id)).toEqual([prospected]);
    expect(withResult[0]!.ContextTypes).toEqual(["Lead", "ProspectingResult"]);
    expect((await list({ ExcludeContextTypes: ["ProspectingResult"] })).map((e) => e.Id)).toEqual([plain]);
  });

  it("is one per engagement: prospecting again replaces it in place under a new id", async () => {
    const id = await createEngagement([LEAD]);
    const first = await prospect([id], "first");
    const second = await prospect([id], "second");
    expect(second.contextIds[0]).toMatch(CONTEXT_ID);
    expect(second.contextIds[0]).not.toBe(first.contextIds[0]);

    const engagement = await getEngagement(id);
    expect(engagement.Contexts!.map((c) => [c.Type, c.Id])).toEqual([
      ["Lead", "1"],
      ["ProspectingResult", second.contextIds[0]],
    ]);
    expect((await resultOf(id)).TaskId).toBe(second.started.TaskId);
    // The earlier task still names the result it produced.
    expect((await getTask(first.started.TaskId!)).Engagements![0]!.EngagementContextId).toBe(
      first.contextIds[0],
    );

    // Partner contexts keep their numbering around it.
    const added = await h.client(PARTNER_A).send(
      new CreateEngagementContextCommand({
        Catalog,
        EngagementIdentifier: id,
        Type: "CustomerProject",
        Payload: PROJECT.Payload,
      }),
    );
    expect(added.ContextId).toBe("2");
  });

  it("takes one of the five context places; an engagement with five others fails ServiceQuotaExceeded", async () => {
    const full = await createEngagement([LEAD, PROJECT, LEAD, PROJECT, LEAD]);
    const four = await createEngagement([LEAD, PROJECT, LEAD, PROJECT]);
    const { started, task } = await prospect([full, four]);
    expect(started.TaskStatus).toBe("COMPLETED");
    const [onFull, onFour] = task.Engagements!;
    expect(onFull).toMatchObject({ Status: "FAILED", ReasonCode: "ServiceQuotaExceeded" });
    expect(onFull!.EngagementContextId).toBeUndefined();
    expect(onFour).toMatchObject({
      Status: "COMPLETED",
      EngagementContextId: expect.stringMatching(CONTEXT_ID),
    });
    expect((await getEngagement(full)).Contexts).toHaveLength(5);

    const sixth = await rejectionOf(
      h.client(PARTNER_A).send(
        new CreateEngagementContextCommand({
          Catalog,
          EngagementIdentifier: four,
          Type: "Lead",
          Payload: LEAD.Payload,
        }),
      ),
    );
    expect(sixth.name).toBe("ServiceQuotaExceededException");
    // Replacing its own result needs no new place.
    const again = await prospect([four]);
    expect(again.task.Engagements![0]!.Status).toBe("COMPLETED");
    expect((await getEngagement(four)).Contexts).toHaveLength(5);
  });

  it("leaves lead conversion working; a ctx- id is no ContextIdentifier the model accepts", async () => {
    const id = await createEngagement([LEAD]);
    const { contextIds } = await prospect([id]);
    const bad = await rejectionOf(
      h.client(PARTNER_A).send(
        new StartOpportunityFromEngagementTaskCommand({
          Catalog,
          Identifier: id,
          ContextIdentifier: contextIds[0],
        }),
      ),
    );
    expect(bad.name).toBe("ValidationException");
    expect(bad.ErrorList).toEqual([expect.objectContaining({ FieldName: "contextIdentifier" })]);

    const converted = await h
      .client(PARTNER_A)
      .send(
        new StartOpportunityFromEngagementTaskCommand({ Catalog, Identifier: id, ContextIdentifier: "1" }),
      );
    expect(converted).toMatchObject({ TaskStatus: "COMPLETE", ContextId: "2" });
    expect((await getEngagement(id)).Contexts!.map((c) => c.Type)).toEqual([
      "Lead",
      "ProspectingResult",
      "CustomerProject",
    ]);
  });
});

describe("the result is deterministic", () => {
  it("gives the same customer the same result, on another engagement and on another server", async () => {
    const same = leadFor("Example Robotics GmbH", {
      Address: { CountryCode: "DE" },
      Industry: "Manufacturing",
    });
    const one = await createEngagement([same]);
    const two = await createEngagement([same]);
    await prospect([one, two]);
    const [a, b] = [await resultOf(one), await resultOf(two)];
    expect(b.Customer).toEqual(a.Customer);
    expect(b.Insights).toEqual(a.Insights);
    expect(a.Customer).toMatchObject({
      Country: "DE",
      Geo: "EMEA",
      Region: "Europe",
      SubRegion: "Western Europe",
    });

    const other = await startHarness();
    try {
      const there = await createEngagement([same], PARTNER_A, other);
      await start([there], "prospecting", PARTNER_A, other);
      const c = await resultOf(there, other);
      expect(c.Customer).toEqual(a.Customer);
      expect(c.Insights).toEqual(a.Insights);
    } finally {
      await other.close();
    }
  });

  it("differs between customers", async () => {
    const ids: string[] = [];
    for (const name of [
      "Alpha Foods",
      "Beta Mining",
      "Gamma Media",
      "Delta Travel",
      "Epsilon Labs",
      "Zeta Bank",
    ]) {
      ids.push(await createEngagement([leadFor(name)]));
    }
    await prospect(ids);
    const insights = new Set<string>();
    for (const id of ids) insights.add(JSON.stringify((await resultOf(id)).Insights));
    expect(insights.size).toBeGreaterThan(1);
  });
});

describe("delayed mode", () => {
  it("answers IN_PROGRESS, and completes the engagements once the clock passed the delay", async () => {
    const id = await createEngagement([LEAD]);
    await h.control("POST", "/_pclocal/tasks/mode", { delaySeconds: 30 });
    const started = await start([id, "eng-00000000000000"]);
    expect(started.TaskStatus).toBe("IN_PROGRESS");

    const waiting = await getTask(started.TaskId!);
    expect(waiting.EndTime).toBeUndefined();
    expect(waiting.Engagements).toEqual([
      { EngagementIdentifier: id, Status: "IN_PROGRESS" },
      { EngagementIdentifier: "eng-00000000000000", Status: "IN_PROGRESS" },
    ]);
    const listed = await h.client(PARTNER_A).send(new ListProspectingFromEngagementTasksCommand({ Catalog }));
    expect(listed.TaskSummaries).toEqual([
      expect.objectContaining({
        TaskId: started.TaskId,
        TotalEngagementCount: 2,
        CompletedEngagementCount: 0,
        FailedEngagementCount: 0,
      }),
    ]);
    expect(listed.TaskSummaries![0]!.EndTime).toBeUndefined();
    expect(await resultContexts(id)).toEqual([]);

    await h.control("POST", "/_pclocal/clock", { advanceSeconds: 31 });
    const done = await getTask(started.TaskId!);
    expect(done.Engagements!.map((e) => [e.Status, e.ReasonCode])).toEqual([
      ["COMPLETED", undefined],
      ["FAILED", "EngagementAccessDenied"],
    ]);
    // It completed at the instant it was due.
    expect(done.EndTime!.getTime() - started.StartTime!.getTime()).toBe(30_000);
    const [context] = await resultContexts(id);
    expect(context!.Id).toBe(done.Engagements![0]!.EngagementContextId);
    expect(context!.Payload!.ProspectingResult!.Aws!.EndTime).toEqual(done.EndTime);
  });

  it("completes in the background when nothing else settles it", async () => {
    const id = await createEngagement([LEAD]);
    await h.control("POST", "/_pclocal/tasks/mode", { delaySeconds: 1 });
    const started = await start([id]);
    expect(started.TaskStatus).toBe("IN_PROGRESS");
    await vi.waitFor(
      async () => {
        expect((await getTask(started.TaskId!)).Engagements![0]!.Status).toBe("COMPLETED");
      },
      { timeout: 5_000, interval: 100 },
    );
    expect(await resultContexts(id)).toHaveLength(1);
  });
});

describe("AWS sets the next task's result through the control plane", () => {
  const CUSTOMER = { AccountName: "Override Health AG", Country: "CH", Industry: "Healthcare" };
  const INSIGHTS = { MarketplaceEngagementScore: "High", SolutionScore: "Low" };

  it("is queued, used for every engagement of the account's next task, then gone", async () => {
    const one = await createEngagement([LEAD]);
    const two = await createEngagement([PROJECT]);
    const queued = await h.control("POST", QUEUE, {
      account: PARTNER_A.awsAccountId,
      Customer: CUSTOMER,
      Insights: INSIGHTS,
    });
    expect(queued).toEqual({
      account: PARTNER_A.awsAccountId,
      queued: [{ Customer: CUSTOMER, Insights: INSIGHTS, queuedAt: expect.any(String) }],
    });
    expect(await h.control("GET", `${QUEUE}?account=${PARTNER_A.awsAccountId}`)).toEqual(queued);

    await prospect([one, two]);
    for (const id of [one, two]) {
      const aws = await resultOf(id);
      expect(aws.Customer).toMatchObject(CUSTOMER);
      expect(aws.Insights).toMatchObject(INSIGHTS);
      // What the override leaves out is still AWS's derived result.
      expect(aws.Insights!.SolutionCategory).toMatch(/\S/);
    }
    expect((await resultOf(one)).Customer!.Segment).toBe("Large");
    expect((await h.control("GET", `${QUEUE}?account=${PARTNER_A.awsAccountId}`)).queued).toEqual([]);

    // The task after it derives the result again.
    await prospect([one]);
    expect((await resultOf(one)).Customer).toMatchObject({
      AccountName: "Example University",
      Country: "US",
    });
  });

  it("is taken only by the named account, in the named catalog", async () => {
    const id = await createEngagement([LEAD]);
    await h.control("POST", QUEUE, { account: PARTNER_B.awsAccountId, Customer: CUSTOMER });
    await h.control("POST", QUEUE, { account: PARTNER_A.awsAccountId, catalog: "AWS", Insights: INSIGHTS });
    await prospect([id]);
    const aws = await resultOf(id);
    expect(aws.Customer!.AccountName).toBe("Example University");
    expect(aws.Insights).not.toEqual(expect.objectContaining(INSIGHTS));
    expect((await h.control("GET", `${QUEUE}?account=${PARTNER_A.awsAccountId}`)).queued).toEqual([
      { catalog: "AWS", Insights: INSIGHTS, queuedAt: expect.any(String) },
    ]);
    expect((await h.control("GET", `${QUEUE}?account=${PARTNER_B.awsAccountId}`)).queued).toHaveLength(1);
  });

  it("refuses what the model's shapes refuse with a 400 naming each issue", async () => {
    const cases: [unknown, string[]][] = [
      [{ account: PARTNER_A.awsAccountId, Customer: { Country: "XX" } }, ["customer.country"]],
      [
        { account: PARTNER_A.awsAccountId, Insights: { MarketplaceEngagementScore: 5 } },
        ["insights.marketplaceEngagementScore"],
      ],
      [
        { account: PARTNER_A.awsAccountId, Customer: { AccountName: "x".repeat(256) } },
        ["customer.accountName"],
      ],
      [{ account: PARTNER_A.awsAccountId, Customer: "not an object" }, ["customer"]],
      [{ account: "000000000000", Insights: INSIGHTS, catalog: "Prod" }, ["account", "catalog"]],
      [{ account: PARTNER_A.awsAccountId }, []],
    ];
    for (const [body, fields] of cases) {
      const { status, json } = await h.controlRaw("POST", QUEUE, body);
      expect(status, JSON.stringify(body)).toBe(400);
      expect(json.__type).toBe("ValidationException");
      const named = (json.ErrorList as { FieldName?: string }[]).map((i) => i.FieldName).filter(Boolean);
      expect(named, JSON.stringify(json)).toEqual(fields);
    }
    expect((await h.controlRaw("GET", `${QUEUE}?account=nobody`)).status).toBe(400);
    const res = await fetch(`${h.url}${QUEUE}`, {
      method: "POST",
      headers: { authorization: "Bearer test-admin-token", "content-type": "application/json" },
      body: "{not json",
    });
    expect(res.status).toBe(400);
    expect((await h.control("GET", `${QUEUE}?account=${PARTNER_A.awsAccountId}`)).queued).toEqual([]);
  });
});

describe("partners cannot write a ProspectingResult context", () => {
  const PAYLOAD: EngagementContextPayload = {
    ProspectingResult: {
      Aws: { Customer: { AccountName: "Self-made" }, Insights: { SolutionScore: "High" } },
    },
  };

  it("refuses CreateEngagementContext, CreateEngagement and UpdateEngagementContext of that type", async () => {
    const id = await createEngagement([LEAD]);
    const expectRefusal = (err: any, FieldName: string) => {
      expect(err.name).toBe("ValidationException");
      expect(err.Reason).toBe("BUSINESS_VALIDATION_FAILED");
      expect(err.ErrorList).toEqual([expect.objectContaining({ FieldName, Code: "ACTION_NOT_PERMITTED" })]);
    };
    expectRefusal(
      await rejectionOf(
        h.client(PARTNER_A).send(
          new CreateEngagementContextCommand({
            Catalog,
            EngagementIdentifier: id,
            Type: "ProspectingResult",
            Payload: PAYLOAD,
          }),
        ),
      ),
      "type",
    );
    expectRefusal(
      await rejectionOf(
        h.client(PARTNER_A).send(
          new CreateEngagementCommand({
            Catalog,
            Title: "Self-prospected",
            Description: "",
            Contexts: [LEAD, { Type: "ProspectingResult", Payload: PAYLOAD }],
          }),
        ),
      ),
      "contexts[1].type",
    );

    const { contextIds } = await prospect([id]);
    const engagement = await getEngagement(id);
    expectRefusal(
      await rejectionOf(
        h.client(PARTNER_A).send(
          new UpdateEngagementContextCommand({
            Catalog,
            EngagementIdentifier: id,
            ContextIdentifier: "1",
            EngagementLastModifiedAt: engagement.ModifiedAt,
            Type: "ProspectingResult",
            Payload: PAYLOAD,
          }),
        ),
      ),
      "type",
    );
    // The result's own id is no ContextIdentifier the model accepts (1 to 3 characters).
    const byId = await rejectionOf(
      h.client(PARTNER_A).send(
        new UpdateEngagementContextCommand({
          Catalog,
          EngagementIdentifier: id,
          ContextIdentifier: contextIds[0],
          EngagementLastModifiedAt: engagement.ModifiedAt,
          Type: "ProspectingResult",
          Payload: PAYLOAD,
        }),
      ),
    );
    expect(byId.name).toBe("ValidationException");
    expect(byId.Reason).toBe("REQUEST_VALIDATION_FAILED");
    expect((await getEngagement(id)).Contexts).toEqual(engagement.Contexts);
  });
});
