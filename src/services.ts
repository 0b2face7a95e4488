import type { AccountRegistry } from "./auth/accounts.js";
import type { PageTokens } from "./domain/common/page-tokens.js";
import type { DomainSettings } from "./domain/context.js";
import type { EventDelivery } from "./events/delivery.js";
import type { HandlerRegistry } from "./operations/registry.js";
import type { Store } from "./store/port.js";
import type { Clock } from "./util/clock.js";
import type { Logger } from "./util/logger.js";
import type { OutputCoverage } from "./util/output-coverage.js";

/** What the request handlers share for the life of a server. */
export interface Services {
  store: Store;
  accounts: AccountRegistry;
  clock: Clock;
  settings: DomainSettings;
  logger: Logger;
  adminToken: string;
  region: string;
  pageTokens: PageTokens;
  /** The operations' handlers (the registry of src/operations/registry.ts unless a test swaps one). */
  handlers: HandlerRegistry;
  /** Woken after each write so new events go out at once. */
  delivery: EventDelivery;
  /** Records the output members of each answer, when model coverage is on. */
  coverage?: OutputCoverage;
}
