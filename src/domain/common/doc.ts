/** Reading the loosely typed documents the store keeps (an opportunity's `doc`, a task's payload). */

export type Doc = Record<string, unknown>;

/** The value as an object, or `{}` when it is none (arrays included). */
export const obj = (v: unknown): Doc => (v && typeof v === "object" && !Array.isArray(v) ? (v as Doc) : {});
export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
