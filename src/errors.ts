/**
 * The closed set of errors the server answers with. The model's errors (its error shapes) carry the
 * model's HTTP status, read from the generated `ERROR_SHAPES`; framework errors are the few the
 * front door, the protocol, SigV4 and the control plane send before an operation runs. README.md's
 * "Errors" lists both; test/unit/errors.test.ts keeps the three in step.
 */
import { ERROR_SHAPES, type ErrorShapeName } from "./model/generated/operations.js";
import type { ValidationExceptionErrorCode, ValidationExceptionReason } from "./model/generated/shapes.js";

export type ValidationErrorCode = ValidationExceptionErrorCode;
export type ValidationReason = ValidationExceptionReason;

/** Errors outside the model, with the status each is answered with. */
export const FRAMEWORK_ERRORS = {
  /** An `X-Amz-Target` the model does not name, or a request that is not `POST /`. */
  UnknownOperationException: 400,
  SerializationException: 400,
  RequestEntityTooLargeException: 413,
  NotImplementedException: 501,
  MissingAuthenticationTokenException: 403,
  IncompleteSignatureException: 400,
  InvalidSignatureException: 403,
  UnrecognizedClientException: 403,
  ForbiddenException: 403,
  ServiceUnavailableException: 503,
  /** The control plane without its admin token. */
  UnauthorizedException: 401,
} as const;

export type FrameworkErrorName = keyof typeof FRAMEWORK_ERRORS;
export type ErrorName = ErrorShapeName | FrameworkErrorName;

export function errorStatus(type: ErrorName): number {
  return type in ERROR_SHAPES
    ? ERROR_SHAPES[type as ErrorShapeName].httpStatus
    : FRAMEWORK_ERRORS[type as FrameworkErrorName];
}

/** One violation: a lower-camel dotted path such as `project.expectedCustomerSpend[0].amount`. */
export interface ValidationIssue {
  FieldName?: string;
  Message: string;
  Code: ValidationErrorCode;
}

export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly type: ErrorName,
    message: string,
    /** Extra members serialized beside `message` (e.g. `Reason`, `ErrorList`). */
    readonly members: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = type;
    this.status = errorStatus(type);
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
  return new ApiError("ValidationException", text, {
    Reason: reason,
    ErrorList: issues,
  });
}

export const notFound = (message: string) => new ApiError("ResourceNotFoundException", message);
export const accessDenied = (message: string) => new ApiError("AccessDeniedException", message);
export const conflict = (message: string) => new ApiError("ConflictException", message);
export const quotaExceeded = (message: string) => new ApiError("ServiceQuotaExceededException", message);
export const throttled = (message: string) => new ApiError("ThrottlingException", message);
export const internalError = (message = "An internal error occurred.") =>
  new ApiError("InternalServerException", message);

/** One factory per error shape of the model; the type checker notices a shape without one. */
export const MODEL_ERRORS: Readonly<Record<ErrorShapeName, (message: string) => ApiError>> = {
  AccessDeniedException: accessDenied,
  ConflictException: conflict,
  InternalServerException: internalError,
  ResourceNotFoundException: notFound,
  ServiceQuotaExceededException: quotaExceeded,
  ThrottlingException: throttled,
  ValidationException: (message) => validationError([], "REQUEST_VALIDATION_FAILED", message),
};

export const unknownOperation = (target: string) =>
  new ApiError("UnknownOperationException", `Unknown operation ${JSON.stringify(target)}`);
export const noRoute = (method: string, path: string) =>
  new ApiError("UnknownOperationException", `No route for ${method} ${path}`);
export const serializationError = (message: string) => new ApiError("SerializationException", message);
export const payloadTooLarge = (limit: number) =>
  new ApiError("RequestEntityTooLargeException", `Request body exceeds the limit of ${limit} bytes`);
export const notImplemented = (operation: string) =>
  new ApiError(
    "NotImplementedException",
    `AWSPartnerCentralSelling.${operation} is not implemented by partnercentral-local yet`,
  );

export const missingAuthenticationToken = () =>
  new ApiError("MissingAuthenticationTokenException", "Missing Authentication Token");
export const incompleteSignature = (message: string) => new ApiError("IncompleteSignatureException", message);
export const invalidSignature = (message: string) => new ApiError("InvalidSignatureException", message);
export const unrecognizedClient = () =>
  new ApiError("UnrecognizedClientException", "The security token included in the request is invalid.");

/** Refusals of the HTTP front door, before a request is read (see src/server/http-app.ts). */
export const serviceUnavailable = (message: string) => new ApiError("ServiceUnavailableException", message);
export const forbiddenHost = (message: string) => new ApiError("ForbiddenException", message);

export const unauthorized = (message: string) => new ApiError("UnauthorizedException", message);
