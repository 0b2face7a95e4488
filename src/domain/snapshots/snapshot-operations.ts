import { accessDenied, notFound } from "../../errors.js";
import type { OperationTypes } from "../../model/generated/operations.js";
import type { ResourceQuery, ResourceRecord } from "../../store/records.js";
import { isoTime } from "../../util/clock.js";
import { compareCursors, keysetPage, pageScope } from "../common/page-tokens.js";
import type { OperationContext } from "../context.js";
import { engagementForMember } from "../engagements/access.js";
import { addCustomerProjectToLead } from "../engagements/lead-customer-project.js";
import { ownedOpportunityForWrite } from "../opportunities/save-change.js";
import {
  cursorOf,
  filteredRows,
  knownTemplate,
  latestRevision,
  ownerOnly,
  SNAPSHOT,
  type SnapshotDoc,
  type SnapshotKey,
  snapshotAt,
  TEMPLATES,
  writeRevision,
} from "./revisions.js";

type Create = OperationTypes["CreateResourceSnapshot"];
type Get = OperationTypes["GetResourceSnapshot"];
type List = OperationTypes["ListResourceSnapshots"];
type Summary = List["output"]["ResourceSnapshotSummaries"][number];

/**
 * A new revision of the caller's opportunity as the template shows it, shared in an engagement
 * the caller is a member of.
 */
export async function createResourceSnapshot(
  input: Create["input"],
  ctx: OperationContext,
): Promise<Create["output"]> {
  const engagement = await engagementForMember(ctx, input.EngagementIdentifier);
  const template = knownTemplate(input.ResourceSnapshotTemplateIdentifier);
  const opportunity = await ownedOpportunityForWrite(ctx, input.ResourceIdentifier);
  await addCustomerProjectToLead(ctx.tx, engagement, opportunity, ctx.caller.awsAccountId, ctx.now);
  const written = await writeRevision(
    ctx.tx,
    {
      catalog: ctx.catalog,
      engagementId: engagement.id,
      resourceType: input.ResourceType,
      resourceId: opportunity.id,
      template,
    },
    opportunity,
    ctx.now,
  );
  return { Arn: written!.arn, Revision: written!.revision };
}

/** The latest revision, or the one asked for; owner-only templates are the owner's alone. */
export async function getResourceSnapshot(
  input: Get["input"],
  ctx: OperationContext,
): Promise<Get["output"]> {
  const engagement = await engagementForMember(ctx, input.EngagementIdentifier);
  const key: SnapshotKey = {
    catalog: ctx.catalog,
    engagementId: engagement.id,
    resourceType: input.ResourceType,
    resourceId: input.ResourceIdentifier,
    template: input.ResourceSnapshotTemplateIdentifier,
  };
  const revision = input.Revision ?? (await latestRevision(ctx.tx, key));
  const record = revision > 0 ? await snapshotAt(ctx.tx, key, revision) : undefined;
  if (!record) {
    throw notFound(
      `No snapshot of ${input.ResourceType} ${input.ResourceIdentifier} with template ${input.ResourceSnapshotTemplateIdentifier}${input.Revision ? ` at revision ${input.Revision}` : ""} exists in engagement ${engagement.id}.`,
    );
  }
  const s = record.doc;
  if (ownerOnly(s.ResourceSnapshotTemplateName) && s.CreatedBy !== ctx.caller.awsAccountId) {
    throw accessDenied(
      `Snapshots with template ${s.ResourceSnapshotTemplateName} are visible only to the owner of ${s.ResourceId}.`,
    );
  }
  return {
    Catalog: ctx.catalog,
    Arn: s.Arn,
    CreatedBy: s.CreatedBy,
    CreatedAt: isoTime(s.CreatedAt),
    EngagementId: s.EngagementId,
    ResourceType: s.ResourceType as Get["output"]["ResourceType"],
    ResourceId: s.ResourceId,
    ResourceSnapshotTemplateName: s.ResourceSnapshotTemplateName,
    Revision: s.Revision,
    Payload: s.Payload,
    TargetMemberAccounts: s.TargetMemberAccounts,
  };
}

/** An engagement's snapshots the caller may see, oldest first (revisions in order). */
export async function listResourceSnapshots(
  input: List["input"],
  ctx: OperationContext,
): Promise<List["output"]> {
  const engagement = await engagementForMember(ctx, input.EngagementIdentifier);
  const me = ctx.caller.awsAccountId;
  // What the caller may see, as store queries: the shared templates' snapshots, and the caller's
  // own of the owner-only templates. Each walks the engagement's index for one template.
  const templates = TEMPLATES.filter(
    (t) =>
      input.ResourceSnapshotTemplateIdentifier === undefined ||
      t === input.ResourceSnapshotTemplateIdentifier,
  );
  const base = {
    kind: SNAPSHOT,
    catalog: ctx.catalog,
    parentIds: [engagement.id],
    refIds: input.ResourceIdentifier === undefined ? undefined : [input.ResourceIdentifier],
    order: "ASCENDING" as const,
  };
  const queries = templates.flatMap((template): Omit<ResourceQuery, "after" | "limit" | "sortBy">[] => {
    if (!ownerOnly(template)) return [{ ...base, sortKeys: [template], ownerAccountId: input.CreatedBy }];
    return input.CreatedBy === undefined || input.CreatedBy === me
      ? [{ ...base, sortKeys: [template], ownerAccountId: me }]
      : [];
  });
  const keep = (doc: SnapshotDoc) =>
    input.ResourceType === undefined || doc.ResourceType === input.ResourceType;
  const page = await keysetPage(
    ctx.pageTokens,
    pageScope("ListResourceSnapshots", me, ctx.catalog, input),
    input.NextToken,
    input.MaxResults ?? 100,
    async (after, limit) => {
      const rows: ResourceRecord[] = [];
      for (const query of queries) {
        rows.push(
          ...(await filteredRows(ctx.tx, query, (r) => keep(r.doc as unknown as SnapshotDoc), after, limit)),
        );
      }
      return rows.sort((a, b) => compareCursors(cursorOf(a), cursorOf(b), "ASCENDING")).slice(0, limit);
    },
    cursorOf,
  );
  const summaries: Summary[] = page.items.map((r) => {
    const s = r.doc as unknown as SnapshotDoc;
    return {
      Arn: s.Arn,
      Revision: s.Revision,
      ResourceType: s.ResourceType as Summary["ResourceType"],
      ResourceId: s.ResourceId,
      ResourceSnapshotTemplateName: s.ResourceSnapshotTemplateName,
      CreatedBy: s.CreatedBy,
    };
  });
  return { ResourceSnapshotSummaries: summaries, NextToken: page.nextToken };
}
