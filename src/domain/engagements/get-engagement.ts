import type { OperationTypes } from "../../model/generated/operations.js";
import { isoTime } from "../../util/clock.js";
import { engagementArn } from "../common/arns.js";
import type { OperationContext } from "../context.js";
import { engagementForMember } from "./access.js";

type Io = OperationTypes["GetEngagement"];

export async function getEngagement(input: Io["input"], ctx: OperationContext): Promise<Io["output"]> {
  const e = await engagementForMember(ctx, input.Identifier);
  return {
    Id: e.id,
    Arn: engagementArn(e.catalog, e.id),
    Title: e.title,
    Description: e.description,
    CreatedAt: isoTime(e.createdAt),
    CreatedBy: e.createdBy,
    MemberCount: await ctx.tx.members.count(e.catalog, e.id),
    ModifiedAt: isoTime(e.modifiedAt),
    ModifiedBy: e.modifiedBy,
    Contexts: e.contexts as Io["output"]["Contexts"],
  };
}
