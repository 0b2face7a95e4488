import type { Account } from "../../auth/accounts.js";
import type { StoreTx } from "../../store/port.js";
import type { Catalog, OpportunityRecord } from "../../store/records.js";
import { type Doc, obj } from "../common/doc.js";
import { opportunityEvent } from "../events/opportunity-events.js";

export interface OpportunityOwner {
  tx: StoreTx;
  catalog: Catalog;
  now: number;
  caller: Account;
}

/**
 * The team member AWS adds to every new opportunity: the account's owner contact. (Observed:
 * GetOpportunity always lists an `OpportunityOwner`.)
 */
export function ownerContact(caller: Account): Doc {
  return {
    Email: `alliance-lead@${caller.alias}.example.com`,
    FirstName: caller.companyName,
    LastName: "Alliance Lead",
    BusinessTitle: "OpportunityOwner",
  };
}

/**
 * Stores a new opportunity owned by the caller, with the defaults AWS applies to omitted fields
 * (OpportunityType "Net New Business", NationalSecurity "No", Marketing.Source "None",
 * ReviewStatus "Pending Submission" unless given) and announces it (Opportunity Created).
 */
export async function insertOpportunity(owner: OpportunityOwner, fields: Doc): Promise<OpportunityRecord> {
  const { tx, catalog, now, caller } = owner;
  const id = await tx.opportunities.nextId(catalog);
  const lifeCycle = { ReviewStatus: "Pending Submission", ...obj(fields.LifeCycle) };
  const team = Array.isArray(fields.OpportunityTeam) ? (fields.OpportunityTeam as Doc[]) : [];
  const doc: Doc = {
    OpportunityType: "Net New Business",
    NationalSecurity: "No",
    ...fields,
    Marketing: { Source: "None", ...obj(fields.Marketing) },
    LifeCycle: lifeCycle,
    OpportunityTeam: team.some((c) => c.BusinessTitle === "OpportunityOwner")
      ? team
      : [ownerContact(caller), ...team],
    RelatedEntityIdentifiers: {
      AwsMarketplaceOffers: [],
      AwsMarketplaceOfferSets: [],
      Solutions: [],
      AwsProducts: [],
    },
  };
  const record: OpportunityRecord = {
    catalog,
    id,
    ownerAccountId: caller.awsAccountId,
    createdAt: now,
    lastModifiedAt: now,
    doc,
  };
  await tx.opportunities.put(record);
  await tx.events.append(opportunityEvent("Opportunity Created", caller.awsAccountId, catalog, id, now));
  return record;
}
