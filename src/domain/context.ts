import type { Account, AccountRegistry } from "../auth/accounts.js";
import type { StoreTx } from "../store/port.js";
import type { Catalog } from "../store/records.js";
import type { PageTokens } from "./common/page-tokens.js";

export interface DomainSettings {
  /** How long a ClientToken is remembered. */
  idempotencyTtlMs: number;
  /** Default validity of a new invitation. */
  invitationTtlMs: number;
  /**
   * Start…Task operations: 0 completes a task within the request (as AWS answers); N > 0 answers
   * IN_PROGRESS and applies the task's effects once N virtual seconds have passed.
   */
  taskDelaySeconds: number;
}

export const DEFAULT_SETTINGS: DomainSettings = {
  idempotencyTtlMs: 8 * 3600_000,
  invitationTtlMs: 15 * 24 * 3600_000,
  taskDelaySeconds: 0,
};

/** What an operation knows about the request it serves. */
export interface OperationContext {
  caller: Account;
  catalog: Catalog;
  /** Virtual-clock time at which the request is served (epoch ms). */
  now: number;
  tx: StoreTx;
  accounts: AccountRegistry;
  settings: DomainSettings;
  pageTokens: PageTokens;
}
