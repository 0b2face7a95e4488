/**
 * `Industry: "Other"` needs `OtherIndustry` (AWS Partner Central API Reference, AccountSummary:
 * "conditionally mandatory if Other is selected"), on CreateOpportunity and UpdateOpportunity.
 */
import {
  CreateOpportunityCommand,
  GetOpportunityCommand,
  UpdateOpportunityCommand,
} from "@aws-sdk/client-partnercentral-selling";
import { describe, expect, it } from "vitest";
import { PARTNER_A, rejectionOf, useHarness } from "./helpers/harness.js";

const Catalog = "Sandbox";

const h = useHarness();

const account = (extra: object) => ({ CompanyName: "Example Orbital Farms", ...extra });

const create = (extra: object) =>
  h.client(PARTNER_A).send(
    new CreateOpportunityCommand({
      Catalog,
      Customer: { Account: account(extra) as never },
      LifeCycle: { Stage: "Prospect", TargetCloseDate: "2099-01-31" },
    }),
  );

const MISSING_OTHER_INDUSTRY = {
  FieldName: "customer.account.otherIndustry",
  Code: "REQUIRED_FIELD_MISSING",
  Message: expect.any(String),
};

describe("Industry Other", () => {
  it("is refused by CreateOpportunity without OtherIndustry (or with a blank one)", async () => {
    for (const extra of [{ Industry: "Other" }, { Industry: "Other", OtherIndustry: "  " }]) {
      const err = await rejectionOf(create(extra));
      expect(err.name).toBe("ValidationException");
      expect(err.Reason).toBe("BUSINESS_VALIDATION_FAILED");
      expect(err.ErrorList).toEqual([MISSING_OTHER_INDUSTRY]);
    }
  });

  it("is stored with OtherIndustry, and an update cannot drop OtherIndustry", async () => {
    const created = await create({ Industry: "Other", OtherIndustry: "Vertical farming in orbit" });
    const got = await h
      .client(PARTNER_A)
      .send(new GetOpportunityCommand({ Catalog, Identifier: created.Id }));
    expect(got.Customer?.Account).toMatchObject({
      Industry: "Other",
      OtherIndustry: "Vertical farming in orbit",
    });

    const update = (extra: object) =>
      h.client(PARTNER_A).send(
        new UpdateOpportunityCommand({
          Catalog,
          Identifier: created.Id,
          LastModifiedDate: got.LastModifiedDate,
          Customer: { Account: account(extra) as never },
          LifeCycle: { Stage: "Prospect", TargetCloseDate: "2099-01-31" },
        }),
      );
    const err = await rejectionOf(update({ Industry: "Other" }));
    expect(err.Reason).toBe("BUSINESS_VALIDATION_FAILED");
    expect(err.ErrorList).toEqual([MISSING_OTHER_INDUSTRY]);
    await update({ Industry: "Aerospace" });
  });

  it("does not concern other industries", async () => {
    expect((await create({ Industry: "Retail" })).Id).toMatch(/^O[0-9]+$/);
    expect((await create({})).Id).toMatch(/^O[0-9]+$/);
  });
});
