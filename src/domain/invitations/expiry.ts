import type { StoreTx } from "../../store/port.js";
import { invitationEvents } from "../events/engagement-events.js";

const BATCH = 100;

/** Whether an invitation's expiry has passed at `now` and not been announced yet (a cheap read). */
export const hasUnannouncedExpiries = async (tx: StoreTx, now: number): Promise<boolean> =>
  (await tx.invitations.expiredUnannounced(now, 1)).length > 0;

/**
 * Announces invitations whose expiry instant has passed on the virtual clock: one
 * "Engagement Invitation Expired" to each partner party (sender and receiver, [DG-events]:
 * "15 days idle → Invitation Expired (both Sender and Receiver)"), timed at the expiry instant.
 * Events and the "announced" marks land in one transaction, so each expiry is announced once even
 * when the sweeper, the clock route and the events route sweep at the same moment.
 * Returns how many invitations it announced.
 */
export async function announceExpiries(tx: StoreTx, now: number): Promise<number> {
  let count = 0;
  for (;;) {
    const batch = await tx.invitations.expiredUnannounced(now, BATCH);
    for (const inv of batch) {
      await tx.events.append(invitationEvents("Engagement Invitation Expired", inv, inv.expirationDate));
      await tx.invitations.markExpiryAnnounced(inv.catalog, inv.id);
    }
    count += batch.length;
    if (batch.length < BATCH) return count;
  }
}
