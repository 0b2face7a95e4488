import type { InvitationRecord } from "../../store/records.js";

export type InvitationStatus = "PENDING" | "ACCEPTED" | "REJECTED" | "EXPIRED";

/** A pending invitation is EXPIRED from the instant its expiration date passes. */
export function effectiveStatus(invitation: InvitationRecord, now: number): InvitationStatus {
  return invitation.status === "PENDING" && now >= invitation.expirationDate ? "EXPIRED" : invitation.status;
}
