import { conflict } from "../../errors.js";
import type { OperationTypes } from "../../model/generated/operations.js";
import type { EngagementRecord } from "../../store/records.js";
import { isoTime, wireTimeMs } from "../../util/clock.js";
import { engagementArn } from "../common/arns.js";
import type { OperationContext } from "../context.js";
import { engagementForMember } from "./access.js";
import { addContext, updateContext } from "./change-contexts.js";
import { refuseProspectingResult } from "./contexts.js";

type Create = OperationTypes["CreateEngagementContext"];
type Update = OperationTypes["UpdateEngagementContext"];

export async function createEngagementContext(
  input: Create["input"],
  ctx: OperationContext,
): Promise<Create["output"]> {
  refuseProspectingResult(input.Type, "type");
  const engagement = await engagementForMember(ctx, input.EngagementIdentifier);
  const { engagement: changed, context } = await addContext(
    ctx.tx,
    engagement,
    input.Type,
    input.Payload as Record<string, unknown>,
    ctx.caller.awsAccountId,
    ctx.now,
  );
  return contextAnswer(changed, context.Id);
}

/** Optimistic concurrency: `EngagementLastModifiedAt` must be the engagement's current ModifiedAt. */
export async function updateEngagementContext(
  input: Update["input"],
  ctx: OperationContext,
): Promise<Update["output"]> {
  refuseProspectingResult(input.Type, "type");
  const engagement = await engagementForMember(ctx, input.EngagementIdentifier);
  if (wireTimeMs(input.EngagementLastModifiedAt) !== engagement.modifiedAt) {
    throw conflict(
      `Engagement ${engagement.id} was modified at ${isoTime(engagement.modifiedAt)}, not at ${input.EngagementLastModifiedAt}; read it again and retry.`,
    );
  }
  const changed = await updateContext(
    ctx.tx,
    engagement,
    input.ContextIdentifier,
    input.Type,
    input.Payload as Record<string, unknown>,
    ctx.caller.awsAccountId,
    ctx.now,
  );
  return contextAnswer(changed, input.ContextIdentifier);
}

/** Both operations answer where the engagement now stands and which context changed. */
function contextAnswer(engagement: EngagementRecord, contextId: string): Update["output"] {
  return {
    EngagementId: engagement.id,
    EngagementArn: engagementArn(engagement.catalog, engagement.id),
    EngagementLastModifiedAt: isoTime(engagement.modifiedAt),
    ContextId: contextId,
  };
}
