import { validationError } from "../../errors.js";
import type { ResourceSnapshotPayload } from "../../model/generated/shapes.js";
import type { StoreTx } from "../../store/port.js";
import type {
  Catalog,
  KeysetCursor,
  OpportunityRecord,
  ResourceQuery,
  ResourceRecord,
} from "../../store/records.js";
import { stableStringify } from "../../util/stable-json.js";
import { snapshotArn } from "../common/arns.js";
import { type Doc, obj } from "../common/doc.js";
import { snapshotCreatedEvents } from "../events/snapshot-events.js";
import { awsSummaryView, relatedEntities } from "../opportunities/view.js";

/** Resource kinds of the generic store this module keeps. */
export const SNAPSHOT = "resource-snapshot";
/** The latest revision per (engagement, resource, template). */
export const SNAPSHOT_HEAD = "resource-snapshot-head";
/** One row per (engagement, resource) with at least one snapshot. */
export const ASSOCIATION = "engagement-resource-association";
export const JOB = "resource-snapshot-job";
/** Kept by PutSellingSystemSettings: id = the account, doc `{ResourceSnapshotJobRoleArn}`. */
export const SELLING_SYSTEM_SETTINGS = "selling-system-settings";

export const TEMPLATES = ["OpportunitySummaryView", "AwsOpportunitySummaryFullView"] as const;
export type Template = (typeof TEMPLATES)[number];

/** Templates whose snapshots only the resource's owner may see. */
export const ownerOnly = (template: string) => template === "AwsOpportunitySummaryFullView";

export function knownTemplate(template: string): Template {
  if ((TEMPLATES as readonly string[]).includes(template)) return template as Template;
  throw validationError(
    [
      {
        FieldName: "resourceSnapshotTemplateIdentifier",
        Message: `Unknown resource snapshot template ${template}; use one of ${TEMPLATES.join(", ")}.`,
        Code: "INVALID_VALUE",
      },
    ],
    "BUSINESS_VALIDATION_FAILED",
  );
}

export interface SnapshotKey {
  catalog: Catalog;
  engagementId: string;
  resourceType: string;
  resourceId: string;
  template: string;
}

const headId = (k: SnapshotKey) => `${k.engagementId}|${k.resourceType}|${k.resourceId}|${k.template}`;
const snapshotId = (k: SnapshotKey, revision: number) => `${headId(k)}|${String(revision).padStart(10, "0")}`;
export const associationId = (engagementId: string, resourceType: string, resourceId: string) =>
  `${engagementId}|${resourceType}|${resourceId}`;

/** What a stored snapshot's document holds. */
export interface SnapshotDoc {
  Arn: string;
  EngagementId: string;
  ResourceType: string;
  ResourceId: string;
  ResourceSnapshotTemplateName: string;
  Revision: number;
  CreatedBy: string;
  CreatedAt: number;
  TargetMemberAccounts: string[];
  Payload: ResourceSnapshotPayload;
}

const pick = (source: Doc, keys: readonly string[]): Doc => {
  const out: Doc = {};
  for (const k of keys) if (source[k] !== undefined && source[k] !== null) out[k] = source[k];
  return out;
};

/** The template's view of the opportunity at this instant. */
export function payloadOf(record: OpportunityRecord, template: Template): ResourceSnapshotPayload {
  if (template === "AwsOpportunitySummaryFullView") {
    const { Catalog: _c, ...full } = awsSummaryView(record);
    return { AwsOpportunitySummaryFullView: full } as ResourceSnapshotPayload;
  }
  const doc = record.doc;
  const view: Doc = {
    ...pick(doc, ["OpportunityType", "OpportunityTeam", "PrimaryNeedsFromAws"]),
    Lifecycle: pick(obj(doc.LifeCycle), ["TargetCloseDate", "ReviewStatus", "Stage", "NextSteps"]),
    RelatedEntityIdentifiers: relatedEntities(record),
  };
  const customer = pick(obj(doc.Customer), ["Account", "Contacts"]);
  if (Object.keys(customer).length > 0) view.Customer = customer;
  const project = pick(obj(doc.Project), [
    "DeliveryModels",
    "ExpectedCustomerSpend",
    "ExpectedContractDuration",
    "CustomerUseCase",
    "SalesActivities",
    "OtherSolutionDescription",
  ]);
  if (Object.keys(project).length > 0) view.Project = project;
  return { OpportunitySummary: view } as ResourceSnapshotPayload;
}

export async function latestRevision(tx: StoreTx, k: SnapshotKey): Promise<number> {
  const head = await tx.resources.get(SNAPSHOT_HEAD, k.catalog, headId(k));
  return typeof head?.doc.revision === "number" ? head.doc.revision : 0;
}

export async function snapshotAt(
  tx: StoreTx,
  k: SnapshotKey,
  revision: number,
): Promise<(ResourceRecord & { doc: SnapshotDoc & Doc }) | undefined> {
  const record = await tx.resources.get(SNAPSHOT, k.catalog, snapshotId(k, revision));
  return record as (ResourceRecord & { doc: SnapshotDoc & Doc }) | undefined;
}

/**
 * Writes the next revision of the opportunity's snapshot in the engagement, records the
 * engagement ↔ resource association and announces it (all members for OpportunitySummaryView,
 * the owner only for AwsOpportunitySummaryFullView). With `onlyIfChanged`, a payload equal to
 * the latest revision's writes nothing and answers undefined.
 */
export async function writeRevision(
  tx: StoreTx,
  k: SnapshotKey & { template: Template },
  opportunity: OpportunityRecord,
  now: number,
  options: { onlyIfChanged?: boolean } = {},
): Promise<{ arn: string; revision: number } | undefined> {
  const payload = payloadOf(opportunity, k.template);
  const latest = await latestRevision(tx, k);
  if (options.onlyIfChanged && latest > 0) {
    const previous = await snapshotAt(tx, k, latest);
    if (previous && stableStringify(previous.doc.Payload) === stableStringify(payload)) return undefined;
  }
  const revision = latest + 1;
  const arn = snapshotArn(k, revision);
  const owner = opportunity.ownerAccountId;
  const members = (await tx.members.list(k.catalog, k.engagementId)).map((m) => m.accountId);
  const targets = ownerOnly(k.template) ? [owner] : members;
  const doc: SnapshotDoc = {
    Arn: arn,
    EngagementId: k.engagementId,
    ResourceType: k.resourceType,
    ResourceId: k.resourceId,
    ResourceSnapshotTemplateName: k.template,
    Revision: revision,
    CreatedBy: owner,
    CreatedAt: now,
    TargetMemberAccounts: targets,
    Payload: payload,
  };
  await tx.resources.put({
    kind: SNAPSHOT,
    catalog: k.catalog,
    id: snapshotId(k, revision),
    ownerAccountId: owner,
    parentId: k.engagementId,
    createdAt: now,
    sortKey: k.template,
    refId: k.resourceId,
    doc: doc as unknown as Doc,
  });
  await tx.resources.put({
    kind: SNAPSHOT_HEAD,
    catalog: k.catalog,
    id: headId(k),
    ownerAccountId: owner,
    parentId: k.engagementId,
    createdAt: now,
    doc: { revision },
  });
  const assocId = associationId(k.engagementId, k.resourceType, k.resourceId);
  if (!(await tx.resources.get(ASSOCIATION, k.catalog, assocId))) {
    await tx.resources.put({
      kind: ASSOCIATION,
      catalog: k.catalog,
      id: assocId,
      ownerAccountId: owner,
      parentId: k.engagementId,
      createdAt: now,
      refId: k.resourceId,
      doc: {
        EngagementId: k.engagementId,
        ResourceType: k.resourceType,
        ResourceId: k.resourceId,
        CreatedBy: owner,
      },
    });
  }
  await tx.events.append(
    snapshotCreatedEvents(
      {
        catalog: k.catalog,
        arn,
        engagementId: k.engagementId,
        resourceType: k.resourceType,
        resourceId: k.resourceId,
        createdBy: owner,
      },
      targets,
      now,
    ),
  );
  return { arn, revision };
}

const BATCH = 200;

/**
 * Keyset rows of a resource query (sorted by createdAt) that also pass `keep`: fetches batches
 * until `limit` rows passed or the rows ran out.
 */
export async function filteredRows(
  tx: StoreTx,
  query: Omit<ResourceQuery, "after" | "limit" | "sortBy">,
  keep: (r: ResourceRecord) => boolean | Promise<boolean>,
  after: KeysetCursor | undefined,
  limit: number,
): Promise<ResourceRecord[]> {
  const out: ResourceRecord[] = [];
  let cursor = after;
  for (;;) {
    const batch = await tx.resources.list({ ...query, sortBy: "createdAt", after: cursor, limit: BATCH });
    for (const r of batch) {
      if (!(await keep(r))) continue;
      out.push(r);
      if (out.length >= limit) return out;
    }
    const last = batch.at(-1);
    if (batch.length < BATCH || !last) return out;
    cursor = { sort: last.createdAt, id: last.id };
  }
}

export const cursorOf = (r: ResourceRecord): KeysetCursor => ({ sort: r.createdAt, id: r.id });
