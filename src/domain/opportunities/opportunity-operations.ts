import { conflict, notFound } from "../../errors.js";
import type { OperationTypes } from "../../model/generated/operations.js";
import type { Tag } from "../../model/generated/shapes.js";
import type { OpportunityRecord } from "../../store/records.js";
import { isoTime, wireTimeMs } from "../../util/clock.js";
import { opportunityArn } from "../common/arns.js";
import { type Doc, obj, str } from "../common/doc.js";
import type { OperationContext } from "../context.js";
import { tagResource } from "../tags/tags.js";
import { ownedOpportunity } from "./access.js";
import { sizeDeal } from "./deal-sizing.js";
import { insertOpportunity } from "./new-opportunity.js";
import { applyReview, REVIEW_OUTCOMES, reviewStatusOf, SUBMITTED_AT, stageOf } from "./review-state.js";
import { businessError, changedPaths, documentIssues, lockIssues } from "./rules.js";
import { ownedOpportunityForWrite, saveChange } from "./save-change.js";
import { awsSummaryView, opportunityView, UPDATABLE } from "./view.js";

type Io<Op extends keyof OperationTypes> = OperationTypes[Op];

/** LifeCycle members only AWS sets (its review). */
const REVIEW_MEMBERS = ["ReviewStatus", "ReviewComments", "ReviewStatusReason"] as const;

export async function createOpportunity(
  input: Io<"CreateOpportunity">["input"],
  ctx: OperationContext,
): Promise<Io<"CreateOpportunity">["output"]> {
  const { Catalog: _c, ClientToken: _t, Tags, Origin, ...fields } = input as unknown as Doc;
  if (Origin !== undefined && Origin !== "Partner Referral" && ctx.catalog === "AWS") {
    throw businessError([
      {
        FieldName: "origin",
        Message: "In the AWS catalog only Partner Referral opportunities can be created.",
        Code: "INVALID_VALUE",
      },
    ]);
  }
  const lifeCycle = { ...obj(fields.LifeCycle) };
  for (const member of REVIEW_MEMBERS) delete lifeCycle[member];
  const doc: Doc = { ...fields, LifeCycle: lifeCycle };
  delete doc.RelatedEntityIdentifiers;
  const deal = sizeDeal(fields.Project === undefined ? undefined : obj(fields.Project));
  if (deal.project) doc.Project = deal.project;
  const issues = [...documentIssues(doc), ...deal.issues];
  if (issues.length > 0) throw businessError(issues);
  if (Origin !== undefined) doc.Origin = Origin;
  const record = await insertOpportunity(ctx, doc);
  if (Array.isArray(Tags))
    await tagResource(
      ctx.tx,
      opportunityArn(record.catalog, record.ownerAccountId, record.id),
      Tags as Tag[],
      ctx.now,
    );
  const out: Io<"CreateOpportunity">["output"] = {
    Id: record.id,
    LastModifiedDate: isoTime(record.lastModifiedAt),
  };
  if (typeof fields.PartnerOpportunityIdentifier === "string")
    out.PartnerOpportunityIdentifier = fields.PartnerOpportunityIdentifier;
  return out;
}

export async function getOpportunity(
  input: Io<"GetOpportunity">["input"],
  ctx: OperationContext,
): Promise<Io<"GetOpportunity">["output"]> {
  return opportunityView(await ownedOpportunity(ctx, input.Identifier));
}

/**
 * PUT semantics [API-UpdateOpportunity] with optimistic concurrency [DG-bp] and the review-status
 * locks [DG-updates] (docs/sources.md).
 * In Sandbox, a changed LifeCycle.ReviewStatus is the documented way to simulate AWS's review.
 */
export async function updateOpportunity(
  input: Io<"UpdateOpportunity">["input"],
  ctx: OperationContext,
): Promise<Io<"UpdateOpportunity">["output"]> {
  const record = await ownedOpportunityForWrite(ctx, input.Identifier);
  const given = Math.round(wireTimeMs(input.LastModifiedDate));
  if (given !== record.lastModifiedAt) {
    throw conflict(
      `Opportunity ${record.id} was last modified at ${isoTime(record.lastModifiedAt)}, not at ${
        Number.isFinite(given) ? isoTime(given) : String(input.LastModifiedDate)
      }; get it again and retry.`,
    );
  }
  const status = reviewStatusOf(record);
  const asked = obj(input.LifeCycle);
  const askedStatus = str(asked.ReviewStatus);

  if (ctx.catalog === "Sandbox" && askedStatus !== undefined && askedStatus !== status) {
    return simulateReview(record, askedStatus, asked, ctx);
  }

  const doc: Doc = {};
  for (const keep of ["Origin", "OpportunityTeam", "RelatedEntityIdentifiers"]) {
    if (record.doc[keep] !== undefined) doc[keep] = record.doc[keep];
  }
  for (const member of UPDATABLE) {
    const value = (input as unknown as Doc)[member];
    if (value !== undefined && value !== null) doc[member] = value;
  }
  const givenProject = input.Project === undefined ? undefined : obj(input.Project);
  const deal = sizeDeal(givenProject, {
    project: obj(record.doc.Project),
    durationCleared: givenProject?.ExpectedContractDuration === null,
  });
  if (deal.project) doc.Project = deal.project;
  // AWS's review members stay AWS's: the partner's values are ignored.
  const lifeCycle: Doc = { ...asked };
  const stored = obj(record.doc.LifeCycle);
  for (const member of REVIEW_MEMBERS) {
    delete lifeCycle[member];
    if (stored[member] !== undefined) lifeCycle[member] = stored[member];
  }
  doc.LifeCycle = lifeCycle;

  const strip = (d: Doc) => {
    const out: Doc = {};
    for (const m of UPDATABLE) out[m] = d[m];
    out.LifeCycle = { ...obj(d.LifeCycle) };
    for (const m of REVIEW_MEMBERS) delete (out.LifeCycle as Doc)[m];
    return out;
  };
  const changes = changedPaths(strip(record.doc), strip(doc));
  const locked = lockIssues(status, stageOf(record), changes);
  if (locked.length > 0) throw businessError(locked);
  const issues = [...documentIssues(doc, record), ...deal.issues];
  if (issues.length > 0) throw businessError(issues);

  let awsSummary = record.awsSummary;
  if (status === "Action Required") {
    // The fix goes back to AWS for review.
    lifeCycle.ReviewStatus = "Submitted";
    awsSummary = { ...(awsSummary ?? {}), [SUBMITTED_AT]: ctx.now };
  }
  const saved = await saveChange(ctx.tx, record, { doc, awsSummary }, ctx.now);
  return { Id: saved.id, LastModifiedDate: isoTime(saved.lastModifiedAt) };
}

/** Sandbox: the partner plays AWS's reviewer; only the review members change. */
async function simulateReview(
  record: OpportunityRecord,
  askedStatus: string,
  asked: Doc,
  ctx: OperationContext,
): Promise<Io<"UpdateOpportunity">["output"]> {
  const status = reviewStatusOf(record);
  if (!REVIEW_OUTCOMES.includes(askedStatus)) {
    throw businessError([
      {
        FieldName: "lifeCycle.reviewStatus",
        Message: `ReviewStatus cannot be set to ${askedStatus} by an update; submit the opportunity instead.`,
        Code: "ACTION_NOT_PERMITTED",
      },
    ]);
  }
  if (status !== "Submitted" && status !== "In review") {
    throw businessError([
      {
        FieldName: "lifeCycle.reviewStatus",
        Message: `A review can only be simulated on a Submitted or In review opportunity; this one is ${status}.`,
        Code: "ACTION_NOT_PERMITTED",
      },
    ]);
  }
  const reviewed = applyReview(record, askedStatus, ctx.now, {
    ReviewComments: str(asked.ReviewComments),
    ReviewStatusReason: str(asked.ReviewStatusReason),
  });
  const saved = await saveChange(
    ctx.tx,
    record,
    { doc: reviewed.doc, awsSummary: reviewed.awsSummary },
    ctx.now,
  );
  return { Id: saved.id, LastModifiedDate: isoTime(saved.lastModifiedAt) };
}

/** AWS's view of a submitted opportunity; none before submission. */
export async function getAwsOpportunitySummary(
  input: Io<"GetAwsOpportunitySummary">["input"],
  ctx: OperationContext,
): Promise<Io<"GetAwsOpportunitySummary">["output"]> {
  const record = await ownedOpportunity(ctx, input.RelatedOpportunityIdentifier);
  if (!record.awsSummary) {
    throw notFound(
      `Opportunity ${record.id} has no AWS opportunity summary yet: it has not been submitted to AWS.`,
    );
  }
  return awsSummaryView(record);
}

/** The new owner replaces the team's OpportunityOwner entry. */
export async function assignOpportunity(
  input: Io<"AssignOpportunity">["input"],
  ctx: OperationContext,
): Promise<Io<"AssignOpportunity">["output"]> {
  const record = await ownedOpportunityForWrite(ctx, input.Identifier);
  const { Email, FirstName, LastName, Phone } = input.Assignee;
  const owner: Doc = { Email, FirstName, LastName, BusinessTitle: "OpportunityOwner" };
  if (Phone !== undefined) owner.Phone = Phone;
  const team = (
    Array.isArray(record.doc.OpportunityTeam) ? (record.doc.OpportunityTeam as Doc[]) : []
  ).filter((c) => c.BusinessTitle !== "OpportunityOwner");
  await saveChange(ctx.tx, record, { doc: { ...record.doc, OpportunityTeam: [owner, ...team] } }, ctx.now);
  return {};
}
