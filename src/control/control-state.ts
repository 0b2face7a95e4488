import { autoReviewSeconds, setAutoReview } from "../domain/opportunities/review-state.js";
import type { Services } from "../services.js";
import type { StoreTx } from "../store/port.js";

/**
 * What the control plane sets that must outlive a restart, kept in the store's meta table beside
 * the data it shapes: the virtual clock's offset (an invitation that expired stays expired), the
 * task mode and the auto-review policy. `POST /_pclocal/reset` resets the clock and keeps the
 * other two, as it keeps them in memory.
 */
const KEYS = {
  clockOffsetMs: "control:clock-offset-ms",
  taskDelaySeconds: "control:task-delay-seconds",
  autoReviewSeconds: "control:auto-review-seconds",
} as const;

export interface ControlState {
  clockOffsetMs?: number;
  taskDelaySeconds?: number;
  /** null: the policy is off. */
  autoReviewSeconds?: number | null;
}

const finite = (raw: string | undefined): number | undefined => {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
};

export async function loadControlState(tx: StoreTx): Promise<ControlState> {
  const review = await tx.meta.get(KEYS.autoReviewSeconds);
  return {
    clockOffsetMs: finite(await tx.meta.get(KEYS.clockOffsetMs)),
    taskDelaySeconds: finite(await tx.meta.get(KEYS.taskDelaySeconds)),
    autoReviewSeconds: review === "off" ? null : finite(review),
  };
}

/** Puts a loaded state into the server's clock and settings. */
export function applyControlState(state: ControlState, services: Pick<Services, "clock" | "settings">): void {
  if (state.clockOffsetMs !== undefined) services.clock.setOffset(state.clockOffsetMs);
  if (state.taskDelaySeconds !== undefined) services.settings.taskDelaySeconds = state.taskDelaySeconds;
  if (state.autoReviewSeconds !== undefined) setAutoReview(services.settings, state.autoReviewSeconds);
}

/** Stores the clock offset, task mode and auto-review policy as they stand now. */
export async function saveControlState(
  services: Pick<Services, "store" | "clock" | "settings">,
): Promise<void> {
  const review = autoReviewSeconds(services.settings);
  await services.store.transaction(async (tx) => {
    await tx.meta.put(KEYS.clockOffsetMs, String(services.clock.offset()));
    await tx.meta.put(KEYS.taskDelaySeconds, String(services.settings.taskDelaySeconds));
    await tx.meta.put(KEYS.autoReviewSeconds, review === null ? "off" : String(review));
  });
}
