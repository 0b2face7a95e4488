import type { OperationTypes } from "../../model/generated/operations.js";
import type { OperationContext } from "../context.js";
import { startEngagementByAcceptingInvitationTask } from "./accept-invitation-task.js";
import { startEngagementFromOpportunityTask } from "./engagement-from-opportunity-task.js";
import { startOpportunityFromEngagementTask } from "./opportunity-from-engagement-task.js";
import { settleDueTasks } from "./settle.js";

export {
  listEngagementByAcceptingInvitationTasks,
  listEngagementFromOpportunityTasks,
  listOpportunityFromEngagementTasks,
} from "./list-tasks.js";

type Start<N extends keyof OperationTypes> = (
  input: OperationTypes[N]["input"],
  ctx: OperationContext,
) => Promise<OperationTypes[N]["output"]>;

/** Tasks that came due run before a new one starts, so tasks take effect in the order they were due. */
function settlingFirst<N extends keyof OperationTypes>(start: Start<N>): Start<N> {
  return async (input, ctx) => {
    await settleDueTasks(ctx);
    return start(input, ctx);
  };
}

export const startEngagementByAcceptingInvitationTaskHandler =
  settlingFirst<"StartEngagementByAcceptingInvitationTask">(startEngagementByAcceptingInvitationTask);
export const startEngagementFromOpportunityTaskHandler = settlingFirst<"StartEngagementFromOpportunityTask">(
  startEngagementFromOpportunityTask,
);
export const startOpportunityFromEngagementTaskHandler = settlingFirst<"StartOpportunityFromEngagementTask">(
  startOpportunityFromEngagementTask,
);
