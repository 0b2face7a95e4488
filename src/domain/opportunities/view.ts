import type { OperationTypes } from "../../model/generated/operations.js";
import type { OpportunitySummary } from "../../model/generated/shapes.js";
import type { OpportunityRecord } from "../../store/records.js";
import { isoTime } from "../../util/clock.js";
import { opportunityArn } from "../common/arns.js";
import { type Doc, list, obj } from "../common/doc.js";

type GetOutput = OperationTypes["GetOpportunity"]["output"];

/** The members UpdateOpportunity replaces (PUT): omitted ones are cleared. */
export const UPDATABLE = [
  "PrimaryNeedsFromAws",
  "NationalSecurity",
  "PartnerOpportunityIdentifier",
  "Customer",
  "Project",
  "OpportunityType",
  "Marketing",
  "SoftwareRevenue",
  "LifeCycle",
] as const;

/** The members of the stored document GetOpportunity answers (the document may hold more, e.g. Origin). */
export const DOC_MEMBERS = [...UPDATABLE, "OpportunityTeam"] as const;

const pick = (source: Doc, keys: readonly string[]): Doc => {
  const out: Doc = {};
  for (const k of keys) if (source[k] !== undefined && source[k] !== null) out[k] = source[k];
  return out;
};

const RELATED = [
  "AwsMarketplaceOffers",
  "AwsMarketplaceOfferSets",
  "Solutions",
  "AwsProducts",
  "AwsMarketplaceSolutions",
  "AwsMarketplaceProducts",
] as const;

export function relatedEntities(record: OpportunityRecord): Record<(typeof RELATED)[number], string[]> {
  const related = obj(record.doc.RelatedEntityIdentifiers);
  return Object.fromEntries(RELATED.map((k) => [k, list(related[k]) as string[]])) as Record<
    (typeof RELATED)[number],
    string[]
  >;
}

/** What an opportunity sells: a partner solution, an AWS Marketplace solution or product [DG-opps]. */
export const SOLD_ENTITIES = ["Solutions", "AwsMarketplaceSolutions", "AwsMarketplaceProducts"] as const;

/** The related entities AWS shows in its opportunity summary (`AwsOpportunityRelatedEntities`). */
export function awsRelatedEntityIds(record: OpportunityRecord): Doc {
  const related = relatedEntities(record);
  return {
    Solutions: related.Solutions,
    AwsProducts: related.AwsProducts,
    AwsMarketplaceSolutions: related.AwsMarketplaceSolutions,
    AwsMarketplaceProducts: related.AwsMarketplaceProducts,
  };
}

/** GetOpportunity's answer: the stored document plus the server-kept members. */
export function opportunityView(record: OpportunityRecord): GetOutput {
  return {
    ...pick(record.doc, DOC_MEMBERS),
    Id: record.id,
    Arn: opportunityArn(record.catalog, record.ownerAccountId, record.id),
    Catalog: record.catalog,
    CreatedDate: isoTime(record.createdAt),
    LastModifiedDate: isoTime(record.lastModifiedAt),
    RelatedEntityIdentifiers: relatedEntities(record),
  } as GetOutput;
}

/** ListOpportunities' item: the OpportunitySummary subset of the document. */
export function opportunitySummary(record: OpportunityRecord): OpportunitySummary {
  const lifeCycle = pick(obj(record.doc.LifeCycle), [
    "Stage",
    "ClosedLostReason",
    "NextSteps",
    "TargetCloseDate",
    "ReviewStatus",
    "ReviewComments",
    "ReviewStatusReason",
  ]);
  const account = obj(obj(record.doc.Customer).Account);
  const address = pick(obj(account.Address), ["City", "PostalCode", "StateOrRegion", "CountryCode"]);
  const accountSummary = pick(account, ["Industry", "OtherIndustry", "CompanyName", "WebsiteUrl"]);
  if (Object.keys(address).length > 0) accountSummary.Address = address;
  const project = pick(obj(record.doc.Project), [
    "DeliveryModels",
    "ExpectedCustomerSpend",
    "ExpectedContractDuration",
  ]);
  const summary: Doc = {
    Catalog: record.catalog,
    Id: record.id,
    Arn: opportunityArn(record.catalog, record.ownerAccountId, record.id),
    ...pick(record.doc, ["PartnerOpportunityIdentifier", "OpportunityType"]),
    LastModifiedDate: isoTime(record.lastModifiedAt),
    CreatedDate: isoTime(record.createdAt),
    LifeCycle: lifeCycle,
  };
  if (Object.keys(accountSummary).length > 0) summary.Customer = { Account: accountSummary };
  if (Object.keys(project).length > 0) summary.Project = project;
  return summary as unknown as OpportunitySummary;
}

/** GetAwsOpportunitySummary's answer from AWS's stored side. */
export function awsSummaryView(
  record: OpportunityRecord,
): OperationTypes["GetAwsOpportunitySummary"]["output"] {
  const aws = record.awsSummary ?? {};
  return {
    ...pick(aws, [
      "RelatedOpportunityId",
      "Origin",
      "InvolvementType",
      "Visibility",
      "LifeCycle",
      "OpportunityTeam",
      "Insights",
      "InvolvementTypeChangeReason",
      "RelatedEntityIds",
      "Customer",
      "Project",
      "CosellMotion",
      "SoftwareRevenue",
    ]),
    Catalog: record.catalog,
  } as OperationTypes["GetAwsOpportunitySummary"]["output"];
}

export const lowerCamelPath = (path: string): string =>
  path
    .split(".")
    .map((p) => (p ? p[0]!.toLowerCase() + p.slice(1) : p))
    .join(".");
