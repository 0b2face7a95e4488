import type { Store } from "../store/port.js";
import type { Clock } from "../util/clock.js";
import type { Logger } from "../util/logger.js";
import { type Sweeper, startSweeper } from "../util/sweeper.js";
import type { EventDelivery } from "./delivery.js";
import { invitationEvents } from "./engagement-events.js";

/** The server's handles the expiry sweep needs (a part of src/services.ts's `Services`). */
interface ExpiryServices {
  store: Store;
  clock: Clock;
  delivery: EventDelivery;
  logger: Logger;
}

const BATCH = 100;
const SWEEP_INTERVAL_MS = 1_000;

/**
 * Announces invitations whose expiry instant has passed on the virtual clock: one
 * "Engagement Invitation Expired" to each partner party (sender and receiver, [DG-events]:
 * "15 days idle → Invitation Expired (both Sender and Receiver)"), timed at the expiry instant.
 * Events and the "announced" marks land in one transaction, so each expiry is announced once even
 * when the timer, the clock route and the events route sweep at the same moment.
 * Returns how many invitations it announced.
 */
export async function announceExpiries(services: ExpiryServices): Promise<number> {
  const { store } = services;
  const now = services.clock.now();
  // A cheap read first: most sweeps find nothing and need no write lock.
  const due = await store.transaction((tx) => tx.invitations.expiredUnannounced(now, 1), {
    readonly: true,
  });
  if (due.length === 0) return 0;

  const announced = await store.transaction(async (tx) => {
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
  });
  if (announced > 0) services.delivery.wake();
  return announced;
}

/** Runs {@link announceExpiries} every second in the background (the timer does not hold the process). */
export function startExpirySweeper(services: ExpiryServices, intervalMs = SWEEP_INTERVAL_MS): Sweeper {
  return startSweeper(
    () => announceExpiries(services),
    (err) => services.logger.warn({ err }, "invitation expiry sweep failed"),
    intervalMs,
  );
}
