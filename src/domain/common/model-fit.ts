import { lowerCamel, validateShape } from "../../validation/validate.js";

/**
 * Whether `value` is a valid `member` of the model structure `structure` (the member's own
 * constraints included), checked by the project's validator and its linear-time pattern engine.
 * Used where the server copies a value from one shape into another that constrains it more.
 */
export function fitsMember(structure: string, member: string, value: unknown): boolean {
  if (value === undefined || value === null) return false;
  const field = lowerCamel(member);
  return !validateShape(structure, { [member]: value }).some(
    (issue) =>
      issue.FieldName === field ||
      issue.FieldName?.startsWith(`${field}.`) ||
      issue.FieldName?.startsWith(`${field}[`),
  );
}

/** The members of `doc` that fit the structure, each checked on its own; the others are left out. */
export function fittingMembers(structure: string, doc: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [member, value] of Object.entries(doc)) {
    if (fitsMember(structure, member, value)) out[member] = value;
  }
  return out;
}
