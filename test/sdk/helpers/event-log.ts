import { expect } from "vitest";
import type { Account } from "../../../src/auth/accounts.js";
import type { Harness } from "./harness.js";

export interface LoggedEvent {
  seq: number;
  event: Record<string, any>;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const EVENT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** Every event of the account after `after`, from `GET /_pclocal/events`, following `nextAfter`. */
export async function eventsOf(h: Harness, account: Account, after = 0): Promise<LoggedEvent[]> {
  const all: LoggedEvent[] = [];
  for (let cursor = after; ; ) {
    const page = await h.control<{ events: LoggedEvent[]; nextAfter: number }>(
      "GET",
      `/_pclocal/events?account=${account.awsAccountId}&after=${cursor}&limit=1000`,
    );
    all.push(...page.events);
    if (page.events.length === 0) return all;
    cursor = page.nextAfter;
  }
}

/** Where the account's log ends now: later events come after this seq. */
export const logEnd = async (h: Harness, account: Account) => (await eventsOf(h, account)).at(-1)?.seq ?? 0;

/** The EventBridge envelope every event has, for `toEqual`. */
export const envelopeOf = (account: Account, detailType: string, resources: string[]) => ({
  version: "0",
  id: expect.stringMatching(UUID),
  "detail-type": detailType,
  source: "aws.partnercentral-selling",
  account: account.awsAccountId,
  time: expect.stringMatching(EVENT_TIME),
  region: "us-east-1",
  resources,
});
