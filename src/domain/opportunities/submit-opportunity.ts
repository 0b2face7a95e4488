import { conflict } from "../../errors.js";
import type { OperationTypes } from "../../model/generated/operations.js";
import type { OpportunityRecord } from "../../store/records.js";
import { type Doc, list, obj } from "../common/doc.js";
import type { OperationContext } from "../context.js";
import type { OpportunityScope } from "./access.js";
import { awsScoringAtSubmission } from "./aws-insights.js";
import { awsSpendInsights } from "./aws-spend-insights.js";
import { reviewStatusOf, SUBMITTED_AT } from "./review-state.js";
import { businessError, submissionIssues } from "./rules.js";
import { ownedOpportunityForWrite, saveChange } from "./save-change.js";
import { awsRelatedEntityIds } from "./view.js";

type Io = OperationTypes["SubmitOpportunity"];

export interface Submission {
  InvolvementType: string;
  Visibility?: string;
}

/**
 * Sends an opportunity to AWS for review: only from Pending Submission (ConflictException
 * otherwise, which the SDK surfaces by name though the model does not declare it for
 * SubmitOpportunity), only when the submit-time
 * rules hold (all failures reported at once). ReviewStatus becomes Submitted and AWS's summary
 * starts (involvement type, visibility — Full unless given —, the partition, AWS's scoring and
 * its deal sizing insights). Shared with
 * StartEngagementFromOpportunityTask.
 */
export async function submitForReview(
  scope: OpportunityScope,
  record: OpportunityRecord,
  submission: Submission,
): Promise<OpportunityRecord> {
  const status = reviewStatusOf(record);
  if (status !== "Pending Submission") {
    throw conflict(`Only a Pending Submission opportunity can be submitted; ${record.id} is ${status}.`);
  }
  const issues = submissionIssues(record, scope.now);
  if (issues.length > 0) throw businessError(issues);
  const doc = record.doc;
  const lifeCycle = obj(doc.LifeCycle);
  const awsLifeCycle: Doc = { Stage: "Prospect" };
  if (lifeCycle.TargetCloseDate !== undefined) awsLifeCycle.TargetCloseDate = lifeCycle.TargetCloseDate;
  const project = obj(doc.Project);
  const awsProject: Doc = { ExpectedCustomerSpend: list(project.ExpectedCustomerSpend) };
  if (project.AwsPartition !== undefined) awsProject.AwsPartition = project.AwsPartition;
  const scoring = awsScoringAtSubmission(record, submission.InvolvementType);
  const awsSummary: Doc = {
    RelatedOpportunityId: record.id,
    Origin: doc.Origin ?? "Partner Referral",
    InvolvementType: submission.InvolvementType,
    Visibility: submission.Visibility ?? "Full",
    LifeCycle: awsLifeCycle,
    OpportunityTeam: [],
    RelatedEntityIds: awsRelatedEntityIds(record),
    Project: awsProject,
    ...scoring,
    Insights: { ...scoring.Insights, AwsProductsSpendInsightsBySource: awsSpendInsights(record) },
    [SUBMITTED_AT]: scope.now,
  };
  return saveChange(
    scope.tx,
    record,
    { doc: { ...doc, LifeCycle: { ...lifeCycle, ReviewStatus: "Submitted" } }, awsSummary },
    scope.now,
  );
}

export async function submitOpportunity(input: Io["input"], ctx: OperationContext): Promise<Io["output"]> {
  const record = await ownedOpportunityForWrite(ctx, input.Identifier);
  await submitForReview(ctx, record, {
    InvolvementType: input.InvolvementType,
    Visibility: input.Visibility,
  });
  return {};
}
