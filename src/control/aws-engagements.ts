import { ARN_KIND, resolveIdentifier } from "../domain/common/arns.js";
import { isCatalog } from "../domain/common/catalog.js";
import { updateContext } from "../domain/engagements/change-contexts.js";
import { AWS_ACTOR } from "../domain/invitations/send-from-aws.js";
import { notFound, type ValidationIssue, validationError } from "../errors.js";
import type { Services } from "../services.js";
import type { Catalog } from "../store/records.js";
import { isoTime } from "../util/clock.js";
import { validateBody } from "./json-body.js";

const CONTEXT_SHAPES = { Type: "EngagementContextType", Payload: "UpdateEngagementContextPayload" } as const;

/**
 * `POST /_pclocal/aws/engagements/context`: AWS updates a context of an engagement it is a
 * member of (e.g. a lead it referred), which sends Engagement Updated to the partner members.
 * Body: `{Catalog, EngagementIdentifier, ContextIdentifier, Type, Payload}` with `Payload` an
 * `UpdateEngagementContextPayload`.
 */
export async function updateContextAsAws(body: Record<string, unknown>, services: Services) {
  const { Catalog, EngagementIdentifier, ContextIdentifier, Type } = body;
  const issues: ValidationIssue[] = [];
  if (!isCatalog(Catalog))
    issues.push({ FieldName: "catalog", Message: "Catalog must be AWS or Sandbox", Code: "INVALID_VALUE" });
  const identifiers: [string, unknown][] = [
    ["engagementIdentifier", EngagementIdentifier],
    ["contextIdentifier", ContextIdentifier],
  ];
  for (const [field, value] of identifiers) {
    if (typeof value !== "string")
      issues.push({ FieldName: field, Message: "Field is required", Code: "REQUIRED_FIELD_MISSING" });
  }
  const { issues: shapeIssues, values } = validateBody(CONTEXT_SHAPES, body);
  issues.push(...shapeIssues);
  if (issues.length > 0) throw validationError(issues);

  const catalog = Catalog as Catalog;
  return services.store.transaction(async (tx) => {
    const id = resolveIdentifier(EngagementIdentifier as string, catalog, ARN_KIND.engagement);
    const engagement = id ? await tx.engagements.get(catalog, id) : undefined;
    if (!engagement || !id || !(await tx.members.get(catalog, id, AWS_ACTOR.accountId))) {
      throw notFound(`AWS is not a member of an engagement ${String(EngagementIdentifier)}.`);
    }
    const now = services.clock.now();
    const changed = await updateContext(
      tx,
      engagement,
      ContextIdentifier as string,
      Type as string,
      values.Payload as Record<string, unknown>,
      AWS_ACTOR.accountId,
      now,
    );
    return {
      EngagementId: changed.id,
      ContextId: ContextIdentifier,
      EngagementLastModifiedAt: isoTime(changed.modifiedAt),
    };
  });
}
