import type { StoreTx } from "../../store/port.js";
import type { Catalog, EngagementContextRecord, InvitationRecord } from "../../store/records.js";
import { newEngagementId } from "../../util/ids.js";
import { engagementArn, invitationArn } from "../common/arns.js";
import { type Doc, obj } from "../common/doc.js";
import { numberContexts } from "../engagements/contexts.js";
import { deriveEnrichment } from "./enrichment.js";
import { issueInvitation } from "./issue-invitation.js";

/** How AWS appears as a member and a sender. */
export const AWS_ACTOR = { accountId: "aws", companyName: "AWS", websiteUrl: "www.aws.com" } as const;

/** What AWS's sandbox referrals say (observed on AWS-originated referral invitations). */
export const AWS_REFERRAL_MESSAGE =
  "This invite is for an AWS originated referral. Accepting this invitation will create an AWS originated opportunity in your pipeline.";

export interface AwsInvitationRequest {
  catalog: Catalog;
  now: number;
  receiverAccountId: string;
  receiverAlias?: string;
  payloadType: InvitationRecord["payloadType"];
  payload: Record<string, unknown>;
  engagementTitle?: string;
  engagementDescription?: string;
  invitationMessage?: string;
  expirationDate: number;
  /** An `EngagementContextDetails`; derived from the payload when absent. */
  context?: { Type: string; Payload?: Record<string, unknown> };
  /** An `EnrichmentContext` used as given (`{}`: none); derived from the payload when absent. */
  enrichmentContext?: Record<string, unknown>;
}

const truncate = (s: string, n: number) => [...s].slice(0, n).join("");
const defined = (d: Doc): Doc => Object.fromEntries(Object.entries(d).filter(([, v]) => v !== undefined));

function deriveTitle(r: AwsInvitationRequest): string {
  const p = r.payload;
  const title =
    r.payloadType === "OpportunityInvitation"
      ? String(obj(p.Project).Title ?? "")
      : `Lead: ${String(obj(p.Customer).CompanyName ?? "")}`;
  return truncate(title || "AWS engagement", 40);
}

/** The context AWS attaches when the caller of the control plane gives none. */
function deriveContext(r: AwsInvitationRequest): { Type: string; Payload: Doc } {
  const p = r.payload;
  if (r.payloadType === "OpportunityInvitation") {
    const project = obj(p.Project);
    return {
      Type: "CustomerProject",
      Payload: {
        CustomerProject: {
          Customer: p.Customer,
          Project: {
            Title: project.Title,
            BusinessProblem: project.BusinessProblem,
            TargetCompletionDate: project.TargetCompletionDate,
          },
        },
      },
    };
  }
  // A lead invitation names the customer and the contact's title only; the rest of the lead
  // (names, e-mail, address) is AWS's to reveal through a Context given to the control plane.
  const customer = obj(p.Customer);
  const interaction = obj(p.Interaction);
  const title = interaction.ContactBusinessTitle;
  return {
    Type: "Lead",
    Payload: {
      Lead: {
        QualificationStatus: "Unqualified",
        Customer: defined({
          Industry: customer.Industry,
          CompanyName: customer.CompanyName,
          WebsiteUrl: customer.WebsiteUrl,
          Address: customer.CountryCode === undefined ? undefined : { CountryCode: customer.CountryCode },
          AwsMaturity: customer.AwsMaturity,
          MarketSegment: customer.MarketSegment,
        }),
        Interactions: [
          defined({
            SourceType: interaction.SourceType,
            SourceId: interaction.SourceId,
            SourceName: interaction.SourceName,
            Usecase: interaction.Usecase,
            InteractionDate: new Date(r.now).toISOString(),
            Contact: typeof title === "string" && title !== "" ? { BusinessTitle: title } : {},
          }),
        ],
      },
    },
  };
}

function enrichmentOf(r: AwsInvitationRequest): Record<string, unknown> | undefined {
  if (r.enrichmentContext === undefined) return { ...deriveEnrichment(r.payloadType, r.payload) };
  return Object.keys(r.enrichmentContext).length > 0 ? r.enrichmentContext : undefined;
}

/**
 * AWS refers a customer: it creates an engagement it owns (AWS its only member, holding the
 * context) and invites the partner, who sees only the invitation payload until accepting.
 */
export async function sendInvitationFromAws(tx: StoreTx, r: AwsInvitationRequest) {
  const engagementId = newEngagementId();
  const contexts: EngagementContextRecord[] = numberContexts([], [r.context ?? deriveContext(r)]);
  const engagement = {
    catalog: r.catalog,
    id: engagementId,
    title: r.engagementTitle ?? deriveTitle(r),
    description: r.engagementDescription,
    createdAt: r.now,
    createdBy: AWS_ACTOR.accountId,
    modifiedAt: r.now,
    modifiedBy: AWS_ACTOR.accountId,
    contexts,
  };
  await tx.engagements.put(engagement);
  await tx.members.add({
    catalog: r.catalog,
    engagementId,
    accountId: AWS_ACTOR.accountId,
    companyName: AWS_ACTOR.companyName,
    websiteUrl: AWS_ACTOR.websiteUrl,
    joinedAt: r.now,
    engagementCreatedAt: r.now,
  });

  const invitation = await issueInvitation(tx, {
    catalog: r.catalog,
    now: r.now,
    engagement,
    senderAccountId: AWS_ACTOR.accountId,
    senderCompanyName: AWS_ACTOR.companyName,
    receiverAccountId: r.receiverAccountId,
    receiverAlias: r.receiverAlias,
    payloadType: r.payloadType,
    payload: r.payload,
    invitationMessage:
      r.invitationMessage ?? (r.payloadType === "OpportunityInvitation" ? AWS_REFERRAL_MESSAGE : undefined),
    expirationDate: r.expirationDate,
    enrichmentContext: enrichmentOf(r),
  });
  return {
    Id: invitation.id,
    Arn: invitationArn(r.catalog, invitation.id),
    EngagementId: engagementId,
    EngagementArn: engagementArn(r.catalog, engagementId),
  };
}
