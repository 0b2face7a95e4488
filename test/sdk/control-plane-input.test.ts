import {
  CreateOpportunityCommand,
  GetEngagementCommand,
  GetEngagementInvitationCommand,
  GetOpportunityCommand,
} from "@aws-sdk/client-partnercentral-selling";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LEAD_CONTEXT, LEAD_INVITATION_PAYLOAD, OPPORTUNITY_INVITATION_PAYLOAD } from "./helpers/fixtures.js";
import { ADMIN_TOKEN, type Harness, PARTNER_A, startHarness } from "./helpers/harness.js";

/**
 * The control plane's inputs the way a test script can get them wrong: explicit nulls, wrong
 * JSON types, numbers past every limit, deep nesting, impossible times and broken
 * percent-encoding. Each is a 400 with a JSON error naming the member, never a 500, and none
 * leaves state that breaks a later call.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

/** A control-plane call with the body as JSON text; the answer must be JSON whatever the status. */
async function control(method: string, path: string, text?: string) {
  const res = await fetch(`${h.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    body: text,
  });
  const body = await res.text();
  let json: any;
  try {
    json = body ? JSON.parse(body) : undefined;
  } catch {
    throw new Error(
      `${method} ${path} answered ${res.status} with a body that is not JSON: ${body.slice(0, 200)}`,
    );
  }
  return { status: res.status, json, body };
}

function expect400(res: { status: number; json: any }, FieldName?: string) {
  expect(res.status, JSON.stringify(res.json)).toBe(400);
  expect(res.json.__type).toBe("ValidationException");
  expect(typeof res.json.message).toBe("string");
  if (FieldName)
    expect(res.json.ErrorList.map((e: { FieldName?: string }) => e.FieldName)).toContain(FieldName);
}

const lead = () => ({
  Catalog: "Sandbox",
  ReceiverAwsAccountId: PARTNER_A.awsAccountId,
  PayloadType: "LeadInvitation",
  Payload: structuredClone(LEAD_INVITATION_PAYLOAD),
});

describe("the clock", () => {
  it("refuses moves past the years it keeps, and keeps working", async () => {
    for (const text of [
      '{"advanceSeconds":1e308}',
      '{"advanceSeconds":1e400}',
      '{"advanceSeconds":-1e20}',
      '{"advanceSeconds":1e15}',
    ]) {
      expect400(await control("POST", "/_pclocal/clock", text), "advanceSeconds");
    }
    const clock = await control("GET", "/_pclocal/clock");
    expect(clock.status).toBe(200);
    expect(Math.abs(Date.parse(clock.json.now) - Date.now())).toBeLessThan(60_000);
    expect((await control("GET", "/_pclocal/health")).status).toBe(200);
    const created = await h
      .client(PARTNER_A)
      .send(new CreateOpportunityCommand({ Catalog: "Sandbox", ClientToken: "clock-ok" }));
    expect(created.Id).toMatch(/^O\d+$/);
  });

  it("takes only RFC 3339 date-times for now", async () => {
    for (const now of [
      "2025",
      "March 7, 2030",
      "2025-02-30T00:00:00Z",
      "+275760-09-13T00:00:00.000Z",
      "10000-01-01T00:00:00Z",
      "9500-01-01T00:00:00Z",
    ]) {
      expect400(await control("POST", "/_pclocal/clock", JSON.stringify({ now })), "now");
    }
    expect400(await control("POST", "/_pclocal/clock", '{"now":1735689600}'), "now");
    expect400(await control("POST", "/_pclocal/clock", '{"advanceSeconds":"60"}'), "advanceSeconds");
    const set = await control(
      "POST",
      "/_pclocal/clock",
      '{"advanceSeconds":null,"now":"2030-01-01t00:00:00+01:00"}',
    );
    expect(set.status, JSON.stringify(set.json)).toBe(200);
    expect(Math.abs(Date.parse(set.json.now) - Date.parse("2029-12-31T23:00:00Z"))).toBeLessThan(5_000);
    await control("POST", "/_pclocal/reset");
  });
});

describe("ids in paths", () => {
  it("with broken percent-encoding are a 400", async () => {
    for (const id of ["%", "%E0%A4%A", "%zz", "wh-%C0"]) {
      expect400(await control("DELETE", `/_pclocal/webhooks/${id}`), "id");
    }
    const unknown = await control("DELETE", "/_pclocal/webhooks/wh-%41nothing");
    expect(unknown.status).toBe(404);
  });
});

describe("delays", () => {
  it("past 100 years are refused, not stored as something else", async () => {
    expect400(await control("POST", "/_pclocal/tasks/mode", '{"delaySeconds":1e308}'), "delaySeconds");
    expect400(
      await control("POST", "/_pclocal/aws/opportunities/auto-review", '{"approveAfterSeconds":1e308}'),
      "approveAfterSeconds",
    );
    expect((await control("GET", "/_pclocal/aws/opportunities/auto-review")).json).toEqual({
      approveAfterSeconds: null,
    });
    expect((await control("GET", "/_pclocal/tasks/mode")).json.delaySeconds).toBe(0);
  });
});

describe("AWS's invitations", () => {
  it("treat null members as absent", async () => {
    const res = await control(
      "POST",
      "/_pclocal/aws/engagement-invitations",
      JSON.stringify({
        ...lead(),
        EngagementTitle: null,
        EngagementDescription: null,
        InvitationMessage: null,
        ExpirationDate: null,
        Context: null,
        EnrichmentContext: null,
      }),
    );
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const got = await h
      .client(PARTNER_A)
      .send(new GetEngagementInvitationCommand({ Catalog: "Sandbox", Identifier: res.json.Id }));
    expect(got.Status).toBe("PENDING");
    expect(got.EngagementTitle).toBe("Lead: Example Clinics LLC");
  });

  it("take ExpirationDate as a date-time or epoch seconds within 1000–9999", async () => {
    for (const text of [
      "1e308",
      '"+275760-09-13T00:00:00.000Z"',
      '"2025-02-30T00:00:00Z"',
      '"tomorrow"',
      "true",
    ]) {
      const body = JSON.stringify(lead()).replace(/}$/, `,"ExpirationDate":${text}}`);
      expect400(await control("POST", "/_pclocal/aws/engagement-invitations", body), "expirationDate");
    }
    const at = Math.floor(Date.now() / 1000) + 7 * 86400;
    const ok = await control(
      "POST",
      "/_pclocal/aws/engagement-invitations",
      JSON.stringify({ ...lead(), ExpirationDate: at }),
    );
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    const got = await h
      .client(PARTNER_A)
      .send(new GetEngagementInvitationCommand({ Catalog: "Sandbox", Identifier: ok.json.Id }));
    expect(got.ExpirationDate).toEqual(new Date(at * 1000));
  });

  it("keep only the model's members of a deeply nested payload and context", async () => {
    const deep = `${'{"a":'.repeat(5000)}1${"}".repeat(5000)}`;
    const context = structuredClone(LEAD_CONTEXT) as any;
    context.Payload.Lead.Interactions[0].InteractionDate = 1_790_000_000;
    context.Payload.Lead.Customer.ZzDeep = "__DEEP__";
    const payload = { ...structuredClone(OPPORTUNITY_INVITATION_PAYLOAD), ZzDeep: "__DEEP__" };
    const body = JSON.stringify({
      ...lead(),
      PayloadType: "OpportunityInvitation",
      Payload: payload,
      Context: context,
    }).replaceAll('"__DEEP__"', deep);
    const res = await control("POST", "/_pclocal/aws/engagement-invitations", body);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const a = h.client(PARTNER_A);
    const invitation = await a.send(
      new GetEngagementInvitationCommand({ Catalog: "Sandbox", Identifier: res.json.Id }),
    );
    expect(JSON.stringify(invitation)).not.toMatch(/Zz/);
    const events = await control("GET", `/_pclocal/events?account=${PARTNER_A.awsAccountId}&limit=1000`);
    expect(events.body).not.toMatch(/Zz/);

    // AWS changes the lead context with a deep unknown member and an epoch-seconds date.
    const engagementId = res.json.EngagementId;
    const update = await control(
      "POST",
      "/_pclocal/aws/engagements/context",
      JSON.stringify({
        Catalog: "Sandbox",
        EngagementIdentifier: engagementId,
        ContextIdentifier: "1",
        Type: "Lead",
        Payload: {
          Lead: {
            Customer: { CompanyName: "Example University", ZzDeep: "__DEEP__" },
            Interaction: { ...context.Payload.Lead.Interactions[0], InteractionDate: 1_790_000_500 },
          },
        },
      }).replace('"__DEEP__"', deep),
    );
    expect(update.status, JSON.stringify(update.json)).toBe(200);
    const owner = await control("GET", `/_pclocal/events?account=${PARTNER_A.awsAccountId}&limit=1000`);
    expect(owner.body).not.toMatch(/Zz/);
    // AWS's engagement is not visible to the partner before accepting; the invitation still reads.
    const err = await a
      .send(new GetEngagementCommand({ Catalog: "Sandbox", Identifier: engagementId }))
      .catch((e) => e);
    expect(err.$metadata?.httpStatusCode).toBeLessThan(500);
  });
});

// ---------------------------------------------------------------------------------------------
// Every route against hostile member values

const DEEP_ARRAYS = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
const DEEP_OBJECTS = `${'{"a":'.repeat(3_000)}null${"}".repeat(3_000)}`;
const HOSTILE_VALUES = [
  "null",
  "1e308",
  "-1e20",
  "1e400",
  "0.5",
  '""',
  JSON.stringify("x".repeat(3000)),
  "true",
  "[]",
  "{}",
  '"2025-02-30T00:00:00Z"',
  DEEP_ARRAYS,
  DEEP_OBJECTS,
];

/** A valid body per POST route (ids that may not exist: the route must still answer cleanly). */
function routes(opportunityId: string): [string, Record<string, unknown>][] {
  return [
    ["/_pclocal/clock", { advanceSeconds: 1 }],
    ["/_pclocal/tasks/mode", { delaySeconds: 0 }],
    ["/_pclocal/aws/opportunities/auto-review", { approveAfterSeconds: null }],
    [
      "/_pclocal/aws/engagement-invitations",
      { ...lead(), EngagementTitle: "t", ExpirationDate: "2031-01-01T00:00:00Z" },
    ],
    [
      "/_pclocal/aws/opportunities/review",
      { Catalog: "Sandbox", Identifier: opportunityId, ReviewStatus: "Approved", ReviewComments: "c" },
    ],
    [
      "/_pclocal/aws/opportunities/summary",
      {
        Catalog: "Sandbox",
        Identifier: opportunityId,
        CosellMotion: "Partner-led",
        Insights: { EngagementScore: "High" },
      },
    ],
    [
      "/_pclocal/aws/engagements/context",
      {
        Catalog: "Sandbox",
        EngagementIdentifier: "eng-0000000000000a",
        ContextIdentifier: "1",
        Type: "Lead",
        Payload: { Lead: { Customer: { CompanyName: "C" } } },
      },
    ],
    ["/_pclocal/webhooks", { account: PARTNER_A.awsAccountId, url: "http://127.0.0.1:9/hook" }],
    [
      "/_pclocal/solutions",
      {
        Account: PARTNER_A.awsAccountId,
        Catalog: "Sandbox",
        Id: "S-0052021",
        Name: "n",
        Status: "Active",
        Category: "c",
      },
    ],
    [
      "/_pclocal/aws/prospecting-results",
      { account: PARTNER_A.awsAccountId, catalog: "Sandbox", Insights: { SolutionScore: "High" } },
    ],
  ];
}

/** The body with the member at `path` replaced by raw JSON text. */
function withValue(body: Record<string, unknown>, path: string[], text: string): string {
  const copy = structuredClone(body);
  let node: any = copy;
  for (const key of path.slice(0, -1)) node = node[key];
  node[path[path.length - 1]!] = "__HOSTILE__";
  return JSON.stringify(copy).replace('"__HOSTILE__"', text);
}

/** Every member path of a body (objects only), top-level first. */
function memberPaths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...memberPaths(v, [...prefix, k])]);
}

describe("every control-plane route", () => {
  it("answers hostile values of every member with JSON, never a 500", { timeout: 120_000 }, async () => {
    const opp = await h
      .client(PARTNER_A)
      .send(new CreateOpportunityCommand({ Catalog: "Sandbox", ClientToken: "cp-hostile" }));
    let sent = 0;
    for (const [path, body] of routes(opp.Id!)) {
      const paths = [...memberPaths(body), ["ZzUnknown"]];
      for (const member of paths) {
        for (const text of HOSTILE_VALUES) {
          const res = await control("POST", path, withValue(body, member, text));
          sent++;
          const where = `POST ${path} ${member.join(".")}=${text.slice(0, 40)}`;
          expect(res.status, `${where} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
          if (res.status >= 400) {
            expect(typeof res.json?.__type, where).toBe("string");
            expect(typeof res.json?.message, where).toBe("string");
          } else expect(res.body, where).not.toMatch(/Zz/);
        }
      }
      await control("POST", "/_pclocal/reset");
    }
    const queries = ["%", "%E0%A4%A", "1e308", "-1", "NaN", "0x10", "9".repeat(400), "", "null"];
    for (const q of queries) {
      const v = encodeURIComponent(q).replace(/%25/g, "%");
      for (const path of [
        `/_pclocal/events?account=${v}&after=${v}&limit=${v}`,
        `/_pclocal/events?account=${PARTNER_A.awsAccountId}&after=${v}`,
        `/_pclocal/events?account=${PARTNER_A.awsAccountId}&limit=${v}`,
        `/_pclocal/webhooks?account=${v}`,
        `/_pclocal/solutions?account=${v}&catalog=${v}`,
        `/_pclocal/aws/prospecting-results?account=${v}`,
      ]) {
        const res = await control("GET", path);
        sent++;
        expect(res.status, `GET ${path} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
      }
    }
    expect(sent).toBeGreaterThan(500);
    // The server is still whole.
    expect((await control("GET", "/_pclocal/clock")).status).toBe(200);
    const created = await h
      .client(PARTNER_A)
      .send(new CreateOpportunityCommand({ Catalog: "Sandbox", ClientToken: "cp-after" }));
    expect(
      (
        await h
          .client(PARTNER_A)
          .send(new GetOpportunityCommand({ Catalog: "Sandbox", Identifier: created.Id! }))
      ).Id,
    ).toBe(created.Id);
  });
});
