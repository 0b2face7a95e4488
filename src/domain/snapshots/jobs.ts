import { ApiError, conflict, notFound, validationError } from "../../errors.js";
import type { OperationTypes } from "../../model/generated/operations.js";
import type { StoreTx } from "../../store/port.js";
import type { Catalog, OpportunityRecord, ResourceRecord } from "../../store/records.js";
import { isoTime } from "../../util/clock.js";
import { newJobId } from "../../util/ids.js";
import { ARN_KIND, opportunityArn, resolveIdentifier, snapshotJobArn } from "../common/arns.js";
import { keysetPage, pageScope } from "../common/page-tokens.js";
import type { OperationContext } from "../context.js";
import { engagementForMember } from "../engagements/access.js";
import { addCustomerProjectToLead } from "../engagements/lead-customer-project.js";
import { ownedOpportunity } from "../opportunities/access.js";
import { asOfNow } from "../opportunities/review-state.js";
import { tagResource } from "../tags/tags.js";
import {
  cursorOf,
  filteredRows,
  JOB,
  knownTemplate,
  SELLING_SYSTEM_SETTINGS,
  type Template,
  writeRevision,
} from "./revisions.js";

type Create = OperationTypes["CreateResourceSnapshotJob"];
type Get = OperationTypes["GetResourceSnapshotJob"];
type List = OperationTypes["ListResourceSnapshotJobs"];
type JobRef = { Catalog: string; ResourceSnapshotJobIdentifier: string };
type Empty = Record<string, never>;

export const NO_ROLE_FAILURE =
  "No ResourceSnapshotJobRoleArn registered; call PutSellingSystemSettings with ResourceSnapshotJobRoleIdentifier.";

interface JobDoc {
  EngagementId: string;
  ResourceType: string;
  ResourceId: string;
  ResourceSnapshotTemplateName: Template;
  LastSuccessfulExecutionDate?: number;
  LastFailure?: string;
}

type JobRecord = ResourceRecord & { doc: JobDoc & Record<string, unknown> };

/** A new, Stopped job of the owner; the caller checked membership, ownership and the template. */
export async function insertJob(
  tx: StoreTx,
  catalog: Catalog,
  owner: string,
  spec: { engagementId: string; resourceType: string; resourceId: string; template: Template },
  now: number,
): Promise<JobRecord> {
  const record: JobRecord = {
    kind: JOB,
    catalog,
    id: newJobId(),
    ownerAccountId: owner,
    parentId: spec.engagementId,
    refId: spec.resourceId,
    status: "Stopped",
    createdAt: now,
    doc: {
      EngagementId: spec.engagementId,
      ResourceType: spec.resourceType,
      ResourceId: spec.resourceId,
      ResourceSnapshotTemplateName: spec.template,
    },
  };
  await tx.resources.put(record);
  return record;
}

/**
 * One execution of a Running job against the opportunity as it stands: a new revision only when
 * the template's view changed. Without a registered snapshot-job role the execution fails and
 * says so in LastFailure.
 */
async function execute(
  tx: StoreTx,
  job: JobRecord,
  opportunity: OpportunityRecord,
  now: number,
): Promise<void> {
  const doc: JobDoc = { ...job.doc };
  const failure = await runFailure(tx, job, opportunity, now);
  if (failure !== undefined) {
    doc.LastFailure = failure;
  } else {
    await writeRevision(
      tx,
      {
        catalog: job.catalog,
        engagementId: doc.EngagementId,
        resourceType: doc.ResourceType,
        resourceId: doc.ResourceId,
        template: doc.ResourceSnapshotTemplateName,
      },
      opportunity,
      now,
      { onlyIfChanged: true },
    );
    doc.LastSuccessfulExecutionDate = now;
    delete doc.LastFailure;
  }
  await tx.resources.put({ ...job, doc: doc as JobDoc & Record<string, unknown> });
}

/**
 * Why a run cannot snapshot the opportunity, if it cannot: no role, the owner left the
 * engagement, or — since a run snapshots the way CreateResourceSnapshot does, adding the
 * CustomerProject context to a lead engagement — no room for that context.
 */
async function runFailure(
  tx: StoreTx,
  job: JobRecord,
  opportunity: OpportunityRecord,
  now: number,
): Promise<string | undefined> {
  const settings = await tx.resources.get(SELLING_SYSTEM_SETTINGS, job.catalog, job.ownerAccountId);
  if (typeof settings?.doc.ResourceSnapshotJobRoleArn !== "string") return NO_ROLE_FAILURE;
  const engagementId = job.doc.EngagementId;
  const engagement = await tx.engagements.get(job.catalog, engagementId);
  if (!engagement || !(await tx.members.get(job.catalog, engagementId, job.ownerAccountId))) {
    return `Account ${job.ownerAccountId} is no longer a member of engagement ${engagementId}.`;
  }
  try {
    await addCustomerProjectToLead(tx, engagement, opportunity, job.ownerAccountId, now);
  } catch (err) {
    if (err instanceof ApiError && err.type === "ServiceQuotaExceededException") return err.message;
    throw err;
  }
  return undefined;
}

/**
 * The hook of the opportunity change path: every Running job of the opportunity runs once.
 * Called after the changed opportunity is stored.
 */
export async function afterOpportunityChange(
  tx: StoreTx,
  record: OpportunityRecord,
  now: number,
): Promise<void> {
  const running = await filteredRows(
    tx,
    {
      kind: JOB,
      catalog: record.catalog,
      ownerAccountId: record.ownerAccountId,
      refIds: [record.id],
      statuses: ["Running"],
      order: "ASCENDING",
    },
    (j) => j.doc.ResourceId === record.id,
    undefined,
    Number.MAX_SAFE_INTEGER,
  );
  for (const job of running) await execute(tx, job as JobRecord, record, now);
}

/** Starts a Stopped job and runs it once against the opportunity as it stands now. */
export async function startJob(ctx: OperationContext, job: JobRecord): Promise<void> {
  const started: JobRecord = { ...job, status: "Running" };
  await ctx.tx.resources.put(started);
  const stored = await ctx.tx.opportunities.get(job.catalog, job.doc.ResourceId);
  if (stored) await execute(ctx.tx, started, asOfNow(stored, ctx.now, ctx.settings).record, ctx.now);
}

/** The caller's job; anyone else's (or none) → ResourceNotFoundException. */
async function ownJob(ctx: OperationContext, id: string): Promise<JobRecord> {
  const job = await ctx.tx.resources.get(JOB, ctx.catalog, id);
  if (!job || job.ownerAccountId !== ctx.caller.awsAccountId) {
    throw notFound(`Resource snapshot job ${id} was not found in catalog ${ctx.catalog}.`);
  }
  return job as JobRecord;
}

const notInState = (job: JobRecord, action: string, needed: string) =>
  validationError(
    [
      {
        FieldName: "resourceSnapshotJobIdentifier",
        Message: `Resource snapshot job ${job.id} is ${job.status}; only a ${needed} job can be ${action}.`,
        Code: "INVALID_RESOURCE_STATE",
      },
    ],
    "BUSINESS_VALIDATION_FAILED",
  );

export async function createResourceSnapshotJob(
  input: Create["input"],
  ctx: OperationContext,
): Promise<Create["output"]> {
  const engagement = await engagementForMember(ctx, input.EngagementIdentifier);
  const template = knownTemplate(input.ResourceSnapshotTemplateIdentifier);
  const opportunity = await ownedOpportunity(ctx, input.ResourceIdentifier);
  const existing = await filteredRows(
    ctx.tx,
    {
      kind: JOB,
      catalog: ctx.catalog,
      ownerAccountId: ctx.caller.awsAccountId,
      parentIds: [engagement.id],
      refIds: [opportunity.id],
      order: "ASCENDING",
    },
    (j) => j.doc.ResourceId === opportunity.id && j.doc.ResourceSnapshotTemplateName === template,
    undefined,
    1,
  );
  if (existing[0]) {
    throw conflict(
      `Resource snapshot job ${existing[0].id} already snapshots ${opportunity.id} with template ${template} in engagement ${engagement.id}.`,
    );
  }
  const job = await insertJob(
    ctx.tx,
    ctx.catalog,
    ctx.caller.awsAccountId,
    { engagementId: engagement.id, resourceType: input.ResourceType, resourceId: opportunity.id, template },
    ctx.now,
  );
  const arn = snapshotJobArn(ctx.catalog, job.ownerAccountId, job.id);
  if (input.Tags) await tagResource(ctx.tx, arn, input.Tags, ctx.now);
  return { Id: job.id, Arn: arn };
}

export async function startResourceSnapshotJob(input: JobRef, ctx: OperationContext): Promise<Empty> {
  const job = await ownJob(ctx, input.ResourceSnapshotJobIdentifier);
  if (job.status !== "Stopped") throw notInState(job, "started", "Stopped");
  await startJob(ctx, job);
  return {};
}

export async function stopResourceSnapshotJob(input: JobRef, ctx: OperationContext): Promise<Empty> {
  const job = await ownJob(ctx, input.ResourceSnapshotJobIdentifier);
  if (job.status !== "Running") throw notInState(job, "stopped", "Running");
  await ctx.tx.resources.put({ ...job, status: "Stopped" });
  return {};
}

export async function deleteResourceSnapshotJob(input: JobRef, ctx: OperationContext): Promise<Empty> {
  const job = await ownJob(ctx, input.ResourceSnapshotJobIdentifier);
  if (job.status !== "Stopped") {
    throw conflict(`Resource snapshot job ${job.id} is ${job.status}; stop it before deleting it.`);
  }
  await ctx.tx.resources.delete(JOB, ctx.catalog, job.id);
  return {};
}

export async function getResourceSnapshotJob(
  input: Get["input"],
  ctx: OperationContext,
): Promise<Get["output"]> {
  const job = await ownJob(ctx, input.ResourceSnapshotJobIdentifier);
  const d = job.doc;
  return {
    Catalog: ctx.catalog,
    Id: job.id,
    Arn: snapshotJobArn(ctx.catalog, job.ownerAccountId, job.id),
    EngagementId: d.EngagementId,
    ResourceType: d.ResourceType as Get["output"]["ResourceType"],
    ResourceId: d.ResourceId,
    ResourceArn: opportunityArn(ctx.catalog, job.ownerAccountId, d.ResourceId),
    ResourceSnapshotTemplateName: d.ResourceSnapshotTemplateName,
    CreatedAt: isoTime(job.createdAt),
    Status: job.status as Get["output"]["Status"],
    LastSuccessfulExecutionDate:
      d.LastSuccessfulExecutionDate === undefined ? undefined : isoTime(d.LastSuccessfulExecutionDate),
    LastFailure: d.LastFailure,
  };
}

/** The caller's jobs, newest first unless Sort says otherwise. */
export async function listResourceSnapshotJobs(
  input: List["input"],
  ctx: OperationContext,
): Promise<List["output"]> {
  const me = ctx.caller.awsAccountId;
  const engagementId =
    input.EngagementIdentifier === undefined
      ? undefined
      : (resolveIdentifier(input.EngagementIdentifier, ctx.catalog, ARN_KIND.engagement) ?? "");
  const page = await keysetPage(
    ctx.pageTokens,
    pageScope("ListResourceSnapshotJobs", me, ctx.catalog, input),
    input.NextToken,
    input.MaxResults ?? 100,
    (after, limit) =>
      ctx.tx.resources.list({
        kind: JOB,
        catalog: ctx.catalog,
        ownerAccountId: me,
        parentIds: engagementId ? [engagementId] : undefined,
        statuses: input.Status ? [input.Status] : undefined,
        sortBy: "createdAt",
        order: input.Sort?.SortOrder ?? "DESCENDING",
        after,
        limit,
      }),
    cursorOf,
  );
  return {
    ResourceSnapshotJobSummaries: page.items.map((job) => ({
      Id: job.id,
      Arn: snapshotJobArn(ctx.catalog, job.ownerAccountId, job.id),
      EngagementId: job.doc.EngagementId as string,
      Status: job.status as "Running" | "Stopped",
    })),
    NextToken: page.nextToken,
  };
}

/**
 * The job a Start…Task sets up for the opportunity it ties to an engagement: an
 * OpportunitySummaryView job of the caller, created (or the existing one reused) and started.
 * Answers its id.
 */
export async function startOpportunitySnapshotJob(
  ctx: OperationContext,
  engagementId: string,
  opportunityId: string,
): Promise<string> {
  const template: Template = "OpportunitySummaryView";
  const [existing] = await filteredRows(
    ctx.tx,
    {
      kind: JOB,
      catalog: ctx.catalog,
      ownerAccountId: ctx.caller.awsAccountId,
      parentIds: [engagementId],
      refIds: [opportunityId],
      order: "ASCENDING",
    },
    (j) => j.doc.ResourceId === opportunityId && j.doc.ResourceSnapshotTemplateName === template,
    undefined,
    1,
  );
  const job =
    (existing as JobRecord | undefined) ??
    (await insertJob(
      ctx.tx,
      ctx.catalog,
      ctx.caller.awsAccountId,
      { engagementId, resourceType: "Opportunity", resourceId: opportunityId, template },
      ctx.now,
    ));
  if (job.status !== "Running") await startJob(ctx, job);
  return job.id;
}
