/**
 * The longest delay the control plane takes (task completion, AWS's auto-review): 100 years, so
 * that an instant a delay puts after the virtual clock is still an RFC 3339 date-time.
 */
export const MAX_DELAY_SECONDS = 3_155_760_000;

export const isDelaySeconds = (value: unknown): value is number =>
  typeof value === "number" && value >= 0 && value <= MAX_DELAY_SECONDS;
