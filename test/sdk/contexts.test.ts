/**
 * Engagement contexts through the SDK: CreateEngagementContext (numbering, the five-context
 * quota, ClientToken), UpdateEngagementContext (optimistic concurrency on
 * EngagementLastModifiedAt, lead interactions), who may touch them, and AWS updating a lead.
 */
import {
  AcceptEngagementInvitationCommand,
  CreateEngagementCommand,
  CreateEngagementContextCommand,
  type CreateEngagementContextCommandInput,
  CreateEngagementInvitationCommand,
  type EngagementContextDetails,
  type EngagementContextPayload,
  GetEngagementCommand,
  type LeadInteraction,
  type OpportunityInvitationPayload,
  UpdateEngagementContextCommand,
  type UpdateEngagementContextCommandInput,
  type UpdateEngagementContextPayload,
} from "@aws-sdk/client-partnercentral-selling";
import { describe, expect, it } from "vitest";
import type { Account } from "../../src/auth/accounts.js";
import {
  CUSTOMER_PROJECT_CONTEXT,
  LEAD_CONTEXT,
  LEAD_INVITATION_PAYLOAD,
  OPPORTUNITY_INVITATION_PAYLOAD,
} from "./helpers/fixtures.js";
import { PARTNER_A, PARTNER_B, PARTNER_C, rejectionOf, useHarness } from "./helpers/harness.js";

const CATALOG = "Sandbox";
const PROJECT_CONTEXT = CUSTOMER_PROJECT_CONTEXT as unknown as EngagementContextDetails;
const FULL_LEAD_CONTEXT = LEAD_CONTEXT as unknown as EngagementContextDetails;
const PROJECT_PAYLOAD = PROJECT_CONTEXT.Payload as EngagementContextPayload;
const LEAD_PAYLOAD = FULL_LEAD_CONTEXT.Payload as EngagementContextPayload;
const ORIGINAL_INTERACTION = LEAD_CONTEXT.Payload.Lead.Interactions[0]!;
const OPPORTUNITY = OPPORTUNITY_INVITATION_PAYLOAD as unknown as OpportunityInvitationPayload;

const h = useHarness({}, { resetEach: true });

/** One second of the virtual clock, so that the next write is unambiguously later. */
const tick = () => h.control("POST", "/_pclocal/clock", { advanceSeconds: 1 });

async function createEngagement(by: Account, contexts?: EngagementContextDetails[]) {
  const created = await h.client(by).send(
    new CreateEngagementCommand({
      Catalog: CATALOG,
      Title: "Context work",
      Description: "",
      Contexts: contexts,
    }),
  );
  return { id: created.Id!, arn: created.Arn!, modifiedAt: created.ModifiedAt! };
}

const getEngagement = (by: Account, id: string) =>
  h.client(by).send(new GetEngagementCommand({ Catalog: CATALOG, Identifier: id }));

const createContext = (by: Account, input: Omit<CreateEngagementContextCommandInput, "Catalog">) =>
  h.client(by).send(new CreateEngagementContextCommand({ Catalog: CATALOG, ...input }));

const updateContext = (by: Account, input: Omit<UpdateEngagementContextCommandInput, "Catalog">) =>
  h.client(by).send(new UpdateEngagementContextCommand({ Catalog: CATALOG, ...input }));

/** B joins Partner A's engagement. */
async function join(engagementId: string, who: Account) {
  const invitation = await h.client(PARTNER_A).send(
    new CreateEngagementInvitationCommand({
      Catalog: CATALOG,
      EngagementIdentifier: engagementId,
      Invitation: {
        Message: "Join us",
        Receiver: { Account: { AwsAccountId: who.awsAccountId } },
        Payload: { OpportunityInvitation: OPPORTUNITY },
      },
    }),
  );
  await h
    .client(who)
    .send(new AcceptEngagementInvitationCommand({ Catalog: CATALOG, Identifier: invitation.Id }));
}

const newInteraction = (n: number): LeadInteraction => ({
  SourceType: "Event",
  SourceId: `evt-${n}`,
  SourceName: `Follow-up call ${n}`,
  Usecase: "Research computing",
  InteractionDate: new Date(`2026-11-0${n}T10:00:00.000Z`),
  CustomerAction: "Asked for a proposal",
  BusinessProblem: "Researchers wait weeks for compute.",
  Contact: {
    BusinessTitle: "CTO",
    Email: `cto${n}@example-university.edu`,
    FirstName: "Sam",
    LastName: "Park",
  },
});

const leadUpdate = (
  qualification: string,
  interaction?: LeadInteraction,
): UpdateEngagementContextPayload => ({
  Lead: {
    QualificationStatus: qualification,
    Customer: {
      Industry: "Education",
      CompanyName: "Example University (Medical School)",
      WebsiteUrl: "https://med.example-university.edu",
      Address: { City: "Boston", CountryCode: "US" },
      AwsMaturity: "Intermediate",
      MarketSegment: "Large",
    },
    Interaction: interaction,
  },
});

describe("CreateEngagementContext", () => {
  it("numbers contexts 1 to 5 and refuses a sixth", async () => {
    const engagement = await createEngagement(PARTNER_A);
    let last = engagement.modifiedAt;
    const payloads: EngagementContextDetails[] = [];
    for (let i = 1; i <= 5; i++) {
      await tick();
      const context = i % 2 === 1 ? PROJECT_CONTEXT : FULL_LEAD_CONTEXT;
      payloads.push(context);
      const out = await createContext(PARTNER_A, {
        EngagementIdentifier: engagement.id,
        ClientToken: `context-${i}`,
        Type: context.Type,
        Payload: context.Payload,
      });
      expect(out.ContextId).toBe(String(i));
      expect(out.EngagementId).toBe(engagement.id);
      expect(out.EngagementArn).toBe(engagement.arn);
      expect(out.EngagementLastModifiedAt).toBeInstanceOf(Date);
      expect(out.EngagementLastModifiedAt!.getTime()).toBeGreaterThan(last.getTime());
      last = out.EngagementLastModifiedAt!;
    }

    const sixth = await rejectionOf(
      createContext(PARTNER_A, {
        EngagementIdentifier: engagement.id,
        ClientToken: "context-6",
        Type: "CustomerProject",
        Payload: PROJECT_PAYLOAD,
      }),
    );
    expect(sixth.name).toBe("ServiceQuotaExceededException");
    expect(sixth.$metadata.httpStatusCode).toBe(402);

    const got = await getEngagement(PARTNER_A, engagement.id);
    expect(got.Contexts).toEqual(payloads.map((c, i) => ({ Id: String(i + 1), ...c })));
    expect(got.ModifiedAt).toEqual(last);
    expect(got.ModifiedBy).toBe(PARTNER_A.awsAccountId);
  });

  it("continues the numbering after the contexts given at creation, and takes an ARN", async () => {
    const engagement = await createEngagement(PARTNER_A, [PROJECT_CONTEXT, FULL_LEAD_CONTEXT]);
    const out = await createContext(PARTNER_A, {
      EngagementIdentifier: engagement.arn,
      ClientToken: "after-two",
      Type: "CustomerProject",
      Payload: PROJECT_PAYLOAD,
    });
    expect(out.ContextId).toBe("3");
    expect(out.EngagementId).toBe(engagement.id);
  });

  it("answers a replayed ClientToken with the same context and adds nothing", async () => {
    const engagement = await createEngagement(PARTNER_A);
    const input = {
      EngagementIdentifier: engagement.id,
      ClientToken: "replayed-token",
      Type: "Lead" as const,
      Payload: LEAD_PAYLOAD,
    };
    const first = await createContext(PARTNER_A, input);
    await tick();
    const again = await createContext(PARTNER_A, input);
    expect(again.ContextId).toBe(first.ContextId);
    expect(again.EngagementLastModifiedAt).toEqual(first.EngagementLastModifiedAt);
    const got = await getEngagement(PARTNER_A, engagement.id);
    expect(got.Contexts).toHaveLength(1);
    expect(got.ModifiedAt).toEqual(first.EngagementLastModifiedAt);

    const conflicting = await rejectionOf(
      createContext(PARTNER_A, { ...input, Type: "CustomerProject", Payload: PROJECT_PAYLOAD }),
    );
    expect(conflicting.name).toBe("ConflictException");
    expect((await getEngagement(PARTNER_A, engagement.id)).Contexts).toHaveLength(1);

    // Another token is another context.
    const second = await createContext(PARTNER_A, { ...input, ClientToken: "another-token" });
    expect(second.ContextId).toBe("2");
  });

  it("refuses a payload that is not of the context's type", async () => {
    const engagement = await createEngagement(PARTNER_A);
    for (const [Type, Payload] of [
      ["Lead", PROJECT_PAYLOAD],
      ["CustomerProject", LEAD_PAYLOAD],
    ] as const) {
      const err = await rejectionOf(
        createContext(PARTNER_A, {
          EngagementIdentifier: engagement.id,
          ClientToken: `mismatch-${Type}`,
          Type,
          Payload,
        }),
      );
      expect(err.name).toBe("ValidationException");
      expect(err.Reason).toBe("BUSINESS_VALIDATION_FAILED");
      expect(err.$metadata.httpStatusCode).toBe(400);
    }
    const got = await getEngagement(PARTNER_A, engagement.id);
    expect(got.Contexts).toEqual([]);
    expect(got.ModifiedAt).toEqual(engagement.modifiedAt);
  });
});

describe("UpdateEngagementContext", () => {
  it("succeeds with the current EngagementLastModifiedAt and answers a newer one", async () => {
    const engagement = await createEngagement(PARTNER_A, [PROJECT_CONTEXT]);
    await tick();
    const changed = {
      CustomerProject: {
        Customer: {
          ...CUSTOMER_PROJECT_CONTEXT.Payload.CustomerProject.Customer,
          CompanyName: "Example Retail Group",
        },
        Project: {
          Title: "Omnichannel inventory, phase 2",
          BusinessProblem: "Stores and web shop still disagree on stock.",
          TargetCompletionDate: "2027-09-30",
        },
      },
    } as UpdateEngagementContextPayload;
    const out = await updateContext(PARTNER_A, {
      EngagementIdentifier: engagement.id,
      ContextIdentifier: "1",
      EngagementLastModifiedAt: engagement.modifiedAt,
      Type: "CustomerProject",
      Payload: changed,
    });
    expect(out).toMatchObject({ EngagementId: engagement.id, EngagementArn: engagement.arn, ContextId: "1" });
    expect(out.EngagementLastModifiedAt!.getTime()).toBeGreaterThan(engagement.modifiedAt.getTime());

    const got = await getEngagement(PARTNER_A, engagement.id);
    expect(got.Contexts).toEqual([{ Id: "1", Type: "CustomerProject", Payload: changed }]);
    expect(got.ModifiedAt).toEqual(out.EngagementLastModifiedAt);
    expect(got.ModifiedBy).toBe(PARTNER_A.awsAccountId);
    expect(got.CreatedAt).toEqual(engagement.modifiedAt);

    // Chaining on each answer keeps working, for any member.
    await join(engagement.id, PARTNER_B);
    const current = (await getEngagement(PARTNER_B, engagement.id)).ModifiedAt!;
    await tick();
    const byB = await updateContext(PARTNER_B, {
      EngagementIdentifier: engagement.id,
      ContextIdentifier: "1",
      EngagementLastModifiedAt: current,
      Type: "CustomerProject",
      Payload: PROJECT_PAYLOAD as UpdateEngagementContextPayload,
    });
    expect(byB.EngagementLastModifiedAt!.getTime()).toBeGreaterThan(current.getTime());
    const afterB = await getEngagement(PARTNER_A, engagement.id);
    expect(afterB.ModifiedBy).toBe(PARTNER_B.awsAccountId);
    expect(afterB.Contexts).toEqual([{ Id: "1", ...PROJECT_CONTEXT }]);
  });

  it("refuses a stale EngagementLastModifiedAt with ConflictException", async () => {
    const engagement = await createEngagement(PARTNER_A, [FULL_LEAD_CONTEXT]);
    await tick();
    const first = await updateContext(PARTNER_A, {
      EngagementIdentifier: engagement.id,
      ContextIdentifier: "1",
      EngagementLastModifiedAt: engagement.modifiedAt,
      Type: "Lead",
      Payload: leadUpdate("Qualified", newInteraction(1)),
    });
    await tick();
    const stale = await rejectionOf(
      updateContext(PARTNER_A, {
        EngagementIdentifier: engagement.id,
        ContextIdentifier: "1",
        EngagementLastModifiedAt: engagement.modifiedAt,
        Type: "Lead",
        Payload: leadUpdate("Disqualified", newInteraction(2)),
      }),
    );
    expect(stale.name).toBe("ConflictException");
    expect(stale.$metadata.httpStatusCode).toBe(409);
    // A timestamp from the future is no better.
    const future = await rejectionOf(
      updateContext(PARTNER_A, {
        EngagementIdentifier: engagement.id,
        ContextIdentifier: "1",
        EngagementLastModifiedAt: new Date(first.EngagementLastModifiedAt!.getTime() + 1000),
        Type: "Lead",
        Payload: leadUpdate("Disqualified"),
      }),
    );
    expect(future.name).toBe("ConflictException");

    const got = await getEngagement(PARTNER_A, engagement.id);
    expect(got.ModifiedAt).toEqual(first.EngagementLastModifiedAt);
    expect(got.Contexts![0]!.Payload!.Lead!.QualificationStatus).toBe("Qualified");
    expect(got.Contexts![0]!.Payload!.Lead!.Interactions).toHaveLength(2);
  });

  it("lets exactly one of two concurrent updates with the same timestamp win", async () => {
    const engagement = await createEngagement(PARTNER_A, [FULL_LEAD_CONTEXT]);
    await join(engagement.id, PARTNER_B);
    const base = (await getEngagement(PARTNER_A, engagement.id)).ModifiedAt!;
    await tick();
    const update = (by: Account, qualification: string, n: number) =>
      updateContext(by, {
        EngagementIdentifier: engagement.id,
        ContextIdentifier: "1",
        EngagementLastModifiedAt: base,
        Type: "Lead",
        Payload: leadUpdate(qualification, newInteraction(n)),
      });
    const results = await Promise.allSettled([
      update(PARTNER_A, "Qualified", 1),
      update(PARTNER_B, "Disqualified", 2),
    ]);

    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason.name).toBe("ConflictException");

    const winner =
      results[0]!.status === "fulfilled"
        ? { by: PARTNER_A, q: "Qualified", n: 1 }
        : { by: PARTNER_B, q: "Disqualified", n: 2 };
    const got = await getEngagement(PARTNER_A, engagement.id);
    const lead = got.Contexts![0]!.Payload!.Lead!;
    expect(got.ModifiedBy).toBe(winner.by.awsAccountId);
    expect(lead.QualificationStatus).toBe(winner.q);
    expect(lead.Interactions).toEqual([ORIGINAL_INTERACTION, newInteraction(winner.n)]);
  });

  it("appends a lead's interaction and replaces its customer and qualification status", async () => {
    const engagement = await createEngagement(PARTNER_A, [PROJECT_CONTEXT, FULL_LEAD_CONTEXT]);
    await tick();
    const first = await updateContext(PARTNER_A, {
      EngagementIdentifier: engagement.id,
      ContextIdentifier: "2",
      EngagementLastModifiedAt: engagement.modifiedAt,
      Type: "Lead",
      Payload: leadUpdate("Qualified", newInteraction(1)),
    });
    await tick();
    await updateContext(PARTNER_A, {
      EngagementIdentifier: engagement.id,
      ContextIdentifier: "2",
      EngagementLastModifiedAt: first.EngagementLastModifiedAt,
      Type: "Lead",
      Payload: leadUpdate("Disqualified", newInteraction(2)),
    });

    const got = await getEngagement(PARTNER_A, engagement.id);
    expect(got.Contexts).toEqual([
      { Id: "1", ...PROJECT_CONTEXT },
      {
        Id: "2",
        Type: "Lead",
        Payload: {
          Lead: {
            QualificationStatus: "Disqualified",
            Customer: leadUpdate("x").Lead!.Customer,
            Interactions: [ORIGINAL_INTERACTION, newInteraction(1), newInteraction(2)],
          },
        },
      },
    ]);
  });

  it("refuses a payload of the wrong type, a type change and an unknown context", async () => {
    const engagement = await createEngagement(PARTNER_A, [FULL_LEAD_CONTEXT]);
    const base = {
      EngagementIdentifier: engagement.id,
      ContextIdentifier: "1",
      EngagementLastModifiedAt: engagement.modifiedAt,
    };
    const mismatch = await rejectionOf(
      updateContext(PARTNER_A, {
        ...base,
        Type: "Lead",
        Payload: PROJECT_PAYLOAD as UpdateEngagementContextPayload,
      }),
    );
    expect(mismatch.name).toBe("ValidationException");
    expect(mismatch.Reason).toBe("BUSINESS_VALIDATION_FAILED");

    const otherType = await rejectionOf(
      updateContext(PARTNER_A, {
        ...base,
        Type: "CustomerProject",
        Payload: PROJECT_PAYLOAD as UpdateEngagementContextPayload,
      }),
    );
    expect(otherType.name).toBe("ValidationException");
    expect(otherType.Reason).toBe("BUSINESS_VALIDATION_FAILED");

    const unknown = await rejectionOf(
      updateContext(PARTNER_A, {
        ...base,
        ContextIdentifier: "9",
        Type: "Lead",
        Payload: leadUpdate("Qualified"),
      }),
    );
    expect(unknown.name).toBe("ResourceNotFoundException");
    expect(unknown.$metadata.httpStatusCode).toBe(404);

    const got = await getEngagement(PARTNER_A, engagement.id);
    expect(got.ModifiedAt).toEqual(engagement.modifiedAt);
    expect(got.Contexts).toEqual([{ Id: "1", ...FULL_LEAD_CONTEXT }]);
  });
});

describe("who may change contexts", () => {
  it("hides the engagement from strangers and denies invitees", async () => {
    const engagement = await createEngagement(PARTNER_A, [FULL_LEAD_CONTEXT]);
    await h.client(PARTNER_A).send(
      new CreateEngagementInvitationCommand({
        Catalog: CATALOG,
        EngagementIdentifier: engagement.id,
        Invitation: {
          Message: "Join us",
          Receiver: { Account: { AwsAccountId: PARTNER_B.awsAccountId } },
          Payload: { OpportunityInvitation: OPPORTUNITY },
        },
      }),
    );
    const create = (by: Account) =>
      createContext(by, {
        EngagementIdentifier: engagement.id,
        ClientToken: `outsider-${by.alias}`,
        Type: "CustomerProject",
        Payload: PROJECT_PAYLOAD,
      });
    const update = (by: Account) =>
      updateContext(by, {
        EngagementIdentifier: engagement.id,
        ContextIdentifier: "1",
        EngagementLastModifiedAt: engagement.modifiedAt,
        Type: "Lead",
        Payload: leadUpdate("Disqualified"),
      });

    for (const attempt of [create, update]) {
      const invitee = await rejectionOf(attempt(PARTNER_B));
      expect(invitee.name).toBe("AccessDeniedException");
      expect(invitee.$metadata.httpStatusCode).toBe(403);
      const stranger = await rejectionOf(attempt(PARTNER_C));
      expect(stranger.name).toBe("ResourceNotFoundException");
      expect(stranger.$metadata.httpStatusCode).toBe(404);
    }
    const got = await getEngagement(PARTNER_A, engagement.id);
    expect(got.Contexts).toEqual([{ Id: "1", ...FULL_LEAD_CONTEXT }]);
    expect(got.ModifiedAt).toEqual(engagement.modifiedAt);
  });
});

describe("AWS updating a lead", () => {
  it("changes what the members see, and makes their timestamp stale", async () => {
    const sent = await h.control<{ Id: string; EngagementId: string }>(
      "POST",
      "/_pclocal/aws/engagement-invitations",
      {
        Catalog: CATALOG,
        ReceiverAwsAccountId: PARTNER_A.awsAccountId,
        PayloadType: "LeadInvitation",
        Payload: LEAD_INVITATION_PAYLOAD,
        Context: LEAD_CONTEXT,
      },
    );
    await h
      .client(PARTNER_A)
      .send(new AcceptEngagementInvitationCommand({ Catalog: CATALOG, Identifier: sent.Id }));
    const seen = await getEngagement(PARTNER_A, sent.EngagementId);
    await tick();

    const awsUpdate = leadUpdate("Qualified", newInteraction(3));
    const answer = await h.control<{
      EngagementId: string;
      ContextId: string;
      EngagementLastModifiedAt: string;
    }>("POST", "/_pclocal/aws/engagements/context", {
      Catalog: CATALOG,
      EngagementIdentifier: sent.EngagementId,
      ContextIdentifier: "1",
      Type: "Lead",
      Payload: awsUpdate,
    });
    expect(answer).toMatchObject({ EngagementId: sent.EngagementId, ContextId: "1" });

    const got = await getEngagement(PARTNER_A, sent.EngagementId);
    expect(got.ModifiedBy).toBe("aws");
    expect(got.ModifiedAt!.toISOString()).toBe(new Date(answer.EngagementLastModifiedAt).toISOString());
    expect(got.ModifiedAt!.getTime()).toBeGreaterThan(seen.ModifiedAt!.getTime());
    expect(got.Contexts).toEqual([
      {
        Id: "1",
        Type: "Lead",
        Payload: {
          Lead: {
            QualificationStatus: "Qualified",
            Customer: awsUpdate.Lead!.Customer,
            Interactions: [ORIGINAL_INTERACTION, newInteraction(3)],
          },
        },
      },
    ]);

    const stale = await rejectionOf(
      updateContext(PARTNER_A, {
        EngagementIdentifier: sent.EngagementId,
        ContextIdentifier: "1",
        EngagementLastModifiedAt: seen.ModifiedAt,
        Type: "Lead",
        Payload: leadUpdate("Disqualified"),
      }),
    );
    expect(stale.name).toBe("ConflictException");
    const fresh = await updateContext(PARTNER_A, {
      EngagementIdentifier: sent.EngagementId,
      ContextIdentifier: "1",
      EngagementLastModifiedAt: got.ModifiedAt,
      Type: "Lead",
      Payload: leadUpdate("Disqualified"),
    });
    expect(fresh.ContextId).toBe("1");
  });
});
