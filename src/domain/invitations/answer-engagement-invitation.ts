import type { OperationTypes } from "../../model/generated/operations.js";
import type { OperationContext } from "../context.js";
import { acceptInvitation, rejectInvitation } from "./respond.js";

type Accept = OperationTypes["AcceptEngagementInvitation"];
type Reject = OperationTypes["RejectEngagementInvitation"];

export async function acceptEngagementInvitation(
  input: Accept["input"],
  ctx: OperationContext,
): Promise<Accept["output"]> {
  await acceptInvitation(ctx, input.Identifier);
  return {};
}

export async function rejectEngagementInvitation(
  input: Reject["input"],
  ctx: OperationContext,
): Promise<Reject["output"]> {
  await rejectInvitation(ctx, input.Identifier, input.RejectionReason);
  return {};
}
