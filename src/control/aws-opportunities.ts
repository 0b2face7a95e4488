import { isCatalog } from "../domain/common/catalog.js";
import { reviewAsAws } from "../domain/opportunities/aws-review.js";
import { type AwsSummaryChange, changeAwsSummary } from "../domain/opportunities/aws-summary-change.js";
import { autoReviewSeconds, REVIEW_OUTCOMES, setAutoReview } from "../domain/opportunities/review-state.js";
import { awsSummaryView } from "../domain/opportunities/view.js";
import { type ValidationIssue, validationError } from "../errors.js";
import type { Services } from "../services.js";
import type { Catalog } from "../store/records.js";
import { isoTime } from "../util/clock.js";
import { isDelaySeconds, MAX_DELAY_SECONDS } from "../util/delays.js";
import { validateShape } from "../validation/validate.js";
import { validateBody } from "./json-body.js";

/**
 * `POST /_pclocal/aws/opportunities/review`: AWS reviews a submitted opportunity.
 * Body `{Catalog, Identifier, ReviewStatus, ReviewComments?, ReviewStatusReason?, ClosedLostReason?}`
 * with ReviewStatus one of Approved, Action Required, Rejected, In review, and ClosedLostReason
 * (an `AwsClosedLostReason`, AWS's summary's) only with Rejected; only a Submitted or In review
 * opportunity can be reviewed (ConflictException otherwise). Answers `{Id, ReviewStatus, LastModifiedDate}`.
 */
export async function reviewOpportunityAsAws(body: Record<string, unknown>, services: Services) {
  const { Catalog, Identifier, ReviewStatus, ReviewComments, ReviewStatusReason, ClosedLostReason } = body;
  const issues = opportunityKeyIssues(body);
  if (typeof ReviewStatus !== "string" || !REVIEW_OUTCOMES.includes(ReviewStatus))
    issues.push({
      FieldName: "reviewStatus",
      Message: `ReviewStatus must be one of: ${REVIEW_OUTCOMES.join(", ")}`,
      Code: "INVALID_ENUM_VALUE",
    });
  const texts: [string, unknown][] = [
    ["reviewComments", ReviewComments],
    ["reviewStatusReason", ReviewStatusReason],
  ];
  for (const [field, value] of texts) {
    if (value !== undefined && typeof value !== "string")
      issues.push({ FieldName: field, Message: `${field} must be a string`, Code: "INVALID_VALUE" });
  }
  if (ClosedLostReason !== undefined) {
    issues.push(...validateShape("AwsClosedLostReason", ClosedLostReason, "closedLostReason"));
    if (ReviewStatus !== "Rejected")
      issues.push({
        FieldName: "closedLostReason",
        Message: "ClosedLostReason goes only with ReviewStatus Rejected (AWS's stage becomes Closed Lost)",
        Code: "INVALID_VALUE",
      });
  }
  if (issues.length > 0) throw validationError(issues);

  const saved = await services.store.transaction((tx) =>
    reviewAsAws(
      tx,
      {
        catalog: Catalog as Catalog,
        id: Identifier as string,
        reviewStatus: ReviewStatus as string,
        reviewComments: ReviewComments as string | undefined,
        reviewStatusReason: ReviewStatusReason as string | undefined,
        closedLostReason: ClosedLostReason as string | undefined,
      },
      services.clock.now(),
      services.settings,
    ),
  );
  return { Id: saved.id, ReviewStatus, LastModifiedDate: isoTime(saved.lastModifiedAt) };
}

/** Issues of the `{Catalog, Identifier}` every AWS opportunity route takes. */
function opportunityKeyIssues(body: Record<string, unknown>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!isCatalog(body.Catalog))
    issues.push({ FieldName: "catalog", Message: "Catalog must be AWS or Sandbox", Code: "INVALID_VALUE" });
  if (typeof body.Identifier !== "string" || !/^O[0-9]{1,19}$/.test(body.Identifier))
    issues.push({
      FieldName: "identifier",
      Message: "Identifier must be an opportunity id (O…)",
      Code: "INVALID_VALUE",
    });
  return issues;
}

/** The members of AWS's summary the summary route sets, with the model shape each must match. */
const SUMMARY_MEMBERS = {
  Insights: "AwsOpportunityInsights",
  CosellMotion: "smithy.api#String",
  SoftwareRevenue: "AwsSoftwareRevenue",
  OpportunityTeam: "AwsOpportunityTeamMembersList",
  LifeCycle: "AwsOpportunityLifeCycle",
  Customer: "AwsOpportunityCustomer",
  Project: "AwsOpportunityProject",
  InvolvementType: "SalesInvolvementType",
  InvolvementTypeChangeReason: "InvolvementTypeChangeReason",
} as const;

/** The summary route's members, where `null` removes the member. */
export const SUMMARY_MEMBER_NAMES = Object.keys(SUMMARY_MEMBERS);

/** The members that change member by member, where a `null` inside removes that member. */
const MEMBER_BY_MEMBER: readonly string[] = ["Insights", "LifeCycle", "Project"];

/**
 * `POST /_pclocal/aws/opportunities/summary`: AWS sets members of its summary of a submitted
 * opportunity. Body `{Catalog, Identifier}` with any of the members above, each checked against
 * its model shape; a given member replaces the current one (`Insights`, `LifeCycle` and `Project`
 * member by member), `null` removes it. `LifeCycle.NextStepsHistory` is AWS's record of its
 * `NextSteps`, not set directly. Answers the summary as GetAwsOpportunitySummary now shows it.
 */
export async function changeAwsSummaryAsAws(body: Record<string, unknown>, services: Services) {
  const issues = opportunityKeyIssues(body);
  const given = Object.keys(SUMMARY_MEMBERS).filter((m) => m in body);
  if (given.length === 0)
    issues.push({
      Message: `Give at least one of ${Object.keys(SUMMARY_MEMBERS).join(", ")}`,
      Code: "REQUIRED_FIELD_MISSING",
    });
  const validated = validateBody(SUMMARY_MEMBERS, body);
  issues.push(...validated.issues);
  const change: Record<string, unknown> = validated.values;
  const lifeCycle = body.LifeCycle;
  if (lifeCycle && typeof lifeCycle === "object" && "NextStepsHistory" in lifeCycle)
    issues.push({
      FieldName: "lifeCycle.nextStepsHistory",
      Message:
        "NextStepsHistory is AWS's record of its NextSteps: set NextSteps and it is recorded with the time",
      Code: "ACTION_NOT_PERMITTED",
    });
  // Inside a member changed member by member, a null removes that member (normalizing drops
  // nulls, so restore them).
  for (const member of MEMBER_BY_MEMBER) {
    const raw = body[member];
    const normalized = change[member] as Record<string, unknown> | null | undefined;
    if (!raw || typeof raw !== "object" || !normalized) continue;
    for (const [key, value] of Object.entries(raw)) if (value === null) normalized[key] = null;
  }
  if (issues.length > 0) throw validationError(issues);

  return services.store.transaction(async (tx) => {
    const changed = await changeAwsSummary(tx, {
      catalog: body.Catalog as Catalog,
      id: body.Identifier as string,
      now: services.clock.now(),
      settings: services.settings,
      change: change as AwsSummaryChange,
    });
    return awsSummaryView(changed);
  });
}

/**
 * `POST /_pclocal/aws/opportunities/auto-review` `{"approveAfterSeconds": N | null}`: AWS approves
 * every submitted opportunity N virtual seconds after its submission (null: never by itself).
 * `GET` answers the policy.
 */
export function setAutoReviewPolicy(body: Record<string, unknown>, services: Services) {
  const seconds = body.approveAfterSeconds;
  if (seconds !== null && !isDelaySeconds(seconds)) {
    throw validationError([
      {
        FieldName: "approveAfterSeconds",
        Message: `Give {"approveAfterSeconds": N} with 0 ≤ N ≤ ${MAX_DELAY_SECONDS}, or null to disable`,
        Code: "INVALID_VALUE",
      },
    ]);
  }
  setAutoReview(services.settings, seconds);
  return autoReviewPolicy(services);
}

export const autoReviewPolicy = (services: Services) => ({
  approveAfterSeconds: autoReviewSeconds(services.settings),
});
