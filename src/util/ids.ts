import { randomBytes, randomUUID } from "node:crypto";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/** `length` characters of `[0-9a-z]`, as AWS forms engagement, invitation, task and job ids. */
export function randomBase36(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  // 252 = 7 * 36: rejecting bytes >= 252 keeps every character equally likely.
  for (let i = 0; out.length < length; i++) {
    if (i >= bytes.length) return out + randomBase36(length - out.length);
    const b = bytes[i]!;
    if (b < 252) out += ALPHABET[b % 36];
  }
  return out;
}

export const newEngagementId = () => `eng-${randomBase36(14)}`;
export const newInvitationId = () => `engi-${randomBase36(13)}`;
export const newTaskId = () => `task-${randomBase36(13)}`;
export const newJobId = () => `job-${randomBase36(13)}`;
/** randomUUID draws from a cached entropy pool: far cheaper per request than randomBytes. */
export const newRequestId = () => randomUUID();
