import { conflict, validationError } from "../../errors.js";
import type { OperationTypes } from "../../model/generated/operations.js";
import { invitationArn } from "../common/arns.js";
import type { OperationContext } from "../context.js";
import { engagementForMember } from "../engagements/access.js";
import { currencyIssues } from "../opportunities/deal-sizing.js";
import { issueInvitation } from "./issue-invitation.js";
import { requireRoomForPartner } from "./partner-limit.js";
import { AWS_ACTOR } from "./send-from-aws.js";
import { pendingInvitationTo } from "./status.js";

type Io = OperationTypes["CreateEngagementInvitation"];

/** A member of an engagement invites another partner account into it. */
export async function createEngagementInvitation(
  input: Io["input"],
  ctx: OperationContext,
): Promise<Io["output"]> {
  const engagement = await engagementForMember(ctx, input.EngagementIdentifier);
  const { catalog, caller, now, tx } = ctx;
  const receiver = (input.Invitation.Receiver as { Account?: { AwsAccountId: string; Alias?: string } })
    .Account;
  const payloadUnion = input.Invitation.Payload as Record<string, Record<string, unknown> | undefined>;
  const payloadType = (Object.keys(payloadUnion).find((k) => payloadUnion[k] != null) ??
    "OpportunityInvitation") as "OpportunityInvitation" | "LeadInvitation";
  const receiverId = receiver?.AwsAccountId ?? "";

  if (receiverId === caller.awsAccountId) {
    throw validationError(
      [
        {
          FieldName: "invitation.receiver.account.awsAccountId",
          Message: "An account cannot invite itself",
          Code: "INVALID_VALUE",
        },
      ],
      "BUSINESS_VALIDATION_FAILED",
    );
  }
  const project = (payloadUnion.OpportunityInvitation?.Project ?? {}) as Record<string, unknown>;
  const currencies = currencyIssues(
    project.ExpectedCustomerSpend,
    undefined,
    "invitation.payload.opportunityInvitation.project.expectedCustomerSpend",
  );
  if (currencies.length > 0) throw validationError(currencies, "BUSINESS_VALIDATION_FAILED");
  if (await tx.members.get(catalog, engagement.id, receiverId)) {
    throw conflict(`Account ${receiverId} is already a member of engagement ${engagement.id}.`);
  }
  if (await pendingInvitationTo(tx, catalog, engagement.id, receiverId, now)) {
    throw conflict(`Account ${receiverId} already has a pending invitation to engagement ${engagement.id}.`);
  }
  if (receiverId !== AWS_ACTOR.accountId) await requireRoomForPartner(tx, catalog, engagement.id);

  const invitation = await issueInvitation(tx, {
    catalog,
    now,
    engagement,
    senderAccountId: caller.awsAccountId,
    senderCompanyName: caller.companyName,
    receiverAccountId: receiverId,
    receiverAlias: receiver?.Alias ?? ctx.accounts.byAccountId(receiverId)?.alias,
    payloadType,
    payload: payloadUnion[payloadType] ?? {},
    invitationMessage: input.Invitation.Message,
    expirationDate: now + ctx.settings.invitationTtlMs,
  });
  return { Id: invitation.id, Arn: invitationArn(catalog, invitation.id) };
}
