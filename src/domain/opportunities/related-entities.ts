import type { OperationTypes } from "../../model/generated/operations.js";
import { notFound, type ValidationIssue } from "../../protocol/errors.js";
import type { OperationContext } from "../context.js";
import { findSolution } from "../solutions/solutions.js";
import { type Doc, ownedOpportunity, saveChange } from "./access.js";
import { businessError } from "./rules.js";
import { relatedEntities } from "./view.js";

type Associate = OperationTypes["AssociateOpportunity"];
type Disassociate = OperationTypes["DisassociateOpportunity"];
type EntityType = Associate["input"]["RelatedEntityType"];

/** Per-opportunity limits [DG-quotas], [DG-assoc] (docs/sources.md). */
export const RELATED_LIMITS: Record<EntityType, number> = {
  AwsProducts: 20,
  Solutions: 10,
  AwsMarketplaceOffers: 1,
  AwsMarketplaceOfferSets: 1,
  AwsMarketplaceSolutions: 10,
  AwsMarketplaceProducts: 10,
};

/** What an identifier of each type looks like (a solution must also be one of the caller's, see ListSolutions). */
const FORMATS: Record<EntityType, { pattern: RegExp; example: string }> = {
  Solutions: { pattern: /^S-[0-9]{1,19}$/, example: "S-1234567" },
  AwsProducts: { pattern: /^[A-Za-z0-9][A-Za-z0-9_.:/+-]{0,254}$/, example: "AmazonEC2" },
  AwsMarketplaceOffers: {
    pattern: /^arn:aws[a-z-]*:aws-marketplace:[a-z0-9-]*:[0-9]{12}:AWSMarketplace\/Offer\/[A-Za-z0-9_-]+$/,
    example: "arn:aws:aws-marketplace:us-east-1:123456789012:AWSMarketplace/Offer/offer-abcdefghijklm",
  },
  AwsMarketplaceOfferSets: {
    pattern: /^arn:aws[a-z-]*:aws-marketplace:[a-z0-9-]*:[0-9]{12}:AWSMarketplace\/OfferSet\/[A-Za-z0-9_-]+$/,
    example: "arn:aws:aws-marketplace:us-east-1:123456789012:AWSMarketplace/OfferSet/offerset-abcdefghijklm",
  },
  AwsMarketplaceSolutions: {
    pattern:
      /^arn:aws[a-z-]*:aws-marketplace:[a-z0-9-]*:[0-9]{0,12}:AWSMarketplace\/Solution\/[A-Za-z0-9_-]+$/,
    example: "arn:aws:aws-marketplace:us-east-1:123456789012:AWSMarketplace/Solution/solution-abcdefghijklm",
  },
  AwsMarketplaceProducts: {
    pattern:
      /^arn:aws[a-z-]*:aws-marketplace:[a-z0-9-]*:[0-9]{0,12}:AWSMarketplace\/[A-Za-z]*Product\/[A-Za-z0-9_-]+$/,
    example: "arn:aws:aws-marketplace:us-east-1:123456789012:AWSMarketplace/SaaSProduct/prod-abcdefghijklm",
  },
};

/**
 * Links a solution, AWS product, Marketplace offer or offer set to the opportunity. Associating
 * one already linked changes nothing.
 */
export async function associateOpportunity(
  input: Associate["input"],
  ctx: OperationContext,
): Promise<Associate["output"]> {
  const record = await ownedOpportunity(ctx, input.OpportunityIdentifier, { write: true });
  const type = input.RelatedEntityType;
  const id = input.RelatedEntityIdentifier;
  const format = FORMATS[type];
  if (!format.pattern.test(id)) {
    throw businessError([
      {
        FieldName: "relatedEntityIdentifier",
        Message: `${id} is not a valid ${type} identifier (for example ${format.example}).`,
        Code: "INVALID_STRING_FORMAT",
      },
    ]);
  }
  if (type === "Solutions" && !(await findSolution(ctx.tx, ctx.catalog, ctx.caller.awsAccountId, id))) {
    throw notFound(`Solution ${id} was not found in catalog ${ctx.catalog}.`);
  }
  const related = relatedEntities(record);
  if (related[type].includes(id)) return {};
  const issues: ValidationIssue[] = [];
  if (related[type].length >= RELATED_LIMITS[type]) {
    issues.push({
      FieldName: "relatedEntityIdentifier",
      Message: `An opportunity can have at most ${RELATED_LIMITS[type]} ${type}.`,
      Code: "TOO_MANY_VALUES",
    });
  }
  const other =
    type === "AwsMarketplaceOffers"
      ? "AwsMarketplaceOfferSets"
      : type === "AwsMarketplaceOfferSets"
        ? "AwsMarketplaceOffers"
        : undefined;
  if (other && related[other].length > 0) {
    issues.push({
      FieldName: "relatedEntityType",
      Message: "An opportunity can have an AWS Marketplace offer or an offer set, not both.",
      Code: "INVALID_VALUE",
    });
  }
  if (issues.length > 0) throw businessError(issues);
  const changed: Doc = { ...related, [type]: [...related[type], id] };
  await saveChange(ctx.tx, record, { doc: { ...record.doc, RelatedEntityIdentifiers: changed } }, ctx.now);
  return {};
}

export async function disassociateOpportunity(
  input: Disassociate["input"],
  ctx: OperationContext,
): Promise<Disassociate["output"]> {
  const record = await ownedOpportunity(ctx, input.OpportunityIdentifier, { write: true });
  const type = input.RelatedEntityType;
  const related = relatedEntities(record);
  if (!related[type].includes(input.RelatedEntityIdentifier)) {
    throw notFound(
      `${input.RelatedEntityIdentifier} is not associated with opportunity ${record.id} as ${type}.`,
    );
  }
  const changed: Doc = {
    ...related,
    [type]: related[type].filter((x) => x !== input.RelatedEntityIdentifier),
  };
  await saveChange(ctx.tx, record, { doc: { ...record.doc, RelatedEntityIdentifiers: changed } }, ctx.now);
  return {};
}
