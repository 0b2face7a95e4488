import { type ValidationIssue, validationError } from "../../errors.js";
import type { EngagementContextRecord } from "../../store/records.js";
import { isoTime, wireTimeMs } from "../../util/clock.js";
import { randomBase36 } from "../../util/ids.js";

/** The context type AWS's prospecting adds; partners cannot create or update it. */
export const PROSPECTING_RESULT = "ProspectingResult";

/**
 * A ProspectingResult context's id: `ctx-` + 14 of `[0-9a-z]`, the form the model states for
 * `EngagementProspectingResult.EngagementContextId`. Partner contexts keep the short "1", "2"… ids.
 */
export const newProspectingContextId = () => `ctx-${randomBase36(14)}`;

/**
 * A partner may not write a ProspectingResult context (AWS produces it by prospecting): the
 * BUSINESS_VALIDATION_FAILED error naming `field`, else nothing.
 */
export function refuseProspectingResult(type: string | undefined, field: string): void {
  if (type !== PROSPECTING_RESULT) return;
  throw validationError(
    [
      {
        FieldName: field,
        Message:
          "ProspectingResult contexts are added by AWS when StartProspectingFromEngagementTask processes the engagement; they cannot be created or updated directly",
        Code: "ACTION_NOT_PERMITTED",
      },
    ],
    "BUSINESS_VALIDATION_FAILED",
  );
}

interface ContextInput {
  Type?: string;
  Payload?: Record<string, unknown>;
}

/** A context's payload must be of its declared type: a `Lead` context carries `Payload.Lead`. */
export function contextTypeIssues(contexts: readonly ContextInput[], path: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  contexts.forEach((context, i) => {
    if (!context.Payload || !context.Type) return;
    const kinds = Object.keys(context.Payload).filter((k) => context.Payload?.[k] != null);
    if (kinds.length === 1 && kinds[0] !== context.Type) {
      issues.push({
        FieldName: `${path}[${i}].payload`,
        Message: `Payload must be of the context type ${context.Type}`,
        Code: "INVALID_VALUE",
      });
    }
  });
  return issues;
}

/** Normalizes timestamps inside a context payload to ISO-8601 UTC, as they are returned. */
export function normalizeContextPayload(payload: Record<string, unknown> | undefined) {
  const lead = payload?.Lead as { Interactions?: { InteractionDate?: unknown }[] } | undefined;
  for (const interaction of lead?.Interactions ?? []) {
    const ms = wireTimeMs(interaction.InteractionDate);
    if (Number.isFinite(ms)) interaction.InteractionDate = isoTime(ms);
  }
  return payload;
}

/**
 * Contexts numbered "1", "2", … after those the engagement already has (a ProspectingResult
 * context's `ctx-` id is not a number and takes no number; it gets a `ctx-` id of its own).
 */
export function numberContexts(
  existing: readonly EngagementContextRecord[],
  added: readonly ContextInput[],
): EngagementContextRecord[] {
  let next = existing.reduce((max, c) => Math.max(max, Number(c.Id) || 0), 0);
  return added.map((c) => {
    let id: string;
    if (c.Type === PROSPECTING_RESULT) id = newProspectingContextId();
    else id = String(++next);
    const record: EngagementContextRecord = { Id: id, Type: c.Type ?? "" };
    const payload = normalizeContextPayload(c.Payload);
    if (payload) record.Payload = payload;
    return record;
  });
}
