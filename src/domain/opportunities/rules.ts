import { type ValidationIssue, validationError } from "../../errors.js";
import type { OpportunityRecord } from "../../store/records.js";
import { isoTime } from "../../util/clock.js";
import { type Doc, list, obj, str } from "../common/doc.js";
import { lowerCamelPath, relatedEntities, SOLD_ENTITIES } from "./view.js";

/** A business-rule failure, reported the way AWS reports them. */
export const businessError = (issues: ValidationIssue[]) =>
  validationError(issues, "BUSINESS_VALIDATION_FAILED");

/**
 * Field rules that hold for every stored version of an opportunity (create and update):
 * ClosedLostReason exactly when Stage is Closed Lost [DG-rn], and Committed or
 * Launched only with an associated solution, Marketplace solution, product, offer or offer set
 * [DG-assoc] (docs/sources.md).
 */
export function documentIssues(doc: Doc, previous?: OpportunityRecord): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const lifeCycle = obj(doc.LifeCycle);
  const stage = str(lifeCycle.Stage);
  if (stage === "Closed Lost" && lifeCycle.ClosedLostReason === undefined) {
    issues.push({
      FieldName: "lifeCycle.closedLostReason",
      Message: "Closed Lost Reason is required when closing the opportunity.",
      Code: "REQUIRED_FIELD_MISSING",
    });
  }
  if (stage !== "Closed Lost" && lifeCycle.ClosedLostReason !== undefined) {
    issues.push({
      FieldName: "lifeCycle.closedLostReason",
      Message: "ClosedLostReason is only allowed when Stage is Closed Lost.",
      Code: "INVALID_VALUE",
    });
  }
  const previousStage = previous ? str(obj(previous.doc.LifeCycle).Stage) : undefined;
  if ((stage === "Committed" || stage === "Launched") && stage !== previousStage) {
    const related = previous ? relatedEntities(previous) : undefined;
    const hasSolution =
      related &&
      [...SOLD_ENTITIES, "AwsMarketplaceOffers", "AwsMarketplaceOfferSets"].some(
        (k) => related[k as keyof typeof related].length > 0,
      );
    if (!hasSolution) {
      issues.push({
        FieldName: "lifeCycle.stage",
        Message: `Moving to ${stage} requires an associated solution, or an AWS Marketplace solution, product or offer.`,
        Code: "INVALID_VALUE",
      });
    }
  }
  issues.push(...otherIndustryIssues(doc));
  return issues;
}

/**
 * `Industry: "Other"` needs `OtherIndustry` to name it ("conditionally mandatory if Other is
 * selected", AWS Partner Central API Reference, AccountSummary).
 */
export function otherIndustryIssues(doc: Doc): ValidationIssue[] {
  const account = obj(obj(doc.Customer).Account);
  if (account.Industry !== "Other" || (str(account.OtherIndustry) ?? "").trim() !== "") return [];
  return [
    {
      FieldName: "customer.account.otherIndustry",
      Message: "OtherIndustry is required when Industry is Other.",
      Code: "REQUIRED_FIELD_MISSING",
    },
  ];
}

/**
 * What SubmitOpportunity requires, all reported at once: the customer (company, website unless
 * national security, country), the project (title, business problem, expected spend), a target
 * close date not in the past, and at least one associated solution, Marketplace solution or
 * Marketplace product [DG-opps].
 */
export function submissionIssues(record: OpportunityRecord, now: number): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const missing = (path: string, what: string) =>
    issues.push({
      FieldName: lowerCamelPath(path),
      Message: `${what} is required.`,
      Code: "REQUIRED_FIELD_MISSING",
    });
  const doc = record.doc;
  const account = obj(obj(doc.Customer).Account);
  const project = obj(doc.Project);
  const lifeCycle = obj(doc.LifeCycle);
  if (!str(account.CompanyName)) missing("Customer.Account.CompanyName", "Customer company name");
  if (!str(account.WebsiteUrl) && doc.NationalSecurity !== "Yes")
    missing("Customer.Account.WebsiteUrl", "Customer website URL (unless NationalSecurity is Yes)");
  if (!str(obj(account.Address).CountryCode))
    missing("Customer.Account.Address.CountryCode", "Customer country");
  if (!str(project.Title)) missing("Project.Title", "Project title");
  if (!str(project.CustomerBusinessProblem))
    missing("Project.CustomerBusinessProblem", "Customer business problem");
  if (list(project.ExpectedCustomerSpend).length === 0)
    missing("Project.ExpectedCustomerSpend", "Expected customer spend");
  const close = str(lifeCycle.TargetCloseDate);
  if (!close) missing("LifeCycle.TargetCloseDate", "Target close date");
  else if (close < isoTime(now).slice(0, 10)) {
    issues.push({
      FieldName: "lifeCycle.targetCloseDate",
      Message: `Target close date ${close} is in the past.`,
      Code: "INVALID_VALUE",
    });
  }
  const related = relatedEntities(record);
  if (SOLD_ENTITIES.every((k) => related[k].length === 0))
    missing(
      "RelatedEntityIdentifiers.Solutions",
      "At least one associated solution, AWS Marketplace solution or AWS Marketplace product",
    );
  return issues;
}

// --- what an update changes ---------------------------------------------------------------

const isPlain = (v: unknown): v is Doc => v !== null && typeof v === "object" && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Leaf paths (`Customer.Account.WebsiteUrl`) whose value differs; lists compare as a whole. */
export function changedPaths(before: unknown, after: unknown, prefix = ""): string[] {
  if (
    (isPlain(before) || before == null) &&
    (isPlain(after) || after == null) &&
    (isPlain(before) || isPlain(after))
  ) {
    const a = obj(before);
    const b = obj(after);
    const out: string[] = [];
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      out.push(...changedPaths(a[key], b[key], prefix ? `${prefix}.${key}` : key));
    }
    return out;
  }
  return same(before, after) ? [] : [prefix];
}

const under = (path: string, root: string) => path === root || path.startsWith(`${root}.`);

/** Action Required: only these may change [DG-updates]. */
export const ACTION_REQUIRED_EDITABLE = [
  "Customer.Account.Address.City",
  "Customer.Account.Address.CountryCode",
  "Customer.Account.Address.PostalCode",
  "Customer.Account.Address.StateOrRegion",
  "Customer.Account.Address.StreetAddress",
  "Customer.Account.WebsiteUrl",
  "LifeCycle.TargetCloseDate",
  "Project.ExpectedCustomerSpend",
  "Project.CustomerBusinessProblem",
  "PartnerOpportunityIdentifier",
];

/** Approved: these are frozen [DG-updates]. */
export const APPROVED_IMMUTABLE = [
  "Customer.Account.Address.CountryCode",
  "Customer.Account.Address.PostalCode",
  "Customer.Account.Industry",
  "Customer.Account.WebsiteUrl",
  "Project.CustomerBusinessProblem",
  "PartnerOpportunityIdentifier",
  "Project.Title",
];

/** The changes an update may not make in the opportunity's review status; empty when it may. */
export function lockIssues(
  reviewStatus: string,
  stage: string | undefined,
  changes: string[],
): ValidationIssue[] {
  if (reviewStatus === "Submitted" || reviewStatus === "In review" || reviewStatus === "Rejected") {
    return [
      {
        FieldName: "lifeCycle.reviewStatus",
        Message:
          reviewStatus === "Rejected"
            ? "A Rejected opportunity is read-only."
            : `The opportunity cannot be updated while its ReviewStatus is ${reviewStatus}.`,
        Code: "ACTION_NOT_PERMITTED",
      },
    ];
  }
  if (stage === "Closed Lost" || stage === "Launched") {
    return [
      {
        FieldName: "lifeCycle.stage",
        Message: `Changes are not allowed when an opportunity stage is "${stage}".`,
        Code: "ACTION_NOT_PERMITTED",
      },
    ];
  }
  if (reviewStatus === "Action Required") {
    return changes
      .filter((p) => !ACTION_REQUIRED_EDITABLE.some((root) => under(p, root)))
      .map((p) => ({
        FieldName: lowerCamelPath(p),
        Message: "Only the fields AWS asked about can be changed while the ReviewStatus is Action Required.",
        Code: "ACTION_NOT_PERMITTED" as const,
      }));
  }
  if (reviewStatus === "Approved") {
    return changes
      .filter((p) => APPROVED_IMMUTABLE.some((root) => under(p, root)))
      .map((p) => ({
        FieldName: lowerCamelPath(p),
        Message: "This field cannot be changed once the opportunity is Approved.",
        Code: "ACTION_NOT_PERMITTED" as const,
      }));
  }
  return [];
}
