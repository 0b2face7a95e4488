import { randomInt } from "node:crypto";
import { CATALOGS, isCatalog } from "../domain/common/catalog.js";
import {
  allAccountSolutions,
  findSolution,
  putSolution,
  type Solution,
  solutionView,
} from "../domain/solutions/solutions.js";
import { type ValidationIssue, validationError } from "../errors.js";
import type { SolutionStatus } from "../model/generated/shapes.js";
import type { Services } from "../services.js";
import type { Catalog } from "../store/records.js";
import { type ControlRequest, parseJsonObject, validateBody } from "./json-body.js";

/**
 * A partner's solutions on the control plane:
 *   POST /_pclocal/solutions {Account, Catalog, Id?, Name, Status, Category, AwsMarketplaceSolutionArn?}
 *        — adds one (an `S-` + 7-digit id when `Id` is absent) or changes the given members of an
 *        existing one (`AwsMarketplaceSolutionArn: null` removes the listing)
 *   GET  /_pclocal/solutions?account=<id>[&catalog=AWS|Sandbox]
 * Returns undefined for any other route.
 */
export function routeSolutionsRequest(req: ControlRequest, services: Services): Promise<unknown> | undefined {
  if (req.path !== "/_pclocal/solutions") return undefined;
  if (req.method === "GET") return listSolutionsAsAdmin(req.query ?? new URLSearchParams(), services);
  if (req.method === "POST")
    return upsertSolution(parseJsonObject(req.body, ["AwsMarketplaceSolutionArn"]), services);
  return undefined;
}

/** The members the model types: each is checked against its shape (`null` removes the listing). */
const MODEL_MEMBERS = {
  Id: "SolutionIdentifier",
  Status: "SolutionStatus",
  AwsMarketplaceSolutionArn: "AwsMarketplaceSolutionArn",
} as const;

/** Name and Category are plain strings in the model; a solution needs a readable one. */
function textIssue(field: string, value: unknown): ValidationIssue | undefined {
  if (value === undefined || (typeof value === "string" && value.length > 0 && value.length <= 255)) return;
  const name = field.charAt(0).toUpperCase() + field.slice(1);
  return {
    FieldName: field,
    Message: `${name} must be a string of 1 to 255 characters`,
    Code: "INVALID_VALUE",
  };
}

function checkAccount(account: unknown, services: Services, issues: ValidationIssue[]): void {
  if (typeof account !== "string" || !services.accounts.byAccountId(account)) {
    issues.push({
      FieldName: "account",
      Message: "account must be a registered AwsAccountId",
      Code: "INVALID_VALUE",
    });
  }
}

async function upsertSolution(body: Record<string, unknown>, services: Services) {
  const { Account, Catalog: catalog, Id, Name, Status, Category, AwsMarketplaceSolutionArn: listing } = body;
  const issues: ValidationIssue[] = [];
  checkAccount(Account, services, issues);
  if (!isCatalog(catalog))
    issues.push({
      FieldName: "catalog",
      Message: `Catalog must be one of: ${CATALOGS.join(", ")}`,
      Code: "INVALID_ENUM_VALUE",
    });
  issues.push(...validateBody(MODEL_MEMBERS, body).issues);
  for (const issue of [textIssue("name", Name), textIssue("category", Category)])
    if (issue) issues.push(issue);
  if (issues.length > 0) throw validationError(issues);

  const account = Account as string;
  const cat = catalog as Catalog;
  return services.store.transaction(async (tx) => {
    const existing = typeof Id === "string" ? await findSolution(tx, cat, account, Id) : undefined;
    if (!existing) {
      const missing: ValidationIssue[] = [];
      for (const [field, value] of [
        ["name", Name],
        ["status", Status],
        ["category", Category],
      ] as const) {
        if (value === undefined)
          missing.push({
            FieldName: field,
            Message: `${field} is required for a new solution`,
            Code: "REQUIRED_FIELD_MISSING",
          });
      }
      if (missing.length > 0) throw validationError(missing);
    }
    let id = Id as string | undefined;
    while (id === undefined) {
      const candidate = `S-${String(randomInt(0, 10_000_000)).padStart(7, "0")}`;
      if (!(await findSolution(tx, cat, account, candidate))) id = candidate;
    }
    const solution: Solution = {
      Id: id,
      Name: (Name as string | undefined) ?? existing!.Name,
      Status: (Status as SolutionStatus | undefined) ?? existing!.Status,
      Category: (Category as string | undefined) ?? existing!.Category,
      CreatedDate: existing?.CreatedDate ?? services.clock.now(),
    };
    const arn = listing === undefined ? existing?.AwsMarketplaceSolutionArn : (listing as string | null);
    if (arn) solution.AwsMarketplaceSolutionArn = arn;
    await putSolution(tx, cat, account, solution);
    return solutionView(cat, account, solution);
  });
}

async function listSolutionsAsAdmin(query: URLSearchParams, services: Services) {
  const issues: ValidationIssue[] = [];
  const account = query.get("account");
  const catalog = query.get("catalog");
  checkAccount(account ?? undefined, services, issues);
  if (catalog !== null && !isCatalog(catalog))
    issues.push({
      FieldName: "catalog",
      Message: `catalog must be one of: ${CATALOGS.join(", ")}`,
      Code: "INVALID_ENUM_VALUE",
    });
  if (issues.length > 0) throw validationError(issues);
  const catalogs = catalog === null ? CATALOGS : [catalog as Catalog];
  return services.store.transaction(
    async (tx) => {
      const SolutionSummaries = [];
      for (const cat of catalogs) {
        const all = await allAccountSolutions(tx, cat, account as string);
        SolutionSummaries.push(...all.map((s) => solutionView(cat, account as string, s)));
      }
      return { SolutionSummaries };
    },
    { readonly: true },
  );
}
