/**
 * The closed set of errors the server answers with. Service errors (the seven the model declares)
 * carry the model's HTTP status; framework errors (protocol and auth) are the ones AWS's JSON
 * front end sends before an operation runs.
 */

export type ValidationErrorCode =
  | "REQUIRED_FIELD_MISSING"
  | "INVALID_ENUM_VALUE"
  | "INVALID_STRING_FORMAT"
  | "INVALID_VALUE"
  | "NOT_ENOUGH_VALUES"
  | "TOO_MANY_VALUES"
  | "INVALID_RESOURCE_STATE"
  | "DUPLICATE_KEY_VALUE"
  | "VALUE_OUT_OF_RANGE"
  | "ACTION_NOT_PERMITTED";

export type ValidationReason = "REQUEST_VALIDATION_FAILED" | "BUSINESS_VALIDATION_FAILED";

/** One violation: a lower-camel dotted path such as `project.expectedCustomerSpend[0].amount`. */
export interface ValidationIssue {
  FieldName?: string;
  Message: string;
  Code: ValidationErrorCode;
}

export class ApiError extends Error {
  constructor(
    readonly type: string,
    readonly status: number,
    message: string,
    /** Extra members serialized beside `message` (e.g. `Reason`, `ErrorList`). */
    readonly members: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = type;
  }
}

export function validationError(
  issues: ValidationIssue[],
  reason: ValidationReason = "REQUEST_VALIDATION_FAILED",
  message?: string,
): ApiError {
  const text =
    message ??
    (issues.length === 1 && issues[0]
      ? `${issues[0].FieldName ? `${issues[0].FieldName}: ` : ""}${issues[0].Message}`
      : `${issues.length} validation errors detected`);
  return new ApiError("ValidationException", 400, text, {
    Reason: reason,
    ErrorList: issues,
  });
}

export const notFound = (message: string) => new ApiError("ResourceNotFoundException", 404, message);
export const accessDenied = (message: string) => new ApiError("AccessDeniedException", 403, message);
export const conflict = (message: string) => new ApiError("ConflictException", 409, message);
export const quotaExceeded = (message: string) => new ApiError("ServiceQuotaExceededException", 402, message);
export const throttled = (message: string) => new ApiError("ThrottlingException", 429, message);
export const internalError = (message = "An internal error occurred.") =>
  new ApiError("InternalServerException", 500, message);

export const unknownOperation = (target: string) =>
  new ApiError("UnknownOperationException", 400, `Unknown operation ${JSON.stringify(target)}`);
export const serializationError = (message: string) => new ApiError("SerializationException", 400, message);
export const payloadTooLarge = (limit: number) =>
  new ApiError("RequestEntityTooLargeException", 413, `Request body exceeds the limit of ${limit} bytes`);
export const notImplemented = (operation: string) =>
  new ApiError(
    "NotImplementedException",
    501,
    `AWSPartnerCentralSelling.${operation} is not implemented by partnercentral-local yet`,
  );

export const missingAuthenticationToken = () =>
  new ApiError("MissingAuthenticationTokenException", 403, "Missing Authentication Token");
export const incompleteSignature = (message: string) =>
  new ApiError("IncompleteSignatureException", 400, message);
export const invalidSignature = (message: string) => new ApiError("InvalidSignatureException", 403, message);
export const unrecognizedClient = () =>
  new ApiError("UnrecognizedClientException", 403, "The security token included in the request is invalid.");

/** Refusals of the HTTP front door, before a request is read (see src/server/http-app.ts). */
export const serviceUnavailable = (message: string) =>
  new ApiError("ServiceUnavailableException", 503, message);
export const forbiddenHost = (message: string) => new ApiError("ForbiddenException", 403, message);
