import type { Account } from "../../auth/accounts.js";
import { notFound } from "../../errors.js";
import type { StoreTx } from "../../store/port.js";
import type { Catalog, OpportunityRecord } from "../../store/records.js";
import type { DomainSettings } from "../context.js";
import { asOfNow } from "./review-state.js";

/** What the opportunity operations need of a request (an OperationContext fits). */
export interface OpportunityScope {
  tx: StoreTx;
  catalog: Catalog;
  now: number;
  caller: Account;
  settings: DomainSettings;
}

/**
 * The caller's opportunity, as it stands now (see {@link asOfNow}), with the instant of an
 * auto-approval not stored yet; anyone else's (or none) → ResourceNotFoundException. Writes go
 * through save-change.ts's `ownedOpportunityForWrite`, which stores that approval first.
 */
export async function ownedOpportunityAsOfNow(
  scope: OpportunityScope,
  id: string,
): Promise<{ record: OpportunityRecord; approvedAt?: number }> {
  const stored = await scope.tx.opportunities.get(scope.catalog, id);
  if (!stored || stored.ownerAccountId !== scope.caller.awsAccountId) {
    throw notFound(`Opportunity ${id} was not found in catalog ${scope.catalog}.`);
  }
  return asOfNow(stored, scope.now, scope.settings);
}

/** The caller's opportunity, as a read sees it. */
export async function ownedOpportunity(scope: OpportunityScope, id: string): Promise<OpportunityRecord> {
  return (await ownedOpportunityAsOfNow(scope, id)).record;
}
