import { isCatalog } from "../domain/common/catalog.js";
import { contextTypeIssues } from "../domain/engagements/contexts.js";
import { type AwsInvitationRequest, sendInvitationFromAws } from "../domain/invitations/send-from-aws.js";
import { type ValidationIssue, validationError } from "../errors.js";
import type { Services } from "../services.js";
import { wireTimeMs } from "../util/clock.js";
import { normalizeShape, validateShape } from "../validation/validate.js";
import { validateBody } from "./json-body.js";

const PAYLOAD_SHAPES = {
  OpportunityInvitation: "OpportunityInvitationPayload",
  LeadInvitation: "LeadInvitationPayload",
} as const;

/** The optional members the model types, each checked against (and normalized by) its shape. */
const OPTIONAL_MEMBERS = {
  EngagementTitle: "EngagementTitle",
  EngagementDescription: "EngagementDescription",
  InvitationMessage: "InvitationMessage",
  ExpirationDate: "DateTime",
  Context: "EngagementContextDetails",
  EnrichmentContext: "EnrichmentContext",
} as const;

/**
 * `POST /_pclocal/aws/engagement-invitations`: AWS refers an opportunity or a lead to a partner.
 * The body is checked against the model's shapes, like an API request.
 */
export async function sendAwsInvitation(body: Record<string, unknown>, services: Services) {
  const issues: ValidationIssue[] = [];
  const issue = (FieldName: string, Message: string, Code: ValidationIssue["Code"] = "INVALID_VALUE") =>
    issues.push({ FieldName, Message, Code });

  const { Catalog, ReceiverAwsAccountId, PayloadType, Payload } = body;
  if (!isCatalog(Catalog)) issue("catalog", "Catalog must be AWS or Sandbox", "REQUIRED_FIELD_MISSING");
  const receiver =
    typeof ReceiverAwsAccountId === "string"
      ? services.accounts.byAccountId(ReceiverAwsAccountId)
      : undefined;
  if (!receiver) issue("receiverAwsAccountId", "Must be the AwsAccountId of a registered partner account");
  const payloadType =
    PayloadType === "OpportunityInvitation" || PayloadType === "LeadInvitation" ? PayloadType : undefined;
  if (!payloadType)
    issue("payloadType", "Must be OpportunityInvitation or LeadInvitation", "INVALID_ENUM_VALUE");
  // Accept the union ({"OpportunityInvitation": {...}}) or its member alone.
  const wrapped = Payload as Record<string, unknown> | undefined;
  const payload = (
    wrapped && typeof wrapped === "object" && payloadType && payloadType in wrapped
      ? wrapped[payloadType]
      : wrapped
  ) as Record<string, unknown> | undefined;
  if (!payload || typeof payload !== "object")
    issue("payload", "Payload is required", "REQUIRED_FIELD_MISSING");
  else if (payloadType) issues.push(...validateShape(PAYLOAD_SHAPES[payloadType], payload, "payload"));

  const optional = validateBody(OPTIONAL_MEMBERS, body);
  issues.push(...optional.issues);
  const { Context, EnrichmentContext, ExpirationDate } = optional.values;
  if (body.Context !== undefined)
    issues.push(
      ...contextTypeIssues([body.Context as { Type?: string }], "context").map((i) => ({
        ...i,
        FieldName: i.FieldName?.replace("context[0]", "context"),
      })),
    );
  if (issues.length > 0 || !payloadType) throw validationError(issues);

  // One reading of the clock: the invitation date and its default expiry are exactly 15 days apart.
  const now = services.clock.now();
  const request: AwsInvitationRequest = {
    catalog: Catalog as AwsInvitationRequest["catalog"],
    now,
    receiverAccountId: receiver!.awsAccountId,
    receiverAlias: receiver!.alias,
    payloadType,
    // Only the model's members are kept: unknown ones (however deep) are never stored or echoed.
    payload: normalizeShape(PAYLOAD_SHAPES[payloadType], payload) as Record<string, unknown>,
    engagementTitle: optional.values.EngagementTitle as string | undefined,
    engagementDescription: optional.values.EngagementDescription as string | undefined,
    invitationMessage: optional.values.InvitationMessage as string | undefined,
    expirationDate:
      ExpirationDate === undefined ? now + services.settings.invitationTtlMs : wireTimeMs(ExpirationDate),
    context: Context as AwsInvitationRequest["context"],
    enrichmentContext: EnrichmentContext as Record<string, unknown> | undefined,
  };
  return services.store.transaction((tx) => sendInvitationFromAws(tx, request));
}
