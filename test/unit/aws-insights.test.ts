import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deriveEnrichment } from "../../src/domain/invitations/enrichment.js";
import { awsScoringAtSubmission } from "../../src/domain/opportunities/aws-insights.js";
import { CountryCode_VALUES, Industry_VALUES } from "../../src/model/generated/shapes.js";
import type { OpportunityRecord } from "../../src/store/records.js";
import { validateShape } from "../../src/validation/validate.js";

const country = fc.oneof(fc.constantFrom(...CountryCode_VALUES), fc.string({ maxLength: 10 }));
const industry = fc.oneof(fc.constantFrom(...Industry_VALUES), fc.string({ maxLength: 40 }));
const words = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.constantFrom("Data lake for analytics", "Migrate the mainframe", "GenAI assistant", "Kubernetes"),
);
const amount = fc.oneof(
  fc.bigInt({ min: 0n, max: 10n ** 30n }).map(String),
  fc.constantFrom("", "0", "12.5", "99.99"),
);
const date = fc
  .date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe("AWS's derived insights", () => {
  it("derive an EnrichmentContext the model accepts, the same for the same payload", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("OpportunityInvitation", "LeadInvitation" as const),
        fc.record(
          {
            Customer: fc.record(
              {
                CompanyName: fc.string(),
                CountryCode: country,
                Industry: industry,
                MarketSegment: fc.string(),
              },
              { requiredKeys: [] },
            ),
            Project: fc.record({ Title: words, BusinessProblem: words }, { requiredKeys: [] }),
            Interaction: fc.record({ Usecase: words }, { requiredKeys: [] }),
          },
          { requiredKeys: [] },
        ),
        (type, payload) => {
          const enrichment = deriveEnrichment(type as "LeadInvitation", payload);
          expect(validateShape("EnrichmentContext", enrichment)).toEqual([]);
          expect(deriveEnrichment(type as "LeadInvitation", structuredClone(payload))).toEqual(enrichment);
          expect(enrichment.LeadInsights !== undefined).toBe(type === "LeadInvitation");
        },
      ),
    );
  });

  it("score any submitted opportunity within the model's limits", () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            Customer: fc.record({ Contacts: fc.array(fc.constant({ FirstName: "A" }), { maxLength: 2 }) }),
            Project: fc.record(
              {
                Title: words,
                CustomerUseCase: words,
                ExpectedCustomerSpend: fc.array(
                  fc.record({
                    Amount: amount,
                    CurrencyCode: fc.constantFrom("USD", "EUR"),
                    Frequency: fc.constant("Monthly"),
                  }),
                  { maxLength: 2 },
                ),
                ExpectedContractDuration: fc.record({
                  Term: fc.constant("Months"),
                  Value: fc.string({ maxLength: 4 }),
                }),
              },
              { requiredKeys: [] },
            ),
            LifeCycle: fc.record({ TargetCloseDate: date, NextSteps: fc.string() }, { requiredKeys: [] }),
            RelatedEntityIdentifiers: fc.record({
              Solutions: fc.array(fc.constant("S-1234567"), { maxLength: 1 }),
            }),
          },
          { requiredKeys: [] },
        ),
        fc.constantFrom("Co-Sell", "For Visibility Only"),
        (doc, involvement) => {
          const record: OpportunityRecord = {
            catalog: "Sandbox",
            id: "O1234567",
            ownerAccountId: "111122223333",
            createdAt: 0,
            lastModifiedAt: 0,
            doc,
          };
          const scoring = awsScoringAtSubmission(record, involvement);
          expect(validateShape("AwsOpportunityInsights", scoring.Insights)).toEqual([]);
          expect(validateShape("AwsSoftwareRevenue", scoring.SoftwareRevenue)).toEqual([]);
          const score = scoring.Insights.OpportunityQuality?.Score ?? -1;
          expect(score >= 0 && score <= 100 && Number.isInteger(score)).toBe(true);
          const { EffectiveDate, ExpirationDate } = scoring.SoftwareRevenue ?? {};
          if (EffectiveDate && ExpirationDate) expect(ExpirationDate > EffectiveDate).toBe(true);
          expect(awsScoringAtSubmission(structuredClone(record), involvement)).toEqual(scoring);
        },
      ),
    );
  });
});
