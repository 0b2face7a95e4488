import { randomUUID } from "node:crypto";
import type { Catalog, EventRecord } from "../../store/records.js";

export type NewEvent = Omit<EventRecord, "seq">;

export const EVENT_SOURCE = "aws.partnercentral-selling";

/** EventBridge times carry whole seconds. */
const eventTime = (epochMs: number) => `${new Date(epochMs).toISOString().slice(0, 19)}Z`;

/**
 * One EventBridge event as the partner account `accountId` receives it on its default bus:
 * version "0", source `aws.partnercentral-selling`, region us-east-1.
 */
export function envelope(
  accountId: string,
  catalog: Catalog,
  time: number,
  detailType: string,
  resources: string[],
  detail: Record<string, unknown>,
): NewEvent {
  return {
    accountId,
    catalog,
    time,
    detailType,
    event: {
      version: "0",
      id: randomUUID(),
      "detail-type": detailType,
      source: EVENT_SOURCE,
      account: accountId,
      time: eventTime(time),
      region: "us-east-1",
      resources,
      detail,
    },
  };
}

/** Partner accounts only: "aws" is an actor, it has no event bus here. */
export const isPartnerAccount = (accountId: string) => /^[0-9]{12}$/.test(accountId);
