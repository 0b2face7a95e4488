import type {
  AwsProductDetails,
  AwsProductInsights,
  AwsProductsSpendInsightsBySource,
  CurrencyCode,
} from "../../model/generated/shapes.js";
import type { OpportunityRecord } from "../../store/records.js";
import { type Doc, list, obj, str } from "../common/doc.js";
import { amountOf, cents, MAX_CENTS } from "../common/money.js";
import { Plausible, solutionArea } from "../common/plausible.js";
import { relatedEntities } from "./view.js";

/** A cost optimization AWS suggests for a kind of product, as a share of the product's spend. */
interface Optimization {
  description: string;
  percent: bigint;
}

/** A kind of AWS product: how its identifier reads, the programs it counts toward, its usual share of a bill. */
interface ProductFamily {
  code: RegExp;
  categories: readonly string[];
  weight: number;
  optimizations: readonly Optimization[];
}

/** In order: the first family whose pattern the product identifier matches is the product's. */
const FAMILIES: readonly ProductFamily[] = [
  {
    code: /bedrock|sagemaker|^amazonq|rekognition|comprehend|textract|transcribe|kendra/i,
    categories: ["Generative AI"],
    weight: 4,
    optimizations: [
      { description: "Run inference that can wait as batch jobs at the batch price.", percent: 20n },
    ],
  },
  {
    code: /eks|ecs|fargate|ecr|container|kubernetes/i,
    categories: ["MAP", "Modernization Pathway: Containers"],
    weight: 4,
    optimizations: [
      { description: "Run fault-tolerant tasks on Spot capacity.", percent: 15n },
      { description: "Move the worker nodes to Graviton instances.", percent: 10n },
    ],
  },
  {
    code: /lambda|stepfunctions|apigateway|eventbridge|sqs|sns|appsync|serverless/i,
    categories: ["Modernization Pathway: Serverless"],
    weight: 2,
    optimizations: [
      { description: "Move the functions to the arm64 (Graviton) architecture.", percent: 10n },
    ],
  },
  {
    code: /redshift|glue|athena|emr|quicksight|kinesis|opensearch|lakeformation|datazone|msk|cleanrooms/i,
    categories: ["MAP", "Modernization Pathway: Analytics"],
    weight: 4,
    optimizations: [
      { description: "Pause or resize the clusters outside business hours.", percent: 12n },
      { description: "Reserve capacity for the steady baseline.", percent: 8n },
    ],
  },
  {
    code: /rds|aurora|dynamodb|documentdb|elasticache|neptune|keyspaces|database|dms/i,
    categories: ["MAP", "Modernization Pathway: Databases"],
    weight: 4,
    optimizations: [
      { description: "Buy reserved instances for the databases that run around the clock.", percent: 25n },
    ],
  },
  {
    code: /ec2|lightsail|outposts|batch|workspaces|compute/i,
    categories: ["MAP", "Compute"],
    weight: 5,
    optimizations: [
      { description: "Commit the steady baseline to a Compute Savings Plan.", percent: 20n },
      { description: "Right-size the instances that run below 40% CPU.", percent: 10n },
    ],
  },
  {
    code: /s3|ebs|efs|fsx|glacier|backup|storage/i,
    categories: ["MAP", "Storage"],
    weight: 2,
    optimizations: [
      { description: "Move infrequently accessed data to S3 Intelligent-Tiering.", percent: 15n },
    ],
  },
  { code: /connect|pinpoint|ses|chime/i, categories: ["Customer Engagement"], weight: 3, optimizations: [] },
  {
    code: /guardduty|securityhub|inspector|macie|waf|shield|kms|cognito|security|iam/i,
    categories: ["Security"],
    weight: 1,
    optimizations: [],
  },
];

const OTHER: ProductFamily = { code: /$^/, categories: [], weight: 2, optimizations: [] };

const familyOf = (productCode: string) => FAMILIES.find((f) => f.code.test(productCode)) ?? OTHER;

/** The products AWS recommends for a solution area (see `solutionArea`); EC2 and S3 for any other. */
const RECOMMENDED: Readonly<Record<string, readonly string[]>> = {
  "Machine Learning": ["AmazonBedrock", "AmazonSageMaker", "AmazonS3"],
  Containers: ["AmazonEKS", "AmazonECR", "AmazonEC2"],
  Migration: ["AmazonEC2", "AmazonRDS", "AmazonS3"],
  Analytics: ["AmazonRedshift", "AWSGlue", "AmazonS3"],
  Security: ["AmazonGuardDuty", "AWSSecurityHub"],
  "Customer Engagement": ["AmazonConnect", "AmazonLex"],
};

/** The model's limit on the products of one source. */
const MAX_PRODUCTS = 100;

/**
 * AWS's deal sizing insights on an opportunity (AWS Partner Central developer guide, "Working
 * with deal sizing insights"; API Reference, AwsProductsSpendInsightsBySource), by source:
 * - `Partner`, the partner's estimate: AWS reads it from the partner's Pricing Calculator
 *   estimates; here the services are the AWS products associated with the opportunity and the
 *   monthly amount is the partner's expected AWS spend, split over them. Without an associated
 *   product there is no partner estimate and the member is left out.
 * - `AWS`, AWS's own forecast: the products AWS recommends for the opportunity's use case (read
 *   from its title, business problem and use case) with the associated ones, and a monthly amount
 *   of 70–140% of the partner's.
 * Each product carries the programs it counts toward (`MAP`, a modernization pathway) and the
 * optimizations AWS would suggest with their savings. Shares and variations are drawn from a hash
 * of the opportunity, so the same opportunity always gets the same insights. Amounts are left out
 * when the partner gave no usable monthly amount.
 */
export function awsSpendInsights(record: OpportunityRecord): AwsProductsSpendInsightsBySource {
  const doc = record.doc;
  const project = obj(doc.Project);
  const spend = monthlyAwsSpend(project);
  const currency = currencyOf(project, spend);
  const monthly = cents(spend.Amount);
  const amount = monthly === undefined ? null : String(monthly);
  const associated = relatedEntities(record).AwsProducts.slice(0, MAX_PRODUCTS);

  const text = [project.Title, project.CustomerBusinessProblem, project.CustomerUseCase]
    .filter(str)
    .join(" ");
  const area = solutionArea(text, new Plausible("AwsSpendInsights/area", record.catalog, record.id, text));
  const recommended = RECOMMENDED[area.category] ?? ["AmazonEC2", "AmazonS3"];
  const awsProducts = [...new Set([...recommended, ...associated])].slice(0, MAX_PRODUCTS);
  const awsSeed = new Plausible("AwsSpendInsights/AWS", record.catalog, record.id, text, awsProducts, amount);
  const awsMonthly = monthly === undefined ? undefined : (monthly * BigInt(awsSeed.int(70, 140))) / 100n;

  const insights: AwsProductsSpendInsightsBySource = {};
  if (associated.length > 0) {
    const seed = new Plausible("AwsSpendInsights/Partner", record.catalog, record.id, associated, amount);
    insights.Partner = sourceInsights(associated, monthly, currency, seed);
  }
  insights.AWS = sourceInsights(awsProducts, awsMonthly, currency, awsSeed);
  return insights;
}

/** The partner's expected monthly AWS spend: the `AWS` entry, else the first that is not a contract value. */
function monthlyAwsSpend(project: Doc): Doc {
  const entries = list(project.ExpectedCustomerSpend).map(obj);
  return (
    entries.find((e) => e.TargetCompany === "AWS") ?? entries.find((e) => e.TargetCompany !== "Self") ?? {}
  );
}

/** EUR in the AWS European Sovereign Cloud partition (as the API Reference states), else the spend's USD or EUR. */
function currencyOf(project: Doc, spend: Doc): CurrencyCode {
  if (project.AwsPartition === "aws-eusc") return "EUR";
  return spend.CurrencyCode === "EUR" ? "EUR" : "USD";
}

function sourceInsights(
  productCodes: readonly string[],
  monthly: bigint | undefined,
  currency: CurrencyCode,
  seed: Plausible,
): AwsProductInsights {
  const weights = productCodes.map((code) => familyOf(code).weight * seed.int(1, 3));
  const total = monthly === undefined ? undefined : monthly > MAX_CENTS ? MAX_CENTS : monthly;
  const shares = total === undefined ? undefined : split(total, weights);
  const products = productCodes.map((code, i) => productInsights(code, shares?.[i]));
  const details = products.map((p) => p.details);
  if (total === undefined) {
    return { CurrencyCode: currency, Frequency: "Monthly", TotalAmountByCategory: {}, AwsProducts: details };
  }
  const savings = products.reduce((sum, p) => sum + p.savings, 0n);
  const byCategory = new Map<string, bigint>();
  products.forEach((p, i) => {
    for (const category of p.details.Categories) {
      byCategory.set(category, (byCategory.get(category) ?? 0n) + shares![i]!);
    }
  });
  return {
    CurrencyCode: currency,
    Frequency: "Monthly",
    TotalAmount: amountOf(total),
    TotalOptimizedAmount: amountOf(total - savings),
    TotalPotentialSavingsAmount: amountOf(savings),
    TotalAmountByCategory: Object.fromEntries([...byCategory].map(([k, v]) => [k, amountOf(v)])),
    AwsProducts: details,
  };
}

function productInsights(code: string, amount: bigint | undefined) {
  const family = familyOf(code);
  const details: AwsProductDetails = {
    ProductCode: code,
    ServiceCode: serviceCode(code),
    Categories: [...family.categories],
    Optimizations: [],
  };
  if (amount === undefined) return { details, savings: 0n };
  const each = family.optimizations.map((o) => ({ o, saving: (amount * o.percent) / 100n }));
  const savings = each.reduce((sum, e) => sum + e.saving, 0n);
  return {
    details: {
      ProductCode: code,
      ServiceCode: details.ServiceCode,
      Categories: details.Categories,
      Amount: amountOf(amount),
      OptimizedAmount: amountOf(amount - savings),
      PotentialSavingsAmount: amountOf(savings),
      Optimizations: each.map((e) => ({ Description: e.o.description, SavingsAmount: amountOf(e.saving) })),
    },
    savings,
  };
}

/** `total` in shares proportional to `weights`, to the cent; the last share takes the remainder. */
function split(total: bigint, weights: readonly number[]): bigint[] {
  const sum = BigInt(weights.reduce((a, b) => a + b, 0));
  let left = total;
  return weights.map((w, i) => {
    if (i === weights.length - 1) return left;
    const share = (total * BigInt(w)) / sum;
    left -= share;
    return share;
  });
}

/** A Pricing Calculator style service code from a product identifier: `AmazonEC2` → `amazon-ec2`. */
function serviceCode(productCode: string): string {
  const words = productCode.match(/[A-Z]+[0-9]*(?![a-z])|[A-Z]?[a-z]+[0-9]*|[0-9]+/g);
  return words ? words.join("-").toLowerCase() : productCode.toLowerCase();
}
