import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cents } from "../../src/domain/common/money.js";
import { awsSpendInsights } from "../../src/domain/opportunities/aws-spend-insights.js";
import type { AwsProductInsights } from "../../src/model/generated/shapes.js";
import type { OpportunityRecord } from "../../src/store/records.js";
import { validateShape } from "../../src/validation/validate.js";

const amount = fc.oneof(
  fc.bigInt({ min: 0n, max: 10n ** 31n - 1n }).map(String),
  fc.bigInt({ min: 0n, max: 10n ** 8n }).map((c) => `${c / 100n}.${String(c % 100n).padStart(2, "0")}`),
  fc.constantFrom("", "0", "12.5", "99.99", "not a number"),
);
const productCode = fc.oneof(
  fc.constantFrom(
    "AmazonEC2",
    "AmazonS3",
    "AmazonRDS",
    "AmazonEKS",
    "AWSLambda",
    "AmazonRedshift",
    "AmazonBedrock",
    "AmazonConnect",
    "AmazonGuardDuty",
    "AWSAppFabric",
  ),
  fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.:/+-]{0,30}$/),
);
const words = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.constantFrom("Data lake for analytics", "Migrate the mainframe", "GenAI assistant", "Kubernetes"),
);

const sum = (values: (string | undefined)[]) => values.reduce((s, v) => s + (cents(v) ?? 0n), 0n);

/** The arithmetic a reader of one source relies on: parts add up to the totals. */
function expectConsistent(source: AwsProductInsights) {
  const products = source.AwsProducts;
  for (const p of products) {
    expect(cents(p.OptimizedAmount)! + cents(p.PotentialSavingsAmount)!).toBe(cents(p.Amount));
    expect(sum(p.Optimizations.map((o) => o.SavingsAmount))).toBe(cents(p.PotentialSavingsAmount));
  }
  expect(sum(products.map((p) => p.Amount))).toBe(cents(source.TotalAmount));
  expect(sum(products.map((p) => p.PotentialSavingsAmount))).toBe(cents(source.TotalPotentialSavingsAmount));
  expect(cents(source.TotalOptimizedAmount)! + cents(source.TotalPotentialSavingsAmount)!).toBe(
    cents(source.TotalAmount),
  );
  for (const [category, total] of Object.entries(source.TotalAmountByCategory)) {
    const inCategory = products.filter((p) => p.Categories.includes(category));
    expect(inCategory.length).toBeGreaterThan(0);
    expect(sum(inCategory.map((p) => p.Amount))).toBe(cents(total));
  }
}

describe("AWS's deal sizing insights", () => {
  it("are model-shaped, add up, follow the partner's products and spend, and repeat for the same opportunity", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(productCode, { maxLength: 20 }),
        fc.array(
          fc.record({
            Amount: amount,
            CurrencyCode: fc.constantFrom("USD", "EUR"),
            Frequency: fc.constant("Monthly"),
            TargetCompany: fc.constantFrom("AWS", "Self", "Other"),
          }),
          { maxLength: 3 },
        ),
        fc.record(
          { Title: words, CustomerBusinessProblem: words, AwsPartition: fc.constant("aws-eusc") },
          { requiredKeys: [] },
        ),
        (products, spend, project) => {
          const record: OpportunityRecord = {
            catalog: "Sandbox",
            id: "O1234567",
            ownerAccountId: "111122223333",
            createdAt: 0,
            lastModifiedAt: 0,
            doc: {
              Project: { ...project, ExpectedCustomerSpend: spend },
              RelatedEntityIdentifiers: { AwsProducts: products },
            },
          };
          const insights = awsSpendInsights(record);
          expect(validateShape("AwsProductsSpendInsightsBySource", insights)).toEqual([]);
          expect(awsSpendInsights(structuredClone(record))).toEqual(insights);

          const monthly =
            spend.find((s) => s.TargetCompany === "AWS") ?? spend.find((s) => s.TargetCompany !== "Self");
          const given = cents(monthly?.Amount);
          const currency =
            project.AwsPartition === "aws-eusc" ? "EUR" : monthly?.CurrencyCode === "EUR" ? "EUR" : "USD";
          const aws = insights.AWS!;
          expect(aws.CurrencyCode).toBe(currency);
          expect(aws.AwsProducts.length).toBeGreaterThan(0);
          for (const code of products) expect(aws.AwsProducts.map((p) => p.ProductCode)).toContain(code);

          if (products.length === 0) expect(insights.Partner).toBeUndefined();
          else {
            const partner = insights.Partner!;
            expect(partner.CurrencyCode).toBe(currency);
            expect(partner.AwsProducts.map((p) => p.ProductCode)).toEqual(products);
          }
          if (given === undefined) {
            expect(aws.TotalAmount).toBeUndefined();
            expect(insights.Partner?.TotalAmount).toBeUndefined();
            return;
          }
          expectConsistent(aws);
          const awsTotal = cents(aws.TotalAmount)!;
          expect(awsTotal * 100n >= given * 70n - 100n && awsTotal * 100n <= given * 140n).toBe(true);
          if (insights.Partner) {
            expectConsistent(insights.Partner);
            expect(cents(insights.Partner.TotalAmount)).toBe(given);
          }
        },
      ),
    );
  });
});
