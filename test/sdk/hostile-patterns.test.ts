import {
  CreateEngagementCommand,
  CreateEngagementInvitationCommand,
  GetEngagementCommand,
} from "@aws-sdk/client-partnercentral-selling";
import { describe, expect, it } from "vitest";
import { CUSTOMER_PROJECT_CONTEXT, OPPORTUNITY_INVITATION_PAYLOAD } from "./helpers/fixtures.js";
import { PARTNER_A, PARTNER_B, rejectionOf, useHarness } from "./helpers/harness.js";

const h = useHarness();

// On a backtracking engine these inputs take seconds to hours (growing exponentially with length).
const HOSTILE_WEBSITE = `www.${".".repeat(240)}!`;
const HOSTILE_EMAIL = `a@${"a".repeat(76)}!`;
// Far above noise, far below what a backtracking engine needs for these inputs.
const GENEROUS_MS = 2000;

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}

describe("validation on hostile input", () => {
  it("rejects a pathological customer website quickly, and keeps serving others meanwhile", async () => {
    const a = h.client(PARTNER_A);
    const b = h.client(PARTNER_B);
    const project = CUSTOMER_PROJECT_CONTEXT.Payload.CustomerProject;
    const hostile = a.send(
      new CreateEngagementCommand({
        Catalog: "Sandbox",
        Title: "Hostile",
        Description: "",
        Contexts: [
          {
            Type: "CustomerProject",
            Payload: {
              CustomerProject: { ...project, Customer: { ...project.Customer, WebsiteUrl: HOSTILE_WEBSITE } },
            },
          },
        ] as never,
      }),
    );
    const other = b.send(
      new CreateEngagementCommand({ Catalog: "Sandbox", Title: "Ordinary", Description: "" }),
    );
    const { value: err, ms } = await timed(() => rejectionOf(hostile));
    expect(err.name).toBe("ValidationException");
    expect(err.ErrorList).toEqual([
      expect.objectContaining({
        FieldName: "contexts[0].payload.customerProject.customer.websiteUrl",
        Code: "INVALID_STRING_FORMAT",
      }),
    ]);
    expect(ms).toBeLessThan(GENEROUS_MS);
    const ordinary = await other;
    const got = await b.send(new GetEngagementCommand({ Catalog: "Sandbox", Identifier: ordinary.Id }));
    expect(got.Title).toBe("Ordinary");
  });

  it("rejects a pathological sender email quickly", async () => {
    const a = h.client(PARTNER_A);
    const engagement = await a.send(
      new CreateEngagementCommand({ Catalog: "Sandbox", Title: "Emails", Description: "" }),
    );
    const payload = {
      ...OPPORTUNITY_INVITATION_PAYLOAD,
      SenderContacts: [{ ...OPPORTUNITY_INVITATION_PAYLOAD.SenderContacts[0], Email: HOSTILE_EMAIL }],
    };
    const { value: err, ms } = await timed(() =>
      rejectionOf(
        a.send(
          new CreateEngagementInvitationCommand({
            Catalog: "Sandbox",
            EngagementIdentifier: engagement.Id!,
            Invitation: {
              Message: "hi",
              Receiver: { Account: { AwsAccountId: PARTNER_B.awsAccountId } },
              Payload: { OpportunityInvitation: payload },
            },
          } as never),
        ),
      ),
    );
    expect(err.name).toBe("ValidationException");
    expect(err.ErrorList).toEqual([
      expect.objectContaining({
        FieldName: "invitation.payload.opportunityInvitation.senderContacts[0].email",
        Code: "INVALID_STRING_FORMAT",
      }),
    ]);
    expect(ms).toBeLessThan(GENEROUS_MS);
  });
});
