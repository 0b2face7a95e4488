import {
  CreateEngagementCommand,
  GetProspectingFromEngagementTaskCommand,
  ListProspectingFromEngagementTasksCommand,
  type ListProspectingFromEngagementTasksCommandInput,
  StartProspectingFromEngagementTaskCommand,
  type StartProspectingFromEngagementTaskCommandInput,
} from "@aws-sdk/client-partnercentral-selling";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Account } from "../../src/auth/accounts.js";
import {
  type Harness,
  PARTNER_A,
  PARTNER_B,
  PARTNER_C,
  rejectionOf,
  startHarness,
} from "./helpers/harness.js";

let h: Harness;
const Catalog = "Sandbox";
const MISSING = "eng-00000000000000";
const PROSPECTING_ID = /^task-[0-9a-z]{14}$/;
const arnOf = (id: string, catalog = Catalog) =>
  `arn:aws:partnercentral-selling:us-east-1::catalog/${catalog}/prospecting-from-engagement-task/${id}`;

let engA1: string;
let engA2: string;
let engB: string;

async function createEngagement(account: Account, title: string) {
  const created = await h
    .client(account)
    .send(new CreateEngagementCommand({ Catalog, Title: title, Description: `${title} description` }));
  return created.Id!;
}

const start = (input: Partial<StartProspectingFromEngagementTaskCommandInput>, account = PARTNER_A) =>
  h.client(account).send(
    new StartProspectingFromEngagementTaskCommand({
      Catalog,
      TaskName: "prospecting",
      Identifiers: [],
      ...input,
    } as StartProspectingFromEngagementTaskCommandInput),
  );

const get = (TaskIdentifier: string, account = PARTNER_A, catalog = Catalog) =>
  h.client(account).send(new GetProspectingFromEngagementTaskCommand({ Catalog: catalog, TaskIdentifier }));

const list = (input: Partial<ListProspectingFromEngagementTasksCommandInput> = {}, account = PARTNER_A) =>
  h.client(account).send(new ListProspectingFromEngagementTasksCommand({ Catalog, ...input }));

const ids = (summaries: { TaskId?: string }[] | undefined) => (summaries ?? []).map((t) => t.TaskId);
const tick = () => h.control("POST", "/_pclocal/clock", { advanceSeconds: 10 });

beforeAll(async () => {
  h = await startHarness();
  engA1 = await createEngagement(PARTNER_A, "A one");
  engA2 = await createEngagement(PARTNER_A, "A two");
  engB = await createEngagement(PARTNER_B, "B only");
});
afterAll(() => h.close());

describe("StartProspectingFromEngagementTask", () => {
  it("processes each engagement on its own: members' engagements complete, others fail", async () => {
    const identifiers = [engA1, engB, MISSING, engA2, engA1];
    const started = await start({
      TaskName: "Mixed batch",
      Identifiers: identifiers,
      ClientToken: "mixed-1",
    });
    expect(started.TaskId).toMatch(PROSPECTING_ID);
    expect(started.TaskArn).toBe(arnOf(started.TaskId!));
    expect(started.TaskName).toBe("Mixed batch");
    expect(started.Identifiers).toEqual(identifiers);
    expect(started.TaskStatus).toBe("COMPLETED");
    expect(started.ReasonCode).toBeUndefined();
    expect(started.StartTime).toBeInstanceOf(Date);

    const got = await get(started.TaskId!);
    expect(got.TaskId).toBe(started.TaskId);
    expect(got.TaskArn).toBe(started.TaskArn);
    expect(got.TaskName).toBe("Mixed batch");
    expect(got.StartTime).toEqual(started.StartTime);
    expect(got.EndTime).toBeInstanceOf(Date);
    expect(got.Engagements?.map((e) => [e.EngagementIdentifier, e.Status, e.ReasonCode])).toEqual([
      [engA1, "COMPLETED", undefined],
      [engB, "FAILED", "EngagementAccessDenied"],
      [MISSING, "FAILED", "EngagementAccessDenied"],
      [engA2, "COMPLETED", undefined],
      [engA1, "FAILED", "DuplicateEngagementIdentifier"],
    ]);
    for (const e of got.Engagements ?? []) {
      if (e.Status === "FAILED") {
        expect(e.Message).toMatch(/\S/);
        expect(e.EngagementContextId).toBeUndefined();
      } else {
        expect(e.Message).toBeUndefined();
        expect(e.EngagementContextId).toMatch(/^ctx-[0-9a-z]{14}$/);
      }
    }
    // The model types TaskIdentifier as a task id (ProspectingTaskIdentifier): the ARN is refused.
    expect((await rejectionOf(get(started.TaskArn!))).name).toBe("ValidationException");
  });

  it("answers FAILED with a reason when no engagement could be processed", async () => {
    const started = await start({ TaskName: "Nothing of mine", Identifiers: [engB, MISSING] });
    expect(started.TaskId).toMatch(PROSPECTING_ID);
    expect(started.TaskStatus).toBe("FAILED");
    expect(started.ReasonCode).toBe("AllEngagementsFailed");
    expect(started.Message).toMatch(/2 engagements/);
    const got = await get(started.TaskId!);
    expect(got.Engagements?.map((e) => e.Status)).toEqual(["FAILED", "FAILED"]);
  });

  it("answers the same task for the same ClientToken and input, and a conflict for another input", async () => {
    const input = { TaskName: "Replayed", Identifiers: [engA1], ClientToken: "replay-token-1" };
    const first = await start(input);
    const again = await start(input);
    expect(again.TaskId).toBe(first.TaskId);
    expect(again.TaskArn).toBe(first.TaskArn);
    expect(again.TaskStatus).toBe(first.TaskStatus);
    expect(again.StartTime).toEqual(first.StartTime);
    const listed = await list({ TaskName: ["Replayed"] });
    expect(ids(listed.TaskSummaries)).toEqual([first.TaskId]);

    const err = await rejectionOf(start({ ...input, Identifiers: [engA2] }));
    expect(err.name).toBe("ConflictException");
    expect(err.message).toBe("Conflicting client token submitted for a new request body.");
    // Another account may use the same token for its own task.
    const other = await start(input, PARTNER_B);
    expect(other.TaskId).not.toBe(first.TaskId);
    expect(other.TaskStatus).toBe("FAILED");
  });

  it("mints distinct 14-character task ids", async () => {
    const a = await start({ Identifiers: [engA1] });
    const b = await start({ Identifiers: [engA1] });
    expect(a.TaskId).toMatch(PROSPECTING_ID);
    expect(b.TaskId).toMatch(PROSPECTING_ID);
    expect(a.TaskId).not.toBe(b.TaskId);
  });

  it("validates the engagement list and the task name", async () => {
    const empty = await rejectionOf(start({ Identifiers: [] }));
    expect(empty.name).toBe("ValidationException");
    expect(empty.ErrorList).toEqual([
      expect.objectContaining({ FieldName: "identifiers", Code: "NOT_ENOUGH_VALUES" }),
    ]);

    const tooMany = await rejectionOf(
      start({ Identifiers: Array.from({ length: 101 }, (_, i) => `eng-${String(i).padStart(14, "0")}`) }),
    );
    expect(tooMany.name).toBe("ValidationException");
    expect(tooMany.ErrorList).toEqual([
      expect.objectContaining({ FieldName: "identifiers", Code: "TOO_MANY_VALUES" }),
    ]);

    const longName = await rejectionOf(start({ Identifiers: [engA1], TaskName: "n".repeat(129) }));
    expect(longName.name).toBe("ValidationException");
    expect(longName.ErrorList).toEqual([expect.objectContaining({ FieldName: "taskName" })]);

    const badId = await rejectionOf(start({ Identifiers: ["not-an-engagement"] }));
    expect(badId.name).toBe("ValidationException");

    // 100 identifiers are accepted.
    const hundred = await start({
      Identifiers: [engA1, ...Array.from({ length: 99 }, (_, i) => `eng-${String(i).padStart(14, "0")}`)],
    });
    expect(hundred.TaskStatus).toBe("COMPLETED");
  });
});

describe("GetProspectingFromEngagementTask", () => {
  it("shows only the caller's tasks", async () => {
    const mine = await start({ TaskName: "A's own", Identifiers: [engA1] });
    const asB = await rejectionOf(get(mine.TaskId!, PARTNER_B));
    expect(asB.name).toBe("ResourceNotFoundException");
    const otherCatalog = await rejectionOf(get(mine.TaskId!, PARTNER_A, "AWS"));
    expect(otherCatalog.name).toBe("ResourceNotFoundException");
    const unknown = await rejectionOf(get("task-00000000000000"));
    expect(unknown.name).toBe("ResourceNotFoundException");
  });
});

describe("ListProspectingFromEngagementTasks", () => {
  /** Partner C's tasks, oldest first, ten virtual seconds apart. */
  const tasks: { id: string; name: string; failed: number; start: Date }[] = [];
  let c1: string;
  let c2: string;

  beforeAll(async () => {
    c1 = await createEngagement(PARTNER_C, "C one");
    c2 = await createEngagement(PARTNER_C, "C two");
    const plan: [string, string[]][] = [
      ["delta", [c1]],
      ["alpha", [c1, MISSING, engA1]],
      ["charlie", [c1, c2]],
      ["bravo", [c1, MISSING]],
      ["alpha", [c2, c2, c2, MISSING]],
    ];
    for (const [name, identifiers] of plan) {
      await tick();
      const started = await start({ TaskName: name, Identifiers: identifiers }, PARTNER_C);
      const failed = (await get(started.TaskId!, PARTNER_C)).Engagements!.filter(
        (e) => e.Status === "FAILED",
      ).length;
      tasks.push({ id: started.TaskId!, name, failed, start: started.StartTime! });
    }
  });

  const listC = (input: Partial<ListProspectingFromEngagementTasksCommandInput> = {}) =>
    list(input, PARTNER_C);

  it("lists the caller's tasks only, newest first, with their counts", async () => {
    const page = await listC();
    expect(ids(page.TaskSummaries)).toEqual([...tasks].reverse().map((t) => t.id));
    expect(page.NextToken).toBeUndefined();
    const alpha = page.TaskSummaries!.find((t) => t.TaskId === tasks[1]!.id)!;
    expect(alpha).toMatchObject({
      TaskArn: arnOf(tasks[1]!.id),
      TaskName: "alpha",
      TotalEngagementCount: 3,
      CompletedEngagementCount: 1,
      FailedEngagementCount: 2,
    });
    expect(alpha.StartTime).toEqual(tasks[1]!.start);
    expect(alpha.EndTime).toBeInstanceOf(Date);

    const mine = await list();
    expect(ids(mine.TaskSummaries)).not.toContain(tasks[0]!.id);
    expect(mine.TaskSummaries!.length).toBeGreaterThan(0);
    const aws = await list({ Catalog: "AWS" }, PARTNER_C);
    expect(aws.TaskSummaries).toEqual([]);
  });

  it("filters by task id, task name and start time", async () => {
    const byId = await listC({ TaskIdentifier: [tasks[0]!.id, tasks[2]!.id, "task-zzzzzzzzzzzzzz"] });
    expect(ids(byId.TaskSummaries)).toEqual([tasks[2]!.id, tasks[0]!.id]);
    // The model types the filter's items as task ids (ProspectingTaskIdentifier): an ARN is refused.
    const byArn = await rejectionOf(listC({ TaskIdentifier: [arnOf(tasks[2]!.id)] }));
    expect(byArn.name).toBe("ValidationException");
    expect((byArn as any).ErrorList?.[0]?.FieldName).toBe("taskIdentifier[0]");

    const byName = await listC({ TaskName: ["alpha", "bravo"] });
    expect(ids(byName.TaskSummaries)).toEqual([tasks[4]!.id, tasks[3]!.id, tasks[1]!.id]);

    const window = await listC({ StartAfter: tasks[1]!.start, StartBefore: tasks[4]!.start });
    expect(ids(window.TaskSummaries)).toEqual([tasks[3]!.id, tasks[2]!.id]);

    const tooMany = await rejectionOf(listC({ TaskName: Array.from({ length: 11 }, (_, i) => `n${i}`) }));
    expect(tooMany.name).toBe("ValidationException");
  });

  it("sorts by StartTime, TaskName or FailedEngagementCount", async () => {
    const ascending = await listC({ Sort: { SortBy: "StartTime", SortOrder: "ASCENDING" } });
    expect(ids(ascending.TaskSummaries)).toEqual(tasks.map((t) => t.id));

    const byName = await listC({ Sort: { SortBy: "TaskName", SortOrder: "ASCENDING" } });
    expect(byName.TaskSummaries!.map((t) => t.TaskName)).toEqual([
      "alpha",
      "alpha",
      "bravo",
      "charlie",
      "delta",
    ]);

    const byFailed = await listC({ Sort: { SortBy: "FailedEngagementCount", SortOrder: "DESCENDING" } });
    const counts = byFailed.TaskSummaries!.map((t) => t.FailedEngagementCount);
    expect(counts).toEqual([...tasks.map((t) => t.failed)].sort((a, b) => b - a));
    expect(counts[0]).toBe(3);
  });

  it("pages with MaxResults and NextToken in any sort", async () => {
    for (const Sort of [
      undefined,
      { SortBy: "TaskName", SortOrder: "DESCENDING" },
      { SortBy: "FailedEngagementCount", SortOrder: "ASCENDING" },
    ] as const) {
      const all = await listC({ Sort });
      const seen: (string | undefined)[] = [];
      let NextToken: string | undefined;
      let pages = 0;
      do {
        const page = await listC({ Sort, MaxResults: 2, NextToken });
        expect(page.TaskSummaries!.length).toBeLessThanOrEqual(2);
        seen.push(...ids(page.TaskSummaries));
        NextToken = page.NextToken;
        pages++;
      } while (NextToken);
      expect(pages).toBe(3);
      expect(seen).toEqual(ids(all.TaskSummaries));
    }
  });

  it("refuses a NextToken from another query or account, and page sizes outside 1–100", async () => {
    const first = await listC({ MaxResults: 1 });
    expect(first.NextToken).toBeDefined();
    const otherQuery = await rejectionOf(
      listC({ MaxResults: 1, TaskName: ["alpha"], NextToken: first.NextToken }),
    );
    expect(otherQuery.name).toBe("ValidationException");
    const otherAccount = await rejectionOf(list({ MaxResults: 1, NextToken: first.NextToken }));
    expect(otherAccount.name).toBe("ValidationException");
    for (const MaxResults of [0, 101]) {
      expect((await rejectionOf(listC({ MaxResults }))).name).toBe("ValidationException");
    }
  });
});
