import {
  CreateOpportunityCommand,
  GetEngagementCommand,
  GetOpportunityCommand,
  ListOpportunitiesCommand,
} from "@aws-sdk/client-partnercentral-selling";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LEAD_CONTEXT } from "./helpers/fixtures.js";
import { type Harness, PARTNER_A, rejectionOf, startHarness } from "./helpers/harness.js";
import { signedRequest } from "./helpers/raw.js";

/**
 * JSON values the model does not expect, sent the way other clients than the JavaScript SDK
 * send them (raw signed requests where the SDK cannot): explicit nulls, unknown members nested
 * deep, epoch-second and out-of-range numbers in timestamp and integer members, impossible
 * dates. Each answer is a ValidationException or a success whose stored values the SDK reads back.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

let tokens = 0;
const token = () => `hostile-${++tokens}`;
const a = () => h.client(PARTNER_A);

/** A raw signed request with the body given as JSON text (numbers such as 1e400 survive). */
const raw = (operation: string, text: string) => signedRequest(h.url, PARTNER_A, operation, text);
const rawJson = (operation: string, body: unknown) => raw(operation, JSON.stringify(body));

const getOpportunity = (id: string) =>
  a().send(new GetOpportunityCommand({ Catalog: "Sandbox", Identifier: id }));

/** A CreateOpportunity body whose one next step happened at `time` (JSON text). */
const withNextStepAt = (time: string, clientToken = token()) =>
  `{"Catalog":"Sandbox","ClientToken":${JSON.stringify(clientToken)},"LifeCycle":{"NextStepsHistory":[{"Value":"Called the customer","Time":${time}}]}}`;

function expectIssue(res: { status: number; json: any }, FieldName: string, Code: string) {
  expect(res.status, JSON.stringify(res.json)).toBe(400);
  expect(res.json.__type).toBe("ValidationException");
  expect(res.json.Reason).toBe("REQUEST_VALIDATION_FAILED");
  expect(res.json.ErrorList).toContainEqual({ FieldName, Code, Message: expect.any(String) });
}

describe("explicit nulls", () => {
  it("mean absent on any member, at any depth, and in the ClientToken's fingerprint", async () => {
    const clientToken = token();
    const plain = {
      Catalog: "Sandbox",
      ClientToken: clientToken,
      Project: {},
      Customer: { Account: { CompanyName: "Null Corp" } },
      LifeCycle: { Stage: "Prospect" },
    };
    const nulled = {
      ...plain,
      PartnerOpportunityIdentifier: null,
      OpportunityType: null,
      NationalSecurity: null,
      Marketing: null,
      Project: { Title: null, ExpectedCustomerSpend: null, DeliveryModels: null },
      Customer: { Account: { CompanyName: "Null Corp", WebsiteUrl: null, Address: null }, Contacts: null },
      LifeCycle: { Stage: "Prospect", TargetCloseDate: null, NextStepsHistory: null },
      Tags: null,
    };
    const first = await rawJson("CreateOpportunity", nulled);
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    // The same token without the nulls is the same request: a replay, not a conflict.
    const replay = await rawJson("CreateOpportunity", plain);
    expect(replay.status, JSON.stringify(replay.json)).toBe(200);
    expect(replay.json.Id).toBe(first.json.Id);

    const got = await getOpportunity(first.json.Id);
    expect(got.PartnerOpportunityIdentifier).toBeUndefined();
    expect(got.OpportunityType).toBe("Net New Business"); // the default, as when omitted
    expect(got.Customer?.Account).toEqual({ CompanyName: "Null Corp" });
    expect(got.LifeCycle?.TargetCloseDate).toBeUndefined();
  });

  it("on list parameters give the same page as leaving them out", async () => {
    const res = await rawJson("ListOpportunities", {
      Catalog: "Sandbox",
      MaxResults: null,
      NextToken: null,
      Sort: null,
      LifeCycleStage: null,
      LastModifiedDate: { AfterLastModifiedDate: null },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const plain = await a().send(new ListOpportunitiesCommand({ Catalog: "Sandbox" }));
    expect(res.json.OpportunitySummaries.map((o: { Id: string }) => o.Id)).toEqual(
      plain.OpportunitySummaries?.map((o) => o.Id),
    );
  });
});

describe("unknown members nested deep", () => {
  it("are dropped inside known structures before anything walks them, and never echoed", async () => {
    const depth = 5_000; // 25 KB of nesting
    const deep = `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
    const res = await raw(
      "CreateOpportunity",
      `{"Catalog":"Sandbox","ClientToken":"${token()}","LifeCycle":{"Stage":"Prospect","ZzDeep":${deep}},"Customer":{"Account":{"CompanyName":"Deep Co","ZzArr":${"[".repeat(depth)}${"]".repeat(depth)}}}}`,
    );
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const got = await signedRequest(
      h.url,
      PARTNER_A,
      "GetOpportunity",
      JSON.stringify({ Catalog: "Sandbox", Identifier: res.json.Id }),
    );
    expect(got.status).toBe(200);
    expect(JSON.stringify(got.json)).not.toMatch(/Zz/);
    expect(got.json.LifeCycle.Stage).toBe("Prospect");
  });

  it("where the model expects a value are a ValidationException for that member", async () => {
    const depth = 5_000;
    const res = await raw(
      "CreateOpportunity",
      `{"Catalog":"Sandbox","ClientToken":"${token()}","PrimaryNeedsFromAws":${"[".repeat(depth)}${"]".repeat(depth)}}`,
    );
    expectIssue(res, "primaryNeedsFromAws[0]", "INVALID_VALUE");
  });
});

describe("numbers in timestamp members", () => {
  it("are epoch seconds, stored as the ISO-8601 form the SDK reads back", async () => {
    const res = await raw("CreateOpportunity", withNextStepAt("1735689600.25"));
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const got = await getOpportunity(res.json.Id);
    expect(got.LifeCycle?.NextStepsHistory?.[0]?.Time).toEqual(new Date("2025-01-01T00:00:00.250Z"));
  });

  it("and their ISO-8601 form are the same request for the ClientToken", async () => {
    const clientToken = token();
    const asNumber = await raw("CreateOpportunity", withNextStepAt("1735689600", clientToken));
    expect(asNumber.status).toBe(200);
    const asText = await raw("CreateOpportunity", withNextStepAt('"2025-01-01T00:00:00Z"', clientToken));
    expect(asText.status, JSON.stringify(asText.json)).toBe(200);
    expect(asText.json.Id).toBe(asNumber.json.Id);
  });

  it("outside the years 1000–9999 are a ValidationException naming the member", async () => {
    for (const time of ["1e308", "-1e20", "1e15", "253402300800", "-30610224001", "1e400"]) {
      expectIssue(
        await raw("CreateOpportunity", withNextStepAt(time)),
        "lifeCycle.nextStepsHistory[0].time",
        "VALUE_OUT_OF_RANGE",
      );
    }
    // The limits themselves are fine.
    const last = await raw("CreateOpportunity", withNextStepAt("253402300799"));
    expect(last.status).toBe(200);
    expect((await getOpportunity(last.json.Id)).LifeCycle?.NextStepsHistory?.[0]?.Time).toEqual(
      new Date("9999-12-31T23:59:59Z"),
    );
  });

  it("are refused before any handler formats them (UpdateOpportunity, lead interactions)", async () => {
    const created = await a().send(
      new CreateOpportunityCommand({ Catalog: "Sandbox", ClientToken: token() }),
    );
    const update = await rawJson("UpdateOpportunity", {
      Catalog: "Sandbox",
      Identifier: created.Id,
      LastModifiedDate: -1e20,
    });
    expectIssue(update, "lastModifiedDate", "VALUE_OUT_OF_RANGE");

    const lead = structuredClone(LEAD_CONTEXT) as any;
    lead.Payload.Lead.Interactions[0].InteractionDate = 1e15;
    const engagement = await rawJson("CreateEngagement", {
      Catalog: "Sandbox",
      ClientToken: token(),
      Title: "Lead with a far date",
      Description: "d",
      Contexts: [lead],
    });
    expectIssue(engagement, "contexts[0].payload.lead.interactions[0].interactionDate", "VALUE_OUT_OF_RANGE");
  });

  it("in list filters filter like their ISO-8601 form", async () => {
    const before = Math.floor(Date.now() / 1000) - 3600;
    const created = await a().send(
      new CreateOpportunityCommand({ Catalog: "Sandbox", ClientToken: token() }),
    );
    const after = await rawJson("ListOpportunities", {
      Catalog: "Sandbox",
      LastModifiedDate: { AfterLastModifiedDate: before },
      MaxResults: 100,
    });
    expect(after.status).toBe(200);
    expect(after.json.OpportunitySummaries.map((o: { Id: string }) => o.Id)).toContain(created.Id);
    const future = await rawJson("ListOpportunities", {
      Catalog: "Sandbox",
      LastModifiedDate: { AfterLastModifiedDate: before + 10 * 365 * 86400 },
    });
    expect(future.json.OpportunitySummaries).toEqual([]);
  });
});

describe("date-times written unusually", () => {
  it("are stored as ISO-8601 UTC with Z: offsets, lower case, nanoseconds, leap seconds", async () => {
    const cases: [string, string][] = [
      ["2025-01-01T10:00:00+05:30", "2025-01-01T04:30:00.000Z"],
      ["2025-01-01t10:00:00z", "2025-01-01T10:00:00.000Z"],
      ["2025-01-01T10:00:00.123456789Z", "2025-01-01T10:00:00.123Z"],
      ["2016-12-31T23:59:60Z", "2017-01-01T00:00:00.000Z"],
      ["1000-01-01T00:00:00Z", "1000-01-01T00:00:00.000Z"],
    ];
    for (const [given, stored] of cases) {
      const res = await raw("CreateOpportunity", withNextStepAt(JSON.stringify(given)));
      expect(res.status, `${given}: ${JSON.stringify(res.json)}`).toBe(200);
      const got = await rawJson("GetOpportunity", { Catalog: "Sandbox", Identifier: res.json.Id });
      expect(got.json.LifeCycle.NextStepsHistory[0].Time, given).toBe(stored);
      expect((await getOpportunity(res.json.Id)).LifeCycle?.NextStepsHistory?.[0]?.Time).toEqual(
        new Date(stored),
      );
    }
  });

  it("with an impossible day or time are a ValidationException", async () => {
    for (const time of [
      "2025-02-29T00:00:00Z",
      "2025-04-31T00:00:00Z",
      "2025-06-30T24:00:00Z",
      "2025-01-01T00:00:00+24:00",
    ]) {
      expectIssue(
        await raw("CreateOpportunity", withNextStepAt(JSON.stringify(time))),
        "lifeCycle.nextStepsHistory[0].time",
        "INVALID_VALUE",
      );
    }
    // Years before 1000 (an offset can lead there) are out of range, not out of form: the
    // JavaScript SDK would read 0099 as 1999.
    for (const time of ["1000-01-01T00:00:00+00:01", "0099-06-01T00:00:00Z"]) {
      expectIssue(
        await raw("CreateOpportunity", withNextStepAt(JSON.stringify(time))),
        "lifeCycle.nextStepsHistory[0].time",
        "VALUE_OUT_OF_RANGE",
      );
    }
  });
});

describe("impossible calendar dates in Date members", () => {
  it("are refused through the SDK: TargetCloseDate, filters, a context's TargetCompletionDate", async () => {
    for (const day of ["2025-02-29", "2100-02-29", "2025-04-31", "2025-11-31"]) {
      const err = await rejectionOf(
        a().send(
          new CreateOpportunityCommand({
            Catalog: "Sandbox",
            ClientToken: token(),
            LifeCycle: { TargetCloseDate: day },
          }),
        ),
      );
      expect(err.name).toBe("ValidationException");
      expect(err.ErrorList).toContainEqual({
        FieldName: "lifeCycle.targetCloseDate",
        Code: "INVALID_STRING_FORMAT",
        Message: expect.any(String),
      });
    }
    const filter = await rejectionOf(
      a().send(
        new ListOpportunitiesCommand({
          Catalog: "Sandbox",
          TargetCloseDate: { AfterTargetCloseDate: "2025-02-30" },
        } as never),
      ),
    );
    expect(filter.ErrorList).toContainEqual({
      FieldName: "targetCloseDate.afterTargetCloseDate",
      Code: "INVALID_STRING_FORMAT",
      Message: expect.any(String),
    });
    const context = await rawJson("CreateEngagement", {
      Catalog: "Sandbox",
      ClientToken: token(),
      Title: "t",
      Description: "d",
      Contexts: [
        {
          Type: "CustomerProject",
          Payload: {
            CustomerProject: {
              Customer: {
                Industry: "Retail",
                CompanyName: "C",
                WebsiteUrl: "https://c.example.com",
                CountryCode: "CA",
              },
              Project: {
                Title: "p",
                BusinessProblem: "A business problem of enough characters.",
                TargetCompletionDate: "2027-02-29",
              },
            },
          },
        },
      ],
    });
    expectIssue(
      context,
      "contexts[0].payload.customerProject.project.targetCompletionDate",
      "INVALID_STRING_FORMAT",
    );
  });

  it("accepts real leap days", async () => {
    const created = await a().send(
      new CreateOpportunityCommand({
        Catalog: "Sandbox",
        ClientToken: token(),
        LifeCycle: { TargetCloseDate: "2028-02-29" },
      }),
    );
    expect((await getOpportunity(created.Id!)).LifeCycle?.TargetCloseDate).toBe("2028-02-29");
  });
});

describe("numbers in integer members", () => {
  it("past any range are VALUE_OUT_OF_RANGE, fractions INVALID_VALUE", async () => {
    const list = (n: string) => raw("ListOpportunities", `{"Catalog":"Sandbox","MaxResults":${n}}`);
    for (const n of ["1e400", "-1e400", "1e308", "-1e20", "9007199254740993", "101", "0"]) {
      expectIssue(await list(n), "maxResults", "VALUE_OUT_OF_RANGE");
    }
    expectIssue(await list("0.5"), "maxResults", "INVALID_VALUE");
    expect((await list("1.0")).status).toBe(200);
    expect((await list("1E2")).status).toBe(200);
  });
});

describe("what the SDK reads back", () => {
  it("a lead interaction dated in epoch seconds comes back as a date-time", async () => {
    const lead = structuredClone(LEAD_CONTEXT) as any;
    lead.Payload.Lead.Interactions[0].InteractionDate = 1_790_000_000;
    const res = await rawJson("CreateEngagement", {
      Catalog: "Sandbox",
      ClientToken: token(),
      Title: "Epoch lead",
      Description: "d",
      Contexts: [lead],
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const got = await a().send(new GetEngagementCommand({ Catalog: "Sandbox", Identifier: res.json.Id }));
    const interaction = (got.Contexts?.[0]?.Payload as any)?.Lead?.Interactions?.[0];
    expect(interaction.InteractionDate).toEqual(new Date(1_790_000_000_000));
  });
});
