import type { OperationTypes } from "../../model/generated/operations.js";
import type { OperationContext } from "../context.js";
import { invitationForParty } from "./access.js";
import { invitationView } from "./view.js";

type Io = OperationTypes["GetEngagementInvitation"];

export async function getEngagementInvitation(
  input: Io["input"],
  ctx: OperationContext,
): Promise<Io["output"]> {
  const invitation = await invitationForParty(ctx, input.Identifier);
  return invitationView(invitation, ctx.caller.awsAccountId, ctx.now);
}
