import type { SolutionBase, SolutionStatus } from "../../model/generated/shapes.js";
import type { StoreTx } from "../../store/port.js";
import type { Catalog, KeysetCursor, SolutionQuery, SolutionRecord } from "../../store/records.js";
import { isoTime } from "../../util/clock.js";
import { marketplaceArn, solutionArn } from "../common/arns.js";

/** A partner's solution as the emulator keeps it. */
export interface Solution {
  Id: string;
  Name: string;
  Status: SolutionStatus;
  Category: string;
  /** Epoch ms. */
  CreatedDate: number;
  /** The AWS Marketplace listing of the solution, when it has one. */
  AwsMarketplaceSolutionArn?: string;
}

/**
 * The solutions every account has from the start, per catalog. Sandbox carries `S-1234567`, the
 * default solution AWS documents for AssociateOpportunity tests [DG-sandbox in docs/sources.md], and
 * the observed `S-0052021`; the AWS catalog has ids of its own. `S-0052021` and `S-0041817` are
 * listed in AWS Marketplace (`marketplace`: the listing's id; its ARN carries the account). Stored
 * solutions of the same id replace them.
 */
const DEFAULT_SOLUTIONS: Record<Catalog, readonly DefaultSolution[]> = {
  Sandbox: [
    sample("S-1234567", "Sandbox Sample Solution", "Active", "Software Product", "2024-01-15T09:00:00.000Z"),
    sample(
      "S-0052021",
      "Data Migration Accelerator",
      "Active",
      "Consulting Service",
      "2024-03-04T14:30:00.000Z",
      "soln-a0052021sbxdm",
    ),
    sample("S-0098765", "Managed Observability", "Inactive", "Managed Service", "2024-06-20T08:15:00.000Z"),
    sample("S-0123456", "Edge Gateway Appliance", "Draft", "Hardware Product", "2024-09-09T17:45:00.000Z"),
  ],
  AWS: [
    sample(
      "S-0041817",
      "Partner Analytics Platform",
      "Active",
      "Software Product",
      "2023-11-02T10:00:00.000Z",
      "soln-a0041817awspa",
    ),
    sample(
      "S-0067302",
      "Cloud Migration Services",
      "Active",
      "Consulting Service",
      "2024-02-12T11:20:00.000Z",
    ),
    sample(
      "S-0071234",
      "Security Operations Service",
      "Draft",
      "Managed Service",
      "2024-07-01T16:05:00.000Z",
    ),
  ],
};

interface DefaultSolution extends Omit<Solution, "AwsMarketplaceSolutionArn"> {
  marketplace?: string;
}

function sample(
  Id: string,
  Name: string,
  Status: SolutionStatus,
  Category: string,
  created: string,
  marketplace?: string,
): DefaultSolution {
  return { Id, Name, Status, Category, CreatedDate: Date.parse(created), marketplace };
}

/** The account's own copy of a default solution. */
function defaultFor(accountId: string, { marketplace, ...s }: DefaultSolution): Solution {
  return marketplace
    ? {
        ...s,
        AwsMarketplaceSolutionArn: marketplaceArn(accountId, "Solution", marketplace),
      }
    : s;
}

const fromRecord = (r: SolutionRecord): Solution => ({
  Id: r.id,
  Name: r.name,
  Status: r.status as SolutionStatus,
  Category: r.category,
  CreatedDate: r.createdAt,
  ...(r.awsMarketplaceSolutionArn === undefined
    ? {}
    : { AwsMarketplaceSolutionArn: r.awsMarketplaceSolutionArn }),
});

/**
 * The catalog's default solutions the account has not replaced: a handful, each looked up by id,
 * so this costs the same however many solutions the account added.
 */
export async function remainingDefaults(
  tx: StoreTx,
  catalog: Catalog,
  accountId: string,
): Promise<Solution[]> {
  const out: Solution[] = [];
  for (const s of DEFAULT_SOLUTIONS[catalog]) {
    if (!(await tx.solutions.get(catalog, accountId, s.Id))) out.push(defaultFor(accountId, s));
  }
  return out;
}

/** The stored solutions of a query, as the domain sees them. */
export async function storedSolutions(tx: StoreTx, query: SolutionQuery): Promise<Solution[]> {
  return (await tx.solutions.list(query)).map(fromRecord);
}

/**
 * Every solution of an account in a catalog, by id: the defaults overlaid with the stored ones.
 * Only the control plane's listing asks for all of them; requests page (list-solutions.ts).
 */
export async function allAccountSolutions(
  tx: StoreTx,
  catalog: Catalog,
  accountId: string,
): Promise<Solution[]> {
  const all = await remainingDefaults(tx, catalog, accountId);
  const BATCH = 500;
  for (let after: KeysetCursor | undefined; ; ) {
    const batch = await storedSolutions(tx, {
      catalog,
      ownerAccountId: accountId,
      sortBy: "id",
      order: "ASCENDING",
      after,
      limit: BATCH,
    });
    all.push(...batch);
    const last = batch.at(-1);
    if (batch.length < BATCH || !last) break;
    after = { sort: last.Id, id: last.Id };
  }
  return all.sort((a, b) => (a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : 0));
}

export async function findSolution(
  tx: StoreTx,
  catalog: Catalog,
  accountId: string,
  id: string,
): Promise<Solution | undefined> {
  const stored = await tx.solutions.get(catalog, accountId, id);
  if (stored) return fromRecord(stored);
  const fallback = DEFAULT_SOLUTIONS[catalog].find((s) => s.Id === id);
  return fallback && defaultFor(accountId, fallback);
}

/** Adds or replaces one of an account's solutions. */
export async function putSolution(
  tx: StoreTx,
  catalog: Catalog,
  accountId: string,
  s: Solution,
): Promise<void> {
  await tx.solutions.put({
    catalog,
    ownerAccountId: accountId,
    id: s.Id,
    name: s.Name,
    status: s.Status,
    category: s.Category,
    createdAt: s.CreatedDate,
    ...(s.AwsMarketplaceSolutionArn === undefined
      ? {}
      : { awsMarketplaceSolutionArn: s.AwsMarketplaceSolutionArn }),
  });
}

export const solutionView = (catalog: Catalog, accountId: string, s: Solution): SolutionBase => ({
  Catalog: catalog,
  Id: s.Id,
  Arn: solutionArn(catalog, accountId, s.Id),
  Name: s.Name,
  Status: s.Status,
  Category: s.Category,
  CreatedDate: isoTime(s.CreatedDate),
  ...(s.AwsMarketplaceSolutionArn === undefined
    ? {}
    : { AwsMarketplaceSolutionArn: s.AwsMarketplaceSolutionArn }),
});
