/**
 * The opportunity write path: store a change, announce it, and run the opportunity's snapshot
 * jobs. Above both access.ts (the pure reading of an opportunity) and snapshots/jobs.ts.
 */

import type { StoreTx } from "../../store/port.js";
import type { OpportunityRecord } from "../../store/records.js";
import { opportunityEvent } from "../events/opportunity-events.js";
import { afterOpportunityChange } from "../snapshots/jobs.js";
import { type OpportunityScope, ownedOpportunityAsOfNow } from "./access.js";

export async function announceUpdate(tx: StoreTx, record: OpportunityRecord, time: number): Promise<void> {
  await tx.events.append(
    opportunityEvent("Opportunity Updated", record.ownerAccountId, record.catalog, record.id, time),
  );
  await afterOpportunityChange(tx, record, time);
}

/**
 * Stores a changed opportunity: LastModifiedDate strictly increases (at least 1 ms per change, so
 * optimistic concurrency always sees a change), and Opportunity Updated goes out.
 */
export async function saveChange(
  tx: StoreTx,
  before: OpportunityRecord,
  change: Partial<Pick<OpportunityRecord, "doc" | "awsSummary">>,
  now: number,
): Promise<OpportunityRecord> {
  const record: OpportunityRecord = {
    ...before,
    ...change,
    lastModifiedAt: Math.max(now, before.lastModifiedAt + 1),
  };
  await tx.opportunities.put(record);
  await announceUpdate(tx, record, record.lastModifiedAt);
  return record;
}

/**
 * The caller's opportunity before a write, as it stands now: a pending auto-approval is stored
 * and announced first. Anyone else's (or none) → ResourceNotFoundException.
 */
export async function ownedOpportunityForWrite(
  scope: OpportunityScope,
  id: string,
): Promise<OpportunityRecord> {
  const { record, approvedAt } = await ownedOpportunityAsOfNow(scope, id);
  if (approvedAt !== undefined) {
    await scope.tx.opportunities.put(record);
    await announceUpdate(scope.tx, record, approvedAt);
  }
  return record;
}
