import { randomInt } from "node:crypto";
import { CATALOGS, isCatalog } from "../domain/common/catalog.js";
import {
  allAccountSolutions,
  findSolution,
  putSolution,
  SOLUTION_ID,
  type Solution,
  solutionView,
} from "../domain/solutions/solutions.js";
import { type ValidationIssue, validationError } from "../errors.js";
import type { SolutionStatus } from "../model/generated/shapes.js";
import { SolutionStatus_VALUES } from "../model/generated/shapes.js";
import type { Services } from "../services.js";
import type { Catalog } from "../store/records.js";
import { validateShape } from "../validation/validate.js";
import { type ControlRequest, parseJsonObject } from "./json-body.js";

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

const isStatus = (v: unknown): v is SolutionStatus =>
  typeof v === "string" && (SolutionStatus_VALUES as readonly string[]).includes(v);

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
  if (Id !== undefined && (typeof Id !== "string" || !SOLUTION_ID.test(Id)))
    issues.push({ FieldName: "id", Message: "Id must match ^S-[0-9]{1,19}$", Code: "INVALID_STRING_FORMAT" });
  if (Name !== undefined && (typeof Name !== "string" || Name.length === 0 || Name.length > 255))
    issues.push({
      FieldName: "name",
      Message: "Name must be a string of 1 to 255 characters",
      Code: "INVALID_VALUE",
    });
  if (Status !== undefined && !isStatus(Status))
    issues.push({
      FieldName: "status",
      Message: `Status must be one of: ${SolutionStatus_VALUES.join(", ")}`,
      Code: "INVALID_ENUM_VALUE",
    });
  if (
    Category !== undefined &&
    (typeof Category !== "string" || Category.length === 0 || Category.length > 255)
  )
    issues.push({
      FieldName: "category",
      Message: "Category must be a string of 1 to 255 characters",
      Code: "INVALID_VALUE",
    });
  // The model's shape (`^arn:.*`, 4 to 2048 characters); null removes the listing.
  issues.push(...validateShape("AwsMarketplaceSolutionArn", listing, "awsMarketplaceSolutionArn"));
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
