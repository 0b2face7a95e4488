import {
  CreateEngagementCommand,
  CreateEngagementInvitationCommand,
  GetEngagementCommand,
} from "@aws-sdk/client-partnercentral-selling";
import { describe, expect, it } from "vitest";
import {
  CUSTOMER_PROJECT_CONTEXT,
  LEAD_CONTEXT,
  OPPORTUNITY_INVITATION_PAYLOAD,
} from "./helpers/fixtures.js";
import { PARTNER_A, PARTNER_B, rejectionOf, useHarness } from "./helpers/harness.js";

const h = useHarness();

describe("CreateEngagement + GetEngagement", () => {
  it("returns both context kinds exactly as given, numbered 1 and 2", async () => {
    const a = h.client(PARTNER_A);
    const created = await a.send(
      new CreateEngagementCommand({
        Catalog: "Sandbox",
        Title: "Retail and education",
        Description: "Two contexts, every field set",
        Contexts: [CUSTOMER_PROJECT_CONTEXT, LEAD_CONTEXT] as never,
      }),
    );
    expect(created.Id).toMatch(/^eng-[0-9a-z]{14}$/);
    expect(created.Arn).toBe(`arn:aws:partnercentral:us-east-1::catalog/Sandbox/engagement/${created.Id}`);
    expect(created.ModifiedAt).toBeInstanceOf(Date);

    const got = await a.send(new GetEngagementCommand({ Catalog: "Sandbox", Identifier: created.Id }));
    const { $metadata, ...fields } = got;
    expect(fields).toEqual({
      Id: created.Id,
      Arn: created.Arn,
      Title: "Retail and education",
      Description: "Two contexts, every field set",
      CreatedAt: created.ModifiedAt,
      CreatedBy: PARTNER_A.awsAccountId,
      MemberCount: 1,
      ModifiedAt: created.ModifiedAt,
      ModifiedBy: PARTNER_A.awsAccountId,
      Contexts: [
        { Id: "1", ...CUSTOMER_PROJECT_CONTEXT },
        { Id: "2", ...LEAD_CONTEXT },
      ],
    });
    const byArn = await a.send(new GetEngagementCommand({ Catalog: "Sandbox", Identifier: created.Arn }));
    expect(byArn.Id).toBe(created.Id);
  });

  it("creates an engagement without contexts", async () => {
    const a = h.client(PARTNER_A);
    const created = await a.send(
      new CreateEngagementCommand({ Catalog: "AWS", Title: "Bare", Description: "" }),
    );
    const got = await a.send(new GetEngagementCommand({ Catalog: "AWS", Identifier: created.Id }));
    expect(got.Contexts).toEqual([]);
    expect(got.Description).toBe("");
  });

  it("refuses a context whose payload is not of its type", async () => {
    const err = await rejectionOf(
      h.client(PARTNER_A).send(
        new CreateEngagementCommand({
          Catalog: "Sandbox",
          Title: "Mismatch",
          Description: "",
          Contexts: [{ Type: "Lead", Payload: CUSTOMER_PROJECT_CONTEXT.Payload }] as never,
        }),
      ),
    );
    expect(err.name).toBe("ValidationException");
    expect(err.Reason).toBe("BUSINESS_VALIDATION_FAILED");
    expect(err.ErrorList).toEqual([
      expect.objectContaining({ FieldName: "contexts[0].payload", Code: "INVALID_VALUE" }),
    ]);
  });
});

describe("ClientToken", () => {
  it("answers a repeated CreateEngagement with the first response and creates nothing new", async () => {
    const a = h.client(PARTNER_A);
    const input = {
      Catalog: "Sandbox",
      ClientToken: "token-engagement-1",
      Title: "Once",
      Description: "only once",
    };
    const first = await a.send(new CreateEngagementCommand(input));
    const second = await a.send(new CreateEngagementCommand(input));
    expect(second.Id).toBe(first.Id);
    expect(second.ModifiedAt).toEqual(first.ModifiedAt);

    const conflicting = await rejectionOf(a.send(new CreateEngagementCommand({ ...input, Title: "Twice" })));
    expect(conflicting.name).toBe("ConflictException");
    expect(conflicting.message).toBe("Conflicting client token submitted for a new request body.");
    expect(conflicting.$metadata.httpStatusCode).toBe(409);

    // The token belongs to the account that used it.
    const other = await h.client(PARTNER_B).send(new CreateEngagementCommand(input));
    expect(other.Id).not.toBe(first.Id);
  });

  it("answers a repeated CreateEngagementInvitation with the same invitation", async () => {
    const a = h.client(PARTNER_A);
    const engagement = await a.send(
      new CreateEngagementCommand({ Catalog: "Sandbox", Title: "Invite once", Description: "" }),
    );
    const input = {
      Catalog: "Sandbox",
      ClientToken: "token-invitation-1",
      EngagementIdentifier: engagement.Id!,
      Invitation: {
        Message: "Join",
        Receiver: { Account: { AwsAccountId: PARTNER_B.awsAccountId } },
        Payload: { OpportunityInvitation: OPPORTUNITY_INVITATION_PAYLOAD },
      },
    };
    const first = await a.send(new CreateEngagementInvitationCommand(input as never));
    const again = await a.send(new CreateEngagementInvitationCommand(input as never));
    expect(again.Id).toBe(first.Id);
    const changed = await rejectionOf(
      a.send(
        new CreateEngagementInvitationCommand({
          ...input,
          Invitation: { ...input.Invitation, Message: "Other" },
        } as never),
      ),
    );
    expect(changed.name).toBe("ConflictException");
  });

  it("forgets a token after the retention window of the virtual clock", async () => {
    const a = h.client(PARTNER_A);
    const input = { Catalog: "Sandbox", ClientToken: "token-retention", Title: "Retained", Description: "" };
    const first = await a.send(new CreateEngagementCommand(input));
    await h.control("POST", "/_pclocal/clock", { advanceSeconds: 8 * 3600 + 1 });
    const later = await a.send(new CreateEngagementCommand(input));
    expect(later.Id).not.toBe(first.Id);
    await h.control("POST", "/_pclocal/clock", { advanceSeconds: -(8 * 3600 + 1) });
  });
});
