import {
  CreateEngagementCommand,
  CreateEngagementInvitationCommand,
  GetEngagementCommand,
} from "@aws-sdk/client-partnercentral-selling";
import { describe, expect, it } from "vitest";
import { SHAPE_CONSTRAINTS } from "../../src/model/generated/constraints.js";
import { compileSafePattern } from "../../src/validation/patterns.js";
import { CUSTOMER_PROJECT_CONTEXT, OPPORTUNITY_INVITATION_PAYLOAD } from "./helpers/fixtures.js";
import { PARTNER_A, PARTNER_B, rejectionOf, useHarness } from "./helpers/harness.js";

const h = useHarness();

// On a backtracking engine these inputs take seconds to hours (growing exponentially with length),
// so an answer at all shows the server did not backtrack; `npm run bench:redos` prints the times.
const HOSTILE_WEBSITE = `www.${".".repeat(240)}!`;
const HOSTILE_EMAIL = `a@${"a".repeat(76)}!`;

/** The engine the server validates a shape's pattern with. */
function engineOf(shape: string): string {
  const { pattern } = SHAPE_CONSTRAINTS[shape] as { pattern: string };
  return compileSafePattern(pattern).engine;
}

describe("validation on hostile input", () => {
  it("rejects a pathological customer website on the linear-time engine, and keeps serving others meanwhile", async () => {
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
    const err = await rejectionOf(hostile);
    expect(err.name).toBe("ValidationException");
    expect(err.ErrorList).toEqual([
      expect.objectContaining({
        FieldName: "contexts[0].payload.customerProject.customer.websiteUrl",
        Code: "INVALID_STRING_FORMAT",
      }),
    ]);
    expect(engineOf("CompanyWebsiteUrl")).toBe("re2");
    const ordinary = await other;
    const got = await b.send(new GetEngagementCommand({ Catalog: "Sandbox", Identifier: ordinary.Id }));
    expect(got.Title).toBe("Ordinary");
  });

  it("rejects a pathological sender email on the linear-time engine", async () => {
    const a = h.client(PARTNER_A);
    const engagement = await a.send(
      new CreateEngagementCommand({ Catalog: "Sandbox", Title: "Emails", Description: "" }),
    );
    const payload = {
      ...OPPORTUNITY_INVITATION_PAYLOAD,
      SenderContacts: [{ ...OPPORTUNITY_INVITATION_PAYLOAD.SenderContacts[0], Email: HOSTILE_EMAIL }],
    };
    const err = await rejectionOf(
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
    );
    expect(err.name).toBe("ValidationException");
    expect(err.ErrorList).toEqual([
      expect.objectContaining({
        FieldName: "invitation.payload.opportunityInvitation.senderContacts[0].email",
        Code: "INVALID_STRING_FORMAT",
      }),
    ]);
    expect(engineOf("SenderContactEmail")).toBe("re2");
  });
});
