import { conflict, notFound } from "../../protocol/errors.js";
import type { StoreTx } from "../../store/port.js";
import type { Catalog, OpportunityRecord } from "../../store/records.js";
import { stableStringify } from "../../util/stable-json.js";
import type { DomainSettings } from "../context.js";
import { announceUpdate, asOfNow, type Doc, obj } from "./access.js";

/** The members of AWS's summary AWS sets by itself; each given one replaces the current, `null` removes it. */
export interface AwsSummaryChange {
  /** Members of `AwsOpportunityInsights`, each replacing (or with `null` removing) the current one. */
  Insights?: Record<string, unknown>;
  CosellMotion?: string | null;
  SoftwareRevenue?: Record<string, unknown> | null;
  OpportunityTeam?: Record<string, unknown>[] | null;
}

export interface AwsSummaryChangeRequest {
  catalog: Catalog;
  id: string;
  now: number;
  settings: DomainSettings;
  change: AwsSummaryChange;
}

const TOP_LEVEL = ["CosellMotion", "SoftwareRevenue", "OpportunityTeam"] as const;

/**
 * AWS changes its own side of a submitted opportunity (insights, co-sell motion, deal terms, its
 * team). The summary exists only once the opportunity was submitted (ConflictException before,
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
  if (r.change.Insights !== undefined) {
    const insights: Doc = { ...obj(summary.Insights) };
    for (const [member, value] of Object.entries(r.change.Insights)) {
      if (value === null) delete insights[member];
      else insights[member] = value;
    }
    summary.Insights = insights;
  }
  for (const member of TOP_LEVEL) {
    const value = r.change[member];
    if (value === null) delete summary[member];
    else if (value !== undefined) summary[member] = value;
  }
  if (stableStringify(summary) === stableStringify(record.awsSummary)) return record;

  const changed: OpportunityRecord = { ...record, awsSummary: summary };
  await tx.opportunities.put(changed);
  await announceUpdate(tx, changed, r.now);
  return changed;
}
