import type { OperationTypes } from "../../model/generated/operations.js";
import { accessDenied, notFound } from "../../protocol/errors.js";
import { isoTime } from "../../util/clock.js";
import { keysetPage, pageScope } from "../common/page-tokens.js";
import type { OperationContext } from "../context.js";
import { engagementForMember } from "../engagements/access.js";
import { addCustomerProjectToLead } from "../engagements/lead-customer-project.js";
import { ownedOpportunity } from "../opportunities/access.js";
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
  const opportunity = await ownedOpportunity(ctx, input.ResourceIdentifier, { write: true });
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
  const keep = (doc: SnapshotDoc) =>
    (input.ResourceType === undefined || doc.ResourceType === input.ResourceType) &&
    (input.ResourceIdentifier === undefined || doc.ResourceId === input.ResourceIdentifier) &&
    (input.ResourceSnapshotTemplateIdentifier === undefined ||
      doc.ResourceSnapshotTemplateName === input.ResourceSnapshotTemplateIdentifier) &&
    (input.CreatedBy === undefined || doc.CreatedBy === input.CreatedBy) &&
    (!ownerOnly(doc.ResourceSnapshotTemplateName) || doc.CreatedBy === me);
  const page = await keysetPage(
    ctx.pageTokens,
    pageScope("ListResourceSnapshots", me, ctx.catalog, input),
    input.NextToken,
    input.MaxResults ?? 100,
    (after, limit) =>
      filteredRows(
        ctx.tx,
        { kind: SNAPSHOT, catalog: ctx.catalog, parentIds: [engagement.id], order: "ASCENDING" },
        (r) => keep(r.doc as unknown as SnapshotDoc),
        after,
        limit,
      ),
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
