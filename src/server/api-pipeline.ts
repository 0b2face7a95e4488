import type { IncomingHttpHeaders } from "node:http";
import { authenticate } from "../auth/sigv4.js";
import { catalogIssue } from "../domain/common/catalog.js";
import type { OperationContext } from "../domain/context.js";
import { notImplemented, validationError } from "../errors.js";
import { OPERATIONS, type OperationName } from "../model/generated/operations.js";
import { runIdempotent } from "../operations/idempotency.js";
import type { Handler } from "../operations/registry.js";
import { operationFromTarget, parseRequestBody } from "../protocol/awsjson.js";
import type { Services } from "../services.js";
import type { Catalog } from "../store/records.js";
import { normalizeInput, validateInput } from "../validation/validate.js";

export interface ApiRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** Each header's lines apart (`req.headersDistinct`), as SigV4 joins repeated headers. */
  distinctHeaders: Record<string, string[] | undefined>;
  body: Buffer;
}

/** What the request log line reports, filled in as the pipeline learns it. */
export interface ApiTrace {
  operation?: string;
  account?: string;
}

/**
 * The one place that owns the order of an API request:
 * route (X-Amz-Target) → parse (JSON) → authenticate (SigV4) → validate (model) → handle
 * (domain, in one store transaction, ClientToken-aware). Each step throws the ApiError AWS would.
 */
export async function handleApiRequest(
  req: ApiRequest,
  services: Services,
  trace: ApiTrace,
): Promise<unknown> {
  const operation = operationFromTarget(headerValue(req.headers["x-amz-target"]));
  trace.operation = operation;
  const raw = parseRequestBody(headerValue(req.headers["content-type"]), req.body);

  const signed = { method: req.method, url: req.url, headers: req.distinctHeaders, body: req.body };
  const caller = authenticate(signed, services.accounts, {
    region: services.region,
    service: "partnercentral-selling",
  });
  trace.account = caller.awsAccountId;

  const issues = validateInput(operation, raw);
  const badCatalog = catalogIssue(raw.Catalog);
  if (badCatalog && !issues.some((i) => i.FieldName === "catalog")) issues.push(badCatalog);
  if (issues.length > 0) throw validationError(issues);
  const input = normalizeInput(operation, raw);

  const handler = services.handlers[operation] as Handler<OperationName> | null;
  if (!handler) throw notImplemented(operation);
  const spec = OPERATIONS[operation];

  const output = await services.store.transaction(
    (tx) => {
      const ctx: OperationContext = {
        caller,
        catalog: input.Catalog as Catalog,
        now: services.clock.now(),
        tx,
        accounts: services.accounts,
        settings: services.settings,
        pageTokens: services.pageTokens,
      };
      return runIdempotent(operation, spec.idempotencyToken, input, ctx, () => handler(input as never, ctx));
    },
    { readonly: spec.readonly },
  );
  if (!spec.readonly) services.delivery.wake();
  services.coverage?.record(operation, output);
  // Operations without output answer an empty body.
  return spec.output === null ? undefined : output;
}

const headerValue = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
