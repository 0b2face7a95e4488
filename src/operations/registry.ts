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
  AssignOpportunity: NOT_YET,
  AssociateOpportunity: NOT_YET,
  CreateEngagement: createEngagement,
  CreateEngagementContext: createEngagementContext,
  CreateEngagementInvitation: createEngagementInvitation,
  CreateOpportunity: NOT_YET,
  CreateResourceSnapshot: NOT_YET,
  CreateResourceSnapshotJob: NOT_YET,
  DeleteResourceSnapshotJob: NOT_YET,
  DisassociateOpportunity: NOT_YET,
  GetAwsOpportunitySummary: NOT_YET,
  GetEngagement: getEngagement,
  GetEngagementInvitation: getEngagementInvitation,
  GetOpportunity: NOT_YET,
  GetProspectingFromEngagementTask: NOT_YET,
  GetResourceSnapshot: NOT_YET,
  GetResourceSnapshotJob: NOT_YET,
  GetSellingSystemSettings: NOT_YET,
  ListEngagementByAcceptingInvitationTasks: NOT_YET,
  ListEngagementFromOpportunityTasks: NOT_YET,
  ListEngagementInvitations: listEngagementInvitations,
  ListEngagementMembers: listEngagementMembers,
  ListEngagementResourceAssociations: listEngagementResourceAssociations,
  ListEngagements: listEngagements,
  ListOpportunities: NOT_YET,
  ListOpportunityFromEngagementTasks: NOT_YET,
  ListProspectingFromEngagementTasks: NOT_YET,
  ListResourceSnapshotJobs: NOT_YET,
  ListResourceSnapshots: NOT_YET,
  ListSolutions: NOT_YET,
  ListTagsForResource: NOT_YET,
  PutSellingSystemSettings: NOT_YET,
  RejectEngagementInvitation: rejectEngagementInvitation,
  StartEngagementByAcceptingInvitationTask: NOT_YET,
  StartEngagementFromOpportunityTask: NOT_YET,
  StartOpportunityFromEngagementTask: NOT_YET,
  StartProspectingFromEngagementTask: NOT_YET,
  StartResourceSnapshotJob: NOT_YET,
  StopResourceSnapshotJob: NOT_YET,
  SubmitOpportunity: NOT_YET,
  TagResource: NOT_YET,
  UntagResource: NOT_YET,
  UpdateEngagementContext: updateEngagementContext,
  UpdateOpportunity: NOT_YET,
};
