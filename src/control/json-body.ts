/** Reading a control-plane request: its JSON body, its path segments, its members' shapes. */
import type { IncomingHttpHeaders } from "node:http";
import { type ValidationIssue, validationError } from "../errors.js";
import { parseJsonObjectBody } from "../protocol/awsjson.js";
import { normalizeShape, validateShape } from "../validation/validate.js";

export interface ControlRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The query string's parameters (events & webhooks read `account`, `after`, `limit`). */
  query?: URLSearchParams;
}

/**
 * The JSON object of a control-plane body, its `null` members dropped (absent, as in API
 * requests) except `meaningfulNulls`, where the route documents what `null` does.
 */
export function parseJsonObject(
  body: Buffer,
  meaningfulNulls: readonly string[] = [],
): Record<string, unknown> {
  const parsed = parseJsonObjectBody(body);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (value !== null || meaningfulNulls.includes(key)) out[key] = value;
  }
  return out;
}

/** A percent-decoded path segment (`/_pclocal/webhooks/<id>`); broken escapes are a 400. */
export function decodePathSegment(segment: string, field: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw validationError([
      {
        FieldName: field,
        Message: `The ${field} in the path is not valid percent-encoding`,
        Code: "INVALID_VALUE",
      },
    ]);
  }
}

/**
 * Checks the body's members against their model shapes (`{Member: "ShapeName"}`), naming each
 * issue by the member's lower-camel path as API validation does. `values` holds each given member
 * that passed, normalized as API input is; a `null` member (kept by `parseJsonObject`'s
 * `meaningfulNulls`) stays `null`. Absent members are not checked: the route says which it needs.
 */
export function validateBody<M extends string>(
  shapes: Readonly<Record<M, string>>,
  body: Record<string, unknown>,
): { issues: ValidationIssue[]; values: Partial<Record<M, unknown>> } {
  const issues: ValidationIssue[] = [];
  const values: Partial<Record<M, unknown>> = {};
  for (const member of Object.keys(shapes) as M[]) {
    const value = body[member];
    if (value === undefined) continue;
    if (value === null) {
      values[member] = null;
      continue;
    }
    const found = validateShape(shapes[member], value, lowerFirst(member));
    issues.push(...found);
    if (found.length === 0) values[member] = normalizeShape(shapes[member], value);
  }
  return { issues, values };
}

export const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
