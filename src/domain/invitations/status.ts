import type { StoreTx } from "../../store/port.js";
import type { Catalog, InvitationRecord } from "../../store/records.js";

export type InvitationStatus = "PENDING" | "ACCEPTED" | "REJECTED" | "EXPIRED";

/** A pending invitation is EXPIRED from the instant its expiration date passes. */
export function effectiveStatus(invitation: InvitationRecord, now: number): InvitationStatus {
  return invitation.status === "PENDING" && now >= invitation.expirationDate ? "EXPIRED" : invitation.status;
}

/** The receiver's invitation into the engagement that is still PENDING at `now`, if any. */
export async function pendingInvitationTo(
  tx: StoreTx,
  catalog: Catalog,
  engagementId: string,
  receiverAccountId: string,
  now: number,
): Promise<InvitationRecord | undefined> {
  const invitations = await tx.invitations.listForReceiver(catalog, engagementId, receiverAccountId);
  return invitations.find((inv) => effectiveStatus(inv, now) === "PENDING");
}
