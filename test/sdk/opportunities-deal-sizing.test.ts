/**
 * Deal sizing through the SDK: Project.ExpectedContractDuration (TCV) from Create to Get, List and
 * snapshots, the update rules (omitted keeps, null clears), the TCV rules and the currency rule.
 */
import {
  CreateEngagementCommand,
  CreateEngagementInvitationCommand,
  CreateOpportunityCommand,
  type CreateOpportunityCommandInput,
  CreateResourceSnapshotCommand,
  GetOpportunityCommand,
  type GetOpportunityCommandOutput,
  GetResourceSnapshotCommand,
  ListOpportunitiesCommand,
  type OpportunityInvitationPayload,
  type PartnerCentralSellingClient,
  UpdateOpportunityCommand,
  type UpdateOpportunityCommandInput,
} from "@aws-sdk/client-partnercentral-selling";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPPORTUNITY_INVITATION_PAYLOAD } from "./helpers/fixtures.js";
import { type Harness, PARTNER_A, PARTNER_B, rejectionOf, startHarness } from "./helpers/harness.js";
import { signedRequest } from "./helpers/raw.js";
import { replayForUpdate } from "./helpers/tasks.js";

let h: Harness;
let a: PartnerCentralSellingClient;
beforeAll(async () => {
  h = await startHarness();
  a = h.client(PARTNER_A);
});
afterAll(() => h.close());

const CATALOG = "Sandbox";
const MONTHS_36 = { Term: "Months", Value: "36" } as const;
const TCV = {
  Amount: "1200000.00",
  CurrencyCode: "USD",
  Frequency: "Monthly",
  TargetCompany: "Self",
} as const;
const MRR = { Amount: "8000.00", CurrencyCode: "USD", Frequency: "Monthly", TargetCompany: "AWS" } as const;

const project = (extra: object) => ({
  Title: "Contact centre migration",
  CustomerBusinessProblem: "The on-premises contact centre cannot scale for seasonal peaks.",
  ...extra,
});

const create = (projectMembers: object, extra: object = {}) =>
  a.send(
    new CreateOpportunityCommand({
      Catalog: CATALOG,
      Project: project(projectMembers),
      ...extra,
    } as unknown as CreateOpportunityCommandInput),
  );

const get = (id: string) => a.send(new GetOpportunityCommand({ Catalog: CATALOG, Identifier: id }));

/** The UpdateOpportunity payload that replays a GetOpportunity answer, changed by `change`. */

const update = (got: GetOpportunityCommandOutput, change?: (doc: any) => void) =>
  a.send(new UpdateOpportunityCommand(replayForUpdate(got, change) as UpdateOpportunityCommandInput));

/** The business-rule failure's entries as `FieldName: Message`. */
const failures = (err: any) => {
  expect(err.name).toBe("ValidationException");
  expect(err.Reason).toBe("BUSINESS_VALIDATION_FAILED");
  return (err.ErrorList ?? []).map((e: any) => `${e.FieldName}: ${e.Message}`);
};

describe("ExpectedContractDuration round trip", () => {
  it("is stored and shown by Get, List and the OpportunitySummaryView snapshot, with AWS's monthly entry", async () => {
    const { Id } = await create({ ExpectedContractDuration: MONTHS_36, ExpectedCustomerSpend: [TCV] });
    const got = await get(Id!);
    expect(got.Project?.ExpectedContractDuration).toEqual(MONTHS_36);
    // AWS derives the monthly AWS entry from the TCV (here spread evenly over the 36 months).
    expect(got.Project?.ExpectedCustomerSpend).toEqual([
      { Amount: "33333.33", CurrencyCode: "USD", Frequency: "Monthly", TargetCompany: "AWS" },
      TCV,
    ]);

    const listed = await a.send(new ListOpportunitiesCommand({ Catalog: CATALOG, Identifier: [Id!] }));
    expect(listed.OpportunitySummaries?.[0]?.Project).toEqual({
      ExpectedContractDuration: MONTHS_36,
      ExpectedCustomerSpend: got.Project?.ExpectedCustomerSpend,
    });

    const eng = await a.send(
      new CreateEngagementCommand({ Catalog: CATALOG, Title: "TCV", Description: "TCV" }),
    );
    const ref = {
      Catalog: CATALOG,
      EngagementIdentifier: eng.Id!,
      ResourceType: "Opportunity" as const,
      ResourceIdentifier: Id!,
      ResourceSnapshotTemplateIdentifier: "OpportunitySummaryView",
    };
    await a.send(new CreateResourceSnapshotCommand(ref));
    const snapshot = await a.send(new GetResourceSnapshotCommand(ref));
    expect(snapshot.Payload?.OpportunitySummary?.Project).toMatchObject({
      ExpectedContractDuration: MONTHS_36,
      ExpectedCustomerSpend: got.Project?.ExpectedCustomerSpend,
    });
  });

  it("keeps the partner's own AWS entry next to the TCV", async () => {
    const { Id } = await create({ ExpectedContractDuration: MONTHS_36, ExpectedCustomerSpend: [MRR, TCV] });
    expect((await get(Id!)).Project?.ExpectedCustomerSpend).toEqual([MRR, TCV]);
  });

  it("an opportunity without one shows none", async () => {
    const { Id } = await create({ ExpectedCustomerSpend: [MRR] });
    const got = await get(Id!);
    expect(got.Project?.ExpectedContractDuration).toBeUndefined();
    expect(got.Project?.ExpectedCustomerSpend).toEqual([MRR]);
  });
});

describe("UpdateOpportunity and ExpectedContractDuration", () => {
  it("omitted: the stored duration and TCV entry stay", async () => {
    const { Id } = await create({ ExpectedContractDuration: MONTHS_36, ExpectedCustomerSpend: [MRR, TCV] });
    await update(await get(Id!), (doc) => {
      delete doc.Project.ExpectedContractDuration;
      doc.Project.ExpectedCustomerSpend = [{ ...MRR, Amount: "9000.00" }];
      doc.Project.Title = "Renamed";
    });
    const got = await get(Id!);
    expect(got.Project?.Title).toBe("Renamed");
    expect(got.Project?.ExpectedContractDuration).toEqual(MONTHS_36);
    expect(got.Project?.ExpectedCustomerSpend).toEqual([{ ...MRR, Amount: "9000.00" }, TCV]);
  });

  it("given without a Self entry: the stored Self entry is kept; a new duration replaces the old", async () => {
    const { Id } = await create({ ExpectedContractDuration: MONTHS_36, ExpectedCustomerSpend: [MRR, TCV] });
    await update(await get(Id!), (doc) => {
      doc.Project.ExpectedContractDuration = { Term: "Months", Value: "24" };
      doc.Project.ExpectedCustomerSpend = [MRR];
    });
    const got = await get(Id!);
    expect(got.Project?.ExpectedContractDuration).toEqual({ Term: "Months", Value: "24" });
    expect(got.Project?.ExpectedCustomerSpend).toEqual([MRR, TCV]);
  });

  it("null: clears the duration (back to a monthly estimate); a Self entry then needs one", async () => {
    const { Id } = await create({ ExpectedContractDuration: MONTHS_36, ExpectedCustomerSpend: [MRR, TCV] });
    // The JavaScript SDK drops nulls from requests, so this body is sent as AWS documents it.
    const send = async (change: (doc: any) => void) => {
      const doc: any = replayForUpdate(await get(Id!), change);
      doc.LastModifiedDate = (doc.LastModifiedDate as Date).toISOString();
      return signedRequest(h.url, PARTNER_A, "UpdateOpportunity", JSON.stringify(doc));
    };
    const refused = await send((doc) => (doc.Project.ExpectedContractDuration = null));
    expect(refused.status).toBe(400);
    expect(refused.json.Reason).toBe("BUSINESS_VALIDATION_FAILED");
    expect(refused.json.ErrorList).toEqual([
      {
        FieldName: "project.expectedContractDuration",
        Message: "ExpectedContractDuration is required when a Self entry is present",
        Code: "INVALID_VALUE",
      },
    ]);
    expect((await get(Id!)).Project?.ExpectedContractDuration).toEqual(MONTHS_36);

    const cleared = await send((doc) => {
      doc.Project.ExpectedContractDuration = null;
      doc.Project.ExpectedCustomerSpend = [MRR];
    });
    expect(cleared.status).toBe(200);
    const got = await get(Id!);
    expect(got.Project?.ExpectedContractDuration).toBeUndefined();
    expect(got.Project?.ExpectedCustomerSpend).toEqual([MRR]);
  });

  it("refuses 0 and 145 months on update as on create", async () => {
    const { Id } = await create({ ExpectedContractDuration: MONTHS_36, ExpectedCustomerSpend: [TCV] });
    const got = await get(Id!);
    for (const Value of ["0", "145"]) {
      const err = await rejectionOf(
        update(got, (doc) => (doc.Project.ExpectedContractDuration.Value = Value)),
      );
      expect(failures(err)).toEqual([
        `project.expectedContractDuration.value: ExpectedContractDuration.Value must be a whole number of months from 1 to 144; got "${Value}".`,
      ]);
    }
    await update(got, (doc) => (doc.Project.ExpectedContractDuration.Value = "144"));
    expect((await get(Id!)).Project?.ExpectedContractDuration?.Value).toBe("144");
  });
});

describe("TCV rules", () => {
  it("accepts 1 to 144 months and refuses 0, 145 and non-integers", async () => {
    for (const Value of ["1", "144"]) {
      const { Id } = await create({
        ExpectedContractDuration: { Term: "Months", Value },
        ExpectedCustomerSpend: [TCV],
      });
      expect((await get(Id!)).Project?.ExpectedContractDuration?.Value).toBe(Value);
    }
    for (const Value of ["0", "145", "12.5", "-3", "twelve"]) {
      const err = await rejectionOf(
        create({ ExpectedContractDuration: { Term: "Months", Value }, ExpectedCustomerSpend: [TCV] }),
      );
      expect(err.ErrorList).toEqual([
        expect.objectContaining({
          FieldName: "project.expectedContractDuration.value",
          Code: "INVALID_VALUE",
        }),
      ]);
    }
  });

  it("reports each documented rule with its field", async () => {
    const cases: [object, string][] = [
      [
        { ExpectedCustomerSpend: [TCV] },
        "project.expectedContractDuration: ExpectedContractDuration is required when a Self entry is present",
      ],
      [
        { ExpectedContractDuration: MONTHS_36, ExpectedCustomerSpend: [MRR] },
        "project.expectedCustomerSpend: A Self entry is required when ExpectedContractDuration is present",
      ],
      [
        { ExpectedContractDuration: MONTHS_36, ExpectedCustomerSpend: [TCV, { ...TCV, Amount: "5" }] },
        "project.expectedCustomerSpend: Only one Self entry is allowed",
      ],
      [
        {
          ExpectedContractDuration: MONTHS_36,
          ExpectedCustomerSpend: [TCV, { ...MRR, TargetCompany: "Partner" }],
        },
        "project.expectedCustomerSpend.targetCompany: TargetCompany must be 'AWS' or 'Self'",
      ],
      [
        {
          ExpectedContractDuration: MONTHS_36,
          ExpectedCustomerSpend: [TCV, { ...MRR, CurrencyCode: "EUR" }],
        },
        "project.expectedCustomerSpend.currencyCode: CurrencyCode must match between entries",
      ],
      [
        {
          ExpectedContractDuration: MONTHS_36,
          ExpectedCustomerSpend: [
            TCV,
            {
              ...MRR,
              EstimationUrl: "https://calculator.aws/#/estimate?id=0123456789abcdef0123456789abcdef",
            },
          ],
        },
        "project.expectedCustomerSpend.estimationUrl: Self entry and EstimationUrl cannot coexist",
      ],
    ];
    for (const [members, expected] of cases) {
      expect(failures(await rejectionOf(create(members)))).toEqual([expected]);
    }
  });

  it("reports every broken rule at once, with the other business rules", async () => {
    const err = await rejectionOf(
      create(
        { ExpectedCustomerSpend: [TCV, TCV] },
        { LifeCycle: { Stage: "Closed Lost", TargetCloseDate: "2099-01-01" } },
      ),
    );
    expect(
      failures(err)
        .map((f: string) => f.split(":")[0])
        .sort(),
    ).toEqual([
      "lifeCycle.closedLostReason",
      "project.expectedContractDuration",
      "project.expectedCustomerSpend",
    ]);
  });

  it("without a duration, any TargetCompany other than AWS becomes AWS", async () => {
    const { Id } = await create({ ExpectedCustomerSpend: [{ ...MRR, TargetCompany: "Example Bank Corp" }] });
    expect((await get(Id!)).Project?.ExpectedCustomerSpend).toEqual([MRR]);
  });
});

describe("CurrencyCode", () => {
  it("accepts USD and EUR only, on create and update", async () => {
    const { Id } = await create({ ExpectedCustomerSpend: [{ ...MRR, CurrencyCode: "EUR" }] });
    expect((await get(Id!)).Project?.ExpectedCustomerSpend?.[0]?.CurrencyCode).toBe("EUR");

    const err = await rejectionOf(create({ ExpectedCustomerSpend: [MRR, { ...MRR, CurrencyCode: "JPY" }] }));
    expect(err.ErrorList).toEqual([
      {
        FieldName: "project.expectedCustomerSpend[1].currencyCode",
        Message: "CurrencyCode JPY is not accepted; use USD or EUR.",
        Code: "INVALID_VALUE",
      },
    ]);
    expect(err.Reason).toBe("BUSINESS_VALIDATION_FAILED");

    const got = await get(Id!);
    const err2 = await rejectionOf(
      update(got, (doc) => (doc.Project.ExpectedCustomerSpend[0].CurrencyCode = "GBP")),
    );
    expect(failures(err2)).toEqual([
      "project.expectedCustomerSpend[0].currencyCode: CurrencyCode GBP is not accepted; use USD or EUR.",
    ]);
  });

  it("must be EUR in the aws-eusc partition", async () => {
    const err = await rejectionOf(create({ AwsPartition: "aws-eusc", ExpectedCustomerSpend: [MRR] }));
    expect(failures(err)).toEqual([
      "project.expectedCustomerSpend[0].currencyCode: CurrencyCode must be EUR when Project.AwsPartition is aws-eusc.",
    ]);
    const { Id } = await create({
      AwsPartition: "aws-eusc",
      ExpectedCustomerSpend: [{ ...MRR, CurrencyCode: "EUR" }],
    });
    const got = await get(Id!);
    expect(got.Project?.AwsPartition).toBe("aws-eusc");
    const err2 = await rejectionOf(
      update(got, (doc) => (doc.Project.ExpectedCustomerSpend[0].CurrencyCode = "USD")),
    );
    expect(failures(err2)).toEqual([
      "project.expectedCustomerSpend[0].currencyCode: CurrencyCode must be EUR when Project.AwsPartition is aws-eusc.",
    ]);
  });

  it("holds for the expected spend of an opportunity invitation", async () => {
    const eng = await a.send(
      new CreateEngagementCommand({ Catalog: CATALOG, Title: "Invite", Description: "Invite" }),
    );
    const invite = (CurrencyCode: string) =>
      a.send(
        new CreateEngagementInvitationCommand({
          Catalog: CATALOG,
          EngagementIdentifier: eng.Id!,
          Invitation: {
            Message: "Join us",
            Receiver: { Account: { AwsAccountId: PARTNER_B.awsAccountId } },
            Payload: {
              OpportunityInvitation: {
                ...OPPORTUNITY_INVITATION_PAYLOAD,
                Project: {
                  ...OPPORTUNITY_INVITATION_PAYLOAD.Project,
                  ExpectedCustomerSpend: [
                    { ...OPPORTUNITY_INVITATION_PAYLOAD.Project.ExpectedCustomerSpend[0]!, CurrencyCode },
                  ],
                },
              } as unknown as OpportunityInvitationPayload,
            },
          },
        }),
      );
    const err = await rejectionOf(invite("CHF"));
    expect(failures(err)).toEqual([
      "invitation.payload.opportunityInvitation.project.expectedCustomerSpend[0].currencyCode: CurrencyCode CHF is not accepted; use USD or EUR.",
    ]);
    expect((await invite("EUR")).Id).toMatch(/^engi-/);
  });
});
