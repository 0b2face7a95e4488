import { createHash, timingSafeEqual } from "node:crypto";

const digest = (text: string) => createHash("sha256").update(text).digest();

/**
 * Whether `authorization` is `Bearer <token>`, compared in constant time: both sides are hashed
 * first, so neither the length nor the first differing byte shows in the time taken.
 */
export function bearerMatches(authorization: string | undefined, token: string): boolean {
  return timingSafeEqual(digest(authorization ?? ""), digest(`Bearer ${token}`));
}
