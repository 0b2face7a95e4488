import {
  CreateEngagementCommand,
  CreateEngagementInvitationCommand,
  GetEngagementCommand,
  GetEngagementInvitationCommand,
  type OpportunityInvitationPayload,
} from "@aws-sdk/client-partnercentral-selling";
import { describe, expect, it } from "vitest";
import type { Account } from "../../src/auth/accounts.js";
import { envelopeOf, eventsOf, type LoggedEvent, logEnd } from "./helpers/event-log.js";
import { CUSTOMER_PROJECT_CONTEXT, OPPORTUNITY_INVITATION_PAYLOAD } from "./helpers/fixtures.js";
import { PARTNER_A, PARTNER_B, PARTNER_C, useHarness } from "./helpers/harness.js";

const h = useHarness();

interface EventPage {
  events: LoggedEvent[];
  nextAfter: number;
}

const DAY = 86_400;

const page = (account: Account | string, after = 0, limit?: number) =>
  h.control<EventPage>(
    "GET",
    `/_pclocal/events?account=${typeof account === "string" ? account : account.awsAccountId}&after=${after}${
      limit === undefined ? "" : `&limit=${limit}`
    }`,
  );

/** Whole seconds, as EventBridge stamps `time`. */
const eventTime = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

const opportunityPayload = OPPORTUNITY_INVITATION_PAYLOAD as OpportunityInvitationPayload;

async function engagementOf(account: Account, title = "Events demo") {
  return h.client(account).send(
    new CreateEngagementCommand({
      Catalog: "Sandbox",
      Title: title,
      Description: "An engagement that emits events",
    }),
  );
}

async function invite(from: Account, to: Account) {
  const engagement = await engagementOf(from);
  const invitation = await h.client(from).send(
    new CreateEngagementInvitationCommand({
      Catalog: "Sandbox",
      EngagementIdentifier: engagement.Id,
      Invitation: {
        Message: "Join us",
        Receiver: { Account: { AwsAccountId: to.awsAccountId } },
        Payload: { OpportunityInvitation: opportunityPayload },
      },
    }),
  );
  return { engagement, invitation };
}

async function awsSends(receiver: Account, extra: Record<string, unknown> = {}) {
  return h.control<{ Id: string; Arn: string; EngagementId: string; EngagementArn: string }>(
    "POST",
    "/_pclocal/aws/engagement-invitations",
    {
      Catalog: "Sandbox",
      ReceiverAwsAccountId: receiver.awsAccountId,
      PayloadType: "OpportunityInvitation",
      Payload: { OpportunityInvitation: OPPORTUNITY_INVITATION_PAYLOAD },
      ...extra,
    },
  );
}

describe("GET /_pclocal/events", () => {
  it("requires the admin token", async () => {
    const res = await h.controlRaw(
      "GET",
      `/_pclocal/events?account=${PARTNER_A.awsAccountId}`,
      undefined,
      "x",
    );
    expect(res.status).toBe(401);
  });

  it("requires a 12-digit account and answers 404 for an unknown one", async () => {
    const missing = await h.controlRaw("GET", "/_pclocal/events");
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({
      __type: "ValidationException",
      Reason: "REQUEST_VALIDATION_FAILED",
      ErrorList: [expect.objectContaining({ FieldName: "account", Code: "REQUIRED_FIELD_MISSING" })],
    });
    const malformed = await h.controlRaw("GET", "/_pclocal/events?account=partner-a");
    expect(malformed.status).toBe(400);
    expect(malformed.json.__type).toBe("ValidationException");

    const unknown = await h.controlRaw("GET", "/_pclocal/events?account=999999999999");
    expect(unknown.status).toBe(404);
    expect(unknown.json.__type).toBe("ResourceNotFoundException");
  });

  it("refuses a limit outside 1..1000 and a negative or non-numeric after", async () => {
    const account = PARTNER_A.awsAccountId;
    for (const query of ["limit=0", "limit=1001", "limit=ten", "after=-1", "after=1.5"]) {
      const res = await h.controlRaw("GET", `/_pclocal/events?account=${account}&${query}`);
      expect(`${query}: ${res.status} ${res.json?.__type}`).toBe(`${query}: 400 ValidationException`);
    }
  });
});

describe("Engagement Created", () => {
  it("goes to the creator with the engagement's ARN, id, creation time and context types", async () => {
    const [fromA, fromB] = [await logEnd(h, PARTNER_A), await logEnd(h, PARTNER_B)];
    const created = await engagementOf(PARTNER_A);
    const got = await h
      .client(PARTNER_A)
      .send(new GetEngagementCommand({ Catalog: "Sandbox", Identifier: created.Id }));

    const events = await eventsOf(h, PARTNER_A, fromA);
    expect(events).toHaveLength(1);
    expect(events[0]!.seq).toBeGreaterThan(fromA);
    expect(events[0]!.event).toEqual({
      ...envelopeOf(PARTNER_A, "Engagement Created", [created.Arn!]),
      time: eventTime(got.CreatedAt!),
      detail: {
        catalog: "Sandbox",
        engagement: {
          engagementArn: created.Arn,
          engagementId: created.Id,
          CreatedAt: got.CreatedAt!.toISOString(),
          CreatedBy: PARTNER_A.awsAccountId,
          ContextTypes: [],
        },
      },
    });
    expect(await eventsOf(h, PARTNER_B, fromB)).toEqual([]);
  });

  it("lists the types of the contexts the engagement was created with", async () => {
    const from = await logEnd(h, PARTNER_A);
    const created = await h.client(PARTNER_A).send(
      new CreateEngagementCommand({
        Catalog: "Sandbox",
        Title: "With a context",
        Description: "Customer project from the start",
        Contexts: [CUSTOMER_PROJECT_CONTEXT as never],
      }),
    );
    const [event] = (await eventsOf(h, PARTNER_A, from)).map((e) => e.event);
    expect(event?.detail).toEqual({
      catalog: "Sandbox",
      engagement: expect.objectContaining({ engagementId: created.Id, ContextTypes: ["CustomerProject"] }),
    });
  });
});

describe("Engagement Invitation Created", () => {
  it("goes to the sender (SENDER) and the receiver (RECEIVER) of a partner's invitation", async () => {
    const [fromA, fromB] = [await logEnd(h, PARTNER_A), await logEnd(h, PARTNER_B)];
    const { engagement, invitation } = await invite(PARTNER_A, PARTNER_B);
    const got = await h
      .client(PARTNER_B)
      .send(new GetEngagementInvitationCommand({ Catalog: "Sandbox", Identifier: invitation.Id }));

    const detail = (participantType: string) => ({
      schemaVersion: "1.0",
      catalog: "Sandbox",
      engagementInvitation: {
        arn: invitation.Arn,
        id: invitation.Id,
        engagementId: engagement.Id,
        participantType,
        senderAccountId: PARTNER_A.awsAccountId,
        receiverAccountId: PARTNER_B.awsAccountId,
        payloadType: "OpportunityInvitation",
        senderCompanyName: PARTNER_A.companyName,
        expirationDate: got.ExpirationDate!.toISOString(),
      },
    });
    const time = eventTime(got.InvitationDate!);

    const ofA = (await eventsOf(h, PARTNER_A, fromA)).map((e) => e.event);
    expect(ofA.map((e) => e["detail-type"])).toEqual(["Engagement Created", "Engagement Invitation Created"]);
    expect(ofA[1]).toEqual({
      ...envelopeOf(PARTNER_A, "Engagement Invitation Created", [invitation.Arn!]),
      time,
      detail: detail("SENDER"),
    });

    const ofB = (await eventsOf(h, PARTNER_B, fromB)).map((e) => e.event);
    expect(ofB).toEqual([
      {
        ...envelopeOf(PARTNER_B, "Engagement Invitation Created", [invitation.Arn!]),
        time,
        detail: detail("RECEIVER"),
      },
    ]);
    expect(ofB[0]!.id).not.toBe(ofA[1]!.id);
  });

  it("goes to the receiver only when AWS sends it", async () => {
    const [fromA, fromB] = [await logEnd(h, PARTNER_A), await logEnd(h, PARTNER_B)];
    const sent = await awsSends(PARTNER_A, { ExpirationDate: "2031-05-06T07:08:09.000Z" });

    const created = (await eventsOf(h, PARTNER_A, fromA))
      .map((e) => e.event)
      .filter((e) => e["detail-type"] === "Engagement Invitation Created");
    expect(created).toEqual([
      {
        ...envelopeOf(PARTNER_A, "Engagement Invitation Created", [sent.Arn]),
        detail: {
          schemaVersion: "1.0",
          catalog: "Sandbox",
          engagementInvitation: {
            arn: sent.Arn,
            id: sent.Id,
            engagementId: sent.EngagementId,
            participantType: "RECEIVER",
            senderAccountId: "aws",
            receiverAccountId: PARTNER_A.awsAccountId,
            payloadType: "OpportunityInvitation",
            senderCompanyName: "AWS",
            expirationDate: "2031-05-06T07:08:09.000Z",
          },
        },
      },
    ]);
    expect(await eventsOf(h, PARTNER_B, fromB)).toEqual([]);
  });
});

describe("Engagement Invitation Expired", () => {
  it("goes to both sides once the clock passes the expiry, exactly once", async () => {
    const [fromA, fromB] = [await logEnd(h, PARTNER_A), await logEnd(h, PARTNER_B)];
    const { engagement, invitation } = await invite(PARTNER_A, PARTNER_B);
    const now = Date.parse((await h.control<{ now: string }>("GET", "/_pclocal/clock")).now);
    const fromAws = await awsSends(PARTNER_B, { ExpirationDate: new Date(now + 3_600_000).toISOString() });
    const partnerExpiry = (
      await h
        .client(PARTNER_A)
        .send(new GetEngagementInvitationCommand({ Catalog: "Sandbox", Identifier: invitation.Id }))
    ).ExpirationDate!;

    const expiredOf = async (account: Account, from: number) =>
      (await eventsOf(h, account, from))
        .map((e) => e.event)
        .filter((e) => e["detail-type"] === "Engagement Invitation Expired");

    // Two hours on: only AWS's invitation (one hour) has expired.
    await h.control("POST", "/_pclocal/clock", { advanceSeconds: 7_200 });
    expect(await expiredOf(PARTNER_A, fromA)).toEqual([]);
    expect(await expiredOf(PARTNER_B, fromB)).toEqual([
      {
        ...envelopeOf(PARTNER_B, "Engagement Invitation Expired", [fromAws.Arn]),
        time: eventTime(new Date(now + 3_600_000)),
        detail: {
          schemaVersion: "1.0",
          catalog: "Sandbox",
          engagementInvitation: {
            arn: fromAws.Arn,
            id: fromAws.Id,
            engagementId: fromAws.EngagementId,
            participantType: "RECEIVER",
            senderAccountId: "aws",
            receiverAccountId: PARTNER_B.awsAccountId,
            payloadType: "OpportunityInvitation",
          },
        },
      },
    ]);

    // Sixteen days on: the partner's invitation (15 days) has expired too, for both sides.
    await h.control("POST", "/_pclocal/clock", { advanceSeconds: 16 * DAY });
    const partnerExpired = (participantType: string, account: Account) => ({
      ...envelopeOf(account, "Engagement Invitation Expired", [invitation.Arn!]),
      time: eventTime(partnerExpiry),
      detail: {
        schemaVersion: "1.0",
        catalog: "Sandbox",
        engagementInvitation: {
          arn: invitation.Arn,
          id: invitation.Id,
          engagementId: engagement.Id,
          participantType,
          senderAccountId: PARTNER_A.awsAccountId,
          receiverAccountId: PARTNER_B.awsAccountId,
          payloadType: "OpportunityInvitation",
        },
      },
    });
    const mine = (events: Record<string, any>[]) =>
      events.filter((e) => [invitation.Id, fromAws.Id].includes(e.detail.engagementInvitation.id));
    expect(mine(await expiredOf(PARTNER_A, fromA))).toEqual([partnerExpired("SENDER", PARTNER_A)]);
    expect(mine(await expiredOf(PARTNER_B, fromB))).toEqual([
      expect.objectContaining({ resources: [fromAws.Arn] }),
      partnerExpired("RECEIVER", PARTNER_B),
    ]);

    // Later clock moves and reads announce nothing again.
    await h.control("POST", "/_pclocal/clock", { advanceSeconds: 30 * DAY });
    await h.control("POST", "/_pclocal/clock", { advanceSeconds: 1 });
    expect(mine(await expiredOf(PARTNER_A, fromA))).toHaveLength(1);
    expect(mine(await expiredOf(PARTNER_B, fromB))).toHaveLength(2);
    const seen = await h
      .client(PARTNER_B)
      .send(new GetEngagementInvitationCommand({ Catalog: "Sandbox", Identifier: invitation.Id }));
    expect(seen.Status).toBe("EXPIRED");
  });

  it("is announced when the events are read, without a clock call", async () => {
    const from = await logEnd(h, PARTNER_C);
    const now = Date.parse((await h.control<{ now: string }>("GET", "/_pclocal/clock")).now);
    // Already past its expiry when sent: the read itself must sweep.
    const sent = await awsSends(PARTNER_C, { ExpirationDate: new Date(now - 60_000).toISOString() });
    const types = (await eventsOf(h, PARTNER_C, from))
      .filter((e) => e.event.resources[0] === sent.Arn)
      .map((e) => e.event["detail-type"]);
    expect(types).toEqual(["Engagement Invitation Created", "Engagement Invitation Expired"]);
  });
});

describe("the log", () => {
  it("shows an account only its own events, in ascending seq order", async () => {
    await invite(PARTNER_B, PARTNER_A);
    for (const account of [PARTNER_A, PARTNER_B, PARTNER_C]) {
      const events = await eventsOf(h, account);
      expect(events.length).toBeGreaterThan(0);
      for (const { event } of events) expect(event.account).toBe(account.awsAccountId);
      const seqs = events.map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
      expect(new Set(seqs).size).toBe(seqs.length);
    }
    // Seqs are positions in one log: no two accounts share one.
    const a = new Set((await eventsOf(h, PARTNER_A)).map((e) => e.seq));
    for (const { seq } of await eventsOf(h, PARTNER_B)) expect(a.has(seq)).toBe(false);
  });

  it("pages with after and limit; nextAfter is the last seq, or after itself at the end", async () => {
    const from = await logEnd(h, PARTNER_C);
    const ids: string[] = [];
    for (const title of ["Page one", "Page two", "Page three"])
      ids.push((await engagementOf(PARTNER_C, title)).Id!);

    const first = await page(PARTNER_C, from, 2);
    expect(first.events.map((e) => e.event.detail.engagement.engagementId)).toEqual(ids.slice(0, 2));
    expect(first.nextAfter).toBe(first.events[1]!.seq);

    const second = await page(PARTNER_C, first.nextAfter, 2);
    expect(second.events.map((e) => e.event.detail.engagement.engagementId)).toEqual(ids.slice(2));
    expect(second.nextAfter).toBe(second.events[0]!.seq);

    const end = await page(PARTNER_C, second.nextAfter);
    expect(end).toEqual({ events: [], nextAfter: second.nextAfter });
  });

  it("returns 100 events by default", async () => {
    const from = await logEnd(h, PARTNER_C);
    await Promise.all(
      Array.from({ length: 101 }, (_, i) => engagementOf(PARTNER_C, `Bulk ${String(i).padStart(3, "0")}`)),
    );
    const p = await page(PARTNER_C, from);
    expect(p.events).toHaveLength(100);
    expect((await page(PARTNER_C, p.nextAfter)).events).toHaveLength(1);
  });
});
