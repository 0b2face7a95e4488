import { type ValidationIssue, validationError } from "../errors.js";
import { parseDateTime } from "../util/rfc3339.js";

/**
 * The virtual clock stays within 1970–8999, so every instant derived from it (expiries, task and
 * review delays of up to 100 years, contract terms) is a date-time the SDKs read back.
 */
const CLOCK_MIN_MS = 0;
const CLOCK_MAX_MS = Date.UTC(9000, 0, 1) - 1;

const issue = (FieldName: string, Code: ValidationIssue["Code"], Message: string) =>
  validationError([{ FieldName, Message, Code }]);

/**
 * The instant `POST /_pclocal/clock` moves the clock to: `{"advanceSeconds": N}` from `current`,
 * or `{"now": "<RFC 3339 date-time>"}` (no looser forms such as "2025" or "March 7").
 */
export function clockTarget(body: Record<string, unknown>, current: number): number {
  const { advanceSeconds, now } = body;
  if (advanceSeconds === undefined && now === undefined) {
    throw issue(
      "advanceSeconds",
      "REQUIRED_FIELD_MISSING",
      'Give {"advanceSeconds": N} or {"now": "<ISO-8601 time>"}',
    );
  }
  const field = advanceSeconds !== undefined ? "advanceSeconds" : "now";
  const target =
    field === "advanceSeconds"
      ? typeof advanceSeconds === "number"
        ? current + advanceSeconds * 1000
        : Number.NaN
      : typeof now === "string"
        ? parseDateTime(now)
        : Number.NaN;
  if (Number.isNaN(target)) {
    throw issue(
      field,
      "INVALID_VALUE",
      field === "now"
        ? "Must be an RFC 3339 date-time such as 2025-01-01T00:00:00Z"
        : "Must be a number of seconds",
    );
  }
  if (!(target >= CLOCK_MIN_MS && target <= CLOCK_MAX_MS)) {
    throw issue(
      field,
      "VALUE_OUT_OF_RANGE",
      "The clock must stay between 1970-01-01T00:00:00Z and 8999-12-31T23:59:59.999Z",
    );
  }
  return target;
}
