import { randomBytes } from "node:crypto";

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
export const newRequestId = () => {
  const hex = randomBytes(16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
