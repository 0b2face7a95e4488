import type { IncomingHttpHeaders } from "node:http";
import { ApiError, validationError } from "../protocol/errors.js";
import type { Services } from "../server/services.js";
import { isoTime } from "../util/clock.js";
import { sendAwsInvitation } from "./aws-invitations.js";

export interface ControlRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export const CONTROL_PREFIX = "/_pclocal/";

const VERSION = "0.1.0";

const unauthorized = () =>
  new ApiError("UnauthorizedException", 401, "The control plane needs 'Authorization: Bearer <admin token>'.");
const noRoute = (method: string, path: string) =>
  new ApiError("ResourceNotFoundException", 404, `No control-plane route for ${method} ${path}`);

export function parseJsonObject(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw new ApiError("SerializationException", 400, "The request body is not valid JSON.");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new ApiError("SerializationException", 400, "The request body must be a JSON object.");
  }
  return parsed as Record<string, unknown>;
}

/** The `/_pclocal` control plane: act as AWS, move the clock, reset. JSON in, JSON out. */
export async function handleControlRequest(req: ControlRequest, services: Services): Promise<unknown> {
  const route = `${req.method} ${req.path}`;
  if (route === "GET /_pclocal/health") {
    return { status: "ok", service: "partnercentral-local", version: VERSION, now: isoTime(services.clock.now()) };
  }
  if (req.headers.authorization !== `Bearer ${services.adminToken}`) throw unauthorized();

  switch (route) {
    case "POST /_pclocal/reset":
      await services.store.reset();
      services.clock.reset();
      return { reset: true, accounts: services.accounts.all().map((a) => a.awsAccountId) };
    case "GET /_pclocal/clock":
      return clockState(services);
    case "POST /_pclocal/clock":
      return setClock(parseJsonObject(req.body), services);
    case "POST /_pclocal/aws/engagement-invitations":
      return sendAwsInvitation(parseJsonObject(req.body), services);
    default:
      throw noRoute(req.method, req.path);
  }
}

function clockState(services: Services) {
  const now = services.clock.now();
  return { now: isoTime(now), offsetSeconds: Math.round((now - Date.now()) / 1000) };
}

function setClock(body: Record<string, unknown>, services: Services) {
  const { advanceSeconds, now } = body;
  if (typeof advanceSeconds === "number" && Number.isFinite(advanceSeconds)) {
    services.clock.advance(advanceSeconds);
  } else if (typeof now === "string" && Number.isFinite(Date.parse(now))) {
    services.clock.set(Date.parse(now));
  } else {
    throw validationError([
      {
        FieldName: "advanceSeconds",
        Message: 'Give {"advanceSeconds": N} or {"now": "<ISO-8601 time>"}',
        Code: "INVALID_VALUE",
      },
    ]);
  }
  return clockState(services);
}
