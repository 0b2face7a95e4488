import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { CONTROL_PREFIX, handleControlRequest } from "../control/control-plane.js";
import {
  ApiError,
  forbiddenHost,
  internalError,
  noRoute,
  serviceUnavailable,
  unknownOperation,
} from "../errors.js";
import { errorResponse, successResponse, type WireResponse } from "../protocol/awsjson.js";
import type { Services } from "../services.js";
import { newRequestId } from "../util/ids.js";
import { type ApiTrace, handleApiRequest } from "./api-pipeline.js";
import { readBody } from "./read-body.js";

/** What is refused before a request's body is read. */
export interface RequestGate {
  /** Whether the server answers requests sent with this `Host` header. */
  allowsHost(host: string | undefined): boolean;
  /** Whether the connection is over the connection cap (it gets one 503 and is closed). */
  isOverCap(socket: Socket): boolean;
}

/** The HTTP entry point: API requests on `POST /`, the control plane under `/_pclocal/`. */
export function createRequestListener(services: Services, gate: RequestGate) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const started = performance.now();
    const requestId = newRequestId();
    const trace: ApiTrace = {};
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const overCap = gate.isOverCap(req.socket);
    const refused = overCap ? overCapacity() : gate.allowsHost(req.headers.host) ? undefined : badHost(req);

    (refused ? Promise.reject(refused) : serve(req, path, services, trace))
      .then(successResponse, (err: unknown) => toErrorResponse(err, services, requestId))
      .then((wire) => {
        // A body left unread (refused early, or too large) is not drained: the connection closes.
        const close = overCap || !req.complete;
        res.writeHead(wire.status, {
          ...wire.headers,
          "x-amzn-requestid": requestId,
          "content-length": Buffer.byteLength(wire.body),
          ...(overCap ? { "retry-after": "1" } : {}),
          ...(close ? { connection: "close" } : {}),
        });
        res.end(wire.body);
        services.logger.info(
          {
            requestId,
            method: req.method,
            path,
            operation: trace.operation,
            account: trace.account,
            status: wire.status,
            ms: Math.round((performance.now() - started) * 100) / 100,
          },
          "request",
        );
      });
  };
}

async function serve(
  req: IncomingMessage,
  path: string,
  services: Services,
  trace: ApiTrace,
): Promise<unknown> {
  const body = await readBody(req);
  const method = req.method ?? "GET";
  if (path.startsWith(CONTROL_PREFIX)) {
    trace.operation = `control:${method} ${path}`;
    const query = new URLSearchParams((req.url ?? "").split("?")[1] ?? "");
    return handleControlRequest({ method, path, headers: req.headers, body, query }, services);
  }
  if (method !== "POST" || path !== "/") {
    throw noRoute(method, path);
  }
  if (req.headers["x-amz-target"] === undefined) throw unknownOperation("");
  return handleApiRequest(
    { method, url: req.url ?? "/", headers: req.headers, distinctHeaders: req.headersDistinct, body },
    services,
    trace,
  );
}

function toErrorResponse(err: unknown, services: Services, requestId: string): WireResponse {
  if (err instanceof ApiError) return errorResponse(err);
  services.logger.error({ requestId, err }, "unhandled error");
  return errorResponse(internalError());
}

const overCapacity = () =>
  serviceUnavailable("The server is at its limit of open connections (--max-connections); retry shortly.");

function badHost(req: IncomingMessage): ApiError {
  const host = req.headers.host;
  if (host === undefined) return forbiddenHost("The request has no Host header.");
  return forbiddenHost(
    `Host ${JSON.stringify(host)} is not an address this server listens on (a DNS rebinding guard). ` +
      "To serve this name, start pclocal with --allowed-hosts (or PCLOCAL_ALLOWED_HOSTS) naming it.",
  );
}
