/**
 * AWS's review of submitted opportunities: a review the control plane asks for, and the
 * auto-review policy's approvals once the virtual clock reaches them.
 */
import type { AccountRegistry } from "../../auth/accounts.js";
import { conflict, notFound } from "../../errors.js";
import type { StoreTx } from "../../store/port.js";
import type { Catalog, ReviewCursor } from "../../store/records.js";
import type { DomainSettings } from "../context.js";
import { awsAnswersSubmission } from "./aws-decision.js";
import { applyReview, asOfNow, autoReviewSeconds, reviewStatusOf } from "./review-state.js";
import { announceUpdate, saveChange } from "./save-change.js";

export interface AwsReview {
  catalog: Catalog;
  id: string;
  /** One of `REVIEW_OUTCOMES`. */
  reviewStatus: string;
  reviewComments?: string;
  reviewStatusReason?: string;
  /** An `AwsClosedLostReason`, with `Rejected` only. */
  closedLostReason?: string;
}

/**
 * AWS reviews a Submitted or In review opportunity (ConflictException in any other state); an
 * auto-approval already due is stored and announced first, so the review sees the state a read would.
 */
export async function reviewAsAws(tx: StoreTx, review: AwsReview, now: number, settings: DomainSettings) {
  const { catalog, id } = review;
  const stored = await tx.opportunities.get(catalog, id);
  if (!stored) throw notFound(`Opportunity ${id} was not found in catalog ${catalog}.`);
  const { record, approvedAt } = asOfNow(stored, now, settings);
  if (approvedAt !== undefined) {
    await tx.opportunities.put(record);
    await announceUpdate(tx, record, approvedAt);
  }
  const status = reviewStatusOf(record);
  if (status !== "Submitted" && status !== "In review") {
    throw conflict(`Opportunity ${id} is ${status}; AWS reviews only Submitted or In review opportunities.`);
  }
  const reviewed = applyReview(
    record,
    review.reviewStatus,
    now,
    { ReviewComments: review.reviewComments, ReviewStatusReason: review.reviewStatusReason },
    review.closedLostReason,
  );
  const saved = await saveChange(tx, record, { doc: reviewed.doc, awsSummary: reviewed.awsSummary }, now);
  await awsAnswersSubmission(tx, saved, review.reviewStatus, now);
  return saved;
}

/** Whether an auto-approval is due at `now` and not stored yet (a cheap read). */
export async function hasDueAutoReviews(
  tx: StoreTx,
  now: number,
  settings: DomainSettings,
): Promise<boolean> {
  const after = autoReviewSeconds(settings);
  if (after === null) return false;
  return (await tx.opportunities.awaitingReview(now - after * 1000, undefined, 1)).length > 0;
}

/**
 * Stores and announces the auto-approvals the virtual clock has reached (reads already see them;
 * this makes their Opportunity Updated events go out). Returns how many it settled.
 */
export async function settleAutoReviews(
  tx: StoreTx,
  now: number,
  settings: DomainSettings,
  accounts: AccountRegistry,
): Promise<number> {
  const after = autoReviewSeconds(settings);
  if (after === null) return 0;
  let count = 0;
  // Only the opportunities whose approval is due: found by submission time, whoever owns them.
  for (let cursor: ReviewCursor | undefined; ; ) {
    const batch = await tx.opportunities.awaitingReview(now - after * 1000, cursor, 100);
    for (const stored of batch) {
      if (!accounts.byAccountId(stored.ownerAccountId)) continue;
      const { record, approvedAt } = asOfNow(stored, now, settings);
      if (approvedAt === undefined) continue;
      await tx.opportunities.put(record);
      await announceUpdate(tx, record, approvedAt);
      await awsAnswersSubmission(tx, record, "Approved", approvedAt);
      count++;
    }
    const last = batch.at(-1);
    if (batch.length < 100 || !last) return count;
    cursor = { submittedAt: last.awsSummary?._submittedAt as number, catalog: last.catalog, id: last.id };
  }
}
