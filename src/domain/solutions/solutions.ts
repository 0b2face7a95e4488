import type { SolutionBase, SolutionStatus } from "../../model/generated/shapes.js";
import type { StoreTx } from "../../store/port.js";
import type { Catalog } from "../../store/records.js";
import { isoTime } from "../../util/clock.js";

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

export const SOLUTION_KIND = "solution";
export const SOLUTION_ID = /^S-[0-9]{1,19}$/;

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
        AwsMarketplaceSolutionArn: `arn:aws:aws-marketplace:us-east-1:${accountId}:AWSMarketplace/Solution/${marketplace}`,
      }
    : s;
}

/** Store ids are per account: two accounts may both have `S-1234567`. */
const storeId = (accountId: string, id: string) => `${accountId}/${id}`;

/** An account's solutions in a catalog: the defaults, overlaid with the stored ones. */
export async function accountSolutions(
  tx: StoreTx,
  catalog: Catalog,
  accountId: string,
): Promise<Solution[]> {
  const byId = new Map<string, Solution>(
    DEFAULT_SOLUTIONS[catalog].map((s) => [s.Id, defaultFor(accountId, s)]),
  );
  const stored = await tx.resources.list({
    kind: SOLUTION_KIND,
    catalog,
    ownerAccountId: accountId,
    sortBy: "id",
    order: "ASCENDING",
    limit: 100_000,
  });
  for (const r of stored) {
    const doc = r.doc as unknown as Omit<Solution, "CreatedDate">;
    byId.set(doc.Id, { ...doc, CreatedDate: r.createdAt });
  }
  return [...byId.values()];
}

export async function findSolution(
  tx: StoreTx,
  catalog: Catalog,
  accountId: string,
  id: string,
): Promise<Solution | undefined> {
  const stored = await tx.resources.get(SOLUTION_KIND, catalog, storeId(accountId, id));
  if (stored)
    return { ...(stored.doc as unknown as Omit<Solution, "CreatedDate">), CreatedDate: stored.createdAt };
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
  await tx.resources.put({
    kind: SOLUTION_KIND,
    catalog,
    id: storeId(accountId, s.Id),
    ownerAccountId: accountId,
    status: s.Status,
    createdAt: s.CreatedDate,
    sortKey: s.Name,
    doc: {
      Id: s.Id,
      Name: s.Name,
      Status: s.Status,
      Category: s.Category,
      ...(s.AwsMarketplaceSolutionArn === undefined
        ? {}
        : { AwsMarketplaceSolutionArn: s.AwsMarketplaceSolutionArn }),
    },
  });
}

export const solutionArn = (catalog: Catalog, accountId: string, id: string) =>
  `arn:aws:partnercentral:us-east-1:${accountId}:catalog/${catalog}/solution/${id}`;

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
