import { CATALOGS, isCatalog } from "../domain/common/catalog.js";
import { type QueuedResult, queuedResults, queueResult } from "../domain/prospecting/queued-results.js";
import { type ValidationIssue, validationError } from "../errors.js";
import type { ProspectingInsights, ProspectingResultCustomer } from "../model/generated/shapes.js";
import type { Services } from "../services.js";
import type { Catalog } from "../store/records.js";
import { isoTime } from "../util/clock.js";
import { type ControlRequest, parseJsonObject, validateBody } from "./json-body.js";

const PATH = "/_pclocal/aws/prospecting-results";

/**
 * AWS sets the result of an account's next prospecting task:
 *   POST /_pclocal/aws/prospecting-results {account, catalog?, Customer?, Insights?} — queues it
 *        (`Customer` a ProspectingResultCustomer, `Insights` a ProspectingInsights); the account's
 *        next StartProspectingFromEngagementTask (in `catalog`, or any) takes the oldest and uses
 *        its members in place of the derived ones for every engagement it processes
 *   GET  /_pclocal/aws/prospecting-results?account=<id> — what is queued, oldest first
 * Returns undefined for any other route.
 */
export function routeProspectingResultsRequest(
  req: ControlRequest,
  services: Services,
): Promise<unknown> | undefined {
  if (req.path !== PATH) return undefined;
  if (req.method === "POST") return queueProspectingResult(parseJsonObject(req.body), services);
  if (req.method === "GET") return listQueued(req.query?.get("account") ?? undefined, services);
  return undefined;
}

function accountIssue(account: unknown, services: Services): ValidationIssue[] {
  if (typeof account === "string" && services.accounts.byAccountId(account)) return [];
  return [
    { FieldName: "account", Message: "account must be a registered AwsAccountId", Code: "INVALID_VALUE" },
  ];
}

const view = (account: string, queue: QueuedResult[]) => ({
  account,
  queued: queue.map(({ queuedAt, catalog, Customer, Insights }) => ({
    ...(catalog ? { catalog } : {}),
    ...(Customer ? { Customer } : {}),
    ...(Insights ? { Insights } : {}),
    queuedAt: isoTime(queuedAt),
  })),
});

const RESULT_SHAPES = { Customer: "ProspectingResultCustomer", Insights: "ProspectingInsights" } as const;

async function queueProspectingResult(body: Record<string, unknown>, services: Services) {
  const { account, catalog, Customer, Insights } = body;
  const issues = accountIssue(account, services);
  if (catalog !== undefined && !isCatalog(catalog)) {
    issues.push({
      FieldName: "catalog",
      Message: `catalog must be one of: ${CATALOGS.join(", ")}`,
      Code: "INVALID_ENUM_VALUE",
    });
  }
  const { issues: shapeIssues, values } = validateBody(RESULT_SHAPES, body);
  issues.push(...shapeIssues);
  if (Customer == null && Insights == null) {
    issues.push({
      Message: "Give Customer (a ProspectingResultCustomer), Insights (a ProspectingInsights) or both",
      Code: "REQUIRED_FIELD_MISSING",
    });
  }
  if (issues.length > 0) throw validationError(issues);

  const entry: QueuedResult = {
    ...(catalog ? { catalog: catalog as Catalog } : {}),
    ...(values.Customer ? { Customer: values.Customer as ProspectingResultCustomer } : {}),
    ...(values.Insights ? { Insights: values.Insights as ProspectingInsights } : {}),
    queuedAt: services.clock.now(),
  };
  const queue = await services.store.transaction((tx) => queueResult(tx, account as string, entry));
  return view(account as string, queue);
}

async function listQueued(account: string | undefined, services: Services) {
  const issues = accountIssue(account, services);
  if (issues.length > 0) throw validationError(issues);
  const queue = await services.store.transaction((tx) => queuedResults(tx, account as string), {
    readonly: true,
  });
  return view(account as string, queue);
}
