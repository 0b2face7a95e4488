import { validationError } from "../../errors.js";
import type { OperationTypes } from "../../model/generated/operations.js";
import { isoTime } from "../../util/clock.js";
import { newEngagementId } from "../../util/ids.js";
import { engagementArn } from "../common/arns.js";
import type { OperationContext } from "../context.js";
import { engagementCreatedEvents } from "../events/engagement-events.js";
import { contextTypeIssues, numberContexts, refuseProspectingResult } from "./contexts.js";

type Io = OperationTypes["CreateEngagement"];

/** The caller creates an engagement and becomes its first member. */
export async function createEngagement(input: Io["input"], ctx: OperationContext): Promise<Io["output"]> {
  const contexts = (input.Contexts ?? []) as Parameters<typeof numberContexts>[1];
  for (const [i, c] of contexts.entries()) refuseProspectingResult(c.Type, `contexts[${i}].type`);
  const issues = contextTypeIssues(contexts, "contexts");
  if (issues.length > 0) throw validationError(issues, "BUSINESS_VALIDATION_FAILED");

  const { caller, catalog, now } = ctx;
  const id = newEngagementId();
  const engagement = {
    catalog,
    id,
    title: input.Title,
    description: input.Description,
    createdAt: now,
    createdBy: caller.awsAccountId,
    modifiedAt: now,
    modifiedBy: caller.awsAccountId,
    contexts: numberContexts([], contexts),
  };
  await ctx.tx.engagements.put(engagement);
  await ctx.tx.members.add({
    catalog,
    engagementId: id,
    accountId: caller.awsAccountId,
    companyName: caller.companyName,
    websiteUrl: caller.websiteUrl,
    joinedAt: now,
    engagementCreatedAt: now,
  });
  await ctx.tx.events.append(engagementCreatedEvents(engagement));
  return { Id: id, Arn: engagementArn(catalog, id), ModifiedAt: isoTime(now) };
}
