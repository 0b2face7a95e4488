/**
 * Paging through ListEngagementInvitations, ListEngagements and ListEngagementMembers the way a
 * sync job does: loop on NextToken while other writers keep inserting, never lose or repeat an
 * item, and get a ValidationException for any token that was not issued for this very query.
 */
import {
  AcceptEngagementInvitationCommand,
  CreateEngagementCommand,
  CreateEngagementInvitationCommand,
  ListEngagementInvitationsCommand,
  type ListEngagementInvitationsCommandInput,
  ListEngagementMembersCommand,
  type ListEngagementMembersCommandInput,
  ListEngagementsCommand,
  type ListEngagementsCommandInput,
  type OpportunityInvitationPayload,
  type SortOrder,
} from "@aws-sdk/client-partnercentral-selling";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Account } from "../../src/auth/accounts.js";
import { LEAD_INVITATION_PAYLOAD, OPPORTUNITY_INVITATION_PAYLOAD } from "./helpers/fixtures.js";
import {
  EXTRA_PARTNERS,
  type Harness,
  PARTNER_A,
  PARTNER_B,
  PARTNER_C,
  rejectionOf,
  startHarness,
} from "./helpers/harness.js";

const CATALOG = "Sandbox";
const OPPORTUNITY = OPPORTUNITY_INVITATION_PAYLOAD as unknown as OpportunityInvitationPayload;
/** A sync loop that does not end within this many pages is a failure, not a hang. */
const MAX_PAGES = 40;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ extraAccounts: EXTRA_PARTNERS });
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.control("POST", "/_pclocal/reset");
});

/** One second of the virtual clock between writes keeps creation dates distinct. */
const tick = () => h.control("POST", "/_pclocal/clock", { advanceSeconds: 1 });

async function awsInvites(receiver: Account): Promise<{ Id: string; EngagementId: string }> {
  const sent = await h.control<{ Id: string; EngagementId: string }>(
    "POST",
    "/_pclocal/aws/engagement-invitations",
    {
      Catalog: CATALOG,
      ReceiverAwsAccountId: receiver.awsAccountId,
      PayloadType: "LeadInvitation",
      Payload: LEAD_INVITATION_PAYLOAD,
    },
  );
  await tick();
  return sent;
}

async function createEngagement(by: Account, title: string): Promise<string> {
  const created = await h
    .client(by)
    .send(new CreateEngagementCommand({ Catalog: CATALOG, Title: title, Description: "" }));
  await tick();
  return created.Id!;
}

async function invite(by: Account, engagementId: string, to: Account): Promise<string> {
  const sent = await h.client(by).send(
    new CreateEngagementInvitationCommand({
      Catalog: CATALOG,
      EngagementIdentifier: engagementId,
      Invitation: {
        Message: "Join us",
        Receiver: { Account: { AwsAccountId: to.awsAccountId } },
        Payload: { OpportunityInvitation: OPPORTUNITY },
      },
    }),
  );
  await tick();
  return sent.Id!;
}

const accept = (by: Account, invitationId: string) =>
  h.client(by).send(new AcceptEngagementInvitationCommand({ Catalog: CATALOG, Identifier: invitationId }));

type InvitationQuery = Omit<ListEngagementInvitationsCommandInput, "Catalog">;
type EngagementQuery = Omit<ListEngagementsCommandInput, "Catalog">;
type MemberQuery = Omit<ListEngagementMembersCommandInput, "Catalog">;

async function invitationPage(by: Account, input: InvitationQuery) {
  const out = await h.client(by).send(new ListEngagementInvitationsCommand({ Catalog: CATALOG, ...input }));
  return {
    items: (out.EngagementInvitationSummaries ?? []).map((s) => ({
      id: s.Id!,
      at: s.InvitationDate!.getTime(),
    })),
    next: out.NextToken,
  };
}

async function engagementPage(by: Account, input: EngagementQuery) {
  const out = await h.client(by).send(new ListEngagementsCommand({ Catalog: CATALOG, ...input }));
  return {
    items: out.EngagementSummaryList!.map((s) => ({ id: s.Id!, at: s.CreatedAt!.getTime() })),
    next: out.NextToken,
  };
}

async function memberPage(by: Account, input: MemberQuery) {
  const out = await h.client(by).send(new ListEngagementMembersCommand({ Catalog: CATALOG, ...input }));
  return { items: out.EngagementMemberList!.map((m) => ({ id: m.AccountId!, at: 0 })), next: out.NextToken };
}

interface Walk {
  ids: string[];
  dates: number[];
  pageSizes: number[];
}

/**
 * Follows NextToken to the end, calling `between` after every page that has a successor (the
 * concurrent writer).
 */
async function walk(
  fetchPage: (
    nextToken: string | undefined,
  ) => Promise<{ items: { id: string; at: number }[]; next?: string | undefined }>,
  between: (pageNumber: number) => Promise<void> = async () => {},
): Promise<Walk> {
  const result: Walk = { ids: [], dates: [], pageSizes: [] };
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { items, next } = await fetchPage(token);
    result.ids.push(...items.map((i) => i.id));
    result.dates.push(...items.map((i) => i.at));
    result.pageSizes.push(items.length);
    if (!next) return result;
    await between(page);
    token = next;
  }
  throw new Error(`still paging after ${MAX_PAGES} pages`);
}

function expectOrdered(dates: number[], order: SortOrder) {
  const sorted = [...dates].sort((x, y) => (order === "ASCENDING" ? x - y : y - x));
  expect(dates).toEqual(sorted);
}

/** Every original exactly once, in the listing's order; whatever was added meanwhile at most once. */
function expectComplete(seen: string[], originalsInOrder: string[], inserted: string[]) {
  expect(new Set(seen).size).toBe(seen.length);
  expect(seen.filter((id) => originalsInOrder.includes(id))).toEqual(originalsInOrder);
  for (const id of seen) expect([...originalsInOrder, ...inserted]).toContain(id);
}

describe("ListEngagementInvitations paging", () => {
  for (const order of ["DESCENDING", "ASCENDING"] as const) {
    it(`returns every invitation exactly once in ${order} order while new ones arrive`, async () => {
      const originals: string[] = [];
      for (let i = 0; i < 25; i++) originals.push((await awsInvites(PARTNER_B)).Id);
      const inserted: string[] = [];

      const seen = await walk(
        (NextToken) =>
          invitationPage(PARTNER_B, {
            ParticipantType: "RECEIVER",
            Sort: { SortBy: "InvitationDate", SortOrder: order },
            MaxResults: 10,
            NextToken,
          }),
        async () => {
          for (let i = 0; i < 2; i++) inserted.push((await awsInvites(PARTNER_B)).Id);
        },
      );

      expect(seen.pageSizes.length).toBeGreaterThanOrEqual(3);
      for (const size of seen.pageSizes) expect(size).toBeLessThanOrEqual(10);
      expect(seen.pageSizes[0]).toBe(10);
      expectComplete(seen.ids, order === "ASCENDING" ? originals : [...originals].reverse(), inserted);
      expectOrdered(seen.dates, order);
    });
  }

  it("pages by 20 by default, newest first, for the sender too", async () => {
    const originals: string[] = [];
    for (let i = 0; i < 25; i++) {
      const engagementId = await createEngagement(PARTNER_A, `Deal ${i}`);
      originals.push(await invite(PARTNER_A, engagementId, i % 2 === 0 ? PARTNER_B : PARTNER_C));
    }
    const inserted: string[] = [];
    const seen = await walk(
      (NextToken) => invitationPage(PARTNER_A, { ParticipantType: "SENDER", NextToken }),
      async () => {
        const engagementId = await createEngagement(PARTNER_A, "Inserted");
        inserted.push(await invite(PARTNER_A, engagementId, PARTNER_B));
      },
    );
    expect(seen.pageSizes[0]).toBe(20);
    expectComplete(seen.ids, [...originals].reverse(), inserted);
    expectOrdered(seen.dates, "DESCENDING");
    // The receivers see only their own share.
    const forC = await walk((NextToken) =>
      invitationPage(PARTNER_C, { ParticipantType: "RECEIVER", MaxResults: 5, NextToken }),
    );
    expect(new Set(forC.ids)).toEqual(new Set(originals.filter((_, i) => i % 2 === 1)));
  });

  it("keeps paging within a filtered query", async () => {
    const leads: string[] = [];
    for (let i = 0; i < 12; i++) {
      leads.push((await awsInvites(PARTNER_B)).Id);
      const engagementId = await createEngagement(PARTNER_A, `Opportunity ${i}`);
      await invite(PARTNER_A, engagementId, PARTNER_B);
    }
    const seen = await walk((NextToken) =>
      invitationPage(PARTNER_B, {
        ParticipantType: "RECEIVER",
        PayloadType: ["LeadInvitation"],
        SenderAwsAccountId: ["aws"],
        MaxResults: 5,
        NextToken,
      }),
    );
    expect(seen.pageSizes.length).toBe(3);
    expect(seen.ids).toEqual([...leads].reverse());
  });
});

describe("ListEngagements paging", () => {
  for (const order of ["DESCENDING", "ASCENDING"] as const) {
    it(`returns every engagement exactly once in ${order} order while new ones are created`, async () => {
      const originals: string[] = [];
      for (let i = 0; i < 25; i++) originals.push(await createEngagement(PARTNER_A, `Engagement ${i}`));
      const inserted: string[] = [];
      const others: string[] = [];

      const seen = await walk(
        (NextToken) =>
          engagementPage(PARTNER_A, {
            Sort: { SortBy: "CreatedDate", SortOrder: order },
            MaxResults: 10,
            NextToken,
          }),
        async () => {
          inserted.push(await createEngagement(PARTNER_A, "Inserted"));
          others.push(await createEngagement(PARTNER_B, "Not for A"));
        },
      );

      expect(seen.pageSizes.length).toBeGreaterThanOrEqual(3);
      expect(seen.pageSizes[0]).toBe(10);
      for (const size of seen.pageSizes) expect(size).toBeLessThanOrEqual(10);
      expectComplete(seen.ids, order === "ASCENDING" ? originals : [...originals].reverse(), inserted);
      for (const id of others) expect(seen.ids).not.toContain(id);
      expectOrdered(seen.dates, order);
    });
  }

  it("pages by 20 by default and accepts up to 100", async () => {
    const originals: string[] = [];
    for (let i = 0; i < 25; i++) originals.push(await createEngagement(PARTNER_A, `Engagement ${i}`));
    const seen = await walk((NextToken) => engagementPage(PARTNER_A, { NextToken }));
    expect(seen.pageSizes).toEqual([20, 5]);
    expect(seen.ids).toEqual([...originals].reverse());

    const all = await engagementPage(PARTNER_A, { MaxResults: 100 });
    expect(all.items).toHaveLength(25);
    expect(all.next).toBeUndefined();
  });
});

describe("ListEngagementMembers paging", () => {
  /** Partner A's engagement with `accepted` extra partners as members, and pending invitations for the rest. */
  async function engagementWithMembers(accepted: number) {
    const engagementId = await createEngagement(PARTNER_A, "Big deal");
    const invitations: string[] = [];
    for (const partner of EXTRA_PARTNERS.slice(0, 9))
      invitations.push(await invite(PARTNER_A, engagementId, partner));
    for (let i = 0; i < accepted; i++) {
      await accept(EXTRA_PARTNERS[i]!, invitations[i]!);
      await tick();
    }
    return { engagementId, invitations };
  }

  it("pages by 5 by default and returns every member once", async () => {
    const { engagementId } = await engagementWithMembers(6);
    const seen = await walk((NextToken) => memberPage(PARTNER_A, { Identifier: engagementId, NextToken }));
    expect(seen.pageSizes).toEqual([5, 2]);
    expect(new Set(seen.ids)).toEqual(
      new Set([PARTNER_A, ...EXTRA_PARTNERS.slice(0, 6)].map((a) => a.awsAccountId)),
    );
    expect(seen.ids).toHaveLength(7);

    const one = await h
      .client(EXTRA_PARTNERS[3]!)
      .send(new ListEngagementMembersCommand({ Catalog: CATALOG, Identifier: engagementId, MaxResults: 10 }));
    expect(one.EngagementMemberList).toHaveLength(7);
    expect(one.NextToken).toBeUndefined();
    expect(one.EngagementMemberList).toContainEqual({
      AccountId: EXTRA_PARTNERS[3]!.awsAccountId,
      CompanyName: EXTRA_PARTNERS[3]!.companyName,
      WebsiteUrl: EXTRA_PARTNERS[3]!.websiteUrl,
    });
  });

  it("never skips or repeats a member while others join between pages", async () => {
    const { engagementId, invitations } = await engagementWithMembers(5);
    const originals = [PARTNER_A, ...EXTRA_PARTNERS.slice(0, 5)].map((a) => a.awsAccountId);
    const joined: string[] = [];
    let next = 5;
    const seen = await walk(
      (NextToken) => memberPage(PARTNER_A, { Identifier: engagementId, MaxResults: 2, NextToken }),
      async () => {
        if (next < 9) {
          await accept(EXTRA_PARTNERS[next]!, invitations[next]!);
          joined.push(EXTRA_PARTNERS[next]!.awsAccountId);
          next++;
        }
      },
    );
    expect(seen.pageSizes.length).toBeGreaterThanOrEqual(3);
    for (const size of seen.pageSizes) expect(size).toBeLessThanOrEqual(2);
    expect(new Set(seen.ids).size).toBe(seen.ids.length);
    for (const id of originals) expect(seen.ids).toContain(id);
    for (const id of seen.ids) expect([...originals, ...joined]).toContain(id);
  });

  it("refuses page sizes outside 1..10", async () => {
    const { engagementId } = await engagementWithMembers(1);
    for (const MaxResults of [0, 11]) {
      const err = await rejectionOf(
        h
          .client(PARTNER_A)
          .send(new ListEngagementMembersCommand({ Catalog: CATALOG, Identifier: engagementId, MaxResults })),
      );
      expect(err.name).toBe("ValidationException");
      expect(err.ErrorList).toContainEqual(expect.objectContaining({ FieldName: "maxResults" }));
    }
  });
});

describe("NextToken", () => {
  /** A changed character somewhere in the token. */
  function tamper(token: string, at: number): string {
    const i = ((at % token.length) + token.length) % token.length;
    const replacement = token[i] === "A" ? "B" : "A";
    return token.slice(0, i) + replacement + token.slice(i + 1);
  }

  async function setUp() {
    for (let i = 0; i < 4; i++) await awsInvites(PARTNER_B);
    for (let i = 0; i < 4; i++) await createEngagement(PARTNER_B, `Engagement ${i}`);
    const { engagementId, invitations } = await (async () => {
      const id = await createEngagement(PARTNER_A, "Members");
      const sent: string[] = [];
      for (const partner of EXTRA_PARTNERS.slice(0, 3)) sent.push(await invite(PARTNER_A, id, partner));
      return { engagementId: id, invitations: sent };
    })();
    for (let i = 0; i < 3; i++) await accept(EXTRA_PARTNERS[i]!, invitations[i]!);
    const otherEngagement = await createEngagement(PARTNER_A, "Other");
    await accept(PARTNER_B, await invite(PARTNER_A, otherEngagement, PARTNER_B));
    await accept(PARTNER_C, await invite(PARTNER_A, otherEngagement, PARTNER_C));
    return { engagementId, otherEngagement };
  }

  const invitationQuery: InvitationQuery = { ParticipantType: "RECEIVER", MaxResults: 2 };
  const engagementQuery: EngagementQuery = { MaxResults: 2 };

  it("answers the same page again when a token is replayed", async () => {
    await setUp();
    const first = await invitationPage(PARTNER_B, invitationQuery);
    const second = await invitationPage(PARTNER_B, { ...invitationQuery, NextToken: first.next });
    const again = await invitationPage(PARTNER_B, { ...invitationQuery, NextToken: first.next });
    expect(again.items).toEqual(second.items);
    expect(second.items.map((i) => i.id)).not.toContain(first.items[0]!.id);
  });

  it("refuses a token with any character changed", async () => {
    const { engagementId } = await setUp();
    const cases: [string, (token?: string) => Promise<unknown>][] = [
      ["ListEngagementInvitations", (t) => invitationPage(PARTNER_B, { ...invitationQuery, NextToken: t })],
      ["ListEngagements", (t) => engagementPage(PARTNER_B, { ...engagementQuery, NextToken: t })],
      [
        "ListEngagementMembers",
        (t) => memberPage(PARTNER_A, { Identifier: engagementId, MaxResults: 2, NextToken: t }),
      ],
    ];
    for (const [operation, list] of cases) {
      const { next } = (await list()) as { next?: string };
      expect(next, operation).toBeTypeOf("string");
      for (const at of [0, 7, Math.floor(next!.length / 2), -2, -1]) {
        const err = await rejectionOf(list(tamper(next!, at)));
        expect(err.name, `${operation} with character ${at} changed`).toBe("ValidationException");
        expect(err.$metadata.httpStatusCode).toBe(400);
      }
      for (const garbage of ["x", `${next}x`, next!.slice(0, -1), "bm90LWEtdG9rZW4"]) {
        expect((await rejectionOf(list(garbage))).name, `${operation} with ${garbage}`).toBe(
          "ValidationException",
        );
      }
      // The untouched token still works.
      await list(next);
    }
  });

  it("refuses a token issued to another account", async () => {
    const { otherEngagement } = await setUp();
    await awsInvites(PARTNER_A);
    await awsInvites(PARTNER_A);
    await awsInvites(PARTNER_A);
    const invitations = await invitationPage(PARTNER_B, invitationQuery);
    const stolen = await rejectionOf(
      invitationPage(PARTNER_A, { ...invitationQuery, NextToken: invitations.next }),
    );
    expect(stolen.name).toBe("ValidationException");

    await createEngagement(PARTNER_C, "C1");
    await createEngagement(PARTNER_C, "C2");
    const engagements = await engagementPage(PARTNER_B, engagementQuery);
    expect(
      (await rejectionOf(engagementPage(PARTNER_C, { ...engagementQuery, NextToken: engagements.next })))
        .name,
    ).toBe("ValidationException");

    // Two members of the same engagement: a token of one is no good to the other.
    const members = await memberPage(PARTNER_B, { Identifier: otherEngagement, MaxResults: 1 });
    expect(members.next).toBeTypeOf("string");
    expect(
      (
        await rejectionOf(
          memberPage(PARTNER_C, { Identifier: otherEngagement, MaxResults: 1, NextToken: members.next }),
        )
      ).name,
    ).toBe("ValidationException");
  });

  it("refuses a token used for another operation", async () => {
    const { engagementId } = await setUp();
    const invitations = await invitationPage(PARTNER_B, invitationQuery);
    const engagements = await engagementPage(PARTNER_B, engagementQuery);
    const members = await memberPage(PARTNER_A, { Identifier: engagementId, MaxResults: 2 });
    const ownEngagements = await engagementPage(PARTNER_A, { MaxResults: 1 });
    expect(ownEngagements.next).toBeTypeOf("string");
    const attempts: [string, () => Promise<unknown>][] = [
      [
        "invitation token on ListEngagements",
        () => engagementPage(PARTNER_B, { ...engagementQuery, NextToken: invitations.next }),
      ],
      [
        "engagement token on ListEngagementInvitations",
        () => invitationPage(PARTNER_B, { ...invitationQuery, NextToken: engagements.next }),
      ],
      [
        "member token on ListEngagements",
        () => engagementPage(PARTNER_A, { ...engagementQuery, NextToken: members.next }),
      ],
      [
        "engagement token on ListEngagementMembers",
        () =>
          memberPage(PARTNER_A, { Identifier: engagementId, MaxResults: 2, NextToken: ownEngagements.next }),
      ],
    ];
    for (const [what, attempt] of attempts) {
      expect((await rejectionOf(attempt())).name, what).toBe("ValidationException");
    }
  });

  it("refuses a token reused with different filters", async () => {
    const { engagementId, otherEngagement } = await setUp();
    const invitations = await invitationPage(PARTNER_B, invitationQuery);
    const changedInvitationQueries: InvitationQuery[] = [
      { ...invitationQuery, Status: ["PENDING"] },
      { ...invitationQuery, PayloadType: ["LeadInvitation"] },
      { ...invitationQuery, SenderAwsAccountId: ["aws"] },
      { ...invitationQuery, Sort: { SortBy: "InvitationDate", SortOrder: "ASCENDING" } },
      { ...invitationQuery, ParticipantType: "SENDER" },
    ];
    for (const query of changedInvitationQueries) {
      const err = await rejectionOf(invitationPage(PARTNER_B, { ...query, NextToken: invitations.next }));
      expect(err.name, JSON.stringify(query)).toBe("ValidationException");
    }

    const engagements = await engagementPage(PARTNER_B, engagementQuery);
    const changedEngagementQueries: EngagementQuery[] = [
      { ...engagementQuery, CreatedBy: [PARTNER_B.awsAccountId] },
      { ...engagementQuery, ExcludeCreatedBy: ["aws"] },
      { ...engagementQuery, ContextTypes: ["Lead"] },
      { ...engagementQuery, Sort: { SortBy: "CreatedDate", SortOrder: "ASCENDING" } },
    ];
    for (const query of changedEngagementQueries) {
      const err = await rejectionOf(engagementPage(PARTNER_B, { ...query, NextToken: engagements.next }));
      expect(err.name, JSON.stringify(query)).toBe("ValidationException");
    }

    // A member token of one engagement used for another engagement.
    const members = await memberPage(PARTNER_A, { Identifier: engagementId, MaxResults: 2 });
    const err = await rejectionOf(
      memberPage(PARTNER_A, { Identifier: otherEngagement, MaxResults: 2, NextToken: members.next }),
    );
    expect(err.name).toBe("ValidationException");
  });
});

describe("MaxResults bounds", () => {
  it("refuses 0 and 101 on ListEngagementInvitations and ListEngagements", async () => {
    for (const MaxResults of [0, 101]) {
      const invitations = await rejectionOf(
        invitationPage(PARTNER_A, { ParticipantType: "RECEIVER", MaxResults }),
      );
      expect(invitations.name).toBe("ValidationException");
      expect(invitations.ErrorList).toContainEqual(expect.objectContaining({ FieldName: "maxResults" }));
      const engagements = await rejectionOf(engagementPage(PARTNER_A, { MaxResults }));
      expect(engagements.name).toBe("ValidationException");
      expect(engagements.ErrorList).toContainEqual(expect.objectContaining({ FieldName: "maxResults" }));
    }
    expect((await invitationPage(PARTNER_A, { ParticipantType: "RECEIVER", MaxResults: 100 })).items).toEqual(
      [],
    );
    expect((await engagementPage(PARTNER_A, { MaxResults: 1 })).items).toEqual([]);
  });
});
