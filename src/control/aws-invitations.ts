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

const OPTIONAL_STRINGS = {
  EngagementTitle: "EngagementTitle",
  EngagementDescription: "EngagementDescription",
  InvitationMessage: "InvitationMessage",
} as const;

/**
 * `POST /_pclocal/aws/engagement-invitations`: AWS refers an opportunity or a lead to a partner.
 * The body is checked against the model's shapes, like an API request.
 */
export async function sendAwsInvitation(body: Record<string, unknown>, services: Services) {
  const issues: ValidationIssue[] = [];
  const issue = (FieldName: string, Message: string, Code: ValidationIssue["Code"] = "INVALID_VALUE") =>
    issues.push({ FieldName, Message, Code });

  const { Catalog, ReceiverAwsAccountId, PayloadType, Payload, ExpirationDate, Context, EnrichmentContext } =
    body;
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

  issues.push(...validateBody(OPTIONAL_STRINGS, body).issues);
  // One reading of the clock: the invitation date and its default expiry are exactly 15 days apart.
  const now = services.clock.now();
  let expirationDate = now + services.settings.invitationTtlMs;
  if (ExpirationDate !== undefined) {
    const found = validateShape("DateTime", ExpirationDate, "expirationDate");
    if (found.length === 0) expirationDate = wireTimeMs(ExpirationDate);
    issues.push(...found);
  }
  if (Context !== undefined) {
    issues.push(...validateShape("EngagementContextDetails", Context, "context"));
    issues.push(
      ...contextTypeIssues([Context as { Type?: string }], "context").map((i) => ({
        ...i,
        FieldName: i.FieldName?.replace("context[0]", "context"),
      })),
    );
  }
  issues.push(...validateShape("EnrichmentContext", EnrichmentContext, "enrichmentContext"));
  if (issues.length > 0 || !payloadType) throw validationError(issues);

  const request: AwsInvitationRequest = {
    catalog: Catalog as AwsInvitationRequest["catalog"],
    now,
    receiverAccountId: receiver!.awsAccountId,
    receiverAlias: receiver!.alias,
    payloadType,
    // Only the model's members are kept: unknown ones (however deep) are never stored or echoed.
    payload: normalizeShape(PAYLOAD_SHAPES[payloadType], payload) as Record<string, unknown>,
    engagementTitle: body.EngagementTitle as string | undefined,
    engagementDescription: body.EngagementDescription as string | undefined,
    invitationMessage: body.InvitationMessage as string | undefined,
    expirationDate,
    context:
      Context === undefined
        ? undefined
        : (normalizeShape("EngagementContextDetails", Context) as AwsInvitationRequest["context"]),
    enrichmentContext:
      EnrichmentContext == null
        ? undefined
        : (normalizeShape("EnrichmentContext", EnrichmentContext) as Record<string, unknown>),
  };
  return services.store.transaction((tx) => sendInvitationFromAws(tx, request));
}
