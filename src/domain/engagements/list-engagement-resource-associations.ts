import type { OperationTypes } from "../../model/generated/operations.js";
import type { OperationContext } from "../context.js";

type Io = OperationTypes["ListEngagementResourceAssociations"];

/**
 * Resource ↔ engagement links exist only through resource snapshots, which this server does not
 * create yet; until then every filter matches nothing.
 */
export async function listEngagementResourceAssociations(
  _input: Io["input"],
  _ctx: OperationContext,
): Promise<Io["output"]> {
  return { EngagementResourceAssociationSummaries: [] };
}
