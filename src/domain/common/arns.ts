import type { Catalog, TaskKind } from "../../store/records.js";

/** Every ARN the emulator answers with is in this one region. */
const REGION = "us-east-1";

/**
 * `arn:aws:partnercentral:us-east-1:<account>:catalog/<Catalog>/<path>`. Engagement-side ARNs
 * (engagements, invitations, tasks, snapshots) leave the account field empty, as AWS forms them;
 * opportunities, resource snapshot jobs and solutions name their owner's account.
 */
const partnerCentralArn = (account: string, catalog: Catalog, path: string) =>
  `arn:aws:partnercentral:${REGION}:${account}:catalog/${catalog}/${path}`;

/** The resource segment of each ARN that names its resource by id (`…:catalog/<Catalog>/<kind>/<id>`). */
export const ARN_KIND = {
  engagement: "engagement",
  invitation: "engagement-invitation",
  opportunity: "opportunity",
  snapshotJob: "resource-snapshot-job",
  solution: "solution",
} as const;

export const engagementArn = (catalog: Catalog, id: string) =>
  partnerCentralArn("", catalog, `${ARN_KIND.engagement}/${id}`);
export const invitationArn = (catalog: Catalog, id: string) =>
  partnerCentralArn("", catalog, `${ARN_KIND.invitation}/${id}`);

/** The ARN segment of each task kind (`…::catalog/<Catalog>/<segment>/task-…`). */
export const TASK_ARN_KIND: Record<TaskKind, string> = {
  EngagementByAcceptingInvitation: "engagement-by-accepting-invitation-task",
  EngagementFromOpportunity: "engagement-from-opportunity-task",
  OpportunityFromEngagement: "opportunity-from-engagement-task",
  ProspectingFromEngagement: "prospecting-from-engagement-task",
};
export const taskArn = (catalog: Catalog, kind: TaskKind, id: string) =>
  partnerCentralArn("", catalog, `${TASK_ARN_KIND[kind]}/${id}`);

/** The ARN segment of a prospecting task. */
export const PROSPECTING_ARN_KIND = TASK_ARN_KIND.ProspectingFromEngagement;
/** In the `partnercentral-selling` namespace with an empty account field, as the model's `ProspectingTaskArn` pattern states. */
export const prospectingTaskArn = (catalog: Catalog, id: string) =>
  `arn:aws:partnercentral-selling:${REGION}::catalog/${catalog}/${PROSPECTING_ARN_KIND}/${id}`;

export const opportunityArn = (catalog: Catalog, account: string, id: string) =>
  partnerCentralArn(account, catalog, `${ARN_KIND.opportunity}/${id}`);
export const snapshotJobArn = (catalog: Catalog, account: string, id: string) =>
  partnerCentralArn(account, catalog, `${ARN_KIND.snapshotJob}/${id}`);
export const solutionArn = (catalog: Catalog, account: string, id: string) =>
  partnerCentralArn(account, catalog, `${ARN_KIND.solution}/${id}`);

/** One revision of an engagement resource's snapshot. */
export const snapshotArn = (
  k: { catalog: Catalog; engagementId: string; resourceType: string; resourceId: string; template: string },
  revision: number,
) =>
  partnerCentralArn(
    "",
    k.catalog,
    `${ARN_KIND.engagement}/${k.engagementId}/resource/${k.resourceType}/${k.resourceId}/template/${k.template}/snapshot/${revision}`,
  );

/** `arn:aws:aws-marketplace:us-east-1:<account>:AWSMarketplace/<resource>/<id>` (resource: `Offer`, `Solution`, `AmiProduct`…). */
export const marketplaceArn = (account: string, resource: string, id: string) =>
  `arn:aws:aws-marketplace:${REGION}:${account}:AWSMarketplace/${resource}/${id}`;

/** Any partition, region and account; `resource` is a regular expression source. */
export const marketplaceArnPattern = (resource: string) =>
  new RegExp(
    `^arn:aws[a-z-]*:aws-marketplace:[a-z0-9-]+:[0-9]{12}:AWSMarketplace/${resource}/[A-Za-z0-9_-]+$`,
  );

export const iamRoleArn = (account: string, roleName: string) => `arn:aws:iam::${account}:role/${roleName}`;

/** The parts of an account-scoped Partner Central ARN as this emulator forms them, if it is one. */
export function parseAccountArn(
  arn: string,
): { account: string; catalog: string; kind: string; id: string } | undefined {
  const match =
    /^arn:aws:partnercentral:us-east-1:([0-9]{12}):catalog\/([A-Za-z]+)\/([a-z-]+)\/([^/]+)$/.exec(arn);
  return match ? { account: match[1]!, catalog: match[2]!, kind: match[3]!, id: match[4]! } : undefined;
}

/** The catalog segment (`…:catalog/<Catalog>/…`) of any ARN. */
export const catalogSegmentOf = (arn: string): string | undefined => /:catalog\/([A-Za-z]+)\//.exec(arn)?.[1];

/** The account field of any ARN, if it holds an account id. */
export const accountOfArn = (arn: string): string | undefined =>
  /^arn:[^:]*:[^:]*:[^:]*:([0-9]{12}):/.exec(arn)?.[1];

/**
 * The id an identifier names: the id itself, or the last segment of an ARN of `kind` in `catalog`.
 * An ARN of another kind or catalog names nothing here.
 */
export function resolveIdentifier(identifier: string, catalog: Catalog, kind: string): string | undefined {
  if (!identifier.startsWith("arn:")) return identifier;
  const match =
    /^arn:aws:partnercentral:[a-z0-9-]*:([0-9]{12})?:catalog\/([A-Za-z]+)\/([a-z-]+)\/([^/]+)$/.exec(
      identifier,
    );
  if (!match || match[2] !== catalog || match[3] !== kind) return undefined;
  return match[4];
}
