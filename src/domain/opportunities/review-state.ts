/**
 * An opportunity's review as it stands: its LifeCycle's status and stage, AWS's review outcome
 * applied to a record, and the auto-review policy that approves submissions once the clock passes.
 */
import type { OpportunityRecord } from "../../store/records.js";
import { type Doc, obj, str } from "../common/doc.js";
import type { DomainSettings } from "../context.js";

export const reviewStatusOf = (r: OpportunityRecord): string =>
  str(obj(r.doc.LifeCycle).ReviewStatus) ?? "Pending Submission";
export const stageOf = (r: OpportunityRecord): string | undefined => str(obj(r.doc.LifeCycle).Stage);

/** When the opportunity was last submitted to AWS (kept beside AWS's summary, never on the wire). */
export const SUBMITTED_AT = "_submittedAt";

/** The outcomes of AWS's review: through the control plane, or simulated by a Sandbox update. */
export const REVIEW_OUTCOMES: readonly string[] = ["Approved", "Action Required", "Rejected", "In review"];

// --- auto-review policy (control plane) ----------------------------------------------------

const autoReview = new WeakMap<DomainSettings, number>();

/** Submitted opportunities become Approved `seconds` (virtual) after submission; null disables. */
export function setAutoReview(settings: DomainSettings, seconds: number | null): void {
  if (seconds === null) autoReview.delete(settings);
  else autoReview.set(settings, seconds * 1000);
}

export const autoReviewSeconds = (settings: DomainSettings): number | null => {
  const ms = autoReview.get(settings);
  return ms === undefined ? null : ms / 1000;
};

/**
 * The opportunity as it stands at `now` under the auto-review policy: a Submitted (or In review)
 * opportunity whose approval instant has passed reads as Approved from that instant on. Pure, so
 * reads need no write; writes persist it with {@link settle}.
 */
export function asOfNow(
  record: OpportunityRecord,
  now: number,
  settings: DomainSettings,
): { record: OpportunityRecord; approvedAt?: number } {
  const after = autoReview.get(settings);
  const status = reviewStatusOf(record);
  const submittedAt = record.awsSummary?.[SUBMITTED_AT];
  if (after === undefined || typeof submittedAt !== "number") return { record };
  if (status !== "Submitted" && status !== "In review") return { record };
  const due = submittedAt + after;
  if (due > now) return { record };
  const approvedAt = Math.max(due, record.lastModifiedAt + 1);
  return { record: applyReview(record, "Approved", approvedAt), approvedAt };
}

/**
 * AWS's review outcome on an opportunity: the partner's LifeCycle.ReviewStatus (and comments),
 * AWS's own stage in the summary, with AWS's reason when it closes its side as lost (a reason
 * stays only with stage Closed Lost). Returns a new record; the caller stores it.
 */
export function applyReview(
  record: OpportunityRecord,
  status: string,
  at: number,
  comments?: { ReviewComments?: string; ReviewStatusReason?: string },
  awsClosedLostReason?: string,
): OpportunityRecord {
  const lifeCycle: Doc = { ...obj(record.doc.LifeCycle), ReviewStatus: status };
  if (comments) {
    delete lifeCycle.ReviewComments;
    delete lifeCycle.ReviewStatusReason;
    if (comments.ReviewComments !== undefined) lifeCycle.ReviewComments = comments.ReviewComments;
    if (comments.ReviewStatusReason !== undefined) lifeCycle.ReviewStatusReason = comments.ReviewStatusReason;
  }
  const awsSummary = record.awsSummary ? { ...record.awsSummary } : undefined;
  if (awsSummary) {
    const awsStage = AWS_STAGE_AFTER_REVIEW[status];
    if (awsStage) {
      const awsLifeCycle: Doc = { ...obj(awsSummary.LifeCycle), Stage: awsStage };
      if (awsStage !== "Closed Lost") delete awsLifeCycle.ClosedLostReason;
      if (awsClosedLostReason !== undefined) awsLifeCycle.ClosedLostReason = awsClosedLostReason;
      awsSummary.LifeCycle = awsLifeCycle;
    }
  }
  return {
    ...record,
    lastModifiedAt: Math.max(at, record.lastModifiedAt + 1),
    doc: { ...record.doc, LifeCycle: lifeCycle },
    awsSummary,
  };
}

const AWS_STAGE_AFTER_REVIEW: Record<string, string> = {
  Approved: "Qualified",
  Rejected: "Closed Lost",
  "In review": "Prospect",
};
