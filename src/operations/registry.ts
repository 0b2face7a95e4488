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

/**
 * One entry per model operation: the compiler rejects a missing one, so a new operation in the
 * model cannot go unrouted.
 */
export const HANDLERS: { [Op in OperationName]: Handler<Op> | typeof NOT_YET } = {
  AcceptEngagementInvitation: acceptEngagementInvitation,
  AssignOpportunity: assignOpportunity,
  AssociateOpportunity: associateOpportunity,
  CreateEngagement: createEngagement,
  CreateEngagementContext: createEngagementContext,
  CreateEngagementInvitation: createEngagementInvitation,
  CreateOpportunity: createOpportunity,
  CreateResourceSnapshot: NOT_YET,
  CreateResourceSnapshotJob: NOT_YET,
  DeleteResourceSnapshotJob: NOT_YET,
  DisassociateOpportunity: disassociateOpportunity,
  GetAwsOpportunitySummary: getAwsOpportunitySummary,
  GetEngagement: getEngagement,
  GetEngagementInvitation: getEngagementInvitation,
  GetOpportunity: getOpportunity,
  GetProspectingFromEngagementTask: NOT_YET,
  GetResourceSnapshot: NOT_YET,
  GetResourceSnapshotJob: NOT_YET,
  GetSellingSystemSettings: NOT_YET,
  ListEngagementByAcceptingInvitationTasks: listEngagementByAcceptingInvitationTasks,
  ListEngagementFromOpportunityTasks: listEngagementFromOpportunityTasks,
  ListEngagementInvitations: listEngagementInvitations,
  ListEngagementMembers: listEngagementMembers,
  ListEngagementResourceAssociations: listEngagementResourceAssociations,
  ListEngagements: listEngagements,
  ListOpportunities: listOpportunities,
  ListOpportunityFromEngagementTasks: listOpportunityFromEngagementTasks,
  ListProspectingFromEngagementTasks: NOT_YET,
  ListResourceSnapshotJobs: NOT_YET,
  ListResourceSnapshots: NOT_YET,
  ListSolutions: NOT_YET,
  ListTagsForResource: NOT_YET,
  PutSellingSystemSettings: NOT_YET,
  RejectEngagementInvitation: rejectEngagementInvitation,
  StartEngagementByAcceptingInvitationTask: startEngagementByAcceptingInvitationTaskHandler,
  StartEngagementFromOpportunityTask: startEngagementFromOpportunityTaskHandler,
  StartOpportunityFromEngagementTask: startOpportunityFromEngagementTaskHandler,
  StartProspectingFromEngagementTask: NOT_YET,
  StartResourceSnapshotJob: NOT_YET,
  StopResourceSnapshotJob: NOT_YET,
  SubmitOpportunity: submitOpportunity,
  TagResource: NOT_YET,
  UntagResource: NOT_YET,
  UpdateEngagementContext: updateEngagementContext,
  UpdateOpportunity: updateOpportunity,
};
