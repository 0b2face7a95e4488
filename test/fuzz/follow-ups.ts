/**
 * The read that shows what a successful write stored: after a 200 the runner sends it (signed as
 * the same account) and the SDK must be able to read its answer, so no accepted input leaves a
 * stored value that breaks a later read.
 */
import type { OperationName } from "../../src/model/generated/operations.js";

export interface FollowUp {
  operation: OperationName;
  input: Record<string, unknown>;
}

type Doc = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);

const opportunity = (catalog: unknown, id: unknown): FollowUp | undefined =>
  str(id) ? { operation: "GetOpportunity", input: { Catalog: catalog, Identifier: id } } : undefined;
const engagement = (catalog: unknown, id: unknown): FollowUp | undefined =>
  str(id) ? { operation: "GetEngagement", input: { Catalog: catalog, Identifier: id } } : undefined;

const FOLLOW_UPS: Partial<Record<OperationName, (input: Doc, output: Doc) => FollowUp | undefined>> = {
  CreateOpportunity: (i, o) => opportunity(i.Catalog, o.Id),
  UpdateOpportunity: (i) => opportunity(i.Catalog, i.Identifier),
  AssignOpportunity: (i) => opportunity(i.Catalog, i.Identifier),
  SubmitOpportunity: (i) => opportunity(i.Catalog, i.Identifier),
  AssociateOpportunity: (i) => opportunity(i.Catalog, i.OpportunityIdentifier),
  DisassociateOpportunity: (i) => opportunity(i.Catalog, i.OpportunityIdentifier),
  StartEngagementByAcceptingInvitationTask: (i, o) => opportunity(i.Catalog, o.OpportunityId),
  StartEngagementFromOpportunityTask: (i, o) => opportunity(i.Catalog, o.OpportunityId),
  StartOpportunityFromEngagementTask: (i, o) => opportunity(i.Catalog, o.OpportunityId),
  CreateEngagement: (i, o) => engagement(i.Catalog, o.Id),
  CreateEngagementContext: (i) => engagement(i.Catalog, i.EngagementIdentifier),
  UpdateEngagementContext: (i) => engagement(i.Catalog, i.EngagementIdentifier),
  CreateEngagementInvitation: (i, o) =>
    str(o.Id)
      ? { operation: "GetEngagementInvitation", input: { Catalog: i.Catalog, Identifier: o.Id } }
      : undefined,
  CreateResourceSnapshot: (i, o) => ({
    operation: "GetResourceSnapshot",
    input: {
      Catalog: i.Catalog,
      EngagementIdentifier: i.EngagementIdentifier,
      ResourceType: i.ResourceType,
      ResourceIdentifier: i.ResourceIdentifier,
      ResourceSnapshotTemplateIdentifier: i.ResourceSnapshotTemplateIdentifier,
      ...(typeof o.Revision === "number" ? { Revision: o.Revision } : {}),
    },
  }),
  CreateResourceSnapshotJob: (i, o) =>
    str(o.Id)
      ? {
          operation: "GetResourceSnapshotJob",
          input: { Catalog: i.Catalog, ResourceSnapshotJobIdentifier: o.Id },
        }
      : undefined,
  StartProspectingFromEngagementTask: (i, o) =>
    str(o.TaskId)
      ? {
          operation: "GetProspectingFromEngagementTask",
          input: { Catalog: i.Catalog, TaskIdentifier: o.TaskId },
        }
      : undefined,
  PutSellingSystemSettings: (i) => ({ operation: "GetSellingSystemSettings", input: { Catalog: i.Catalog } }),
  TagResource: (i) => ({ operation: "ListTagsForResource", input: { ResourceArn: i.ResourceArn } }),
};

/** The read to send after a 200 of `operation`, or undefined when it has none. */
export function followUpOf(operation: OperationName, input: unknown, output: unknown): FollowUp | undefined {
  const make = FOLLOW_UPS[operation];
  if (!make || !isDoc(input)) return undefined;
  return make(input, isDoc(output) ? output : {});
}

const isDoc = (v: unknown): v is Doc => typeof v === "object" && v !== null && !Array.isArray(v);
