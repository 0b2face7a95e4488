import { quotaExceeded } from "../../errors.js";
import type { StoreTx } from "../../store/port.js";
import type { Catalog } from "../../store/records.js";
import { AWS_ACTOR } from "./send-from-aws.js";

/**
 * An engagement holds up to ten partners (AWS Partner Central, "Working with multi-partner
 * opportunities"); AWS, when it is a member, does not take a partner's place.
 */
export const MAX_ENGAGEMENT_PARTNERS = 10;

/** The engagement's members other than AWS. */
export async function partnerMemberCount(tx: StoreTx, catalog: Catalog, engagementId: string) {
  const members = await tx.members.list(catalog, engagementId);
  return members.filter((m) => m.accountId !== AWS_ACTOR.accountId).length;
}

/** ServiceQuotaExceededException unless one more partner fits into the engagement. */
export async function requireRoomForPartner(tx: StoreTx, catalog: Catalog, engagementId: string) {
  if ((await partnerMemberCount(tx, catalog, engagementId)) >= MAX_ENGAGEMENT_PARTNERS) {
    throw quotaExceeded(`Engagement ${engagementId} already has ${MAX_ENGAGEMENT_PARTNERS} partners.`);
  }
}
