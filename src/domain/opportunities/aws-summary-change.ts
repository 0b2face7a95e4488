import { conflict, notFound, validationError } from "../../errors.js";
import type { StoreTx } from "../../store/port.js";
import type { Catalog, OpportunityRecord } from "../../store/records.js";
import { isoTime } from "../../util/clock.js";
import { stableStringify } from "../../util/stable-json.js";
import { type Doc, list, obj, str } from "../common/doc.js";
import type { DomainSettings } from "../context.js";
import { asOfNow } from "./review-state.js";
import { announceUpdate } from "./save-change.js";

/**
 * The members of AWS's summary AWS sets by itself: a given one replaces the current, `null`
 * removes it; `Insights`, `LifeCycle` and `Project` change member by member.
 */
export interface AwsSummaryChange {
  Insights?: Record<string, unknown> | null;
  LifeCycle?: Record<string, unknown> | null;
  Project?: Record<string, unknown> | null;
  CosellMotion?: string | null;
  SoftwareRevenue?: Record<string, unknown> | null;
  OpportunityTeam?: Record<string, unknown>[] | null;
  Customer?: Record<string, unknown> | null;
  InvolvementType?: string | null;
  InvolvementTypeChangeReason?: string | null;
}

export interface AwsSummaryChangeRequest {
  catalog: Catalog;
  id: string;
  now: number;
  settings: DomainSettings;
  change: AwsSummaryChange;
}

const MEMBER_BY_MEMBER = ["Insights", "LifeCycle", "Project"] as const;
const TOP_LEVEL = [
  "CosellMotion",
  "SoftwareRevenue",
  "OpportunityTeam",
  "Customer",
  "InvolvementType",
  "InvolvementTypeChangeReason",
] as const;

/** `NextStepsHistory` keeps the last 50 values of `NextSteps` (the model's limit, as for the partner's). */
const HISTORY_LIMIT = 50;

/**
 * AWS changes its own side of a submitted opportunity (insights, life cycle, co-sell motion, deal
 * terms, its team, its view of the customer and project, the involvement type). A new `NextSteps`
 * is appended to `NextStepsHistory` with the time on the virtual clock. The summary exists only once the opportunity was submitted (ConflictException before,
 * as for AWS's review). A change fires Opportunity Updated to the owner and runs the owner's
 * snapshot jobs (AWS summary changes fire Opportunity Updated: AWS Partner Central developer
 * guide, events); the partner's own document and its LastModifiedDate stay as they are, so an
 * update the partner prepared still applies. An unchanged summary writes and announces nothing.
 */
export async function changeAwsSummary(tx: StoreTx, r: AwsSummaryChangeRequest): Promise<OpportunityRecord> {
  const stored = await tx.opportunities.get(r.catalog, r.id);
  if (!stored) throw notFound(`Opportunity ${r.id} was not found in catalog ${r.catalog}.`);
  const { record, approvedAt } = asOfNow(stored, r.now, r.settings);
  if (approvedAt !== undefined) {
    await tx.opportunities.put(record);
    await announceUpdate(tx, record, approvedAt);
  }
  if (!record.awsSummary) {
    throw conflict(`Opportunity ${r.id} has no AWS opportunity summary: it has not been submitted to AWS.`);
  }

  const summary: Doc = { ...record.awsSummary };
  for (const member of MEMBER_BY_MEMBER) {
    const given = r.change[member];
    if (given === undefined) continue;
    if (given === null) {
      delete summary[member];
      continue;
    }
    const merged: Doc = { ...obj(summary[member]) };
    for (const [key, value] of Object.entries(given)) {
      if (value === null) delete merged[key];
      else merged[key] = value;
    }
    summary[member] = merged;
  }
  for (const member of TOP_LEVEL) {
    const value = r.change[member];
    if (value === null) delete summary[member];
    else if (value !== undefined) summary[member] = value;
  }
  if (r.change.LifeCycle) {
    const lifeCycle = withNextStepsHistory(obj(record.awsSummary.LifeCycle), obj(summary.LifeCycle), r.now);
    summary.LifeCycle = lifeCycle;
    if (lifeCycle.ClosedLostReason !== undefined && lifeCycle.Stage !== "Closed Lost")
      closedLostIssue(lifeCycle);
  }
  if (stableStringify(summary) === stableStringify(record.awsSummary)) return record;

  const changed: OpportunityRecord = { ...record, awsSummary: summary };
  await tx.opportunities.put(changed);
  await announceUpdate(tx, changed, r.now);
  return changed;
}

/** AWS's `ClosedLostReason` says why it lost the opportunity: it goes with its stage `Closed Lost` only. */
function closedLostIssue(lifeCycle: Doc): never {
  throw validationError([
    {
      FieldName: "lifeCycle.closedLostReason",
      Message: `ClosedLostReason goes only with Stage Closed Lost; AWS's stage is ${str(lifeCycle.Stage) ?? "not set"}.`,
      Code: "INVALID_VALUE",
    },
  ]);
}

/** AWS's next steps with their history: a new `NextSteps` value is recorded with the time it was set. */
function withNextStepsHistory(before: Doc, after: Doc, now: number): Doc {
  const next = str(after.NextSteps);
  if (next === undefined || next === before.NextSteps) return after;
  const history = [...list(before.NextStepsHistory), { Value: next, Time: isoTime(now) }];
  return { ...after, NextStepsHistory: history.slice(-HISTORY_LIMIT) };
}
