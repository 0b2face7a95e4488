import { ApiError } from "../../errors.js";
import type { ReasonCode } from "../../model/generated/shapes.js";
import type { TaskRecord } from "../../store/records.js";
import type { Doc } from "../common/doc.js";

/**
 * The wire members a task answers with, in the model's order. A task record's `doc` holds these
 * plus, while the task waits (delayed mode), `pending`: the request it will carry out.
 */
const WIRE_MEMBERS = [
  "TaskId",
  "TaskArn",
  "StartTime",
  "TaskStatus",
  "Message",
  "ReasonCode",
  "OpportunityId",
  "ResourceSnapshotJobId",
  "EngagementId",
  "EngagementInvitationId",
  "ContextId",
] as const;

/** The task as Start…Task and List…Tasks show it. */
export function taskView(task: TaskRecord): Doc {
  const out: Doc = {};
  for (const member of WIRE_MEMBERS) {
    if (task.doc[member] !== undefined) out[member] = task.doc[member];
  }
  return out;
}

/**
 * A precondition of a task that does not hold: the task is recorded FAILED with this reason.
 * Thrown before the task has written anything.
 */
export class TaskFailure extends Error {
  constructor(
    readonly reasonCode: ReasonCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Turns the ApiError of a shared domain step (accepting an invitation, adding a context…) into
 * the task's failure; `reasons` names the ReasonCode of each error type the step can throw.
 */
export async function asTaskStep<T>(
  step: () => Promise<T>,
  reasons: Partial<Record<string, ReasonCode>>,
): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (err instanceof ApiError) {
      const reason =
        reasons[err.type] ??
        (err.type === "ServiceQuotaExceededException" ? "ServiceQuotaExceeded" : undefined);
      if (reason) throw new TaskFailure(reason, failureMessage(err));
    }
    throw err;
  }
}

/** The error's message, with each field issue of a validation error spelled out. */
function failureMessage(err: ApiError): string {
  const issues = err.members.ErrorList;
  if (!Array.isArray(issues) || issues.length === 0) return err.message;
  const details = (issues as { FieldName?: string; Message: string }[]).map((i) =>
    i.FieldName ? `${i.FieldName}: ${i.Message}` : i.Message,
  );
  return `${err.message}: ${details.join("; ")}`.slice(0, 2000);
}
