import type { IncomingMessage, ServerResponse } from "node:http";
import { CONTROL_PREFIX, handleControlRequest } from "../control/control-plane.js";
import { errorResponse, successResponse, type WireResponse } from "../protocol/awsjson.js";
import { ApiError, internalError, unknownOperation } from "../protocol/errors.js";
import { newRequestId } from "../util/ids.js";
import { type ApiTrace, handleApiRequest } from "./api-pipeline.js";
import { readBody } from "./read-body.js";
import type { Services } from "./services.js";

/** The HTTP entry point: API requests on `POST /`, the control plane under `/_pclocal/`. */
export function createRequestListener(services: Services) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const started = performance.now();
    const requestId = newRequestId();
    const trace: ApiTrace = {};
    const path = (req.url ?? "/").split("?")[0] ?? "/";

    serve(req, path, services, trace)
      .then(successResponse, (err: unknown) => toErrorResponse(err, services, requestId))
      .then((wire) => {
        const oversized = wire.status === 413;
        res.writeHead(wire.status, {
          ...wire.headers,
          "x-amzn-requestid": requestId,
          "content-length": Buffer.byteLength(wire.body),
          ...(oversized ? { connection: "close" } : {}),
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
    throw new ApiError("UnknownOperationException", 404, `No route for ${method} ${path}`);
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
