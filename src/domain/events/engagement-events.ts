import type { EngagementRecord, InvitationRecord, MemberRecord } from "../../store/records.js";
import { isoTime } from "../../util/clock.js";
import { engagementArn, invitationArn } from "../common/arns.js";
import { envelope, isPartnerAccount, type NewEvent } from "./envelope.js";

/**
 * The engagement events of the Partner Central developer guide ("Selling API events"), shaped as
 * AWS delivers them: invitation details with upper-case `participantType` and `schemaVersion`
 * "1.0"; engagement details with the PascalCase keys the guide shows.
 */

export type InvitationEventType =
  | "Engagement Invitation Created"
  | "Engagement Invitation Accepted"
  | "Engagement Invitation Rejected"
  | "Engagement Invitation Expired";

/** An invitation event to each partner party of the invitation (sender and receiver). */
export function invitationEvents(type: InvitationEventType, inv: InvitationRecord, time: number): NewEvent[] {
  const parties: ["SENDER" | "RECEIVER", string][] = [
    ["SENDER", inv.senderAccountId],
    ["RECEIVER", inv.receiverAccountId],
  ];
  const arn = invitationArn(inv.catalog, inv.id);
  return parties
    .filter(([, account]) => isPartnerAccount(account))
    .map(([participantType, account]) => {
      const engagementInvitation: Record<string, unknown> = {
        arn,
        id: inv.id,
        engagementId: inv.engagementId,
        participantType,
        senderAccountId: inv.senderAccountId,
        receiverAccountId: inv.receiverAccountId,
        payloadType: inv.payloadType,
      };
      if (type === "Engagement Invitation Created") {
        engagementInvitation.senderCompanyName = inv.senderCompanyName;
        engagementInvitation.expirationDate = isoTime(inv.expirationDate);
      }
      return envelope(account, inv.catalog, time, type, [arn], {
        schemaVersion: "1.0",
        catalog: inv.catalog,
        engagementInvitation,
      });
    });
}

/** Engagement Member Added, to every partner member (the new one included). */
export function memberAddedEvents(
  members: readonly MemberRecord[],
  added: MemberRecord,
  time: number,
): NewEvent[] {
  const arn = engagementArn(added.catalog, added.engagementId);
  return members
    .filter((m) => isPartnerAccount(m.accountId))
    .map((m) =>
      envelope(m.accountId, added.catalog, time, "Engagement Member Added", [arn], {
        catalog: added.catalog,
        engagement: { id: added.engagementId },
        engagementMember: { accountId: added.accountId, companyName: added.companyName },
      }),
    );
}

const contextTypes = (e: EngagementRecord) => [...new Set(e.contexts.map((c) => c.Type))];

/** Engagement Created, to its creator. */
export function engagementCreatedEvents(e: EngagementRecord): NewEvent[] {
  if (!isPartnerAccount(e.createdBy)) return [];
  const arn = engagementArn(e.catalog, e.id);
  return [
    envelope(e.createdBy, e.catalog, e.createdAt, "Engagement Created", [arn], {
      catalog: e.catalog,
      engagement: {
        engagementArn: arn,
        engagementId: e.id,
        CreatedAt: isoTime(e.createdAt),
        CreatedBy: e.createdBy,
        ContextTypes: contextTypes(e),
      },
    }),
  ];
}

/** Engagement Updated, to every partner member. */
export function engagementUpdatedEvents(e: EngagementRecord, members: readonly MemberRecord[]): NewEvent[] {
  const arn = engagementArn(e.catalog, e.id);
  return members
    .filter((m) => isPartnerAccount(m.accountId))
    .map((m) =>
      envelope(m.accountId, e.catalog, e.modifiedAt, "Engagement Updated", [arn], {
        catalog: e.catalog,
        engagement: {
          engagementArn: arn,
          engagementId: e.id,
          LastModifiedAt: isoTime(e.modifiedAt),
          LastModifiedBy: e.modifiedBy,
          ContextTypes: contextTypes(e),
        },
      }),
    );
}
