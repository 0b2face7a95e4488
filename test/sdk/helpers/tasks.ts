import type {
  GetOpportunityCommandOutput,
  UpdateOpportunityCommandInput,
} from "@aws-sdk/client-partnercentral-selling";
import {
  AssociateOpportunityCommand,
  CreateOpportunityCommand,
} from "@aws-sdk/client-partnercentral-selling";
import type { Account } from "../../../src/auth/accounts.js";
import { insertOpportunity } from "../../../src/domain/opportunities/new-opportunity.js";
import type { Catalog, OpportunityRecord } from "../../../src/store/records.js";
import type { Harness } from "./harness.js";

export const TASK_ID = /^task-[0-9a-z]{13}$/;
export const JOB_ID = /^job-[0-9a-z]{13}$/;
export const OPPORTUNITY_ID = /^O[0-9]{1,19}$/;
export const taskArnPattern = (kind: string, catalog = "Sandbox") =>
  new RegExp(`^arn:aws:partnercentral:us-east-1::catalog/${catalog}/${kind}/task-[0-9a-z]{13}$`);

/** AWS sends an invitation through the control plane. */
export async function awsSends(h: Harness, receiver: Account, body: Record<string, unknown>) {
  return h.control<{ Id: string; Arn: string; EngagementId: string; EngagementArn: string }>(
    "POST",
    "/_pclocal/aws/engagement-invitations",
    { Catalog: "Sandbox", ReceiverAwsAccountId: receiver.awsAccountId, ...body },
  );
}

/** The stored opportunity (its document is what GetOpportunity answers), read straight from the store. */
export async function storedOpportunity(h: Harness, id: string, catalog: Catalog = "Sandbox") {
  const record = await h.server.services.store.transaction((tx) => tx.opportunities.get(catalog, id), {
    readonly: true,
  });
  if (!record) throw new Error(`opportunity ${id} is not stored`);
  return record as OpportunityRecord & { doc: Record<string, any> };
}

/** A complete opportunity, as a partner enters it before submitting. */
export const COMPLETE_OPPORTUNITY = {
  Origin: "Partner Referral",
  OpportunityType: "Net New Business",
  Customer: {
    Account: {
      CompanyName: "Example Logistics Ltd",
      Industry: "Transportation and Logistics",
      WebsiteUrl: "https://www.example-logistics.com",
      Address: {
        CountryCode: "US",
        PostalCode: "10001",
        StateOrRegion: "New York",
        City: "New York",
        StreetAddress: "1 Example Plaza",
      },
    },
  },
  Project: {
    Title: "Fleet telemetry analytics platform on AWS for Example Logistics",
    CustomerBusinessProblem: "Fleet telemetry is siloed and the customer cannot plan maintenance ahead.",
    CustomerUseCase: "Business Intelligence & Data Warehouse",
    DeliveryModels: ["SaaS or PaaS"],
    ExpectedCustomerSpend: [
      { Amount: "12000", CurrencyCode: "USD", Frequency: "Monthly", TargetCompany: "AWS" },
    ],
  },
  LifeCycle: { Stage: "Prospect", TargetCloseDate: "2030-06-30" },
  PrimaryNeedsFromAws: ["Co-Sell - Architectural Validation"],
};

/**
 * Creates the account's opportunity through CreateOpportunity (or straight into the store, with
 * the same core, for states CreateOpportunity may refuse), and associates the sandbox's default
 * solution so that it can be submitted.
 */
export async function createOpportunity(
  h: Harness,
  account: Account,
  fields: Record<string, unknown> = COMPLETE_OPPORTUNITY,
  { viaStore = false }: { viaStore?: boolean } = {},
): Promise<string> {
  let id: string;
  if (viaStore) {
    const { services } = h.server;
    const record = await services.store.transaction((tx) =>
      insertOpportunity({ tx, catalog: "Sandbox", now: services.clock.now(), caller: account }, fields),
    );
    id = record.id;
  } else {
    const created = await h
      .client(account)
      .send(new CreateOpportunityCommand({ Catalog: "Sandbox", ...(fields as object) } as never));
    id = created.Id!;
  }
  await associateSolution(h, account, id);
  return id;
}

export async function associateSolution(h: Harness, account: Account, opportunityId: string) {
  await h.client(account).send(
    new AssociateOpportunityCommand({
      Catalog: "Sandbox",
      OpportunityIdentifier: opportunityId,
      RelatedEntityType: "Solutions",
      RelatedEntityIdentifier: "S-1234567",
    }),
  );
}

/** Changes a stored opportunity's document in place (a partner's update, without the PUT ceremony). */
export async function patchOpportunity(
  h: Harness,
  id: string,
  patch: (doc: Record<string, any>) => void,
  catalog: Catalog = "Sandbox",
) {
  await h.server.services.store.transaction(async (tx) => {
    const record = await tx.opportunities.get(catalog, id);
    if (!record) throw new Error(`opportunity ${id} is not stored`);
    patch(record.doc);
    await tx.opportunities.put(record);
  });
}

/** The UpdateOpportunity payload that replays a GetOpportunity answer (AWS's documented recipe), changed by `change`. */
export function replayForUpdate(
  got: GetOpportunityCommandOutput,
  change: (doc: any) => void = () => {},
): UpdateOpportunityCommandInput {
  const {
    $metadata: _m,
    Id,
    Arn: _arn,
    CreatedDate: _c,
    OpportunityTeam: _t,
    RelatedEntityIdentifiers: _r,
    ...rest
  } = got;
  const doc: any = structuredClone({ ...rest, Identifier: Id });
  change(doc);
  return doc as UpdateOpportunityCommandInput;
}
