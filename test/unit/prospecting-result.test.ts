import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { geographyOf } from "../../src/domain/prospecting/geography.js";
import { prospectingResult } from "../../src/domain/prospecting/prospecting-result.js";
import { CountryCode_VALUES, Industry_VALUES } from "../../src/model/generated/shapes.js";
import type { EngagementRecord } from "../../src/store/records.js";
import { validateShape } from "../../src/validation/validate.js";

const TASK = {
  TaskId: "task-0123456789abcd",
  TaskArn:
    "arn:aws:partnercentral-selling:us-east-1::catalog/Sandbox/prospecting-from-engagement-task/task-0123456789abcd",
  TaskName: "unit",
  StartTime: "2026-11-01T00:00:00.000Z",
  EndTime: "2026-11-01T00:00:30.000Z",
};

const engagement = (contexts: EngagementRecord["contexts"], title?: string): EngagementRecord => ({
  catalog: "Sandbox",
  id: "eng-0123456789abcd",
  title,
  createdAt: 0,
  createdBy: "111122223333",
  modifiedAt: 0,
  modifiedBy: "111122223333",
  contexts,
});

describe("prospecting result", () => {
  it("takes a free-text segment named like an Object member as plain text", () => {
    for (const MarketSegment of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
      const lead = { CompanyName: "Example Corp", MarketSegment };
      const result = prospectingResult(
        engagement([{ Id: "1", Type: "Lead", Payload: { Lead: { Customer: lead } } }]),
        TASK,
      );
      expect(validateShape("ProspectingResultAws", result), MarketSegment).toEqual([]);
      expect(result.Customer!.Segment).toBe(MarketSegment);
      expect(result.Customer!.CompanySize).toBeUndefined();
    }
  });

  it("places every country of the model's CountryCode", () => {
    expect(CountryCode_VALUES.filter((c) => !geographyOf(c))).toEqual([]);
  });

  it("is always a valid ProspectingResultAws, whatever the lead or customer project holds", () => {
    const text = fc.string({ maxLength: 300 });
    const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
    const lead = fc.record({
      CompanyName: maybe(text),
      Industry: maybe(fc.oneof(fc.constantFrom(...Industry_VALUES), text)),
      MarketSegment: maybe(
        fc.oneof(
          fc.constantFrom("Enterprise", "Micro", "medium", "__proto__", "constructor", "toString"),
          text,
        ),
      ),
      Address: maybe(
        fc.record({ CountryCode: maybe(fc.oneof(fc.constantFrom(...CountryCode_VALUES), text)) }),
      ),
    });
    const project = fc.record({
      CompanyName: maybe(text),
      Industry: maybe(fc.constantFrom(...Industry_VALUES)),
      CountryCode: maybe(fc.constantFrom(...CountryCode_VALUES)),
    });
    fc.assert(
      fc.property(fc.oneof(lead, project), fc.boolean(), maybe(text), (customer, asLead, title) => {
        const context = asLead
          ? { Id: "1", Type: "Lead", Payload: { Lead: { Customer: customer } } }
          : { Id: "1", Type: "CustomerProject", Payload: { CustomerProject: { Customer: customer } } };
        const result = prospectingResult(engagement([context], title), TASK);
        expect(validateShape("ProspectingResultAws", result)).toEqual([]);
        expect(result.Customer!.AccountName).toBeTruthy();
      }),
      { numRuns: 300 },
    );
    expect(validateShape("ProspectingResultAws", prospectingResult(engagement([]), TASK))).toEqual([]);
  });
});
