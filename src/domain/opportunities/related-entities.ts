import { notFound, type ValidationIssue } from "../../errors.js";
import type { OperationTypes } from "../../model/generated/operations.js";
import type { OpportunityRecord } from "../../store/records.js";
import { marketplaceArn, marketplaceArnPattern } from "../common/arns.js";
import { type Doc, obj } from "../common/doc.js";
import type { OperationContext } from "../context.js";
import { findSolution } from "../solutions/solutions.js";
import { awsSpendInsights } from "./aws-spend-insights.js";
import { businessError } from "./rules.js";
import { ownedOpportunityForWrite, saveChange } from "./save-change.js";
import { awsRelatedEntityIds, relatedEntities } from "./view.js";

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

/**
 * What an identifier of each type looks like (a solution must also be one of the caller's, see
 * ListSolutions). Marketplace entities are ARNs as the AWS Partner Central developer guide shows
 * them; a product's resource names its type (`AmiProduct`, `SaaSProduct`, `ContainerProduct`, …).
 */
const EXAMPLE_ACCOUNT = "123456789012";

const FORMATS: Record<EntityType, { pattern: RegExp; what: string; example: string }> = {
  Solutions: { pattern: /^S-[0-9]{1,19}$/, what: "partner solution identifier", example: "S-1234567" },
  AwsProducts: {
    pattern: /^[A-Za-z0-9][A-Za-z0-9_.:/+-]{0,254}$/,
    what: "AWS product identifier",
    example: "AmazonEC2",
  },
  AwsMarketplaceOffers: {
    pattern: marketplaceArnPattern("Offer"),
    what: "AWS Marketplace offer ARN",
    example: marketplaceArn(EXAMPLE_ACCOUNT, "Offer", "offer-abcdefghijklm"),
  },
  AwsMarketplaceOfferSets: {
    pattern: marketplaceArnPattern("OfferSet"),
    what: "AWS Marketplace offer set ARN",
    example: marketplaceArn(EXAMPLE_ACCOUNT, "OfferSet", "offerset-abcdefghijklm"),
  },
  AwsMarketplaceSolutions: {
    pattern: marketplaceArnPattern("Solution"),
    what: "AWS Marketplace solution ARN",
    example: marketplaceArn(EXAMPLE_ACCOUNT, "Solution", "soln-ab1c2de3fgh4i"),
  },
  AwsMarketplaceProducts: {
    pattern: marketplaceArnPattern("[A-Za-z]+Product"),
    what: "AWS Marketplace product ARN",
    example: marketplaceArn(EXAMPLE_ACCOUNT, "AmiProduct", "prod-ab1c2de3fgh4i"),
  },
};

/**
 * Stores the opportunity's new related entities; once submitted, AWS's summary shows the ones it
 * tracks as well, and AWS sizes the deal again when its AWS products change.
 */
async function saveRelated(ctx: OperationContext, record: OpportunityRecord, related: Doc): Promise<void> {
  const doc = { ...record.doc, RelatedEntityIdentifiers: related };
  const changed = { ...record, doc };
  let awsSummary = record.awsSummary;
  if (awsSummary) {
    awsSummary = { ...awsSummary, RelatedEntityIds: awsRelatedEntityIds(changed) };
    const products = (r: OpportunityRecord) => relatedEntities(r).AwsProducts.join("\n");
    if (products(changed) !== products(record)) {
      awsSummary.Insights = {
        ...obj(awsSummary.Insights),
        AwsProductsSpendInsightsBySource: awsSpendInsights(changed),
      };
    }
  }
  await saveChange(ctx.tx, record, { doc, awsSummary }, ctx.now);
}

/**
 * Links a solution, AWS product, Marketplace solution, product, offer or offer set to the
 * opportunity. Associating one already linked changes nothing. Marketplace entities are taken at
 * their ARN: the emulator holds no Marketplace catalog to check their listing status against.
 */
export async function associateOpportunity(
  input: Associate["input"],
  ctx: OperationContext,
): Promise<Associate["output"]> {
  const record = await ownedOpportunityForWrite(ctx, input.OpportunityIdentifier);
  const type = input.RelatedEntityType;
  const id = input.RelatedEntityIdentifier;
  const format = FORMATS[type];
  if (!format.pattern.test(id)) {
    throw businessError([
      {
        FieldName: "relatedEntityIdentifier",
        Message: `${id} is not a valid ${format.what} for RelatedEntityType ${type} (for example ${format.example}).`,
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
  await saveRelated(ctx, record, { ...related, [type]: [...related[type], id] });
  return {};
}

export async function disassociateOpportunity(
  input: Disassociate["input"],
  ctx: OperationContext,
): Promise<Disassociate["output"]> {
  const record = await ownedOpportunityForWrite(ctx, input.OpportunityIdentifier);
  const type = input.RelatedEntityType;
  const related = relatedEntities(record);
  if (!related[type].includes(input.RelatedEntityIdentifier)) {
    throw notFound(
      `${input.RelatedEntityIdentifier} is not associated with opportunity ${record.id} as ${type}.`,
    );
  }
  await saveRelated(ctx, record, {
    ...related,
    [type]: related[type].filter((x) => x !== input.RelatedEntityIdentifier),
  });
  return {};
}
