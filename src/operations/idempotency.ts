import type { DomainSettings, OperationContext } from "../domain/context.js";
import { replayProspectingStart } from "../domain/prospecting/prospecting-tasks.js";
import { currentTaskState } from "../domain/tasks/settle.js";
import { conflict } from "../errors.js";
import type { StoreTx } from "../store/port.js";
import { sha256Hex, stableStringify } from "../util/stable-json.js";

/**
 * Operations whose replay does more than answer the first response: a Start…Task replayed reports
 * how the task stands now (the prospecting start settles due tasks and answers its first response).
 */
const REPLAY_CURRENT_STATE: Partial<
  Record<string, (stored: unknown, ctx: OperationContext) => Promise<unknown>>
> = {
  StartEngagementByAcceptingInvitationTask: currentTaskState,
  StartEngagementFromOpportunityTask: currentTaskState,
  StartOpportunityFromEngagementTask: currentTaskState,
  StartProspectingFromEngagementTask: replayProspectingStart,
};

/**
 * ClientToken semantics: the same token with the same input answers the first response again and
 * changes nothing; the same token with another input is a conflict. Tokens are remembered for the
 * configured time, per account and operation.
 */
export async function runIdempotent<T>(
  operation: string,
  tokenMember: string | undefined,
  input: Record<string, unknown>,
  ctx: OperationContext,
  run: () => Promise<T>,
): Promise<T> {
  const token = tokenMember ? input[tokenMember] : undefined;
  if (typeof token !== "string") return run();

  const { [tokenMember as string]: _token, ...rest } = input;
  const inputHash = sha256Hex(stableStringify(rest));
  const account = ctx.caller.awsAccountId;
  const prior = await ctx.tx.idempotency.get(account, operation, token);
  if (prior && prior.createdAt >= ctx.now - ctx.settings.idempotencyTtlMs) {
    if (prior.inputHash === inputHash) {
      const replay = REPLAY_CURRENT_STATE[operation];
      return (replay ? await replay(prior.response, ctx) : prior.response) as T;
    }
    throw conflict("Conflicting client token submitted for a new request body.");
  }
  const response = await run();
  await ctx.tx.idempotency.put({
    accountId: account,
    operation,
    clientToken: token,
    inputHash,
    response,
    createdAt: ctx.now,
  });
  return response;
}

/** Drops the ClientToken records older than the idempotency window at `now`. */
export async function purgeIdempotencyRecords(
  tx: StoreTx,
  now: number,
  settings: DomainSettings,
): Promise<void> {
  await tx.idempotency.purgeBefore(now - settings.idempotencyTtlMs);
}
