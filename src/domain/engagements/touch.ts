import type { EngagementRecord } from "../../store/records.js";

/**
 * The engagement as changed by `actor` at `now`. `ModifiedAt` is the optimistic-concurrency token
 * of UpdateEngagementContext, so it strictly increases even for two changes in one millisecond.
 */
export function touched(engagement: EngagementRecord, actor: string, now: number): EngagementRecord {
  return { ...engagement, modifiedAt: Math.max(now, engagement.modifiedAt + 1), modifiedBy: actor };
}
