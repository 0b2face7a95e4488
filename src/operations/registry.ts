import type { OperationContext } from "../domain/context.js";
import { createEngagement } from "../domain/engagements/create-engagement.js";
import {
  createEngagementContext,
  updateEngagementContext,
} from "../domain/engagements/engagement-context-operations.js";
import { getEngagement } from "../domain/engagements/get-engagement.js";
import { listEngagementMembers } from "../domain/engagements/list-engagement-members.js";
import { listEngagementResourceAssociations } from "../domain/engagements/list-engagement-resource-associations.js";
import { listEngagements } from "../domain/engagements/list-engagements.js";
import {
  acceptEngagementInvitation,
  rejectEngagementInvitation,
} from "../domain/invitations/answer-engagement-invitation.js";
import { createEngagementInvitation } from "../domain/invitations/create-engagement-invitation.js";
import { getEngagementInvitation } from "../domain/invitations/get-engagement-invitation.js";
import { listEngagementInvitations } from "../domain/invitations/list-engagement-invitations.js";
import { listOpportunities } from "../domain/opportunities/list-opportunities.js";
import {
  assignOpportunity,
  createOpportunity,
  getAwsOpportunitySummary,
  getOpportunity,
  updateOpportunity,
} from "../domain/opportunities/opportunity-operations.js";
import { associateOpportunity, disassociateOpportunity } from "../domain/opportunities/related-entities.js";
import { submitOpportunity } from "../domain/opportunities/submit-opportunity.js";
import {
  getProspectingFromEngagementTask,
  listProspectingFromEngagementTasks,
  startProspectingFromEngagementTask,
} from "../domain/prospecting/prospecting-tasks.js";
import {
  getSellingSystemSettings,
  putSellingSystemSettings,
} from "../domain/settings/selling-system-settings.js";
import {
  createResourceSnapshotJob,
  deleteResourceSnapshotJob,
  getResourceSnapshotJob,
  listResourceSnapshotJobs,
  startResourceSnapshotJob,
  stopResourceSnapshotJob,
} from "../domain/snapshots/jobs.js";
import {
  createResourceSnapshot,
  getResourceSnapshot,
  listResourceSnapshots,
} from "../domain/snapshots/snapshot-operations.js";
import { listSolutions } from "../domain/solutions/list-solutions.js";
import { listTagsForResource, tagResourceHandler, untagResource } from "../domain/tags/tags.js";
import {
  listEngagementByAcceptingInvitationTasks,
  listEngagementFromOpportunityTasks,
  listOpportunityFromEngagementTasks,
  startEngagementByAcceptingInvitationTaskHandler,
  startEngagementFromOpportunityTaskHandler,
  startOpportunityFromEngagementTaskHandler,
} from "../domain/tasks/handlers.js";
import type { OperationName, OperationTypes } from "../model/generated/operations.js";

export type Handler<Op extends OperationName> = (
  input: OperationTypes[Op]["input"],
  ctx: OperationContext,
) => Promise<OperationTypes[Op]["output"]>;

/** An operation that is routed and validated but answers NotImplementedException. */
export const NOT_YET = null;

/** One handler per model operation, or NOT_YET for one that is routed but not built. */
export type HandlerRegistry = { readonly [Op in OperationName]: Handler<Op> | typeof NOT_YET };

/**
 * One entry per model operation: the compiler rejects a missing one, so a new operation in the
 * model cannot go unrouted.
 */
export const HANDLERS: HandlerRegistry = {
  AcceptEngagementInvitation: acceptEngagementInvitation,
  AssignOpportunity: assignOpportunity,
  AssociateOpportunity: associateOpportunity,
  CreateEngagement: createEngagement,
  CreateEngagementContext: createEngagementContext,
  CreateEngagementInvitation: createEngagementInvitation,
  CreateOpportunity: createOpportunity,
  CreateResourceSnapshot: createResourceSnapshot,
  CreateResourceSnapshotJob: createResourceSnapshotJob,
  DeleteResourceSnapshotJob: deleteResourceSnapshotJob,
  DisassociateOpportunity: disassociateOpportunity,
  GetAwsOpportunitySummary: getAwsOpportunitySummary,
  GetEngagement: getEngagement,
  GetEngagementInvitation: getEngagementInvitation,
  GetOpportunity: getOpportunity,
  GetProspectingFromEngagementTask: getProspectingFromEngagementTask,
  GetResourceSnapshot: getResourceSnapshot,
  GetResourceSnapshotJob: getResourceSnapshotJob,
  GetSellingSystemSettings: getSellingSystemSettings,
  ListEngagementByAcceptingInvitationTasks: listEngagementByAcceptingInvitationTasks,
  ListEngagementFromOpportunityTasks: listEngagementFromOpportunityTasks,
  ListEngagementInvitations: listEngagementInvitations,
  ListEngagementMembers: listEngagementMembers,
  ListEngagementResourceAssociations: listEngagementResourceAssociations,
  ListEngagements: listEngagements,
  ListOpportunities: listOpportunities,
  ListOpportunityFromEngagementTasks: listOpportunityFromEngagementTasks,
  ListProspectingFromEngagementTasks: listProspectingFromEngagementTasks,
  ListResourceSnapshotJobs: listResourceSnapshotJobs,
  ListResourceSnapshots: listResourceSnapshots,
  ListSolutions: listSolutions,
  ListTagsForResource: listTagsForResource,
  PutSellingSystemSettings: putSellingSystemSettings,
  RejectEngagementInvitation: rejectEngagementInvitation,
  StartEngagementByAcceptingInvitationTask: startEngagementByAcceptingInvitationTaskHandler,
  StartEngagementFromOpportunityTask: startEngagementFromOpportunityTaskHandler,
  StartOpportunityFromEngagementTask: startOpportunityFromEngagementTaskHandler,
  StartProspectingFromEngagementTask: startProspectingFromEngagementTask,
  StartResourceSnapshotJob: startResourceSnapshotJob,
  StopResourceSnapshotJob: stopResourceSnapshotJob,
  SubmitOpportunity: submitOpportunity,
  TagResource: tagResourceHandler,
  UntagResource: untagResource,
  UpdateEngagementContext: updateEngagementContext,
  UpdateOpportunity: updateOpportunity,
};
