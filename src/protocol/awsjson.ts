import { type ApiError, serializationError, unknownOperation } from "../errors.js";
import { OPERATION_NAMES, type OperationName } from "../model/generated/operations.js";

export const TARGET_PREFIX = "AWSPartnerCentralSelling.";
export const JSON_CONTENT_TYPE = "application/x-amz-json-1.0";

const OPERATIONS = new Set<string>(OPERATION_NAMES);

/** The operation an `X-Amz-Target` header names. */
export function operationFromTarget(target: string | undefined): OperationName {
  const name = target?.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
  if (!name || !OPERATIONS.has(name)) throw unknownOperation(target ?? "");
  return name as OperationName;
}

const ACCEPTED_TYPES = new Set([JSON_CONTENT_TYPE, "application/x-amz-json-1.1", "application/json"]);

/** The JSON object of an awsJson1_0 request body. An empty body is an empty input. */
export function parseRequestBody(contentType: string | undefined, body: Buffer): Record<string, unknown> {
  const mediaType = contentType?.split(";")[0]?.trim().toLowerCase();
  if (!mediaType || !ACCEPTED_TYPES.has(mediaType)) {
    throw serializationError(
      `Unsupported Content-Type ${JSON.stringify(contentType ?? "")}; expected ${JSON_CONTENT_TYPE}`,
    );
  }
  return parseJsonObjectBody(body);
}

/** A body that must hold one JSON object (an empty body is an empty object). */
export function parseJsonObjectBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw serializationError("The request body is not valid JSON.");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw serializationError("The request body must be a JSON object.");
  }
  return parsed as Record<string, unknown>;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A 200 with the output as JSON; an operation without output answers an empty body, as AWS does. */
export function successResponse(output: unknown): WireResponse {
  return {
    status: 200,
    headers: { "content-type": JSON_CONTENT_TYPE },
    body: output === undefined ? "" : JSON.stringify(output),
  };
}

/** `{"__type", "message", …members}` with the error's status and `x-amzn-ErrorType`. */
export function errorResponse(err: ApiError): WireResponse {
  const body: Record<string, unknown> = { __type: err.type, message: err.message, Message: err.message };
  Object.assign(body, err.members);
  return {
    status: err.status,
    headers: { "content-type": JSON_CONTENT_TYPE, "x-amzn-errortype": err.type },
    body: JSON.stringify(body),
  };
}
