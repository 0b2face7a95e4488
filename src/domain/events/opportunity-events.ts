import type { Catalog } from "../../store/records.js";
import { envelope, isPartnerAccount, type NewEvent } from "./envelope.js";

/**
 * Opportunity Created / Opportunity Updated: only the identifier, no resources, as AWS sends
 * them (`{"schemaVersion":"1","catalog":…,"opportunity":{"identifier":"O…"}}`).
 */
export function opportunityEvent(
  type: "Opportunity Created" | "Opportunity Updated",
  ownerAccountId: string,
  catalog: Catalog,
  opportunityId: string,
  time: number,
): NewEvent[] {
  if (!isPartnerAccount(ownerAccountId)) return [];
  return [
    envelope(ownerAccountId, catalog, time, type, [], {
      schemaVersion: "1",
      catalog,
      opportunity: { identifier: opportunityId },
    }),
  ];
}
