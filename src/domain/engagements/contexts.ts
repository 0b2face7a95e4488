import type { ValidationIssue } from "../../protocol/errors.js";
import type { EngagementContextRecord } from "../../store/records.js";
import { isoTime, wireTimeMs } from "../../util/clock.js";

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

/** Contexts numbered "1", "2", … after those the engagement already has. */
export function numberContexts(
  existing: readonly EngagementContextRecord[],
  added: readonly ContextInput[],
): EngagementContextRecord[] {
  let next = existing.reduce((max, c) => Math.max(max, Number(c.Id) || 0), 0);
  return added.map((c) => {
    next += 1;
    const record: EngagementContextRecord = { Id: String(next), Type: c.Type ?? "" };
    const payload = normalizeContextPayload(c.Payload);
    if (payload) record.Payload = payload;
    return record;
  });
}
